"""Plotly figures of the Uncertainty page: rank distributions over Monte Carlo draws (no Streamlit).

Built from graph objects (they draw once per run, not per slider move).
Factors keep their cluster's colour and marker symbol (:mod:`dashboard.palette`);
heatmap cells print their share; chart text is drawn at AA contrast
(:func:`dashboard.palette.apply_plot_text`); every name is HTML-escaped
(:func:`dashboard.text.plot_text`). With more factors than a screen can show,
the heatmap keeps the best-ranked ones and says so. Titles come in the
page's language (``_``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.plot_layout import layout
from dashboard.text import plot_label, plot_text

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


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
    styles: Mapping[str, palette.Style] | None = None,
    limit: int = 40,
    _: Translate = _same,
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
    clusters, styles : mapping, optional
        Factor id -> cluster id and cluster id -> :class:`dashboard.palette.Style`
        for the markers of the ranks without perturbation.
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
    default = palette.style(0)
    marks = [
        (styles or {}).get((clusters or {}).get(factor_ids[i], ""), default) if styles else default
        for i in order
    ]
    data: list[go.BaseTraceType] = [
        go.Box(
            y=labels,
            q1=q[1, order],
            median=q[2, order],
            q3=q[3, order],
            lowerfence=q[0, order],
            upperfence=q[4, order],
            orientation="h",
            name=plot_text(_("rank over the draws")),
            fillcolor="rgba(0,114,178,0.2)",
            line={"color": palette.style(0).colour},
            hoverinfo="x+y",
        ),
        go.Scatter(
            x=base[order],
            y=labels,
            mode="markers",
            name=plot_text(_("rank without perturbation (marker: the factor's cluster)")),
            marker={
                "symbol": [m.symbol for m in marks],
                "size": 11,
                "color": [m.colour for m in marks],
                "line": {"color": palette.PLOT_TEXT, "width": 1},
            },
            hovertemplate="%{y}: " + plot_text(_("rank %{x} without perturbation")) + "<extra></extra>",
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
                "text": plot_text(
                    _("Rank over the draws (box: middle half; whiskers: 5–95 %)")
                    + (
                        " " + _("(the {k} best-ranked of {n} factors)").format(k=shown, n=n)
                        if shown < n
                        else ""
                    )
                )
            },
            xaxis={
                "title": {"text": plot_text(_("rank (1 = most important)"))},
                "range": [0.5, top + 0.5],
                "dtick": 1 if top <= 40 else None,
            },
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)


def rank_heatmap(
    distribution: pd.DataFrame,
    names: Mapping[str, str],
    base_ranks: pd.Series,
    *,
    limit: int = HEATMAP_LIMIT,
    _: Translate = _same,
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
            colorbar={"title": {"text": plot_text(_("share"))}, "tickformat": ".0%"},
            hovertemplate="%{y}<br>" + plot_text(_("rank %{x}: %{z:.1%} of draws")) + "<extra></extra>",
        )
    )
    fig.update_layout(
        layout(
            height=max(360, 28 * len(labels) + 120),
            title={
                "text": plot_text(
                    _("Rank acceptability: share of draws at each rank")
                    + (
                        " "
                        + _("(the {k} best-ranked of {n} factors, ranks 1 to {k})").format(
                            k=limit, n=len(order)
                        )
                        if cut
                        else ""
                    )
                )
            },
            xaxis={"dtick": 1, "side": "top"},  # the title says the columns are ranks
            yaxis={"autorange": "reversed"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)
