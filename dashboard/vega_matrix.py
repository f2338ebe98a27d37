"""Vega-Lite charts of one pairwise comparison: its priorities and the whole matrix (no Streamlit import).

The Judgments page redraws both on every judgment edit. As on the
Weights page (:mod:`dashboard.vega_charts`), a specification that depends
on the matrix's size, the labels' line counts and the language only lets
Streamlit hand the browser the new data alone, and Vega redraws far less
than plotly did.

Cell colours are computed here, not by Vega: each cell's text is then drawn
in black or white, whichever contrasts more with that very fill (at least
4.58:1 for any fill, above WCAG 2.1 AA's 4.5:1).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dashboard.arrow_table import table as arrow_table
from dashboard.figures import fmt_judgment
from dashboard.palette import COLOURS, PLOT_GRID, PLOT_TEXT, hex_to_rgb, relative_luminance
from dashboard.plot_layout import axis_end
from dashboard.vega_charts import CONFIG, LINE_HEIGHT, VegaChart, band_step, band_y, unique_labels, wrap_label

__all__ = ["DIVERGING", "diverging_fill", "matrix_heatmap", "priorities_bar"]

#: ColorBrewer's RdBu, from blue (the column dominates, log a_ij < 0) through near-white to red (the row does).
DIVERGING: tuple[str, ...] = (
    "#053061",
    "#2166AC",
    "#4393C3",
    "#92C5DE",
    "#D1E5F0",
    "#F7F7F7",
    "#FDDBC7",
    "#F4A582",
    "#D6604D",
    "#B2182B",
    "#67001F",
)
_STOPS = np.array([hex_to_rgb(c) for c in DIVERGING])  # sRGB in [0, 1]
_MISSING = "#FFFFFF"
_BAR = 14  # pixels: a priority's bar
#: Vega expressions: the cell's text fits its width at 13 px (digits about 7.5 px wide), at 10 px.
_FITS = "bandwidth('x') >= 7.5 * length(datum.text) + 6"
_FITS_SMALL = "bandwidth('x') >= 5.8 * length(datum.text) + 4"
#: Smallest ends of the colour scale: |log a_ij| = log 9, Saaty's extreme, is the darkest colour.
_EXTREME = float(np.log(9.0))


def diverging_fill(z: npt.ArrayLike, zmax: float) -> tuple[list[str], list[str]]:
    """Return the fill of each value ``z`` in [-zmax, zmax] on :data:`DIVERGING`, and the text colour for it.

    The fill interpolates the two nearest stops linearly in sRGB (as Vega's
    ``interpolate: "rgb"``); NaN is white. The text is ``#000000`` or
    ``#FFFFFF``, whichever has the larger WCAG contrast ratio
    ``(L1 + 0.05) / (L2 + 0.05)`` with the fill: at least 4.58:1.

    >>> diverging_fill([0.0, 1.0, -1.0, float("nan")], 1.0)
    (['#F7F7F7', '#67001F', '#053061', '#FFFFFF'], ['#000000', '#FFFFFF', '#FFFFFF', '#000000'])
    """
    zs = np.asarray(z, dtype=float).ravel()
    given = np.isfinite(zs)
    t = (np.clip(np.where(given, zs, 0.0) / (zmax or 1.0), -1.0, 1.0) + 1.0) / 2 * (len(DIVERGING) - 1)
    lo = np.minimum(np.floor(t).astype(int), len(DIVERGING) - 2)
    frac = (t - lo)[:, None]
    rgb = _STOPS[lo] * (1 - frac) + _STOPS[lo + 1] * frac
    rgb[~given] = hex_to_rgb(_MISSING)
    lum = relative_luminance(rgb)
    # black wins where (L + 0.05) / 0.05 >= 1.05 / (L + 0.05)
    ink = np.where((lum + 0.05) ** 2 >= 0.05 * 1.05, "#000000", "#FFFFFF")
    codes = np.rint(rgb * 255).astype(int)
    fills = [f"#{r:02X}{g:02X}{b:02X}" for r, g, b in codes.tolist()]
    return fills, ink.tolist()


def priorities_bar(
    labels: Sequence[str],
    priorities: npt.ArrayLike,
    *,
    color: str = COLOURS[0],
    title: str = "Priorities (principal eigenvector)",
    text: dict[str, str] | None = None,
) -> VegaChart:
    """Return a horizontal bar per element of a comparison: its priority, written at the bar's end.

    Bars keep the matrix order (first element on top), so the chart reads
    like the matrix rows. Each name is written just above its bar, across the
    whole width, so a narrow column keeps its bars (names beside them took it
    all). The axis ends on a half-decade step
    (:func:`dashboard.plot_layout.axis_end`) past the longest bar and its
    value, so most judgment edits send new data only.

    Parameters
    ----------
    labels : sequence of str
        Element names, in matrix order.
    priorities : array_like
        Priority vector (sums to 1), same order.
    color : str
        Bar colour (the cluster's colour for a factor comparison).
    title : str
        The chart's title and accessible name.
    text : dict, optional
        Words: ``element``, ``priority`` (tooltip titles), ``describe`` (what a screen reader says
        of a bar, ``{name}``, ``{value}``); English by default.

    Returns
    -------
    VegaChart
        Data columns ``label`` (wrapped), ``name_lines`` (the same, drawn), ``element``,
        ``priority``, ``value`` (3 decimals), ``describe`` (what a screen reader says of the
        bar: ``name: 0.1234``), ``order``.

    Examples
    --------
    >>> chart = priorities_bar(["a", "b"], [0.75, 0.25])
    >>> chart.data.select(["element", "value"]).to_pylist()
    [{'element': 'a', 'value': '0.750'}, {'element': 'b', 'value': '0.250'}]
    """
    words = {"element": "element", "priority": "priority", "describe": "{name}: {value}", **(text or {})}
    vals = np.asarray(priorities, dtype=float)
    names = [str(x) for x in labels]
    wrapped = unique_labels([wrap_label(x) for x in names])
    counts = [label.count("\n") + 1 for label in wrapped]
    lines = max(counts, default=1)
    data = arrow_table(
        {
            "label": wrapped,
            # blank lines first, so that every name's last line sits just above its bar
            "name_lines": ["\n" * (lines - k) + label for k, label in zip(counts, wrapped, strict=True)],
            "element": names,
            "priority": vals,
            "value": [f"{v:.3f}" for v in vals.tolist()],
            "describe": [
                words["describe"].format(name=name, value=f"{v:.4f}")
                for name, v in zip(names, vals.tolist(), strict=True)
            ],
            "order": np.arange(len(names)),
        }
    )
    right = axis_end(float(vals.max(initial=0.0)) * 1.25)
    step = LINE_HEIGHT * lines + _BAR + 12  # the name's lines, the bar, a gap
    under = step / 2 - _BAR / 2 - 4  # from the band's middle down to the bar's
    x = {
        "field": "priority",
        "type": "quantitative",
        "scale": {"domain": [0, right]},
        "title": None,
        "axis": {"format": ".2f", "grid": False},  # no lines through the names; values are written
    }
    value = {"type": "text", "baseline": "middle", "fontSize": 13, "color": PLOT_TEXT, "aria": False}
    spec = {
        "title": {"text": title},
        "height": {"step": step},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": {"field": "order", "op": "min"}, "axis": None},
        },
        "layer": [
            {
                "mark": {"type": "bar", "height": _BAR, "yOffset": under, "color": color},
                "encoding": {
                    "x": x,
                    "tooltip": [
                        {"field": "element", "title": words["element"]},
                        {"field": "priority", "title": words["priority"], "format": ".4f"},
                    ],
                    "description": {"field": "describe"},
                },
            },
            {  # the value at the bar's end
                "mark": {**value, "align": "left", "dx": 4, "yOffset": under},
                "encoding": {"x": x, "text": {"field": "value"}},
            },
            {  # the name just above its bar, cut (…) only where the chart is narrower than one of its lines
                "mark": {
                    **value,
                    "align": "left",
                    "baseline": "top",
                    "yOffset": -step / 2 + 2,
                    "lineBreak": "\n",
                    "lineHeight": LINE_HEIGHT,
                    "limit": {"expr": "width"},
                },
                "encoding": {"x": {"value": 0}, "text": {"field": "name_lines"}},
            },
        ],
        "config": CONFIG,
    }
    return VegaChart(spec=spec, data=data, title=title)


def matrix_heatmap(
    matrix: npt.ArrayLike,
    labels: Sequence[str],
    *,
    highlight: tuple[int, int] | None = None,
    row_names: bool = True,
    title: str = "Full reciprocal matrix (read-only)",
    hover: tuple[str, str] = ("{row} over {col}: {value}", "{row} over {col}: not given"),
) -> VegaChart:
    """Return the pairwise matrix as coloured cells, each holding its judgment, coloured by ``log(a_ij)``.

    Rows are labelled ``1. name`` (``1`` without ``row_names``: beside the
    matrix editor, whose rows name them), columns ``1``, ``2``… on top (as in
    the matrix editor). Cells show the judgment in Saaty's notation
    (:func:`dashboard.figures.fmt_judgment`), or ``?`` where it is missing
    (white); red where the row dominates, blue where the column does
    (:func:`diverging_fill`, ``|log a_ij|`` up to ``max(log 9, max |log a_ij|)``),
    so the colour only repeats what the cell says. ``highlight`` outlines one
    cell and its reciprocal in black: the most inconsistent judgment. A
    judgment too wide for its cell at 13 px is drawn at 10 px, and left out
    where that is too wide as well (the editor holds every value). Each
    cell's accessible description and tooltip is ``hover`` (``{row}``,
    ``{col}``, ``{value}`` in Saaty's notation; the second for a missing
    judgment).

    Returns
    -------
    VegaChart
        Data columns ``row`` (``k. name`` wrapped, or ``k``), ``row_order``, ``col``,
        ``col_order``, ``text``, ``hover``, ``fill``, ``ink``, ``worst``; rows
        before columns, n * n rows.

    Examples
    --------
    >>> chart = matrix_heatmap([[1, 3], [1 / 3, 1]], ["a", "b"], highlight=(0, 1))
    >>> chart.data.select(["row", "col", "text", "worst"]).to_pylist()[1]
    {'row': '1. a', 'col': '2', 'text': '3', 'worst': True}
    """
    a = np.array(matrix, dtype=float)  # None (a missing judgment) becomes NaN
    n = a.shape[0]
    names = [str(x) for x in labels]
    rows = [str(k + 1) for k in range(n)]
    if row_names:
        rows = unique_labels([wrap_label(f"{k + 1}. {name}", 32) for k, name in enumerate(names)])
    given = np.isfinite(a)
    z = np.log(np.where(given & (a > 0), a, np.nan))
    zmax = max(float(np.nanmax(np.abs(z), initial=0.0)), _EXTREME)
    fills, inks = diverging_fill(z, zmax)
    said, missing = hover
    texts, hovers = [], []
    for i in range(n):
        for j in range(n):
            if given[i, j]:
                texts.append(fmt_judgment(float(a[i, j])))
                hovers.append(said.format(row=names[i], col=names[j], value=texts[-1]))
            else:
                texts.append("?")
                hovers.append(missing.format(row=names[i], col=names[j]))
    worst = np.zeros((n, n), dtype=bool)
    if highlight is not None:
        i, j = highlight
        worst[i, j] = worst[j, i] = True
    ii, jj = np.divmod(np.arange(n * n), n)
    data = arrow_table(
        {
            "row": [rows[i] for i in ii.tolist()],
            "row_order": ii,
            "col": [str(j + 1) for j in jj.tolist()],
            "col_order": jj,
            "text": texts,
            "hover": hovers,
            "fill": fills,
            "ink": inks,
            "worst": worst.ravel(),
        }
    )
    x = {
        "field": "col",
        "type": "nominal",
        "sort": {"field": "col_order", "op": "min"},
        "title": None,
        "axis": {"orient": "top", "labelAngle": 0, "domain": False, "ticks": False},
    }
    spec = {
        "title": {"text": title},
        "height": {"step": max(band_step(rows), 36)},
        "encoding": {"y": {**band_y("row", "row_order"), "scale": {"paddingInner": 0.04}}, "x": x},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": PLOT_GRID, "strokeWidth": 1},
                "encoding": {
                    "color": {"field": "fill", "type": "nominal", "scale": None, "legend": None},
                    "tooltip": {"field": "hover"},
                    "description": {"field": "hover"},
                },
            },
            {
                "mark": {"type": "text", "aria": False},
                "encoding": {
                    "text": {"field": "text"},
                    "color": {"field": "ink", "type": "nominal", "scale": None, "legend": None},
                    # smaller where 13 px is too wide for the cell; not drawn where 10 px is too (the
                    # editor and the tooltip hold it)
                    "size": {"condition": {"test": _FITS, "value": 13}, "value": 10},
                    "opacity": {"condition": {"test": _FITS_SMALL, "value": 1}, "value": 0},
                    "tooltip": {"field": "hover"},
                },
            },
            {
                "transform": [{"filter": "datum.worst"}],
                "mark": {"type": "rect", "fill": None, "stroke": "#000000", "strokeWidth": 3, "aria": False},
            },
        ],
        "config": {**CONFIG, "axis": {**CONFIG["axis"], "grid": False}},
    }
    return VegaChart(spec=spec, data=data, title=title)
