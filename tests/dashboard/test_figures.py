"""Figure builders of dashboard/figures.py on the paper's real evaluation."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from anp_core import evaluate
from dashboard import figures, palette
from dashboard.figures import cluster_colors, cluster_styles, fmt_judgment
from dashboard.text import plot_text


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


def _label(ev, fid, styles):
    return f"{plot_text(ev.model.label(fid))} {styles[ev.model.cluster_of[fid]].glyph}"


def test_composite_bar_has_20_bars_sorted_coloured_and_shaped_by_cluster(ev, table, cnames):
    styles = cluster_styles(ev.model)
    fig = figures.composite_bar(table, styles, cluster_names=cnames, baseline=ev.composite)
    bars = _bars(fig)
    assert len(bars) == 6  # one trace per cluster, so the legend names the clusters
    assert {b.name for b in bars} == {f"{styles[c].glyph} {plot_text(n)}" for c, n in cnames.items()}
    assert sum(len(b.x) for b in bars) == 20
    # values and colours equal the evaluation's, factor by factor; each label ends with its cluster's glyph
    label_to_id = {_label(ev, f, styles): f for f in ev.model.node_ids}
    for b in bars:
        cid = next(k for k, v in cnames.items() if b.name == f"{styles[k].glyph} {plot_text(v)}")
        assert b.marker.color == styles[cid].colour
        for name, x in zip(b.y, b.x, strict=True):
            fid = label_to_id[name]
            assert ev.model.cluster_of[fid] == cid
            assert name.endswith(styles[cid].glyph)
            assert x == pytest.approx(ev.composite[fid], abs=1e-15)
    # the y axis lists factors from the largest (top) to the smallest (bottom)
    order = list(fig.layout.yaxis.categoryarray)[::-1]
    expected = [_label(ev, f, styles) for f in ev.composite.sort_values(ascending=False, kind="stable").index]
    assert order == expected
    values = [ev.composite[label_to_id[n]] for n in order]
    assert values == sorted(values, reverse=True)
    assert order[0] == "Government regulation ●"
    # baseline ticks
    base = next(t for t in fig.data if t.type == "scatter")
    assert len(base.x) == 20


def test_composite_bar_follows_new_weights(ev, cnames):
    ev2 = ev.reweighted({"political": 1.0})
    fig = figures.composite_bar(ev2.table(), cluster_styles(ev.model), cluster_names=cnames)
    order = list(fig.layout.yaxis.categoryarray)[::-1]
    assert order[2].startswith(
        "Product &amp; brand"
    )  # 5th in the paper, 3rd under the political criterion alone


def test_composite_bar_notes_sit_beside_their_bars_only(ev, table, cnames):
    styles = cluster_styles(ev.model)
    notes = {"government_regulation": "Policy coordination", "not_a_node": "x"}
    fig = figures.composite_bar(table, styles, notes=notes, notes_name="Named in a difficulty")
    (marks,) = [t for t in fig.data if t.name == "Named in a difficulty"]
    assert list(marks.text) == ["Policy coordination"]
    assert list(marks.y) == [_label(ev, "government_regulation", styles)]
    assert marks.x[0] > ev.composite["government_regulation"]
    assert fig.layout.xaxis.range[1] > marks.x[0]
    plain = figures.composite_bar(table, styles)
    assert not [t for t in plain.data if t.type == "scatter"]


def test_cluster_sunburst_sectors_values_and_colours(ev, table, cnames):
    styles = cluster_styles(ev.model)
    colors = {c: s.colour for c, s in styles.items()}
    fig = figures.cluster_sunburst(table, styles, cluster_names=cnames)
    (sb,) = fig.data
    assert sb.type == "sunburst"
    assert len(sb.ids) == 6 + 20
    parents = list(sb.parents)
    assert parents.count("") == 6
    values = dict(zip(sb.ids, sb.values, strict=True))
    for fid, value in ev.composite.items():
        cid = ev.model.cluster_of[fid]
        assert values[f"{cid}/{fid}"] == pytest.approx(value)
    assert sb.branchvalues == "remainder"
    marker = dict(zip(sb.ids, sb.marker.colors, strict=True))
    assert marker["credit_risk"] == colors["credit_risk"]
    r, g, b = (int(colors["payment"][i : i + 2], 16) for i in (1, 3, 5))
    assert marker["payment/electronic_payment"] == f"rgba({r},{g},{b},0.55)"  # payment's colour, lighter
    labels = dict(zip(sb.ids, sb.labels, strict=True))
    assert labels["payment"] == f"{styles['payment'].glyph} {plot_text(cnames['payment'])}"
    # cluster shares are in the hover text and equal the evaluation's
    hover = dict(zip(sb.ids, sb.hovertext, strict=True))
    share = ev.cluster_weights["credit_risk"]
    assert f"{share:.3f}" in hover["credit_risk"]


def test_priorities_bar_values_equal_the_matrix_priorities(paper_model):
    from anp_core import PairwiseMatrix

    comp = paper_model.comparison_by_key[("policy", "nodes", "policy", "credit_risk")]
    pm = PairwiseMatrix(comp.matrix, comp.elements)
    labels = [paper_model.label(e) for e in comp.elements]
    fig = figures.priorities_bar(labels, pm.priorities(), color="#1f77b4")
    (bar,) = _bars(fig)
    assert list(bar.y) == labels
    np.testing.assert_allclose(bar.x, pm.priorities())
    assert bar.marker.color == "#1f77b4"
    assert list(fig.layout.yaxis.categoryarray) == labels[::-1]  # first element on top


def test_criterion_weights_bar(paper_model):
    w = {"policy": 0.5, "economic": 0.3, "political": 0.2}
    fig = figures.criterion_weights_bar(w, {"policy": "Policy"}, baseline={"policy": 0.422})
    bar = _bars(fig)[0]
    assert list(bar.x) == [0.5, 0.3, 0.2]
    assert list(bar.y) == ["Policy", "economic", "political"]


def test_matrix_heatmap_shows_off_scale_values_as_they_are(paper_model):
    comp = paper_model.comparison_by_key[("policy", "nodes", "policy", "credit_risk")]
    labels = [paper_model.label(e) for e in comp.elements]
    fig = figures.matrix_heatmap(np.asarray(comp.matrix), labels, highlight=(0, 3))
    (hm,) = fig.data
    np.testing.assert_allclose(np.asarray(hm.z), np.log(np.asarray(comp.matrix)))
    assert hm.text[0][3] == "25.43"  # not clipped to 9
    assert hm.text[3][0] == "1/25.43"
    assert hm.text[1][1] == "1"
    assert list(hm.x) == ["1", "2", "3", "4"]
    assert hm.y[0] == "1. Government regulation"
    assert hm.hovertext[0][3] == "Government regulation over Insurance protection: 25.43"
    assert len(fig.layout.shapes) == 2  # the cell and its reciprocal
    assert {(s.x0, s.y0) for s in fig.layout.shapes} == {(2.5, -0.5), (-0.5, 2.5)}
    assert figures.matrix_heatmap(np.ones((2, 2)), ["a", "b"]).layout.shapes == ()


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.0, "1"), (3.0, "3"), (1 / 3, "1/3"), (25.428571, "25.43"), (2.1445783, "2.145"), (0.2, "1/5")],
)
def test_fmt_judgment(value, text):
    assert fmt_judgment(value) == text


def test_every_builder_makes_a_valid_plotly_figure(ev, table, cnames, paper_model):
    """The builders skip plotly's validation for speed; validate their output here."""
    import plotly.graph_objects as go

    styles = cluster_styles(paper_model)
    comp = paper_model.comparison_by_key[("policy", "nodes", "policy", "credit_risk")]
    built = [
        figures.composite_bar(table, styles, cluster_names=cnames, baseline=ev.composite),
        figures.composite_bar(table, styles, notes={"payment_security": "a note"}, notes_name="notes"),
        figures.cluster_sunburst(table, styles, cluster_names=cnames),
        figures.cluster_sunburst(table, styles, title=None),
        figures.criterion_weights_bar({"policy": 1.0}, baseline={"policy": 0.4}),
        figures.priorities_bar(["a", "b"], [0.6, 0.4]),
        figures.matrix_heatmap(np.asarray(comp.matrix), list(comp.elements), highlight=(0, 1)),
    ]
    for fig in built:
        valid = go.Figure(fig.to_dict())  # raises ValueError on any invalid property
        # chart text at AA contrast whatever Streamlit's plotly theme says (issue 15)
        assert valid.layout.font.color == palette.PLOT_TEXT
        for axis in (valid.layout.xaxis, valid.layout.yaxis):
            assert axis.tickfont.color == palette.PLOT_MUTED_TEXT
            assert axis.title.font.color == palette.PLOT_TEXT


def test_composite_bar_axis_holds_still_under_a_small_move_and_fits_every_bar(paper_model):
    """A slider move of 0.01 keeps the x axis (bars move against fixed ticks); the axis always fits the bars."""
    styles = cluster_styles(paper_model)
    ranges = []
    for political in (0.30, 0.31):
        weights = dict.fromkeys(paper_model.control_criteria, (1 - political) / 4)
        weights["political"] = political
        ev = evaluate(paper_model, weights)
        fig = figures.composite_bar(ev.table(), styles, baseline=evaluate(paper_model).composite)
        lo, hi = fig.layout.xaxis.range
        assert lo == 0
        assert hi >= 1.15 * max(max(b.x) for b in _bars(fig))
        ranges.append(hi)
    assert ranges[0] == ranges[1]


@pytest.mark.parametrize(
    ("x", "end"), [(0.161, 0.2), (0.0437, 0.045), (0.2, 0.2), (1.3, 1.5), (0.0, 1e-9), (float("nan"), 1e-9)]
)
def test_axis_end_rounds_up_to_half_a_decade(x, end):
    assert figures.axis_end(x) == pytest.approx(end)
