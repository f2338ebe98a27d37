"""Figure builders of dashboard/figures.py on the paper's real evaluation."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from anp_core import evaluate
from dashboard import figures, palette, plot_layout
from dashboard.figures import cluster_colors, cluster_styles, fmt_judgment


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


@pytest.fixture(scope="module")
def table(ev):
    return ev.table()


@pytest.fixture(scope="module")
def cnames(paper_model):
    return {c.id: c.name for c in paper_model.clusters}


def _bars(fig):
    return [t for t in fig.data if t.type == "bar"]


def test_cluster_styles_follow_the_models_cluster_order_and_the_palette(paper_model):
    styles = cluster_styles(paper_model)
    assert list(styles) == [c.id for c in paper_model.clusters]
    assert list(styles.values()) == list(palette.styles(6))
    assert len({s.colour for s in styles.values()}) == 6
    assert len({s.symbol for s in styles.values()}) == 6
    assert cluster_colors(paper_model) == {c: s.colour for c, s in styles.items()}


def test_cluster_styles_stay_distinct_past_eight_clusters():
    ids = [f"c{k}" for k in range(12)]
    model = SimpleNamespace(clusters=[SimpleNamespace(id=i) for i in ids])
    styles = cluster_styles(model)
    assert list(styles) == ids
    assert styles["c8"].colour == styles["c0"].colour  # colours cycle...
    assert len({(s.colour, s.symbol) for s in styles.values()}) == 12  # ...but never with the same symbol


def test_criterion_weights_bar(paper_model):
    w = {"policy": 0.5, "economic": 0.3, "political": 0.2}
    fig = figures.criterion_weights_bar(w, {"policy": "Policy"}, baseline={"policy": 0.422})
    bar = _bars(fig)[0]
    assert list(bar.x) == [0.5, 0.3, 0.2]
    assert list(bar.y) == ["Policy", "economic", "political"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1"),
        (3.0, "3"),
        (1 / 3, "1/3"),
        (25.428571, "25.43"),
        (2.1445783, "2.145"),
        (0.2, "1/5"),
        (0.99996, "1"),  # not 1/1
        (1.00004, "1"),
    ],
)
def test_fmt_judgment(value, text):
    assert fmt_judgment(value) == text


def test_every_builder_makes_a_valid_plotly_figure(ev, table, cnames, paper_model):
    """The builders skip plotly's validation for speed; validate their output here."""
    import plotly.graph_objects as go

    built = [
        figures.criterion_weights_bar({"policy": 1.0}, baseline={"policy": 0.4}),
    ]
    for fig in built:
        valid = go.Figure(fig.to_dict())  # raises ValueError on any invalid property
        # chart text at AA contrast whatever Streamlit's plotly theme says (issue 15)
        assert valid.layout.font.color == palette.PLOT_TEXT
        for axis in (valid.layout.xaxis, valid.layout.yaxis):
            assert axis.tickfont.color == palette.PLOT_MUTED_TEXT
            assert axis.title.font.color == palette.PLOT_TEXT


@pytest.mark.parametrize(
    ("x", "end"), [(0.161, 0.2), (0.0437, 0.045), (0.2, 0.2), (1.3, 1.5), (0.0, 1e-9), (float("nan"), 1e-9)]
)
def test_axis_end_rounds_up_to_half_a_decade(x, end):
    assert plot_layout.axis_end(x) == pytest.approx(end)
