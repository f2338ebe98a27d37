"""Sensitivity charts (dashboard.sensitivity_figures): lines and crossings (valid Vega-Lite), tornado (valid plotly)."""

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
from dashboard.palette import PLOT_BACKGROUND, Style
from dashboard.text import plot_text
from dashboard.vega_charts import VegaChart, wrap_label
from tests.support.paper import CRITERIA
from tests.support.vega import valid_vega_lite

# ----- sensitivity figure (Vega-Lite) -----


def kind(chart, k: str) -> pd.DataFrame:
    return chart.data[chart.data["kind"] == k]


def layer(chart, test: str) -> dict:
    """The layer whose first filter is ``test``."""
    return next(la for la in chart.spec["layer"] if la["transform"][0]["filter"] == test)


def test_sensitivity_figure_draws_every_factor_the_current_weight_and_the_crossings(paper_model, ev, names):
    ln = lines(ev, "political")
    cross = crossings(ev, "political")
    styles = cluster_styles(paper_model)
    chart = sensitivity_figures.sensitivity_figure(
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
    last = sensitivity_figures.SAMPLES - 1
    assert made == [("line", "datum.t / 1"), ("point", "datum.t / 1"), ("point", f"datum.t / {last}")]
    assert sensitivity_figures._points(4)[-1] == {"calculate": "datum.a + datum.b * datum.t", "as": "value"}
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
    assert chart.spec["title"]["text"] == chart.title
    assert layer(chart, "datum.kind == 'line'")["encoding"]["x"]["scale"]["domain"] == [0, 1]


def test_sensitivity_figure_legend_groups_by_cluster_with_a_dash_per_factor(paper_model, ev, names):
    styles = cluster_styles(paper_model)
    ln = lines(ev, "economic")
    chart = sensitivity_figures.sensitivity_figure(ln, names, paper_model.cluster_of, styles)
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
    assert sensitivity_figures._vega_shape("diamond") == ("diamond", True)
    assert sensitivity_figures._vega_shape("square-open") == ("square", False)
    shape, filled = sensitivity_figures._vega_shape("star-open")
    assert shape.startswith("M")
    assert shape.endswith("Z")
    assert not filled
    assert sensitivity_figures._vega_shape("x")[0].startswith("M")


def test_hollow_cluster_markers_are_white_inside(ev):
    ln = lines(ev, "policy")
    f = ln.factor_ids[0]
    chart = sensitivity_figures.sensitivity_figure(
        ln, {f: "A"}, {f: "c"}, {"c": Style("#0072B2", "circle-open", "solid")}, factors=[f]
    )
    encoding = next(la for la in chart.spec["layer"] if "shape" in la["encoding"])["encoding"]
    assert encoding["fill"]["scale"]["range"] == [PLOT_BACKGROUND]
    assert encoding["stroke"]["scale"]["range"] == ["#0072B2"]


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


def test_current_weight_is_a_dashed_rule_labelled_at_the_top(paper_model, ev, names):
    ln = lines(ev, "political")
    chart = sensitivity_figures.sensitivity_figure(
        ln, names, paper_model.cluster_of, {}, text={"current": "now {value}"}
    )
    rule = layer(chart, "datum.kind == 'current'")
    assert rule["mark"]["type"] == "rule"
    assert rule["mark"]["color"] == sensitivity_figures.CURRENT_LINE
    assert rule["mark"]["strokeDash"]
    (current,) = kind(chart, "current").itertuples()
    assert current.label == f"now {ln.current:.3f}"
    y_top = layer(chart, "datum.kind == 'line'")["encoding"]["y"]["scale"]["domain"][1]
    assert current.value == y_top  # the label sits at the top of the plot


def test_only_the_chosen_factors_are_drawn(paper_model, ev, names):
    chosen = ["government_regulation", "product_brand"]
    ln = lines(ev, "policy")
    chart = sensitivity_figures.sensitivity_figure(ln, names, paper_model.cluster_of, {}, factors=chosen)
    glyph = sensitivity_figures.NEUTRAL.glyph  # no style given: the neutral one
    assert set(kind(chart, "line")["series"]) == {f"{glyph} {names[f]}" for f in chosen}
    # the y axis fits the lines drawn
    top = layer(chart, "datum.kind == 'line'")["encoding"]["y"]["scale"]["domain"][1]
    assert top == pytest.approx(float(ln.at(np.linspace(0, 1, 21))[:, [0, 10]].max()) * 1.08, rel=0.2)


def test_names_reach_the_chart_as_text_not_markup(ev):
    ln = lines(ev, "policy")
    f = ln.factor_ids[0]
    name = "<b>A & B</b>"
    chart = sensitivity_figures.sensitivity_figure(ln, {f: name}, {}, {}, highlight=[f], factors=[f])
    valid_vega_lite(chart)
    assert set(kind(chart, "line")["factor"]) == {name}
    assert kind(chart, "label")["label"].iloc[0].endswith(name)


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
