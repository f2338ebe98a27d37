"""Plotly figures of the Sensitivity page: composite-weight lines and the tornado (no Streamlit).

Both redraw on every move of that page's widgets, so they are built from
plain dicts (:func:`dashboard.plot_layout.figure`), with the tornado's
subplot grid taken from a memoised ``make_subplots`` skeleton; the tests
validate their output. Factors keep their cluster's colour; every name is
HTML-escaped (:func:`dashboard.text.plot_text`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from anp_core.sensitivity import Crossing, Lines
from dashboard.plot_layout import GREY, figure, plain_layout
from dashboard.text import plot_text

__all__ = ["DASHES", "sensitivity_figure", "subplot_grid", "tornado_figure"]

#: Line dashes that tell apart the factors of one cluster (same colour).
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")


@lru_cache(maxsize=16)
def _subplot_grid_text(rows: int, vertical_spacing: float) -> str:
    # make_subplots costs ~30 ms; its layout depends only on the grid shape
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        subplot_titles=[f"title {r}" for r in range(rows)],
        vertical_spacing=vertical_spacing,
    )
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    return json.dumps(layout)


def subplot_grid(rows: int, titles: Sequence[str], vertical_spacing: float) -> dict[str, Any]:
    """Return the layout of ``make_subplots(rows, 1, shared_xaxes=True)`` with ``titles``, as plain JSON.

    The grid (axis domains, anchors, shared x axes, title annotations) is
    computed once per shape by plotly itself and memoised; each call returns
    a fresh copy with the subplot titles filled in.

    Parameters
    ----------
    rows : int
        Number of stacked panels (one column).
    titles : sequence of str
        One title per panel, top to bottom.
    vertical_spacing : float
        Space between panels (fraction of the plot height).

    Returns
    -------
    dict
        Layout keys ``xaxis``, ``yaxis``, ``xaxis2``… and ``annotations``
        (no template).

    Examples
    --------
    >>> g = subplot_grid(2, ["top", "bottom"], 0.1)
    >>> [a["text"] for a in g["annotations"]], g["xaxis"]["matches"], g["yaxis2"]["anchor"]
    (['top', 'bottom'], 'x2', 'x2')
    """
    if len(titles) != rows:
        msg = f"subplot_grid: {rows} rows but {len(titles)} titles"
        raise ValueError(msg)
    layout: dict[str, Any] = json.loads(_subplot_grid_text(rows, float(vertical_spacing)))
    for annotation, title in zip(layout.get("annotations", []), titles, strict=True):
        annotation["text"] = title
    return layout


def sensitivity_figure(
    lines: Lines,
    names: Mapping[str, str],
    clusters: Mapping[str, str],
    colors: Mapping[str, str],
    *,
    crossings: Sequence[Crossing] = (),
    criterion_label: str = "criterion",
    cluster_names: Mapping[str, str] | None = None,
    highlight: Sequence[str] = (),
    factors: Sequence[str] | None = None,
    height: int = 780,
) -> go.Figure:
    """Return every factor's composite weight against one criterion's weight (0..1).

    The lines are exact (composite weights are linear in the criterion's
    weight when the other criteria keep their proportions), so each line is
    drawn from 51 points only for hovering. A vertical line marks the current
    weight; a marker sits on every crossing (hover: the sentence).

    Parameters
    ----------
    lines : Lines
        :func:`anp_core.sensitivity.lines` of the criterion.
    names : mapping
        Factor id -> display name.
    clusters : mapping
        Factor id -> cluster id.
    colors : mapping
        Cluster id -> colour.
    crossings : sequence of Crossing
        Crossings to mark (ties at weight 0 or 1 may be left out by the caller).
    criterion_label : str
        Short criterion name for the axis and hover ("political").
    cluster_names : mapping, optional
        Cluster id -> legend group title.
    highlight : sequence of str
        Factor ids drawn thicker (e.g. the current top 5); the others are faded.
    factors : sequence of str, optional
        Factor ids to draw (default all).
    height : int
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per factor (legend grouped by cluster), a ``Crossings``
        marker trace and the current-weight line as a layout shape.
    """
    t = np.linspace(0.0, 1.0, 51)
    vals = lines.at(t)
    cname = cluster_names or {}
    hl = set(highlight)
    seen: dict[str, int] = {}
    data: list[dict[str, Any]] = []
    order = np.argsort(-lines.at(lines.current), kind="stable")
    keep = None if factors is None else set(factors)
    label = plot_text(criterion_label)
    for i in order.tolist():
        f = lines.factor_ids[i]
        if keep is not None and f not in keep:
            continue
        cid = clusters.get(f, "")
        k = seen.get(cid, 0)
        seen[cid] = k + 1
        strong = not hl or f in hl
        name = plot_text(names.get(f, f))
        trace: dict[str, Any] = {
            "type": "scatter",
            "mode": "lines",
            "x": t,
            "y": vals[:, i],
            "name": name,
            "legendgroup": cid,
            "line": {
                "color": colors.get(cid, GREY),
                "dash": DASHES[k % len(DASHES)],
                "width": 3 if strong else 1.3,
            },
            "opacity": 1.0 if strong else 0.45,
            "hovertemplate": f"{name}<br>{label} weight %{{x:.2f}}<br>composite %{{y:.4f}}<extra></extra>",
        }
        if k == 0:
            trace["legendgrouptitle"] = {"text": plot_text(cname.get(cid, cid))}
        data.append(trace)
    if crossings:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Crossings",
                "x": [c.t for c in crossings],
                "y": [c.value for c in crossings],
                "marker": {
                    "symbol": "x-thin",
                    "size": 11,
                    "color": "#222",
                    "line": {"width": 2, "color": "#222"},
                },
                "hovertext": [plot_text(c.sentence(names, criterion_label)) for c in crossings],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    ymax = float(vals.max(initial=0.0)) * 1.08 + 1e-9
    current = lines.current
    layout = plain_layout(
        height=height,
        title={"text": f"Composite weight of every factor as the {label} weight moves"},
        xaxis={
            "title": {"text": f"{label} weight (the other criteria keep their proportions)"},
            "range": [0, 1],
        },
        yaxis={"title": {"text": "composite weight"}, "range": [0, ymax], "rangemode": "tozero"},
        legend={"groupclick": "toggleitem", "font": {"size": 11}, "tracegroupgap": 6},
        hovermode="closest",
        # what fig.add_vline(x=current, annotation_position="top right") adds
        shapes=[
            {
                "type": "line",
                "line": {"color": "#d62728", "width": 2, "dash": "dash"},
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
                "text": f"current {current:.3f}",
                "font": {"color": "#d62728"},
                "showarrow": False,
                "x": current,
                "xanchor": "left",
                "xref": "x",
                "y": 1,
                "yanchor": "top",
                "yref": "y domain",
            }
        ],
    )
    return figure(data, layout)


def tornado_figure(
    table: pd.DataFrame,
    names: Mapping[str, str],
    criterion_names: Mapping[str, str],
    delta: float,
    *,
    factors: Sequence[str] | None = None,
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

    Returns
    -------
    plotly.graph_objects.Figure
        One panel per factor (shared x axis: change of composite weight), two
        bars per criterion (weight lowered, weight raised), criteria sorted by
        swing, largest on top.
    """
    # numpy rather than pandas per panel: this runs on every move of the page's widgets
    factor = table["factor"].to_numpy(dtype=object)
    criterion = table["criterion"].to_numpy(dtype=object)
    cols = {c: table[c].to_numpy(dtype=float) for c in ("low", "high", "base", "weight_low", "weight_high")}
    ids = list(factors) if factors is not None else list(dict.fromkeys(factor.tolist()))
    n = len(ids)
    rows = [np.flatnonzero(factor == f) for f in ids]
    titles = [
        f"{plot_text(names.get(f, f))} (composite {float(cols['base'][r[0]]):.4f})"
        for f, r in zip(ids, rows, strict=True)
    ]
    layout = plain_layout(
        barmode="overlay",
        height=110 + n * 190,
        title={
            "text": f"Tornado: each criterion's weight moved by ±{delta:g} (others keep their proportions)"
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
    )
    grid = subplot_grid(n, titles, 0.25 / max(n, 1))
    for r in range(1, n + 1):
        axis = grid[f"xaxis{r if r > 1 else ''}"]
        axis.update({"zeroline": True, "zerolinecolor": "#444", "zerolinewidth": 1.5, "tickformat": "+.3f"})
        if r == n:
            axis["title"] = {"text": "change of composite weight"}
    layout.update(grid)
    data: list[dict[str, Any]] = []
    for r, idx in enumerate(rows, start=1):
        swing = np.abs(cols["high"][idx] - cols["low"][idx])
        idx = idx[np.argsort(swing, kind="stable")]  # largest on top (last drawn on a category axis)
        ylab = [plot_text(criterion_names.get(c, c)) for c in criterion[idx].tolist()]
        base = cols["base"][idx]
        suffix = str(r) if r > 1 else ""
        for col, wcol, label, color in (
            ("low", "weight_low", f"criterion weight −{delta:g}", "#8fb8de"),
            ("high", "weight_high", f"criterion weight +{delta:g}", "#1f5f8b"),
        ):
            data.append(
                {
                    "type": "bar",
                    "x": cols[col][idx] - base,
                    "y": ylab,
                    "orientation": "h",
                    "name": label,
                    "legendgroup": col,
                    "showlegend": r == 1,
                    "marker": {"color": color},
                    "customdata": np.column_stack([cols[wcol][idx], cols[col][idx]]),
                    "hovertemplate": "%{y} weight %{customdata[0]:.3f}<br>composite %{customdata[1]:.4f} "
                    "(%{x:+.4f})<extra></extra>",
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                }
            )
    return figure(data, layout)
