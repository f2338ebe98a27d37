"""Plotly figures of the Scenarios page: composite weights and ranks side by side (no Streamlit).

Built from graph objects (they draw once per choice of scenarios). Factors keep
their cluster's colour; every name (factors and user-named scenarios) is
HTML-escaped (:func:`dashboard.text.plot_text`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.plot_layout import GREY, layout
from dashboard.text import plot_label, plot_text

__all__ = ["BAR_LIMIT", "BUMP_LIMIT", "SCENARIO_COLORS", "rank_bump", "scenario_bars"]

#: The grouped bars show at most this many factors (the first scenario's largest weights).
BAR_LIMIT = 40
#: The bump chart is drawn for at most this many factors (a table says the rest).
BUMP_LIMIT = 60

#: Colours of the scenarios on the grouped bars (the first is the reference).
SCENARIO_COLORS: tuple[str, ...] = ("#4d4d4d", "#1f5f8b", "#e07b39", "#7a4fa3")


def scenario_bars(
    compared: pd.DataFrame, scenario_names: Mapping[str, str], names: Mapping[str, str]
) -> go.Figure:
    """Return grouped horizontal bars of the composite weights under each scenario.

    Parameters
    ----------
    compared : DataFrame
        :func:`anp_core.scenarios.compare` output.
    scenario_names : mapping
        Scenario id -> display name.
    names : mapping
        Factor id -> display name.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Bar`` trace per scenario, factors ordered by the first
        scenario's composite weight (largest on top; at most :data:`BAR_LIMIT`).
    """
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    first = ids[0]
    order = compared[(first, "composite")].sort_values(ascending=True, kind="stable").index[-BAR_LIMIT:]
    labels = [plot_label(names.get(f, f)) for f in order]
    cut = len(compared.index) > BAR_LIMIT
    data = []
    # plotly stacks a horizontal group bottom-up: add the last scenario first so the
    # first one sits on top of each group; the legend is reversed back to match
    for k, sid in reversed(list(enumerate(ids))):
        vals = compared.loc[order, (sid, "composite")].to_numpy(dtype=float)
        rk = compared.loc[order, (sid, "rank")].to_numpy()
        sname = plot_text(scenario_names.get(sid, sid))
        data.append(
            go.Bar(
                x=vals,
                y=labels,
                orientation="h",
                name=sname,
                marker={"color": SCENARIO_COLORS[k % len(SCENARIO_COLORS)]},
                customdata=rk,
                hovertemplate=f"{sname}<br>%{{y}}: %{{x:.4f}} (rank %{{customdata}})<extra></extra>",
            )
        )
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            barmode="group",
            bargap=0.25,
            bargroupgap=0.05,
            height=max(420, len(labels) * (14 + 9 * len(ids)) + 120),
            title={
                "text": "Composite weights by scenario"
                + (f" (the {BAR_LIMIT} largest of {len(compared.index)} under the first)" if cut else "")
            },
            xaxis={"title": {"text": "composite weight"}, "rangemode": "tozero"},
            legend={
                "orientation": "h",
                "y": 1.0,
                "yanchor": "bottom",
                "x": 1,
                "xanchor": "right",
                "traceorder": "reversed",
            },
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return fig


def rank_bump(
    compared: pd.DataFrame,
    scenario_names: Mapping[str, str],
    names: Mapping[str, str],
    clusters: Mapping[str, str],
    colors: Mapping[str, str],
) -> go.Figure:
    """Return a bump (slope) chart of the ranks across scenarios.

    Each factor sits on its own row per scenario: its place in the order of
    the exact composite weights, so factors that share a (3-decimal) rank
    do not overlap; the labels at both ends give the rank itself. Factors whose
    rank changes somewhere are drawn in their cluster's colour, the others in
    grey.

    Parameters
    ----------
    compared : DataFrame
        :func:`anp_core.scenarios.compare` output.
    scenario_names : mapping
        Scenario id -> display name (x categories, in order).
    names : mapping
        Factor id -> display name.
    clusters : mapping
        Factor id -> cluster id.
    colors : mapping
        Cluster id -> colour.

    Returns
    -------
    plotly.graph_objects.Figure
        One line per factor; y is the place (1 on top).
    """
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    x = [plot_text(scenario_names.get(s, s)) for s in ids]
    n = len(compared.index)
    m = len(ids)
    place = pd.DataFrame(index=compared.index)
    for s in ids:
        order = compared.sort_values(
            [(s, "rank"), (s, "composite")], ascending=[True, False], kind="stable"
        ).index
        place[s] = pd.Series(np.arange(1, n + 1), index=order)
    data = []
    for f in place[ids[0]].sort_values(kind="stable").index:
        r = np.array([int(compared.loc[f, (s, "rank")]) for s in ids])
        y = place.loc[f, ids].to_numpy(dtype=int)
        moves = bool(np.any(r != r[0]))
        color = colors.get(clusters.get(f, ""), GREY) if moves else "#b0b0b0"
        name = plot_text(names.get(f, f))
        if m > 1:
            text = [f"{name}  {r[0]}"] + [""] * (m - 2) + [f"{r[-1]}  {name}"]
            pos = ["middle left"] + ["middle center"] * (m - 2) + ["middle right"]
        else:
            text, pos = [f"{name}  {r[0]}"], ["middle left"]
        data.append(
            go.Scatter(
                x=x,
                y=y,
                mode="lines+markers+text",
                name=name,
                text=text,
                textposition=pos,
                textfont={"size": 11, "color": color if moves else "#8a8a8a"},
                line={"color": color, "width": 3 if moves else 1.5},
                marker={"size": 9 if moves else 6, "color": color},
                customdata=r,
                showlegend=False,
                cliponaxis=False,
                hovertemplate=f"{name}<br>%{{x}}: rank %{{customdata}}<extra></extra>",
            )
        )
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            height=max(420, 26 * n + 120),
            title={"text": "Ranks by scenario (coloured: factors whose rank changes; labels give the rank)"},
            yaxis={"range": [n + 0.5, 0.5], "showticklabels": False, "showgrid": False, "zeroline": False},
            xaxis={"type": "category", "tickfont": {"size": 12}, "side": "top"},
            margin={"l": 240, "r": 240, "t": 90, "b": 10},
        )
    )
    return fig
