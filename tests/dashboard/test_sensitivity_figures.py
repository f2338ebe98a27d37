"""Sensitivity figures (dashboard.sensitivity_figures): lines, crossings, tornado; valid plotly, unvalidated build."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from anp_core.sensitivity import crossings, lines, tornado
from dashboard import sensitivity_figures
from dashboard.figures import cluster_styles
from dashboard.palette import PLOT_TEXT
from dashboard.text import plot_text
from tests.support.paper import CRITERIA

# ----- sensitivity figure -----


def test_sensitivity_figure_draws_every_factor_the_current_weight_and_the_crossings(paper_model, ev, names):
    ln = lines(ev, "political")
    cross = crossings(ev, "political")
    fig = sensitivity_figures.sensitivity_figure(
        ln,
        names,
        paper_model.cluster_of,
        cluster_styles(paper_model),
        crossings=cross,
        criterion_label="political",
        highlight=["government_regulation"],
    )
    assert isinstance(fig, go.Figure)
    styles = cluster_styles(paper_model)
    factor_traces = [t for t in fig.data if t.name != "Crossings"]
    assert len(factor_traces) == 20
    assert {t.name for t in factor_traces} == {
        f"{styles[paper_model.cluster_of[f]].glyph} {plot_text(n)}" for f, n in names.items()
    }
    gr = next(t for t in factor_traces if t.name == "● Government regulation")
    np.testing.assert_allclose(gr.y, ln.at(np.asarray(gr.x))[:, 0])
    assert gr.line.color == styles["credit_risk"].colour
    # the cluster's symbol at both ends of the line, nothing in between
    assert gr.marker.symbol == styles["credit_risk"].symbol
    assert gr.marker.size[0] > 0
    assert gr.marker.size[-1] > 0
    assert not any(gr.marker.size[1:-1])
    assert gr.line.width > next(t for t in factor_traces if t.name == "● Insurance protection").line.width
    # the highlighted line is labelled at its right end, in the text colour
    (label,) = [a for a in fig.layout.annotations if a.text == "● Government regulation"]
    assert (label.x, label.xanchor, label.font.color) == (1.0, "left", PLOT_TEXT)
    assert label.y == pytest.approx(ln.at(np.array([1.0]))[0, 0])
    (marks,) = [t for t in fig.data if t.name == "Crossings"]
    np.testing.assert_allclose(marks.x, [c.t for c in cross])
    np.testing.assert_allclose(marks.y, [c.value for c in cross])
    assert marks.hovertext[0] == plot_text(cross[0].sentence(names, "political"))
    (vline,) = fig.layout.shapes
    assert vline.x0 == vline.x1 == pytest.approx(0.181)
    assert "political weight" in fig.layout.title.text
    assert list(fig.layout.xaxis.range) == [0, 1]


def test_sensitivity_figure_legend_groups_by_cluster(paper_model, ev, names):
    fig = sensitivity_figures.sensitivity_figure(
        lines(ev, "economic"),
        names,
        paper_model.cluster_of,
        cluster_styles(paper_model),
        cluster_names={c.id: c.name for c in paper_model.clusters},
    )
    titles = [t.legendgrouptitle.text for t in fig.data if t.legendgrouptitle and t.legendgrouptitle.text]
    styles = cluster_styles(paper_model)
    assert sorted(titles) == sorted(f"{styles[c.id].glyph} {plot_text(c.name)}" for c in paper_model.clusters)
    assert not [t for t in fig.data if t.name == "Crossings"]


# ----- tornado -----


def panels(fig: go.Figure) -> dict[str, list[tuple[str, float, float]]]:
    """Each panel's title -> its rows top down: (criterion label, lowered bar, raised bar)."""
    low, high = fig.data
    label = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    titles = sorted(fig.layout.annotations, key=lambda a: a.y)
    out: dict[str, list[tuple[str, float, float]]] = {a.text: [] for a in titles}
    for y, x_low, x_high, hover in zip(low.y, low.x, high.x, low.hovertext, strict=True):
        assert hover == label[y]
        title = [a.text for a in titles if a.y < y][-1]  # the nearest title above (the axis is reversed)
        out[title].append((label[y], x_low, x_high))
    return out


@pytest.mark.parametrize("n", [1, 3, 5])
def test_tornado_figure_has_a_panel_per_factor_and_bars_relative_to_the_base(ev, names, n):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    table = tornado(ev, 0.1, top)
    crit = {c: c.title() for c in CRITERIA}
    fig = sensitivity_figures.tornado_figure(table, names, crit, 0.1, factors=top)
    assert len(fig.data) == 2  # one trace per kind of bar, whatever the number of panels
    low, high = fig.data
    assert low.marker.pattern.shape == "/"
    assert not high.marker.pattern.shape
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1], "first panel on top"
    found = panels(fig)
    assert [t.split(" (")[0] for t in found] == [plot_text(names[f]) for f in top]
    for f, (title, rows) in zip(top, found.items(), strict=True):
        sub = table[table["factor"] == f].set_index("criterion")
        assert title.endswith(f"(composite {sub['base'].iloc[0]:.4f})")
        assert sorted(r[0] for r in rows) == sorted(crit.values())
        for label, x_low, x_high in rows:
            c = next(k for k, v in crit.items() if v == label)
            assert x_low == pytest.approx(sub.loc[c, "low"] - sub.loc[c, "base"])
            assert x_high == pytest.approx(sub.loc[c, "high"] - sub.loc[c, "base"])
        swings = [abs(h - lo) for _, lo, h in rows]
        assert swings == sorted(swings, reverse=True), "largest swing on top"
    # every panel has its own zero line, spanning its rows only
    assert len(fig.layout.shapes) == n
    assert all(s.x0 == s.x1 == 0 for s in fig.layout.shapes)
    assert "±0.1" in fig.layout.title.text


# ----- the Sensitivity figures are built unvalidated: check they are what plotly would build -----


def as_json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("criterion", CRITERIA)
def test_sensitivity_figure_is_valid_and_unchanged_by_validation(paper_model, ev, names, criterion):
    """The builder skips plotly's validation for speed: validating its output must change nothing."""
    fig = sensitivity_figures.sensitivity_figure(
        lines(ev, criterion),
        names,
        paper_model.cluster_of,
        cluster_styles(paper_model),
        crossings=crossings(ev, criterion),
        criterion_label=criterion,
        cluster_names={c.id: c.name for c in paper_model.clusters},
        highlight=["government_regulation", "electronic_payment"],
    )
    validated = go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    assert as_json(fig) == as_json(validated)


@pytest.mark.parametrize("n", [1, 2, 5, 10])
@pytest.mark.parametrize("delta", [0.01, 0.3])
def test_tornado_figure_is_valid_and_unchanged_by_validation(ev, names, n, delta):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    fig = sensitivity_figures.tornado_figure(
        tornado(ev, delta, top), names, {c: c.title() for c in CRITERIA}, delta, factors=top
    )
    assert len(fig.data) == 2
    assert as_json(fig) == as_json(go.Figure(fig.to_dict()))


def test_sensitivity_figures_carry_the_plotly_white_template_itself(paper_model, ev, names):
    # unvalidated, a template *name* would reach plotly.js as a string it ignores
    white = json.loads(json.dumps(pio.templates["plotly_white"].to_plotly_json()))
    top = ["government_regulation"]
    built = [
        sensitivity_figures.sensitivity_figure(lines(ev, "policy"), names, paper_model.cluster_of, {}),
        sensitivity_figures.tornado_figure(tornado(ev, 0.1, top), names, {}, 0.1, factors=top),
    ]
    for fig in built:
        template = as_json(fig)["layout"]["template"]
        assert template["layout"] == {k: v for k, v in white["layout"].items() if k in template["layout"]}
        for part in ("xaxis", "yaxis", "font", "colorway", "hoverlabel", "paper_bgcolor", "plot_bgcolor"):
            assert template["layout"][part] == white["layout"][part]
        # the defaults of every trace type drawn (the tornado's hatching comes from the bar's)
        for kind in {trace.type for trace in fig.data}:
            assert template["data"][kind] == white["data"][kind]


def test_current_weight_marker_is_what_add_vline_draws(paper_model, ev, names):
    ln = lines(ev, "political")
    fig = sensitivity_figures.sensitivity_figure(ln, names, paper_model.cluster_of, {})
    ref = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    ref.add_vline(
        x=ln.current,
        line={"color": sensitivity_figures.CURRENT_LINE, "width": 2, "dash": "dash"},
        annotation={
            "text": f"current {ln.current:.3f}",
            "font": {"color": PLOT_TEXT},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        annotation_position="top right",
    )
    layout, expected = as_json(fig)["layout"], as_json(ref)["layout"]
    assert layout["shapes"] == expected["shapes"]
    assert layout["annotations"] == expected["annotations"]  # no line highlighted: no end labels


def test_only_the_chosen_factors_are_drawn(paper_model, ev, names):
    chosen = ["government_regulation", "product_brand"]
    fig = sensitivity_figures.sensitivity_figure(
        lines(ev, "policy"), names, paper_model.cluster_of, {}, factors=chosen
    )
    glyph = sensitivity_figures.NEUTRAL.glyph  # no style given: the neutral one
    assert sorted(t.name for t in fig.data) == sorted(f"{glyph} {plot_text(names[f])}" for f in chosen)


def test_end_labels_are_kept_apart():
    heights = sensitivity_figures._spread([0.30, 0.301, 0.299, 0.1], 0.02, 0.0)
    ordered = sorted(heights, reverse=True)
    assert all(a - b >= 0.02 - 1e-12 for a, b in itertools.pairwise(ordered))
    assert heights[3] == pytest.approx(0.1)  # far from the others: where its line ends
    assert min(sensitivity_figures._spread([0.01, 0.0, 0.005], 0.02, 0.0)) >= 0.0


@pytest.mark.parametrize("n_criteria", [1, 3, 5])
def test_tornado_rows_keep_their_size_whatever_the_number_of_criteria(n_criteria):
    """A bar is 0.8 of a row (not of the gap between panels), and the height follows the rows."""
    crits = [f"c{k}" for k in range(n_criteria)]
    table = pd.DataFrame(
        [
            {
                "criterion": c,
                "factor": f,
                "weight_low": 0.1,
                "weight_high": 0.3,
                "low": 0.2 - i / 100,
                "base": 0.2,
                "high": 0.21,
            }
            for f in ("a", "b")
            for i, c in enumerate(crits)
        ]
    )
    fig = sensitivity_figures.tornado_figure(table, {"a": "A", "b": "B"}, {}, 0.1)
    assert [t.width for t in fig.data] == [0.8, 0.8]
    assert fig.layout.height == 110 + 60 * 2 + 26 * 2 * n_criteria
    ys = sorted(fig.data[0].y)
    titles = sorted(a.y for a in fig.layout.annotations)
    # the second panel's title sits between the panels' rows, clear of both
    assert ys[n_criteria - 1] + 0.4 < titles[1] < ys[n_criteria] - 0.4
