"""Figures for the Supermatrix teaching page: labelled heatmaps and convergence.

Plain functions returning :class:`plotly.graph_objects.Figure` (no Streamlit),
built with graph objects because the page redraws them whenever the criterion
or the model changes (STYLE.md 3.6).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.palette import COLOURS, PLOT_MUTED_TEXT
from dashboard.text import plot_text

__all__ = [
    "CONVERGENCE_TEXT",
    "HEATMAP_TEXT",
    "MACHINE_EPSILON",
    "block_boundaries",
    "convergence_figure",
    "supermatrix_heatmap",
]

#: Spacing of doubles near 1: differences below it are rounding noise.
MACHINE_EPSILON = float(np.finfo(float).eps)

# A log axis cannot show 0: exact zeros are drawn at this floor, marked.
_ZERO_FLOOR = 1e-18

_COLORSCALE = [
    [0.0, "#ffffff"],
    [1e-9, "#f1f6fb"],
    [0.25, "#9ecae1"],
    [0.6, "#3182bd"],
    [1.0, "#08306b"],
]


#: Words of :func:`supermatrix_heatmap` (English defaults; pages pass their language's).
HEATMAP_TEXT: dict[str, str] = {
    "xaxis": "column j: compared with respect to (from)",
    "yaxis": "row i (to)",
    "row": "row (to):",
    "column": "column (from):",
    "value": "value:",
}
#: Words of :func:`convergence_figure`.
CONVERGENCE_TEXT: dict[str, str] = {
    "power": "power p",
    "zero": "exactly 0 (drawn at 1e-18)",
    "zero_hover": "difference exactly 0",
    "machine": "machine precision (2.2e-16): below it is rounding noise",
    "tolerance": "tolerance {tol}",
    "yaxis": "max |W^(p+1) − W^p| (log scale)",
}


def block_boundaries(sizes: Sequence[int]) -> list[int]:
    """Return the indices where a new cluster block starts (excluding 0).

    Examples
    --------
    >>> block_boundaries([4, 3, 4])
    [4, 7]
    """
    return [int(b) for b in np.cumsum(sizes)[:-1]]


def _cell_text(z: npt.NDArray[np.float64], digits: int) -> list[list[str]]:
    return [[f"{v:.{digits}f}" if v != 0 else "" for v in row] for row in z]


def supermatrix_heatmap(
    frame: pd.DataFrame,
    *,
    title: str = "",
    boundaries: Sequence[int] = (),
    show_values: bool = True,
    digits: int = 2,
    zmax: float | None = None,
    height: int | None = None,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Draw a labelled matrix (a supermatrix or the cluster matrix) as a heatmap.

    Rows are drawn top to bottom in the frame's order (row ``i`` = "to",
    column ``j`` = "from", as in ANP supermatrices); zero cells are white
    and left blank. The exact value of every cell is in the hover text.

    Parameters
    ----------
    frame : DataFrame
        Square matrix labelled with names (index = rows, columns = columns).
    title : str, optional
        Figure title.
    boundaries : sequence of int, optional
        Indices where a new cluster block starts; thin lines are drawn there.
    show_values : bool, optional
        Print the rounded values in the non-zero cells.
    digits : int, optional
        Decimals of the printed values (hover always shows 4).
    zmax : float, optional
        Top of the colour scale (default: the largest entry, at least 1e-12).
    height : int, optional
        Figure height in px (default grows with the number of rows).
    text : mapping, optional
        The chart's words (plain text): ``xaxis``, ``yaxis``, ``row``, ``column``,
        ``value`` (hover); English by default.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``heatmap`` trace whose ``z`` is the frame's values.
    """
    words = {**HEATMAP_TEXT, **(text or {})}
    z = frame.to_numpy(dtype=float)
    n_rows, n_cols = z.shape
    rows = [plot_text(r) for r in frame.index]
    cols = [plot_text(c) for c in frame.columns]
    top = float(zmax) if zmax is not None else max(float(np.nanmax(z)) if z.size else 0.0, 1e-12)
    trace: dict[str, object] = {
        "type": "heatmap",
        "z": z,
        "x": cols,
        "y": rows,
        "zmin": 0.0,
        "zmax": top,
        "colorscale": _COLORSCALE,
        "xgap": 1,
        "ygap": 1,
        "hovertemplate": f"{plot_text(words['row'])} <b>%{{y}}</b><br>{plot_text(words['column'])} <b>%{{x}}</b>"
        f"<br>{plot_text(words['value'])} %{{z:.4f}}<extra></extra>",
        "colorbar": {"thickness": 12, "len": 0.6},
    }
    if show_values:
        trace["text"] = _cell_text(z, digits)
        trace["texttemplate"] = "%{text}"
        trace["textfont"] = {"size": 9 if n_cols > 12 else 11}
    shapes = []
    for b in boundaries:
        line = {"color": "#222", "width": 2}
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": b - 0.5,
                "x1": b - 0.5,
                "y0": 0,
                "y1": 1,
                "line": line,
            }
        )
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": b - 0.5,
                "y1": b - 0.5,
                "line": line,
            }
        )
    fig = go.Figure(
        data=[trace],
        layout={
            "title": {"text": title, "font": {"size": 15}} if title else None,
            "height": height or max(360, 190 + 26 * n_rows),
            "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
            "xaxis": {
                "side": "bottom",
                "tickangle": -50,
                "tickfont": {"size": 11},
                "automargin": True,
                "title": {"text": plot_text(words["xaxis"])},
                "constrain": "domain",
            },
            "yaxis": {
                "autorange": "reversed",
                "tickfont": {"size": 11},
                "automargin": True,
                "title": {"text": plot_text(words["yaxis"])},
            },
            "shapes": shapes,
            "plot_bgcolor": "white",
        },
    )
    return palette.apply_plot_text(fig)


def convergence_figure(
    residuals: npt.ArrayLike,
    *,
    tol: float | None = None,
    title: str = "",
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Plot ``max |W^(p+1) - W^p|`` against the power ``p`` on a log scale.

    Parameters
    ----------
    residuals : array_like
        From :func:`anp_core.limit.power_residuals` (``residuals[0]`` is
        ``p = 1``).
    tol : float, optional
        A tolerance to draw as a dashed line.
    title : str, optional
        Figure title.
    text : mapping, optional
        The chart's words (plain text): ``power``, ``zero``, ``zero_hover``,
        ``machine``, ``tolerance`` ({tol}), ``yaxis``; English by default.

    Returns
    -------
    plotly.graph_objects.Figure
        A ``Residual`` line trace (exact zeros drawn at 1e-18 and listed in
        an ``exactly 0`` marker trace) and a machine-precision line.
    """
    words = {**CONVERGENCE_TEXT, **(text or {})}
    power = plot_text(words["power"])
    r = np.asarray(residuals, dtype=float)
    p = np.arange(1, r.size + 1)
    zero = r <= 0
    shown = np.where(zero, _ZERO_FLOOR, r)
    traces: list[dict[str, object]] = [
        {
            "type": "scatter",
            "x": p,
            "y": shown,
            "mode": "lines+markers",
            "name": "max |W^(p+1) − W^p|",
            "marker": {"size": 5, "color": COLOURS[0]},
            "line": {"color": COLOURS[0]},
            "customdata": r,
            "hovertemplate": f"{power} = %{{x}}<br>max |W^(p+1) − W^p| = %{{customdata:.3e}}<extra></extra>",
        }
    ]
    if zero.any():
        traces.append(
            {
                "type": "scatter",
                "x": p[zero],
                "y": shown[zero],
                "mode": "markers",
                "name": plot_text(words["zero"]),
                "marker": {"symbol": "x", "size": 8, "color": COLOURS[2]},
                "hovertemplate": f"{power} = %{{x}}<br>{plot_text(words['zero_hover'])}<extra></extra>",
            }
        )
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": MACHINE_EPSILON,
            "y1": MACHINE_EPSILON,
            "line": {"color": "#8A8A8A", "dash": "dot", "width": 1},
        }
    ]
    annotations = [
        {
            "xref": "paper",
            "yref": "y",
            "x": 1,
            "y": float(np.log10(MACHINE_EPSILON)),
            "xanchor": "right",
            "yanchor": "bottom",
            "showarrow": False,
            "text": plot_text(words["machine"]),
            "font": {"size": 11, "color": PLOT_MUTED_TEXT},
        }
    ]
    if tol is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": tol,
                "y1": tol,
                "line": {"color": COLOURS[1], "dash": "dash", "width": 1},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "yref": "y",
                "x": 1,
                "y": float(np.log10(tol)),
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "text": plot_text(words["tolerance"].format(tol=f"{tol:g}")),
                "font": {"size": 11, "color": PLOT_MUTED_TEXT},
            }
        )
    finite = shown[np.isfinite(shown)]
    lo = min(float(finite.min()) if finite.size else 1.0, MACHINE_EPSILON, tol or 1.0)
    hi = max(float(finite.max()) if finite.size else 1.0, 1.0)
    fig = go.Figure(
        data=traces,
        layout={
            "title": {"text": title} if title else None,
            "height": 380,
            "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
            "xaxis": {"title": {"text": power}, "rangemode": "tozero"},
            "yaxis": {
                "type": "log",
                "title": {"text": plot_text(words["yaxis"])},
                "range": [np.log10(lo) - 1, np.log10(hi) + 0.5],
                "exponentformat": "power",
            },
            "shapes": shapes,
            "annotations": annotations,
            "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
            "plot_bgcolor": "white",
        },
    )
    return palette.apply_plot_text(fig)
