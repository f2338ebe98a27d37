"""Plotly figures of the What-if pages: sensitivity, uncertainty, scenarios (no Streamlit import).

Every builder is a plain function returning a :class:`plotly.graph_objects.Figure`
built from graph_objects (never plotly.express, STYLE.md 3.6) and is tested
directly in ``tests/test_whatif_figures.py``. Factors keep their cluster's
colour (:func:`dashboard.figures.cluster_colors`) on every chart.

The two Sensitivity figures redraw on every move of that page's widgets, so
they are built from plain dicts without plotly's per-property validation
(:func:`_figure`; the tests validate their output), with the ``plotly_white``
template as plain JSON and the tornado's subplot grid taken from a memoised
``make_subplots`` skeleton: the same figure as building it object by object,
at a fraction of the cost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from anp_core.sensitivity import Crossing, Lines

__all__ = [
    "DASHES",
    "rank_boxplot",
    "rank_bump",
    "rank_heatmap",
    "scenario_bars",
    "sensitivity_figure",
    "subplot_grid",
    "tornado_figure",
]

#: Line dashes that tell apart the factors of one cluster (same colour).
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")
#: Colours of the scenarios on the grouped bars (the first is the reference).
SCENARIO_COLORS: tuple[str, ...] = ("#4d4d4d", "#1f5f8b", "#e07b39", "#7a4fa3")
_GREY = "#9e9e9e"
_FONT = {"size": 13}


def _layout(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "template": "plotly_white",
        "font": _FONT,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"namelength": -1},
    }
    base.update(kw)
    return base


@lru_cache(maxsize=4)
def _template_text(name: str) -> str:
    return json.dumps(pio.templates[name].to_plotly_json())


def _plain_layout(**kw: object) -> dict[str, Any]:
    """Return :func:`_layout` with the template as plain JSON (a fresh copy), for :func:`_figure`."""
    layout: dict[str, Any] = _layout(**kw)
    layout["template"] = json.loads(_template_text(str(layout["template"])))
    return layout


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    # Plain dicts, no per-property validation: the same figure as built through
    # graph_objects, 10-20x cheaper; tests/test_whatif_figures.py validates
    # every builder that uses it. ``layout`` must carry the template as JSON
    # (_plain_layout): unvalidated, a template name would reach plotly.js as text.
    return go.Figure({"data": data, "layout": layout}, _validate=False)


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
    for i in order.tolist():
        f = lines.factor_ids[i]
        cid = clusters.get(f, "")
        k = seen.get(cid, 0)
        seen[cid] = k + 1
        strong = not hl or f in hl
        name = names.get(f, f)
        trace: dict[str, Any] = {
            "type": "scatter",
            "mode": "lines",
            "x": t,
            "y": vals[:, i],
            "name": name,
            "legendgroup": cid,
            "line": {
                "color": colors.get(cid, _GREY),
                "dash": DASHES[k % len(DASHES)],
                "width": 3 if strong else 1.3,
            },
            "opacity": 1.0 if strong else 0.45,
            "hovertemplate": f"{name}<br>{criterion_label} weight %{{x:.2f}}<br>composite %{{y:.4f}}<extra></extra>",
        }
        if k == 0:
            trace["legendgrouptitle"] = {"text": cname.get(cid, cid)}
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
                "hovertext": [c.sentence(names, criterion_label) for c in crossings],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    ymax = float(vals.max()) * 1.08
    current = lines.current
    layout = _plain_layout(
        height=height,
        title={"text": f"Composite weight of every factor as the {criterion_label} weight moves"},
        xaxis={
            "title": {"text": f"{criterion_label} weight (the other criteria keep their proportions)"},
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
    return _figure(data, layout)


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
        f"{names.get(f, f)} (composite {float(cols['base'][r[0]]):.4f})"
        for f, r in zip(ids, rows, strict=True)
    ]
    layout = _plain_layout(
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
        ylab = [criterion_names.get(c, c) for c in criterion[idx].tolist()]
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
    return _figure(data, layout)


def rank_boxplot(
    ranks: np.ndarray,
    factor_ids: Sequence[str],
    names: Mapping[str, str],
    base_ranks: Sequence[int],
    *,
    clusters: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
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

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Box`` trace (precomputed statistics) and one marker trace.
    """
    r = np.asarray(ranks, dtype=float)
    q = np.quantile(r, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0, method="linear")
    base = np.asarray(base_ranks)
    order = np.lexsort((np.arange(len(base)), base))[
        ::-1
    ]  # worst first: plotly draws the first category at the bottom
    labels = [names.get(factor_ids[i], factor_ids[i]) for i in order]
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
            name="rank with the reconstructed judgments",
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
    fig.update_layout(
        _layout(
            height=max(360, 30 * n + 120),
            title={"text": "Rank over the draws (box: middle half; whiskers: 5–95 %)"},
            xaxis={"title": {"text": "rank (1 = most important)"}, "range": [0.5, n + 0.5], "dtick": 1},
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return fig


def rank_heatmap(distribution: pd.DataFrame, names: Mapping[str, str], base_ranks: pd.Series) -> go.Figure:
    """Return the rank acceptability heatmap: share of draws in which each factor holds each rank.

    Parameters
    ----------
    distribution : DataFrame
        :attr:`MonteCarloResult.rank_distribution` (factor x rank, rows sum to 1).
    names : mapping
        Factor id -> display name.
    base_ranks : Series
        Deterministic rank per factor id (row order, best on top).

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Heatmap``; cells show percentages of 3 % and more.
    """
    order = base_ranks.reindex(distribution.index).sort_values(kind="stable").index
    d = distribution.loc[order]
    z = d.to_numpy(dtype=float)
    text = np.where(z >= 0.03, np.char.add(np.round(z * 100).astype(int).astype(str), "%"), "")
    labels = [names.get(f, f) for f in d.index]
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
        _layout(
            height=max(360, 28 * len(labels) + 120),
            title={"text": "Rank acceptability: share of draws at each rank"},
            xaxis={"title": {"text": "rank"}, "dtick": 1, "side": "top"},
            yaxis={"autorange": "reversed"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return fig


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
        scenario's composite weight (largest on top).
    """
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    first = ids[0]
    order = compared[(first, "composite")].sort_values(ascending=True, kind="stable").index
    labels = [names.get(f, f) for f in order]
    data = []
    # plotly stacks a horizontal group bottom-up: add the last scenario first so the
    # first one sits on top of each group; the legend is reversed back to match
    for k, sid in reversed(list(enumerate(ids))):
        vals = compared.loc[order, (sid, "composite")].to_numpy(dtype=float)
        rk = compared.loc[order, (sid, "rank")].to_numpy()
        data.append(
            go.Bar(
                x=vals,
                y=labels,
                orientation="h",
                name=scenario_names.get(sid, sid),
                marker={"color": SCENARIO_COLORS[k % len(SCENARIO_COLORS)]},
                customdata=rk,
                hovertemplate=f"{scenario_names.get(sid, sid)}<br>%{{y}}: %{{x:.4f}} (rank %{{customdata}})<extra></extra>",
            )
        )
    fig = go.Figure(data=data)
    fig.update_layout(
        _layout(
            barmode="group",
            bargap=0.25,
            bargroupgap=0.05,
            height=max(420, len(labels) * (14 + 9 * len(ids)) + 120),
            title={"text": "Composite weights by scenario"},
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
    x = [scenario_names.get(s, s) for s in ids]
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
        color = colors.get(clusters.get(f, ""), _GREY) if moves else "#b0b0b0"
        name = names.get(f, f)
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
        _layout(
            height=max(420, 26 * n + 120),
            title={"text": "Ranks by scenario (coloured: factors whose rank changes; labels give the rank)"},
            yaxis={"range": [n + 0.5, 0.5], "showticklabels": False, "showgrid": False, "zeroline": False},
            xaxis={"type": "category", "tickfont": {"size": 12}, "side": "top"},
            margin={"l": 240, "r": 240, "t": 90, "b": 10},
        )
    )
    return fig
