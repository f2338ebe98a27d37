"""Plotly figures of the Uncertainty page: rank distributions over Monte Carlo draws (no Streamlit).

Built from graph objects (they draw once per run, not per slider move).
Factors keep their cluster's colour; every name is HTML-escaped
(:func:`dashboard.text.plot_text`). With more factors than a screen can show,
the heatmap keeps the best-ranked ones and says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.plot_layout import layout
from dashboard.text import plot_label

__all__ = ["HEATMAP_LIMIT", "rank_boxplot", "rank_heatmap"]

#: The rank heatmap shows at most this many factors (rows) and ranks (columns).
HEATMAP_LIMIT = 60


def rank_boxplot(
    ranks: np.ndarray,
    factor_ids: Sequence[str],
    names: Mapping[str, str],
    base_ranks: Sequence[int],
    *,
    clusters: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
    limit: int = 40,
) -> go.Figure:
    """Return the rank distribution of every factor as box plots (boxes from precomputed quantiles).

    Box: quartiles and median of the ranks over the draws; whiskers: the 5th
    and 95th percentiles; a diamond marks the deterministic rank. Factors are
    ordered by deterministic rank, best on top.

    Parameters
    ----------
    ranks : ndarray
        (draws, factors) ranks (:attr:`MonteCarloResult.ranks`).
    factor_ids : sequence of str
        Factor ids of the columns.
    names : mapping
        Factor id -> display name.
    base_ranks : sequence of int
        Deterministic ranks, same order.
    clusters, colors : mapping, optional
        Factor id -> cluster id and cluster id -> colour for the boxes.
    limit : int
        At most this many factors (the best deterministic ranks).

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Box`` trace (precomputed statistics) and one marker trace.
    """
    base = np.asarray(base_ranks)
    best = np.lexsort((np.arange(len(base)), base))[:limit]
    r = np.asarray(ranks, dtype=float)[:, best]
    q = np.zeros((5, len(base)))
    q[:, best] = np.quantile(r, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0, method="linear")
    order = best[::-1]  # worst first: plotly draws the first category at the bottom
    labels = [plot_label(names.get(factor_ids[i], factor_ids[i])) for i in order]
    fill = "#8fb8de"
    if clusters is not None and colors is not None:
        fill_colors = [colors.get(clusters.get(factor_ids[i], ""), fill) for i in order]
    else:
        fill_colors = [fill] * len(order)
    data: list[go.BaseTraceType] = [
        go.Box(
            y=labels,
            q1=q[1, order],
            median=q[2, order],
            q3=q[3, order],
            lowerfence=q[0, order],
            upperfence=q[4, order],
            orientation="h",
            name="rank over the draws",
            fillcolor="rgba(31,95,139,0.25)",
            line={"color": "#1f5f8b"},
            hoverinfo="x+y",
        ),
        go.Scatter(
            x=base[order],
            y=labels,
            mode="markers",
            name="rank without perturbation",
            marker={
                "symbol": "diamond",
                "size": 10,
                "color": fill_colors,
                "line": {"color": "#222", "width": 1},
            },
            hovertemplate="%{y}: rank %{x} without perturbation<extra></extra>",
        ),
    ]
    fig = go.Figure(data=data)
    n = len(factor_ids)
    shown = len(order)
    top = float(max(q[4, best].max(initial=1.0), base[best].max(initial=1)))
    fig.update_layout(
        layout(
            height=max(360, 30 * shown + 120),
            title={
                "text": "Rank over the draws (box: middle half; whiskers: 5–95 %)"
                + (f": the {shown} best-ranked of {n} factors" if shown < n else "")
            },
            xaxis={
                "title": {"text": "rank (1 = most important)"},
                "range": [0.5, top + 0.5],
                "dtick": 1 if top <= 40 else None,
            },
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return fig


def rank_heatmap(
    distribution: pd.DataFrame, names: Mapping[str, str], base_ranks: pd.Series, *, limit: int = HEATMAP_LIMIT
) -> go.Figure:
    """Return the rank acceptability heatmap: share of draws in which each factor holds each rank.

    Parameters
    ----------
    distribution : DataFrame
        :attr:`MonteCarloResult.rank_distribution` (factor x rank, rows sum to 1).
    names : mapping
        Factor id -> display name.
    base_ranks : Series
        Deterministic rank per factor id (row order, best on top).
    limit : int
        At most this many factors (the best-ranked) and ranks (1 to ``limit``).

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Heatmap``; cells show percentages of 3 % and more.
    """
    order = base_ranks.reindex(distribution.index).sort_values(kind="stable").index
    d = distribution.loc[order[:limit]]
    d = d[[c for c in d.columns if int(c) <= limit]]
    cut = len(order) > limit
    z = d.to_numpy(dtype=float)
    text = np.where(z >= 0.03, np.char.add(np.round(z * 100).astype(int).astype(str), "%"), "")
    labels = [plot_label(names.get(f, f)) for f in d.index]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[int(c) for c in d.columns],
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 10},
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
            hovertemplate="%{y}<br>rank %{x}: %{z:.1%} of draws<extra></extra>",
        )
    )
    fig.update_layout(
        layout(
            height=max(360, 28 * len(labels) + 120),
            title={
                "text": "Rank acceptability: share of draws at each rank"
                + (f" (the {limit} best-ranked of {len(order)} factors, ranks 1 to {limit})" if cut else "")
            },
            xaxis={"title": {"text": "rank"}, "dtick": 1, "side": "top"},
            yaxis={"autorange": "reversed"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return fig
