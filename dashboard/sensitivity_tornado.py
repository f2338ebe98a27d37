"""The Sensitivity page's tornado chart: each top factor's change for a ±X move of every criterion (Vega-Lite).

No Streamlit here. The chart is a Vega-Lite specification and a small table
(:class:`dashboard.vega_charts.VegaChart`): one row per bar, one per panel
title line and one per criterion row (its zero line). It redraws on every
move of the page's ±X and top-n sliders; drawn by plotly, it cost a figure
to build and to serialise on every move. One pair of axes holds every panel
(one per factor), so the chart fits the page's width; the two bars of a
criterion differ by colour, by place (lowered above raised) and by outline
(dashed for lowered), so neither colour nor hatching alone tells them apart.
Names are data, which Vega draws as text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from dashboard.arrow_table import table as arrow_table
from dashboard.palette import COLOURS, PLOT_TEXT
from dashboard.plot_layout import display_width
from dashboard.vega_charts import CONFIG, VegaChart, band_step, band_y, unique_labels

__all__ = ["tornado_chart"]


def tornado_chart(
    table: Mapping[str, Any],
    names: Mapping[str, str],
    criterion_names: Mapping[str, str],
    delta: float,
    *,
    factors: Sequence[str] | None = None,
    text: Mapping[str, str] | None = None,
) -> VegaChart:
    """Return a tornado panel per factor: the change of its composite weight for ±delta per criterion.

    Parameters
    ----------
    table : DataFrame or mapping of arrays
        :func:`anp_core.sensitivity.tornado` or its ``tornado_columns``
        (``criterion``, ``factor``, ``weight_low``, ``weight_high``, ``low``,
        ``base``, ``high``).
    names : mapping
        Factor id -> display name.
    criterion_names : mapping
        Criterion id -> display name.
    delta : float
        The change of each criterion's weight (for titles).
    factors : sequence of str, optional
        Factor ids in panel order (default: the table's order).
    text : mapping, optional
        The chart's words (plain text, ``str.format`` fields): ``title`` ({delta}),
        ``panel`` ({name}, {value}), ``axis``, ``lowered`` and ``raised`` ({delta}),
        ``hover_factor``, ``hover_criterion``, ``hover_move``, ``hover_weight``,
        ``hover_composite``, ``hover_change``, ``bar`` (what a screen reader says for
        a bar: {factor}, {criterion}, {move}, {change}); English by default.

    Returns
    -------
    VegaChart
        Data rows of three kinds (column ``kind``), each on a row ``row`` of
        the one y axis (``order`` top down; labels unique, a zero-width space
        added per repeat): ``title`` (a line of a panel's title, ``label``),
        ``bar`` (``criterion``, ``side``, ``change`` = the composite weight
        after the move minus before it, ``weight`` the criterion's weight after
        it, ``composite``) and ``zero`` (a criterion row's zero line). In each
        panel the criteria are sorted by swing, largest on top.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> from anp_core.sensitivity import tornado
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> top = ["government_regulation", "product_brand"]
    >>> chart = tornado_chart(tornado(ev, 0.1, top), {}, {}, 0.1, factors=top)
    >>> kinds = chart.data["kind"].to_pylist()
    >>> {k: kinds.count(k) for k in ("bar", "zero", "title")}
    {'bar': 20, 'zero': 10, 'title': 3}
    """
    words = {**_TORNADO_TEXT, **(text or {})}
    factor = np.asarray(table["factor"], dtype=object)
    criterion = np.asarray(table["criterion"], dtype=object)
    cols = {
        c: np.asarray(table[c], dtype=float) for c in ("low", "high", "base", "weight_low", "weight_high")
    }
    ids = list(factors) if factors is not None else list(dict.fromkeys(factor.tolist()))
    d = f"{delta:g}"
    sides = (words["lowered"].format(delta=d), words["raised"].format(delta=d))
    labels: list[str] = []  # the y axis's rows, top down
    wrapped = {c: "\n".join(_wrap(criterion_names.get(c, c), _LABEL_WIDTH)) for c in dict.fromkeys(criterion)}
    rows: dict[str, list[Any]] = {k: [] for k in _COLUMNS}

    def add(kind: str, row: int, **values: Any) -> None:
        rows["kind"].append(kind)
        rows["order"].append(row)
        for k in _COLUMNS[2:]:
            rows[k].append(values.get(k))

    for f in ids:
        idx = np.flatnonzero(factor == f)
        before = f"{cols['base'][idx[0]]:.4f}" if idx.size else "–"
        name = names.get(f, f)
        for line in _panel_title(words["panel"], name, before):
            add("title", len(labels), label=line)
            labels.append("")
        swing = np.abs(cols["high"][idx] - cols["low"][idx])
        for i in idx[np.argsort(-swing, kind="stable")].tolist():
            crit = criterion_names.get(criterion[i], criterion[i])
            row = len(labels)
            labels.append(wrapped[criterion[i]])
            add("zero", row, change=0.0)
            for side, col, wcol in zip(sides, ("low", "high"), ("weight_low", "weight_high"), strict=True):
                change = float(cols[col][i] - cols["base"][i])
                add(
                    "bar",
                    row,
                    factor=name,
                    criterion=crit,
                    side=side,
                    change=change,
                    weight=float(cols[wcol][i]),
                    composite=float(cols[col][i]),
                    description=words["bar"].format(
                        factor=name, criterion=crit, move=side, change=f"{change:+.4f}".replace("-", "\u2212")
                    ),
                )
    keys = unique_labels(labels)  # one row per line: a criterion's name comes once per panel
    data = arrow_table({"row": [keys[r] for r in rows["order"]], **rows})
    y = band_y("row")  # labels on several lines, never cut
    # the bars name their criterion and factor; the axis would read the rows' keys again
    y["axis"] |= {"ticks": False, "domain": False, "labelPadding": 6, "aria": False}
    # rows touch, so the zero ticks of a panel join into one line; the space between two criteria's
    # bars is the padding inside each row (the offset scale's)
    y["scale"] = {"paddingInner": 0, "paddingOuter": 0.15}
    step = band_step(labels, _ROW_PX) / 2  # a step per bar: two to a row
    ticks, digits = _ticks(max((abs(c) for c in rows["change"] if c is not None), default=0.0))
    side_scale = {"domain": list(sides), "range": [COLOURS[1], COLOURS[0]]}
    legend = {
        "orient": "bottom",
        "direction": "horizontal",
        "title": None,
        "symbolType": "square",
        "symbolSize": 250,
        "symbolStrokeWidth": 1,
    }
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "datum.kind == 'bar'"}],
            "mark": {"type": "bar", "strokeWidth": 1},
            "encoding": {
                "x": {
                    "field": "change",
                    "type": "quantitative",
                    "title": words["axis"],
                    "scale": {"domain": [ticks[0], ticks[-1]], "nice": False},
                    "axis": {"format": f"+.{digits}f", "values": ticks, "labelOverlap": False},
                },
                "y": y,
                "yOffset": {
                    "field": "side",
                    "type": "nominal",
                    "scale": {"domain": list(sides), "paddingOuter": 0.3, "paddingInner": 0.05},
                },
                "color": {"field": "side", "type": "nominal", "scale": side_scale, "legend": legend},
                "stroke": {"value": PLOT_TEXT},  # an encoding, not a mark property: the legend draws it too
                "strokeDash": {
                    "field": "side",
                    "type": "nominal",
                    "scale": {"domain": list(sides), "range": [[4, 2], [1, 0]]},
                    "legend": legend,
                },
                "tooltip": [
                    {"field": "factor", "title": words["hover_factor"]},
                    {"field": "criterion", "title": words["hover_criterion"]},
                    {"field": "side", "title": words["hover_move"]},
                    {"field": "weight", "title": words["hover_weight"], "format": ".3f"},
                    {"field": "composite", "title": words["hover_composite"], "format": ".4f"},
                    {"field": "change", "title": words["hover_change"], "format": "+.4f"},
                ],
                "description": {"field": "description"},  # what a screen reader says for a bar
            },
        },
        {
            "transform": [{"filter": "datum.kind == 'zero'"}],
            # a tick as tall as its row: the rows of a panel join into one line
            "mark": {"type": "tick", "color": "#444444", "thickness": 1.5, "size": 2 * step, "aria": False},
            "encoding": {"x": {"field": "change", "type": "quantitative"}, "y": y},
        },
        {
            "transform": [{"filter": "datum.kind == 'title'"}],
            "mark": {
                "type": "text",
                "x": {"expr": "width / 2"},
                "align": "center",
                "baseline": "middle",
                "fontSize": 15,
                "limit": {"expr": "width"},  # on a narrower page still, cut with "…" rather than off the edge
                "color": PLOT_TEXT,
            },
            "encoding": {"y": y, "text": {"field": "label"}, "description": {"field": "label"}},
        },
    ]
    title = words["title"].format(delta=d)
    spec = {
        "title": {"text": _title_lines(title)},
        "height": {"step": step},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers if len(data) else layers[2:],
        "config": CONFIG,
    }
    return VegaChart(spec=spec, data=data, title=title)


_COLUMNS = (
    "kind",
    "order",
    "label",
    "factor",
    "criterion",
    "side",
    "change",
    "weight",
    "composite",
    "description",
)
#: Pixels per row of the y axis: a criterion's two bars, or a line of a panel's title (more when a
#: criterion's name takes more lines).
_ROW_PX = 30
#: Columns per line of a criterion's name.
_LABEL_WIDTH = 28
#: Columns per line of the chart's title and of a panel's title (a wide character counts two).
_TITLE_WIDTH = 60
#: (A panel's title is centred over the bars: on an 800-pixel page they are about 280 pixels wide.)
_PANEL_TITLE = 36


#: The tornado's words (English; pages pass translated ones).
_TORNADO_TEXT: dict[str, str] = {
    "title": "Tornado: each criterion's weight moved by ±{delta} (others keep their proportions)",
    "panel": "{name} (composite {value})",
    "axis": "change of composite weight",
    "lowered": "criterion weight −{delta}",
    "raised": "criterion weight +{delta}",
    "hover_factor": "factor",
    "hover_criterion": "criterion",
    "hover_move": "move",
    "hover_weight": "criterion weight",
    "hover_composite": "composite",
    "hover_change": "change",
    "bar": "{factor}, {criterion}, {move}: composite weight {change}",
}


def _ticks(largest: float) -> tuple[list[float], int]:
    """Return five x ticks symmetric about 0 (0 among them) that hold ``largest``, and their decimals.

    The step is a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least half of
    ``largest`` (with 5% room), so every label is short and exact.

    >>> _ticks(0.0105)
    ([-0.012, -0.006, 0.0, 0.006, 0.012], 3)
    >>> _ticks(0.038)
    ([-0.04, -0.02, 0.0, 0.02, 0.04], 2)
    """
    half = max(1.05 * largest, 1e-9) / 2
    decade = 10.0 ** math.floor(math.log10(half))
    k = next(k for k in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if k * decade >= half * (1 - 1e-12))
    step = k * decade
    digits = max(0, -math.floor(math.log10(step) + 1e-12)) + (1 if k in (1.5, 2.5) else 0)
    return [round(x * step, digits + 2) for x in (-2, -1, 0, 1, 2)], digits


def _wrap(text: str, width: int) -> list[str]:
    """Return ``text`` on lines of at most ``width`` columns (a wide character counts two).

    Lines break at spaces, and before or after a wide character (Chinese has
    no spaces); a longer word is cut.

    >>> _wrap("Comprehensive service platform", 20)
    ['Comprehensive', 'service platform']
    >>> _wrap("跨境电商综合服务平台建设", 10)
    ['跨境电商综', '合服务平台', '建设']
    """
    text = " ".join(text.split())
    if display_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, cols, brk = "", 0, 0  # brk: where ``line`` may break (0: nowhere)
    for ch in text:
        w = display_width(ch)
        if cols + w > width and line:
            if ch == " ":
                lines.append(line)
                line, cols, brk = "", 0, 0
                continue
            cut = brk or len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            cols, brk = display_width(line), 0
        if w == 2 and line:
            brk = len(line)
        line += ch
        cols += w
        if ch == " " or w == 2:
            brk = len(line)
    if line:
        lines.append(line)
    return lines


def _panel_title(template: str, name: str, value: str) -> list[str]:
    """Return a panel's title (``template`` with ``{name}`` and ``{value}``) on lines of at most _PANEL_TITLE.

    A long one keeps the name on its own line(s) and what follows it on the
    next, so "(composite 0.1343)" is never split.

    >>> _panel_title("{name} (composite {value})", "Comprehensive service platform", "0.1343")
    ['Comprehensive service platform', '(composite 0.1343)']
    >>> _panel_title("{name} (composite {value})", "Product & brand", "0.0594")
    ['Product & brand (composite 0.0594)']
    """
    whole = template.format(name=name, value=value)
    if display_width(whole) <= _PANEL_TITLE:
        return [whole]
    marked = template.format(name="\0", value=value)
    if "\0" not in marked:
        return _wrap(whole, _PANEL_TITLE)
    before, after = marked.split("\0", 1)
    return _wrap(before + name, _PANEL_TITLE) + ([after.strip()] if after.strip() else [])


def _title_lines(title: str) -> str | list[str]:
    """Return the chart's title as it is, or on lines of at most _TITLE_WIDTH columns (Vega draws a list as lines)."""
    lines = _wrap(title, _TITLE_WIDTH)
    return title if len(lines) == 1 else lines
