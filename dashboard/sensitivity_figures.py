"""The Sensitivity page's tornado chart (plotly; no Streamlit).

It redraws on every move of that page's ±X and top-n sliders, so it is built
from plain dicts (:func:`dashboard.plot_layout.figure`), its panels on one
pair of axes; the tests validate its output. Names are HTML-escaped
(:func:`dashboard.text.plot_text`). The page's lines chart is
:mod:`dashboard.sensitivity_lines`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import BAR_PATTERNS
from dashboard.palette import COLOURS
from dashboard.plot_layout import figure, plain_layout
from dashboard.text import plot_text

__all__ = ["tornado_figure"]


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
    # each panel's rows in the table and its composite weight before the move (NaN without rows)
    found = [np.flatnonzero(factor == f) for f in ids]
    before = [float(cols["base"][i[0]]) if i.size else float("nan") for i in found]
    # its title on lines of at most _PANEL_TITLE characters; the gaps make room for the longest
    heads = [
        _panel_title(words["panel"], names.get(f, f), f"{b:.4f}") for f, b in zip(ids, before, strict=True)
    ]
    extra = max((len(h) for h in heads), default=1) - 1
    gap = _PANEL_GAP + _TITLE_LINE * extra
    # one y axis, top down: each panel's bars on rows 0, 1, … after its title's gap
    rows, ys, ticks, titles, zero_lines = [], [], [], [], []
    top = 0.0
    for idx, head in zip(found, heads, strict=True):
        swing = np.abs(cols["high"][idx] - cols["low"][idx])
        idx = idx[np.argsort(-swing, kind="stable")]  # largest on top
        y = top + np.arange(idx.size, dtype=float)
        rows.append(idx)
        ys.append(y)
        ticks += [plot_text(criterion_names.get(c, c)) for c in criterion[idx].tolist()]
        titles.append(
            {
                "text": "<br>".join(plot_text(line) for line in head),
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
        top += idx.size + gap
    order = np.concatenate(rows) if rows else np.zeros(0, dtype=np.intp)
    y_all = np.concatenate(ys) if ys else np.zeros(0)
    layout = plain_layout(
        barmode="overlay",
        # a title and 26 px per bar row (190 px for 5 criteria), and 26 px per row of a longer gap
        height=110 + 60 * n + 26 * len(ticks) + round(26 * _TITLE_LINE * extra * n),
        # plotly does not wrap a title: on a narrow page a long one would run past the edge
        title={
            "text": "<br>".join(plot_text(line) for line in _wrap(words["title"].format(delta=f"{delta:g}")))
        },
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
            "range": [top - gap - 0.5, -gap + 0.5],  # reversed: the first panel on top
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
#: Rows of space per extra line of a panel's title, and the characters per line.
_TITLE_LINE = 0.75
_PANEL_TITLE = 44


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


def _wrap(text: str, width: int = 60) -> list[str]:
    """Return ``text`` in lines of at most ``width`` characters (one line when it is shorter)."""
    return textwrap.wrap(text, width) or [text]


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
    if len(whole) <= _PANEL_TITLE:
        return [whole]
    marked = template.format(name="\0", value=value)
    if "\0" not in marked:
        return _wrap(whole, _PANEL_TITLE)
    before, after = marked.split("\0", 1)
    return _wrap(before + name, _PANEL_TITLE) + ([after.strip()] if after.strip() else [])
