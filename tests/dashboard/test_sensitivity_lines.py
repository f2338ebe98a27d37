"""The Sensitivity page's lines chart (dashboard.sensitivity_lines): valid Vega-Lite, the engine's lines, crossings."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from anp_core.sensitivity import crossings, lines
from dashboard import sensitivity_lines
from dashboard.figures import cluster_styles
from dashboard.palette import PLOT_BACKGROUND, Style
from dashboard.vega_charts import VegaChart, wrap_label
from tests.support.vega import valid_vega_lite


def kind(chart, k: str) -> pd.DataFrame:
    return chart.data.to_pandas()[chart.data.to_pandas()["kind"] == k]


def layer(chart, test: str) -> dict:
    """The layer whose first filter is ``test``."""
    return next(la for la in chart.spec["layer"] if la["transform"][0]["filter"] == test)


def test_lines_chart_draws_every_factor_the_current_weight_and_the_crossings(paper_model, ev, names):
    ln = lines(ev, "political")
    cross = crossings(ev, "political")
    styles = cluster_styles(paper_model)
    chart = sensitivity_lines.lines_chart(
        ln,
        names,
        paper_model.cluster_of,
        styles,
        crossings=cross,
        criterion_label="political",
        cluster_names={c.id: c.name for c in paper_model.clusters},
        highlight=["government_regulation"],
    )
    assert isinstance(chart, VegaChart)
    valid_vega_lite(chart)
    drawn = kind(chart, "line")
    assert len(drawn) == 20  # one row per line: the browser makes its points (checked in tests/browser)
    # legend entries: glyph and name, long ones on two lines
    entries = {wrap_label(f"{styles[paper_model.cluster_of[f]].glyph} {n}", 34) for f, n in names.items()}
    assert set(drawn["series"]) == entries
    assert "▲ Cross-border investment and\nfinancing" in entries
    # each line is the engine's line: a + b t
    (gr,) = drawn[drawn["factor"] == "Government regulation"].itertuples()
    k = ln.factor_ids.index("government_regulation")
    assert (gr.a, gr.b) == pytest.approx((ln.intercept[k], ln.slope[k]))
    assert gr.cluster == f"● {paper_model.label('credit_risk')}"
    # drawn from two points (0 and 1); the pointer finds samples every 1 / (SAMPLES - 1)
    made = [
        (la["mark"]["type"], la["transform"][3]["calculate"])
        for la in chart.spec["layer"]
        if la["transform"][0]["filter"] == "datum.kind == 'line'"
    ]
    last = sensitivity_lines.SAMPLES - 1  # 20 lines: a sample every 0.02
    assert made == [("line", "datum.t / 1"), ("point", "datum.t / 1"), ("point", f"datum.t / {last}")]
    assert sensitivity_lines._points(4)[-1] == {"calculate": "datum.a + datum.b * datum.t", "as": "value"}
    # its cluster's colour, and the cluster's shape at both ends of the line
    colour = layer(chart, "datum.kind == 'line'")["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"], strict=True))["● Government regulation"] == (
        styles["credit_risk"].colour
    )
    ends = next(la for la in chart.spec["layer"] if "shape" in la["encoding"])["encoding"]["shape"]["scale"]
    assert dict(zip(ends["domain"], ends["range"], strict=True))["● Government regulation"] == "circle"
    # the highlighted line is thick, the others faded, and it alone is labelled at its right end
    assert gr.strong
    assert not drawn[drawn["factor"] == "Insurance protection"]["strong"].any()
    (label,) = kind(chart, "label").itertuples()
    assert (label.label, label.t) == ("● Government regulation", 1.0)
    assert label.value == pytest.approx(ln.at(np.array([1.0]))[0, 0])
    marks = kind(chart, "cross")
    np.testing.assert_allclose(marks["t"], [c.t for c in cross])
    np.testing.assert_allclose(marks["value"], [c.value for c in cross])
    assert marks["sentence"].iloc[0] == cross[0].sentence(names, "political")
    # the sample nearest the pointer is shown and named
    (hover,) = [la for la in chart.spec["layer"] if "params" in la]
    assert hover["params"][0]["select"]["nearest"] is True
    assert [t["field"] for t in hover["encoding"]["tooltip"]] == ["factor", "cluster", "t", "value"]
    (current,) = kind(chart, "current").itertuples()
    assert current.t == pytest.approx(0.181)
    assert current.label == "current 0.181"
    assert "political weight" in chart.title
    assert " ".join(chart.spec["title"]["text"]) == chart.title  # a long title on two lines
    # the legend's title names the clusters and the crossings' mark
    legend = layer(chart, "datum.kind == 'line'")["encoding"]["color"]["legend"]
    key = " ".join(legend["title"])
    assert key.startswith("Clusters: ")
    for c in paper_model.clusters:
        assert f"{styles[c.id].glyph} {c.name}" in key
    assert key.endswith("× a crossing")
    assert "containerSize()" in legend["columns"]["expr"]  # fewer columns on a narrow page
    # a screen reader hears a crossing's sentence, and a line's factor
    assert layer(chart, "datum.kind == 'cross'")["encoding"]["description"] == {"field": "sentence"}
    assert layer(chart, "datum.kind == 'line'")["encoding"]["description"] == {"field": "factor"}
    # the current weight is drawn first, under the lines and their end markers
    assert chart.spec["layer"][0]["transform"][0]["filter"] == "datum.kind == 'current'"
    assert layer(chart, "datum.kind == 'line'")["encoding"]["x"]["scale"]["domain"] == [0, 1]


def test_lines_chart_legend_groups_by_cluster_with_a_dash_per_factor(paper_model, ev, names):
    styles = cluster_styles(paper_model)
    ln = lines(ev, "economic")
    chart = sensitivity_lines.lines_chart(ln, names, paper_model.cluster_of, styles)
    valid_vega_lite(chart)
    encoding = layer(chart, "datum.kind == 'line'")["encoding"]
    domain = encoding["color"]["scale"]["domain"]
    assert encoding["strokeDash"]["scale"]["domain"] == domain
    assert encoding["color"]["legend"] == encoding["strokeDash"]["legend"]  # one legend: colour and dash
    by_label = {wrap_label(f"{styles[paper_model.cluster_of[f]].glyph} {n}", 34): f for f, n in names.items()}
    groups = [paper_model.cluster_of[by_label[e]] for e in domain]
    # a cluster's factors are next to each other, and within a cluster the dashes differ
    assert len(set(groups)) == len(list(itertools.groupby(groups)))
    dashes = dict(zip(domain, encoding["strokeDash"]["scale"]["range"], strict=True))
    for _, members in itertools.groupby(domain, key=lambda e: paper_model.cluster_of[by_label[e]]):
        shown = [tuple(dashes[e]) for e in members]
        assert len(set(shown)) == min(len(shown), 5)
    # clusters in the order of their largest factor now, factors largest first
    now = dict(zip(ln.factor_ids, ln.at(ln.current), strict=True))
    weights = [now[by_label[e]] for e in domain]
    tops = [weights[groups.index(g)] for g in dict.fromkeys(groups)]
    assert tops == sorted(tops, reverse=True)
    for g in set(groups):
        inside = [w for w, c in zip(weights, groups, strict=True) if c == g]
        assert inside == sorted(inside, reverse=True)
    assert kind(chart, "cross").empty
    assert kind(chart, "label").empty  # nothing highlighted: every line is strong, none labelled
    # and no layer for them: an empty layer is an unnamed, empty graphic in the page (axe: svg-img-alt)
    filters = [la["transform"][0]["filter"] for la in chart.spec["layer"]]
    assert not [f for f in filters if "'cross'" in f or "'label'" in f]
    assert kind(chart, "line")["strong"].all()


def test_open_and_unnamed_plotly_symbols_become_vega_shapes():
    assert sensitivity_lines._vega_shape("diamond") == ("diamond", True)
    assert sensitivity_lines._vega_shape("square-open") == ("square", False)
    shape, filled = sensitivity_lines._vega_shape("star-open")
    assert shape.startswith("M")
    assert shape.endswith("Z")
    assert not filled
    assert sensitivity_lines._vega_shape("x")[0].startswith("M")


def test_hollow_cluster_markers_are_white_inside(ev):
    ln = lines(ev, "policy")
    f = ln.factor_ids[0]
    chart = sensitivity_lines.lines_chart(
        ln, {f: "A"}, {f: "c"}, {"c": Style("#0072B2", "circle-open", "solid")}, factors=[f]
    )
    encoding = next(la for la in chart.spec["layer"] if "shape" in la["encoding"])["encoding"]
    assert encoding["fill"]["scale"]["range"] == [PLOT_BACKGROUND]
    assert encoding["stroke"]["scale"]["range"] == ["#0072B2"]


def test_current_weight_is_a_dashed_rule_labelled_at_the_top(paper_model, ev, names):
    ln = lines(ev, "political")
    chart = sensitivity_lines.lines_chart(
        ln, names, paper_model.cluster_of, {}, text={"current": "now {value}"}
    )
    rule = layer(chart, "datum.kind == 'current'")
    assert rule["mark"]["type"] == "rule"
    assert rule["mark"]["color"] == sensitivity_lines.CURRENT_LINE
    assert rule["mark"]["strokeDash"]
    (current,) = kind(chart, "current").itertuples()
    assert current.label == f"now {ln.current:.3f}"
    y_top = layer(chart, "datum.kind == 'line'")["encoding"]["y"]["scale"]["domain"][1]
    assert current.value == y_top  # the label sits at the top of the plot


def test_only_the_chosen_factors_are_drawn(paper_model, ev, names):
    chosen = ["government_regulation", "product_brand"]
    ln = lines(ev, "policy")
    chart = sensitivity_lines.lines_chart(ln, names, paper_model.cluster_of, {}, factors=chosen)
    glyph = sensitivity_lines.NEUTRAL.glyph  # no style given: the neutral one
    assert set(kind(chart, "line")["series"]) == {f"{glyph} {names[f]}" for f in chosen}
    # the y axis fits the lines drawn
    top = layer(chart, "datum.kind == 'line'")["encoding"]["y"]["scale"]["domain"][1]
    assert top == pytest.approx(float(ln.at(np.linspace(0, 1, 21))[:, [0, 10]].max()) * 1.08, rel=0.2)


def test_names_reach_the_chart_as_text_not_markup(ev):
    ln = lines(ev, "policy")
    f = ln.factor_ids[0]
    name = "<b>A & B</b>"
    chart = sensitivity_lines.lines_chart(ln, {f: name}, {}, {}, highlight=[f], factors=[f])
    valid_vega_lite(chart)
    assert set(kind(chart, "line")["factor"]) == {name}
    assert kind(chart, "label")["label"].iloc[0].endswith(name)


def test_end_labels_are_kept_apart():
    heights = sensitivity_lines._spread([0.30, 0.301, 0.299, 0.1], 0.02, 0.0)
    ordered = sorted(heights, reverse=True)
    assert all(a - b >= 0.02 - 1e-12 for a, b in itertools.pairwise(ordered))
    assert heights[3] == pytest.approx(0.1)  # far from the others: where its line ends
    assert min(sensitivity_lines._spread([0.01, 0.0, 0.005], 0.02, 0.0)) >= 0.0


def test_two_factors_of_one_name_stay_two_lines(ev):
    ln = lines(ev, "policy")
    a, b = ln.factor_ids[:2]
    chart = sensitivity_lines.lines_chart(ln, {a: "Water", b: "Water"}, {}, {}, factors=[a, b])
    valid_vega_lite(chart)
    drawn = kind(chart, "line")
    assert drawn["series"].nunique() == 2
    assert drawn["factor"].tolist() == ["Water", "Water"]  # the tooltip still says the name
    domain = layer(chart, "datum.kind == 'line'")["encoding"]["color"]["scale"]["domain"]
    assert len(set(domain)) == 2


def test_many_lines_get_fewer_hover_samples(paper_model, ev, names):
    ln = lines(ev, "policy")
    chart = sensitivity_lines.lines_chart(ln, names, paper_model.cluster_of, {}, factors=ln.factor_ids[:5])
    hover = next(la for la in chart.spec["layer"] if "params" in la)
    assert hover["transform"][3]["calculate"] == f"datum.t / {sensitivity_lines.SAMPLES - 1}"
    many = list(range(sensitivity_lines.MANY_LINES + 1))
    big = type(ln)(
        ln.criterion,
        ln.current,
        tuple(f"f{i}" for i in many),
        np.linspace(0.01, 0.05, len(many)),
        np.zeros(len(many)),
    )
    chart = sensitivity_lines.lines_chart(big, {}, {}, {})
    hover = next(la for la in chart.spec["layer"] if "params" in la)
    assert hover["transform"][3]["calculate"] == f"datum.t / {sensitivity_lines.SAMPLES_MANY - 1}"
