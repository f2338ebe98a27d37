"""Plotly figures of the Sensitivity page: composite-weight lines and the tornado (no Streamlit).

Both redraw on every move of that page's widgets, so they are built from
plain dicts (:func:`dashboard.plot_layout.figure`), the tornado's panels on
one pair of axes; the tests validate their output. Factors keep their
cluster's colour; every name is HTML-escaped (:func:`dashboard.text.plot_text`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core.sensitivity import Crossing, Lines
from dashboard.figures import BAR_PATTERNS, NEUTRAL
from dashboard.palette import COLOURS, PLOT_TEXT, Style
from dashboard.plot_layout import figure, plain_layout
from dashboard.text import plot_text

__all__ = ["CURRENT_LINE", "DASHES", "sensitivity_figure", "tornado_figure"]

#: Line dashes that tell apart the factors of one cluster (same colour and symbol).
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")
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


def sensitivity_figure(
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
    height: int = 780,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return every factor's composite weight against one criterion's weight (0..1).

    The lines are exact (composite weights are linear in the criterion's
    weight when the other criteria keep their proportions), so each line is
    drawn from 51 points only for hovering. A line has its cluster's colour
    and, at both ends, its cluster's marker symbol; the factors of one cluster
    differ by dash. The highlighted lines are thick and labelled at their right
    end (labels kept apart), so they are read without the colours. A vertical
    line marks the current weight; a marker sits on every crossing (hover: the
    sentence).

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
        Cluster id -> legend group title.
    highlight : sequence of str
        Factor ids drawn thicker and labelled (e.g. the current top 5); the others are faded.
    factors : sequence of str, optional
        Factor ids to draw (default all).
    height : int
        Figure height in pixels.
    text : mapping, optional
        The chart's words (plain text, ``str.format`` fields in braces): ``title``
        ({criterion}), ``axis`` ({criterion}), ``yaxis``, ``current`` ({value}),
        ``crossings``, ``hover_weight`` ({criterion}), ``hover_composite``, ``crossing`` (a
        crossing's sentence: {first}, {second}, {criterion}, {t}); English by default.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per factor (legend grouped by cluster), a ``Crossings``
        marker trace, the current-weight line as a layout shape and one
        annotation per highlighted line (its label) after the current weight's.
    """
    words = {**_LINE_TEXT, **(text or {})}
    t = np.linspace(0.0, 1.0, 51)
    vals = lines.at(t)
    cname = cluster_names or {}
    hl = set(highlight)
    seen: dict[str, int] = {}
    data: list[dict[str, Any]] = []
    order = np.argsort(-lines.at(lines.current), kind="stable")
    keep = None if factors is None else set(factors)
    hover_weight = plot_text(words["hover_weight"].format(criterion=criterion_label))
    hover_composite = plot_text(words["hover_composite"])
    ends = np.zeros(t.size)
    ends[[0, -1]] = 9.0
    labelled: list[tuple[float, str]] = []
    for i in order.tolist():
        f = lines.factor_ids[i]
        if keep is not None and f not in keep:
            continue
        cid = clusters.get(f, "")
        st = styles.get(cid, NEUTRAL)
        k = seen.get(cid, 0)
        seen[cid] = k + 1
        strong = not hl or f in hl
        name = plot_text(names.get(f, f))
        trace: dict[str, Any] = {
            "type": "scatter",
            "mode": "lines+markers",
            "x": t,
            "y": vals[:, i],
            "name": f"{st.glyph} {name}",
            "legendgroup": cid,
            "line": {"color": st.colour, "dash": DASHES[k % len(DASHES)], "width": 3 if strong else 1.3},
            "marker": {"symbol": st.symbol, "size": ends * (1.0 if strong else 0.7), "color": st.colour},
            "opacity": 1.0 if strong else 0.45,
            "hovertemplate": f"{name}<br>{hover_weight} %{{x:.2f}}<br>{hover_composite} %{{y:.4f}}<extra></extra>",
        }
        if k == 0:
            trace["legendgrouptitle"] = {"text": f"{st.glyph} {plot_text(cname.get(cid, cid))}"}
        data.append(trace)
        if f in hl:
            labelled.append((float(vals[-1, i]), f"{st.glyph} {name}"))
    if crossings:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plot_text(words["crossings"]),
                "x": [c.t for c in crossings],
                "y": [c.value for c in crossings],
                "marker": {
                    "symbol": "x-thin",
                    "size": 11,
                    "color": PLOT_TEXT,
                    "line": {"width": 2, "color": PLOT_TEXT},
                },
                "hovertext": [
                    plot_text(
                        words["crossing"].format(
                            first=names.get(c.overtaker, c.overtaker),
                            second=names.get(c.overtaken, c.overtaken),
                            criterion=criterion_label,
                            t=f"{c.t:.4f}",
                        )
                    )
                    for c in crossings
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    ymax = float(vals.max(initial=0.0)) * 1.08 + 1e-9
    current = lines.current
    heights = _spread([y for y, _ in labelled], 0.045 * ymax, 0.0)
    end_labels = [
        {
            "text": text_,
            "x": 1.0,
            "xref": "x",
            "xanchor": "left",
            "xshift": 10,
            "y": y,
            "yref": "y",
            "yanchor": "middle",
            "showarrow": False,
            "font": {"size": 12, "color": PLOT_TEXT},
        }
        for (_, text_), y in zip(labelled, heights, strict=True)
    ]
    widest = max((len(t_) for _, t_ in labelled), default=0)
    layout = plain_layout(
        height=height,
        title={"text": plot_text(words["title"].format(criterion=criterion_label))},
        xaxis={
            "title": {"text": plot_text(words["axis"].format(criterion=criterion_label))},
            "range": [0, 1],
        },
        yaxis={"title": {"text": plot_text(words["yaxis"])}, "range": [0, ymax], "rangemode": "tozero"},
        legend={
            "groupclick": "toggleitem",
            "font": {"size": 11},
            "tracegroupgap": 6,
            "orientation": "h",
            "yanchor": "top",
            "y": -0.1,
            "x": 0,
        },
        margin={"l": 10, "r": min(40 + 7 * widest, 320), "t": 50, "b": 10},
        hovermode="closest",
        # what fig.add_vline(x=current, annotation_position="top right") adds
        shapes=[
            {
                "type": "line",
                "line": {"color": CURRENT_LINE, "width": 2, "dash": "dash"},
                "x0": current,
                "x1": current,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
            }
        ],
        annotations=[
            {
                "text": plot_text(words["current"].format(value=f"{current:.3f}")),
                "font": {"color": PLOT_TEXT},
                "bgcolor": "rgba(255,255,255,0.85)",
                "showarrow": False,
                "x": current,
                "xanchor": "left",
                "xref": "x",
                "y": 1,
                "yanchor": "top",
                "yref": "y domain",
            },
            *end_labels,
        ],
    )
    return figure(data, layout)


#: The lines chart's words (English; pages pass translated ones).
_LINE_TEXT: dict[str, str] = {
    "title": "Composite weight of every factor as the {criterion} weight moves",
    "axis": "{criterion} weight (the other criteria keep their proportions)",
    "yaxis": "composite weight",
    "current": "current {value}",
    "crossings": "Crossings",
    "hover_weight": "{criterion} weight",
    "hover_composite": "composite",
    "crossing": "{first} overtakes {second} when the {criterion} weight exceeds {t}",
}


def tornado_figure(
    table: pd.DataFrame,
    names: Mapping[str, str],
    criterion_names: Mapping[str, str],
    delta: float,
    *,
    factors: Sequence[str] | None = None,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return a tornado chart per factor: the change of its composite weight for ±delta per criterion.

    Parameters
    ----------
    table : DataFrame
        :func:`anp_core.sensitivity.tornado` (columns ``criterion``,
        ``factor``, ``weight_low``, ``weight_high``, ``low``, ``base``, ``high``).
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
        ``hover_weight``, ``hover_composite``; English by default.

    Returns
    -------
    plotly.graph_objects.Figure
        One panel per factor, stacked on one pair of axes (x: change of
        composite weight; each panel titled, its bars on rows labelled with the
        criteria, a zero line of its own), two bars per criterion (weight
        lowered, weight raised), criteria sorted by swing, largest on top. The
        bars of a lowered weight are hatched, so the two kinds differ by pattern
        as well as colour. Two traces whatever the number of panels: a subplot
        grid costs plotly an axis pair per panel on every move.
    """
    words = {**_TORNADO_TEXT, **(text or {})}
    # numpy rather than pandas per panel: this runs on every move of the page's widgets
    factor = table["factor"].to_numpy(dtype=object)
    criterion = table["criterion"].to_numpy(dtype=object)
    cols = {c: table[c].to_numpy(dtype=float) for c in ("low", "high", "base", "weight_low", "weight_high")}
    ids = list(factors) if factors is not None else list(dict.fromkeys(factor.tolist()))
    n = len(ids)
    # one y axis, top down: each panel's bars on rows 0, 1, … after its title's gap
    rows, ys, ticks, titles, zero_lines = [], [], [], [], []
    top = 0.0
    for f in ids:
        idx = np.flatnonzero(factor == f)
        swing = np.abs(cols["high"][idx] - cols["low"][idx])
        idx = idx[np.argsort(-swing, kind="stable")]  # largest on top
        y = top + np.arange(idx.size, dtype=float)
        rows.append(idx)
        ys.append(y)
        ticks += [plot_text(criterion_names.get(c, c)) for c in criterion[idx].tolist()]
        base = float(cols["base"][idx[0]]) if idx.size else float("nan")
        titles.append(
            {
                "text": plot_text(words["panel"].format(name=names.get(f, f), value=f"{base:.4f}")),
                "x": 0.5,
                "xref": "paper",
                "xanchor": "center",
                "y": top - 0.55,
                "yref": "y",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
        zero_lines.append(
            {
                "type": "line",
                "x0": 0,
                "x1": 0,
                "xref": "x",
                "y0": top - 0.5,
                "y1": top + idx.size - 0.5,
                "yref": "y",
                "line": {"color": "#444", "width": 1.5},
                "layer": "above",
            }
        )
        top += idx.size + _PANEL_GAP
    order = np.concatenate(rows) if rows else np.zeros(0, dtype=np.intp)
    y_all = np.concatenate(ys) if ys else np.zeros(0)
    layout = plain_layout(
        barmode="overlay",
        height=110 + 60 * n + 26 * len(ticks),  # a title and 26 px per bar row (190 px for 5 criteria)
        title={"text": plot_text(words["title"].format(delta=f"{delta:g}"))},
        legend={
            "orientation": "h",
            "y": 0,
            "yanchor": "bottom",
            "x": 0.5,
            "xanchor": "center",
            "yref": "container",
        },
        margin={"l": 10, "r": 10, "t": 90, "b": 70},
        xaxis={"zeroline": False, "tickformat": "+.3f", "title": {"text": plot_text(words["axis"])}},
        yaxis={
            "tickmode": "array",
            "tickvals": y_all.tolist(),
            "ticktext": ticks,
            "range": [top - _PANEL_GAP - 0.5, -_PANEL_GAP + 0.5],  # reversed: the first panel on top
            "zeroline": False,
        },
        annotations=titles,
        shapes=zero_lines,
    )
    data: list[dict[str, Any]] = []
    base = cols["base"][order]
    for col, wcol, label, color, pattern in (
        ("low", "weight_low", words["lowered"].format(delta=f"{delta:g}"), COLOURS[1], BAR_PATTERNS[1]),
        ("high", "weight_high", words["raised"].format(delta=f"{delta:g}"), COLOURS[0], BAR_PATTERNS[0]),
    ):
        data.append(
            {
                "type": "bar",
                "x": cols[col][order] - base,
                "y": y_all,
                "orientation": "h",
                "width": 0.8,  # of a row: the rows are not evenly spaced (a title's gap between panels)
                "name": plot_text(label),
                "legendgroup": col,
                "marker": {"color": color, "pattern": {"shape": pattern, "fgcolor": "white", "size": 7}},
                "hovertext": ticks,
                "customdata": np.column_stack([cols[wcol][order], cols[col][order]]),
                "hovertemplate": f"%{{hovertext}} {plot_text(words['hover_weight'])} %{{customdata[0]:.3f}}<br>"
                f"{plot_text(words['hover_composite'])} %{{customdata[1]:.4f}} (%{{x:+.4f}})<extra></extra>",
            }
        )
    return figure(data, layout)


#: Rows of space above each tornado panel, for its title.
_PANEL_GAP = 1.6


#: The tornado's words (English; pages pass translated ones).
_TORNADO_TEXT: dict[str, str] = {
    "title": "Tornado: each criterion's weight moved by ±{delta} (others keep their proportions)",
    "panel": "{name} (composite {value})",
    "axis": "change of composite weight",
    "lowered": "criterion weight −{delta}",
    "raised": "criterion weight +{delta}",
    "hover_weight": "weight",
    "hover_composite": "composite",
}
