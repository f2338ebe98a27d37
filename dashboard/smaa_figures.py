"""Plotly figures of the SMAA section: rank acceptability heatmap, central weights, confidence factors (no Streamlit).

Each heatmap cell prints its share (the colour only repeats it); each
criterion in the central-weights chart has a colour *and* a marker symbol
(:mod:`dashboard.palette`); chart text is drawn at AA contrast
(:func:`dashboard.palette.apply_plot_text`); names are HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core.smaa import SMAAResult
from dashboard import palette
from dashboard.plot_layout import layout
from dashboard.text import plot_label, plot_text

__all__ = ["HEATMAP_LIMIT", "acceptability_heatmap", "central_weights_chart", "confidence_chart"]

#: The heatmap shows at most this many factors (rows) and ranks (columns).
HEATMAP_LIMIT = 40
#: The central weights chart shows at most this many factors.
CENTRAL_LIMIT = 12

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


def acceptability_heatmap(table: pd.DataFrame, total: int, _: Translate = _same) -> go.Figure:
    """Return the rank acceptability heatmap of :func:`dashboard.smaa_view.acceptability_table`.

    Rows are factors (first column: their names), columns ranks; a cell is
    the share of weightings under which the factor holds that rank; cells of
    2 % and more print it. ``total`` is the number of factors (the title says
    when rows or ranks were cut).
    """
    names = table.iloc[:, 0].tolist()
    z = table.iloc[:, 1:].to_numpy(dtype=float)
    ranks = [int(c) for c in table.columns[1:]]
    text = np.where(z >= 0.02, np.char.add(np.round(z * 100).astype(int).astype(str), "%"), "")
    labels = [plot_label(n, 36) for n in names]
    title = _("Rank acceptability: share of weightings that give each factor each rank")
    if len(names) < total:
        title += " " + _("(the {k} most acceptable of {n} factors)").format(k=len(names), n=total)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=ranks,
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 10},
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"title": {"text": plot_text(_("share"))}, "tickformat": ".0%"},
            hovertemplate="%{y}<br>" + plot_text(_("rank")) + " %{x}: %{z:.1%}<extra></extra>",
        )
    )
    fig.update_layout(
        layout(
            height=max(340, 26 * len(labels) + 130),
            title={"text": plot_text(title)},
            xaxis={"dtick": 1, "side": "top"},  # the title says the columns are ranks
            yaxis={"autorange": "reversed"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)


def central_weights_chart(
    result: SMAAResult, names: Mapping[str, str], criteria: Mapping[str, str], _: Translate = _same
) -> go.Figure:
    """Return the central weight vectors as a dot plot: one row per factor that ever ranks first, one marker per criterion.

    Factors are ordered by first-rank acceptability (most often first on
    top, at most :data:`CENTRAL_LIMIT`); each criterion keeps its palette
    colour and symbol.
    """
    first = result.counts[:, 0] / result.draws
    rows = [int(i) for i in np.argsort(-first, kind="stable") if not np.isnan(result.central[i]).any()]
    rows = rows[:CENTRAL_LIMIT][::-1]
    labels = [plot_label(names.get(result.node_ids[i], result.node_ids[i]), 36) for i in rows]
    styles = palette.style_map(result.criteria)
    data = []
    for k, c in enumerate(result.criteria):
        st = styles[c]
        name = plot_text(criteria.get(c, c))
        data.append(
            go.Scatter(
                x=result.central[rows, k] if rows else [],
                y=labels,
                mode="markers",
                name=name,
                marker={
                    "color": st.colour,
                    "symbol": st.symbol,
                    "size": 11,
                    "line": {"color": "#ffffff", "width": 1},
                },
                hovertemplate="%{y}<br>" + name + ": %{x:.3f}<extra></extra>",
            )
        )
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            height=max(300, 40 * len(labels) + 150),
            title={
                "text": plot_text(
                    _("Central weights: the typical weighting under which each factor ranks first")
                )
            },
            xaxis={"title": {"text": plot_text(_("criterion weight"))}, "range": [0, 1]},
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 110, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)


def confidence_chart(result: SMAAResult, names: Mapping[str, str], _: Translate = _same) -> go.Figure:
    """Return first-rank acceptability and confidence factor side by side, for the factors that ever rank first.

    Two bars per factor: the share of weightings under which it ranks first
    (solid) and its confidence factor (hatched).
    """
    first = result.counts[:, 0] / result.draws
    rows = [int(i) for i in np.argsort(-first, kind="stable") if not np.isnan(result.central[i]).any()]
    rows = rows[:CENTRAL_LIMIT][::-1]
    labels = [plot_label(names.get(result.node_ids[i], result.node_ids[i]), 36) for i in rows]
    series = (
        (first[rows], _("ranks first (share of weightings)"), palette.style(0), ""),
        (result.confidence_values[rows], _("confidence factor"), palette.style(1), "/"),
    )
    data = [
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            name=plot_text(name),
            marker={"color": st.colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff"}},
            text=["–" if np.isnan(v) else f"{v:.0%}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>" + plot_text(name) + ": %{x:.1%}<extra></extra>",
        )
        for values, name, st, pattern in series
    ]
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            barmode="group",
            height=max(300, 52 * len(labels) + 150),
            title={"text": plot_text(_("How often each factor ranks first, and how sure that is"))},
            xaxis={"title": {"text": plot_text(_("share"))}, "range": [0, 1.12], "tickformat": ".0%"},
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 110, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)
