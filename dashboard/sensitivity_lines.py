"""The Sensitivity page's lines chart: every factor's composite weight against one criterion's weight (Vega-Lite).

No Streamlit here. The chart is a Vega-Lite specification and a small
table (:class:`dashboard.vega_charts.VegaChart`): one row per line
(``a + b t``, exact), the crossings, the end labels and the current weight;
the browser makes each line's points. Drawn by plotly, its twenty-odd lines
were a trace object each to build, validate and serialise on every rerun.
Factors keep their cluster's colour and shape (:mod:`dashboard.palette`);
names are data, which Vega draws as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from anp_core.sensitivity import Crossing, Lines
from dashboard.arrow_table import table
from dashboard.figures import NEUTRAL
from dashboard.palette import COLOURS, PLOT_BACKGROUND, PLOT_TEXT, Style
from dashboard.vega_charts import CONFIG, LABEL_LINES, VegaChart, unique_labels, wrap_label

__all__ = ["CURRENT_LINE", "MANY_LINES", "SAMPLES", "SAMPLES_MANY", "lines_chart"]

#: Colour of the current-weight line (the palette's rust, 6.6:1 on white).
CURRENT_LINE = COLOURS[2]


def _spread(values: Sequence[float], gap: float, low: float) -> list[float]:
    """Return label heights near ``values`` (any order) at least ``gap`` apart, none below ``low``.

    Examples
    --------
    >>> [round(v, 2) for v in _spread([0.5, 0.49, 0.1], 0.05, 0.0)]
    [0.5, 0.45, 0.1]
    """
    order = sorted(range(len(values)), key=lambda i: -values[i])
    out = [0.0] * len(values)
    prev = None
    for i in order:
        y = values[i] if prev is None else min(values[i], prev - gap)
        out[i] = prev = y
    lowest = min(out, default=low)
    if lowest < low:
        out = [y + (low - lowest) for y in out]
    return out


def lines_chart(
    lines: Lines,
    names: Mapping[str, str],
    clusters: Mapping[str, str],
    styles: Mapping[str, Style],
    *,
    crossings: Sequence[Crossing] = (),
    criterion_label: str = "criterion",
    cluster_names: Mapping[str, str] | None = None,
    highlight: Sequence[str] = (),
    factors: Sequence[str] | None = None,
    height: int = 460,
    text: Mapping[str, str] | None = None,
) -> VegaChart:
    """Return every factor's composite weight against one criterion's weight (0..1), as Vega-Lite.

    The lines are exact (composite weights are linear in the criterion's
    weight when the other criteria keep their proportions); the browser
    samples each at :data:`SAMPLES` weights (:data:`SAMPLES_MANY` beyond
    :data:`MANY_LINES` lines) and shows and names the sample nearest the
    pointer (factor, cluster, weight, composite weight). A line has its
    cluster's colour and, at both ends, its cluster's marker shape; the
    factors of one cluster differ by dash, and the legend shows colour and
    dash together, its title naming the clusters. The highlighted
    lines are thick and labelled at their right end (labels kept apart), so
    they are read without the colours; the others are faded. A dashed
    vertical rule marks the current weight; an × sits on every crossing
    (hover: the sentence).

    Parameters
    ----------
    lines : Lines
        :func:`anp_core.sensitivity.lines` of the criterion.
    names : mapping
        Factor id -> display name.
    clusters : mapping
        Factor id -> cluster id.
    styles : mapping
        Cluster id -> :class:`~dashboard.palette.Style` (:func:`dashboard.figures.cluster_styles`).
    crossings : sequence of Crossing
        Crossings to mark (ties at weight 0 or 1 may be left out by the caller).
    criterion_label : str
        Short criterion name for the axis and hover ("political").
    cluster_names : mapping, optional
        Cluster id -> display name (hover and the legend's title).
    highlight : sequence of str
        Factor ids drawn thicker and labelled (e.g. the current top 5); the others are faded.
    factors : sequence of str, optional
        Factor ids to draw (default all).
    height : int
        Height of the plot area in pixels (the legend goes below it).
    text : mapping, optional
        The chart's words (plain text, ``str.format`` fields in braces): ``title``
        ({criterion}), ``axis`` ({criterion}), ``yaxis``, ``current`` ({value}),
        ``crossings``, ``crossing_mark`` (the × in the legend's title), ``legend``
        ({clusters}), ``hover_weight`` ({criterion}), ``hover_composite``,
        ``hover_factor``, ``hover_cluster``, ``crossing`` (a crossing's sentence:
        {first}, {second}, {criterion}, {t}); English by default.

    Returns
    -------
    VegaChart
        Data rows of four kinds (column ``kind``): ``line``, one per line
        (``series``, its legend entry, unique; ``factor``; ``cluster``; ``a``
        and ``b`` of ``a + b t``; ``strong``), ``cross`` (``t``, ``value``,
        ``sentence``), ``label`` (``t`` = 1, ``value`` the label's height,
        ``label``) and ``current`` (``t``, ``value`` the top of the plot,
        ``label``). Lines are grouped by cluster, clusters in the order of
        their largest factor now, factors largest first.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> from anp_core.sensitivity import lines
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> ln = lines(ev, "political")
    >>> chart = lines_chart(ln, dict(zip(ln.factor_ids, ln.factor_ids)), {}, {})
    >>> kinds = chart.data["kind"].to_pylist()
    >>> sorted(set(kinds)), kinds.count("line")
    (['current', 'line'], 20)
    """
    words = {**_LINE_TEXT, **(text or {})}
    ends = lines.at(np.array([0.0, 1.0]))
    cname = cluster_names or {}
    hl = set(highlight)
    keep = None if factors is None else set(factors)
    order = [
        i
        for i in np.argsort(-lines.at(lines.current), kind="stable").tolist()
        if keep is None or lines.factor_ids[i] in keep
    ]
    # the legend groups a cluster's factors, clusters in the order of their largest factor
    by_cluster: dict[str, list[int]] = {}
    for i in order:
        by_cluster.setdefault(clusters.get(lines.factor_ids[i], ""), []).append(i)
    series: list[str] = []
    colours, dashes, fills, shapes = [], [], [], []
    columns: dict[str, list[Any]] = {k: [] for k in _LINE_COLUMNS}
    labelled: list[tuple[float, str]] = []
    for cid, members in by_cluster.items():
        st = styles.get(cid, NEUTRAL)
        shape, filled = _vega_shape(st.symbol)
        cluster = f"{st.glyph} {cname.get(cid, cid)}"
        for k, i in enumerate(members):
            f = lines.factor_ids[i]
            name = names.get(f, f)
            entry = wrap_label(f"{st.glyph} {name}", _LEGEND_WIDTH)
            series.append(entry)  # the legend's order
            colours.append(st.colour)
            dashes.append(_DASH_ARRAYS[k % len(_DASH_ARRAYS)])
            fills.append(st.colour if filled else PLOT_BACKGROUND)
            shapes.append(shape)
            strong = not hl or f in hl
            columns["factor"].append(name)
            columns["cluster"].append(cluster)
            columns["a"].append(float(lines.intercept[i]))
            columns["b"].append(float(lines.slope[i]))
            columns["strong"].append(strong)
            if f in hl:
                labelled.append((float(ends[1, i]), wrap_label(f"{st.glyph} {name}", _END_LABEL_WIDTH)))
    n_line = len(order)
    # two factors of one name (a translation may give them one) stay two lines
    series = unique_labels(series)
    ymax = float(ends[:, order].max(initial=0.0)) * 1.08 + 1e-9
    lines_per_label = max((label.count("\n") + 1 for _, label in labelled), default=1)
    heights = _spread([y for y, _ in labelled], 0.045 * ymax * lines_per_label, 0.0)
    sentences = [
        words["crossing"].format(
            first=names.get(c.overtaker, c.overtaker),
            second=names.get(c.overtaken, c.overtaken),
            criterion=criterion_label,
            t=f"{c.t:.4f}",
        )
        for c in crossings
    ]
    kind = ["line"] * n_line + ["cross"] * len(crossings) + ["label"] * len(labelled) + ["current"]
    others = len(kind) - n_line  # the rows that are not lines
    data = table(
        {
            "kind": kind,
            "series": series + [None] * others,
            "factor": columns["factor"] + [None] * others,
            "cluster": columns["cluster"] + [None] * others,
            "a": columns["a"] + [None] * others,
            "b": columns["b"] + [None] * others,
            "strong": columns["strong"] + [False] * others,
            "t": [None] * n_line + [c.t for c in crossings] + [1.0] * len(labelled) + [lines.current],
            "value": [None] * n_line + [c.value for c in crossings] + heights + [ymax],
            "sentence": [None] * n_line + sentences + [None] * (len(labelled) + 1),
            "label": [None] * (n_line + len(crossings))
            + [label for _, label in labelled]
            + [words["current"].format(value=f"{lines.current:.3f}")],
        }
    )
    hover_weight = words["hover_weight"].format(criterion=criterion_label)
    x = {
        "field": "t",
        "type": "quantitative",
        "scale": {"domain": [0, 1]},
        "title": _lines(words["axis"].format(criterion=criterion_label), _TITLE_WIDTH),
    }
    y = {
        "field": "value",
        "type": "quantitative",
        "scale": {"domain": [0, ymax], "nice": False},
        "title": words["yaxis"],
        "axis": {"format": ".2f"},
    }
    key_text = "   ".join(f"{styles.get(cid, NEUTRAL).glyph} {cname.get(cid, cid)}" for cid in by_cluster) + (
        "   × " + words["crossing_mark"] if crossings else ""
    )
    legend = {
        "orient": "bottom",
        # left to right, then down (the order of ``series``); as many columns as the width holds
        "direction": "horizontal",
        "columns": {"expr": f"max(1, min(3, floor(containerSize()[0] / {_LEGEND_COLUMN_PX})))"},
        "title": _lines(words["legend"].format(clusters=key_text), _TITLE_WIDTH),
        "titleFontWeight": "normal",
        "titleLimit": 0,
        "titlePadding": 8,
        "symbolType": "stroke",
        "symbolStrokeWidth": 2.5,
        "symbolSize": 900,  # a 30-pixel sample: long dashes show
        "labelExpr": LABEL_LINES,  # a long name on several lines, never cut
    }
    layers: list[dict[str, Any]] = [
        # the current weight first, under the lines and their end markers
        {
            "transform": [{"filter": "datum.kind == 'current'"}],
            # its label (next layer) is what a screen reader reads
            "mark": {
                "type": "rule",
                "color": CURRENT_LINE,
                "strokeWidth": 2,
                "strokeDash": [7, 4],
                "aria": False,
            },
            "encoding": {"x": {"field": "t", "type": "quantitative"}},
        },
        {
            "transform": [{"filter": "datum.kind == 'current'"}],
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "dx": 5,
                "dy": 2,
                "color": PLOT_TEXT,
            },
            "encoding": {
                "x": {"field": "t", "type": "quantitative"},
                "y": {"field": "value", "type": "quantitative"},
                "text": {"field": "label"},
                "description": {"field": "label"},
            },
        },
        {
            "transform": [{"filter": "datum.kind == 'line'"}, *_points(1)],
            "mark": {"type": "line", "clip": True},
            "encoding": {
                "x": x,
                "y": y,
                "color": _by_series("series", series, colours, legend),
                "strokeDash": _by_series("series", series, dashes, legend),
                "strokeWidth": {"condition": {"test": "datum.strong", "value": 3}, "value": 1.3},
                "opacity": {"condition": {"test": "datum.strong", "value": 1}, "value": 0.45},
                "description": {"field": "factor"},  # what a screen reader says for the line
            },
        },
        {  # its own field for the shapes: on "series" they would replace the legend's dashes
            "transform": [
                {"filter": "datum.kind == 'line'"},
                *_points(1),
                {"calculate": "datum.series", "as": "marker"},
            ],
            "mark": {"type": "point", "filled": True, "size": 90, "strokeWidth": 1.5, "aria": False},
            "encoding": {
                "x": {"field": "t", "type": "quantitative"},
                "y": {"field": "value", "type": "quantitative"},
                "shape": _by_series("marker", series, shapes, None),
                "fill": _by_series("marker", series, fills, None),
                "stroke": _by_series("marker", series, colours, None),
                "opacity": {"condition": {"test": "datum.strong", "value": 1}, "value": 0.45},
            },
        },
        {  # points along every line, shown one at a time: the nearest to the pointer, named in the tooltip
            "transform": [
                {"filter": "datum.kind == 'line'"},
                *_points((SAMPLES if n_line <= MANY_LINES else SAMPLES_MANY) - 1),
            ],
            "params": [
                {
                    "name": "near",
                    "select": {"type": "point", "on": "pointerover", "nearest": True, "clear": "pointerout"},
                }
            ],
            "mark": {"type": "point", "size": 110, "filled": True, "color": PLOT_TEXT, "aria": False},
            "encoding": {
                "x": {"field": "t", "type": "quantitative"},
                "y": {"field": "value", "type": "quantitative"},
                "opacity": {"condition": {"param": "near", "empty": False, "value": 1}, "value": 0},
                "tooltip": [
                    {"field": "factor", "title": words["hover_factor"]},
                    {"field": "cluster", "title": words["hover_cluster"]},
                    {"field": "t", "title": hover_weight, "format": ".2f"},
                    {"field": "value", "title": words["hover_composite"], "format": ".4f"},
                ],
            },
        },
    ]
    # a layer with no items leaves an empty, unnamed mark container in the SVG (axe: svg-img-alt)
    if crossings:
        layers.append(
            {
                "transform": [{"filter": "datum.kind == 'cross'"}],
                "mark": {
                    "type": "point",
                    "shape": _CROSS,
                    "filled": False,
                    "size": 110,
                    "strokeWidth": 2,
                    "color": PLOT_TEXT,
                },
                "encoding": {
                    "x": {"field": "t", "type": "quantitative"},
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [{"field": "sentence", "title": words["crossings"]}],
                    "description": {"field": "sentence"},
                },
            }
        )
    if labelled:
        layers.append(
            {
                "transform": [{"filter": "datum.kind == 'label'"}],
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "dx": 10,
                    "fontSize": 12,
                    "lineBreak": "\n",
                    "color": PLOT_TEXT,
                    "aria": False,
                },
                "encoding": {
                    "x": {"field": "t", "type": "quantitative"},
                    "y": {"field": "value", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            }
        )
    title = words["title"].format(criterion=criterion_label)
    spec = {
        "title": {"text": _lines(title, _TITLE_WIDTH)},
        "height": height,
        "padding": {"left": 12, "top": 5, "right": 5, "bottom": 5},  # room for a rotated CJK axis title
        # the width fits the page; the height is the plot's, the legend below it adds its own
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers,
        "config": CONFIG,
    }
    return VegaChart(spec=spec, data=data, title=title)


#: Points per line where hovering finds it (every 0.02 of the weight), made in the browser.
SAMPLES = 51
#: The same with more than :data:`MANY_LINES` lines (every 0.05): fewer marks for the browser to draw.
SAMPLES_MANY = 21
MANY_LINES = 25
_LINE_COLUMNS = ("factor", "cluster", "a", "b", "strong")
#: Vega-Lite stroke dashes for :data:`DASHES` (solid, dash, dot, dash-dot, long dash).
_DASH_ARRAYS: tuple[list[float], ...] = (
    [1, 0],
    [8, 4],
    [2, 3],
    [8, 3, 2, 3],
    [14, 4],
    [2, 7],
    [14, 3, 2, 3, 2, 3],
    [4, 2],
)
#: A thin × (the crossings' marker), as a Vega symbol path.
_CROSS = "M-1,-1L1,1M-1,1L1,-1"
#: Vega symbol paths for the plotly symbols that Vega has no name for.
_PATHS = {
    "x": "M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z",
    "star": "M0,-1L0.225,-0.309L0.951,-0.309L0.363,0.118L0.588,0.809L0,0.382L-0.588,0.809L-0.363,0.118"
    "L-0.951,-0.309L-0.225,-0.309Z",
}
_END_LABEL_WIDTH = 32
_LEGEND_WIDTH = 34
_LEGEND_COLUMN_PX = 290  # a legend column: a 34-character label and its sample
_TITLE_WIDTH = 60  # characters per line of the chart's titles (they wrap on a narrow page)


def _vega_shape(symbol: str) -> tuple[str, bool]:
    """Return the Vega shape of a plotly marker symbol and whether it is filled ("-open": hollow).

    >>> _vega_shape("triangle-up"), _vega_shape("circle-open")[1]
    (('triangle-up', True), False)
    """
    base = symbol.removesuffix("-open")
    return _PATHS.get(base, base), base == symbol


def _lines(text: str, width: int) -> str | list[str]:
    """Return ``text`` as it is, or as lines of at most ``width`` characters (Vega draws a list as lines)."""
    return text if len(text) <= width else wrap_label(text, width).split("\n")


def _by_series(
    field: str, series: list[str], values: list[Any], legend: dict[str, Any] | None
) -> dict[str, Any]:
    """Return a nominal encoding of ``field`` that gives the i-th entry of ``series`` the i-th of ``values``."""
    return {"field": field, "type": "nominal", "scale": {"domain": series, "range": values}, "legend": legend}


def _points(steps: int) -> list[dict[str, Any]]:
    """Return Vega-Lite transforms that turn a line's row (``a + b t``) into ``steps + 1`` points, t = 0 .. 1.

    The data hold one row per line and the browser makes its points: the
    lines are exact, so two points draw one (``steps=1``), and the samples
    the pointer finds are computed the same way.
    """
    return [
        {"calculate": f"sequence(0, {steps + 1})", "as": "t"},
        {"flatten": ["t"]},
        {"calculate": f"datum.t / {steps}", "as": "t"},
        {"calculate": "datum.a + datum.b * datum.t", "as": "value"},
    ]


#: The lines chart's words (English; pages pass translated ones).
_LINE_TEXT: dict[str, str] = {
    "title": "Composite weight of every factor as the {criterion} weight moves",
    "axis": "{criterion} weight (the other criteria keep their proportions)",
    "yaxis": "composite weight",
    "current": "current {value}",
    "crossings": "Crossings",
    "crossing_mark": "a crossing",
    "legend": "Clusters: {clusters}",
    "hover_weight": "{criterion} weight",
    "hover_composite": "composite",
    "hover_factor": "factor",
    "hover_cluster": "cluster",
    "crossing": "{first} overtakes {second} when the {criterion} weight exceeds {t}",
}
