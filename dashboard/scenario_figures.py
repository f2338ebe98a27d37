"""Plotly figures of the Scenarios page: composite weights and ranks side by side (no Streamlit).

Built from graph objects (they draw once per choice of scenarios). Scenarios
get a palette colour *and* a bar pattern; factors keep their cluster's
colour, marker symbol and line dash (:mod:`dashboard.palette`), so nothing is
told by colour alone; chart text is drawn at AA contrast
(:func:`dashboard.palette.apply_plot_text`); every name (factors and
user-named scenarios) is HTML-escaped (:func:`dashboard.text.plot_text`).
Titles come in the page's language (``_``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.plot_layout import layout
from dashboard.text import plot_label, plot_text

__all__ = ["BAR_LIMIT", "BUMP_LIMIT", "PATTERNS", "SCENARIO_COLORS", "rank_bump", "scenario_bars"]

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


#: The grouped bars show at most this many factors (the first scenario's largest weights).
BAR_LIMIT = 40
#: The bump chart is drawn for at most this many factors (a table says the rest).
BUMP_LIMIT = 60

#: Colours of the scenarios on the grouped bars (the first is the reference): the palette's first four.
SCENARIO_COLORS: tuple[str, ...] = tuple(palette.style(k).colour for k in range(4))
#: Bar patterns of the scenarios, so a scenario is told by more than its colour.
PATTERNS: tuple[str, ...] = ("", "/", ".", "x")
#: Colour of the factors whose rank does not change on the bump chart.
STILL = "#767676"


def scenario_bars(
    compared: pd.DataFrame, scenario_names: Mapping[str, str], names: Mapping[str, str], _: Translate = _same
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
    rank_word = plot_text(_("rank"))
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
                marker={
                    "color": SCENARIO_COLORS[k % len(SCENARIO_COLORS)],
                    "pattern": {"shape": PATTERNS[k % len(PATTERNS)], "fgcolor": "#ffffff"},
                },
                customdata=rk,
                hovertemplate=f"{sname}<br>%{{y}}: %{{x:.4f}} ({rank_word} %{{customdata}})<extra></extra>",
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
                "text": plot_text(
                    _("Composite weights by scenario")
                    + (
                        " "
                        + _("(the {k} largest of {n} under the first)").format(
                            k=BAR_LIMIT, n=len(compared.index)
                        )
                        if cut
                        else ""
                    )
                )
            },
            xaxis={"title": {"text": plot_text(_("composite weight"))}, "rangemode": "tozero"},
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
    return palette.apply_plot_text(fig)


def rank_bump(
    compared: pd.DataFrame,
    scenario_names: Mapping[str, str],
    names: Mapping[str, str],
    clusters: Mapping[str, str],
    styles: Mapping[str, palette.Style],
    _: Translate = _same,
) -> go.Figure:
    """Return a bump (slope) chart of the ranks across scenarios.

    Each factor sits on its own row per scenario: its place in the order of
    the exact composite weights, so factors that share a (3-decimal) rank
    do not overlap; the labels at both ends give the rank itself. Factors whose
    rank changes somewhere are drawn in their cluster's colour, marker symbol
    and line dash, the others thin and grey (with their cluster's symbol).
    A scenario that carries judgment changes can be preceded by a column of
    the same weights without them (the caller adds it to ``compared``): the
    step between the two columns is what the judgments did on their own.

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
    styles : mapping
        Cluster id -> :class:`dashboard.palette.Style`.

    Returns
    -------
    plotly.graph_objects.Figure
        One line per factor; y is the place (1 on top).
    """
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    wrap = max(12, 120 // max(len(ids), 1))  # long names wrap instead of slanting into the title
    x = [plot_label(scenario_names.get(s, s), wrap) for s in ids]
    lines = max(label.count("<br>") + 1 for label in x)
    n = len(compared.index)
    m = len(ids)
    place = pd.DataFrame(index=compared.index)
    for s in ids:
        order = compared.sort_values(
            [(s, "rank"), (s, "composite")], ascending=[True, False], kind="stable"
        ).index
        place[s] = pd.Series(np.arange(1, n + 1), index=order)
    data = []
    rank_word = plot_text(_("rank"))
    for f in place[ids[0]].sort_values(kind="stable").index:
        r = np.array([int(compared.loc[f, (s, "rank")]) for s in ids])
        y = place.loc[f, ids].to_numpy(dtype=int)
        moves = bool(np.any(r != r[0]))
        st = styles.get(clusters.get(f, ""), palette.style(0))
        color = st.colour if moves else STILL
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
                # labels in text colours (AA on white); the line and marker carry the cluster's style
                textfont={"size": 11, "color": palette.PLOT_TEXT if moves else palette.PLOT_MUTED_TEXT},
                line={"color": color, "width": 3 if moves else 1.5, "dash": st.dash if moves else "solid"},
                marker={"size": 10 if moves else 6, "color": color, "symbol": st.symbol},
                customdata=r,
                showlegend=False,
                cliponaxis=False,
                hovertemplate=f"{name}<br>%{{x}}: {rank_word} %{{customdata}}<extra></extra>",
            )
        )
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            height=max(420, 26 * n + 120),
            title={
                "text": plot_text(
                    _("Ranks by scenario (coloured: factors whose rank changes; labels give the rank)")
                )
            },
            yaxis={"range": [n + 0.5, 0.5], "showticklabels": False, "showgrid": False, "zeroline": False},
            xaxis={"type": "category", "tickfont": {"size": 12}, "side": "top", "tickangle": 0},
            margin={"l": 240, "r": 240, "t": 70 + 16 * lines, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)
