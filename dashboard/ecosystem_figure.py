"""The ecosystem diagram: a model's ecosystem graph drawn with plotly, node size following the weights.

:func:`ecosystem_figure` draws :func:`dashboard.ecosystem_graph.build_graph`'s
graph at :func:`~dashboard.ecosystem_graph.layout`'s positions, network nodes
sized and coloured by the composite weights it is given, so the page redraws
it cheaply on every slider move. Every text from the model is HTML-escaped
(:func:`dashboard.text.plot_text`). No Streamlit here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import networkx as nx
import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from anp_core import Model
from anp_core.i18n import N_, translator
from dashboard import palette
from dashboard.ecosystem_graph import (
    PX_X,
    PX_Y,
    X_CLUSTER,
    X_POPULATION,
    X_RANGE,
    Y_ENV,
    Y_REGION_TOP,
    Position,
    layout,
    nodes_of_kind,
    relation_routes,
)
from dashboard.palette import PLOT_MUTED_TEXT, PLOT_TEXT, Style
from dashboard.text import plot_text

__all__ = ["ROLE_LABELS", "ecosystem_figure", "factor_sizes", "kind_styles"]

FloatArray = npt.NDArray[np.float64]

#: Legend text of each population role.
ROLE_LABELS: dict[str, str] = {
    "keystone": N_("Keystone population"),
    "key": N_("Key population"),
    "supporting": N_("Supporting population"),
    "parasitic": N_("Parasitic population"),
}
_ROLE_ORDER = ("keystone", "key", "supporting", "parasitic")
_ENV_COLOR = "#1f5f8b"
_TEXT = PLOT_TEXT
_GEO_COLOR = "#6e6e6e"
_EDGE_MEMBER = "rgba(120,120,120,0.45)"
_EDGE_RELATION = "rgba(31,95,139,0.55)"
_EDGE_RELATION_HEAD = "rgba(31,95,139,0.85)"
_STANDOFF = {"cluster": 9, "population": 11, "member": 7, "factor": 10, "criterion": 10}


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width)) if text else ""


def factor_sizes(values: npt.ArrayLike) -> FloatArray:
    """Marker diameter (px) of factor nodes: area proportional to the weight.

    ``6 + 55 sqrt(w)``: strictly increasing in ``w`` and on an absolute
    scale, so a factor grows when its composite weight grows, whatever the
    others do. Negative or non-finite weights are drawn at the minimum.

    Examples
    --------
    >>> factor_sizes([0.0, 0.01, 0.16]).round(1).tolist()
    [6.0, 11.5, 28.0]
    """
    w = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
    return 6.0 + 55.0 * np.sqrt(np.clip(w, 0.0, None))


def _arrow_tail(points: list[Position], px: float = 16.0) -> Position:
    """Return a point about ``px`` pixels back from the end of a polyline (arrowheads)."""
    (xa, ya), (xb, yb) = points[-2], points[-1]
    dx, dy = (xb - xa) * PX_X, (yb - ya) * PX_Y
    length = float(np.hypot(dx, dy)) or 1.0
    f = min(1.0, px / length)
    return xb - (xb - xa) * f, yb - (yb - ya) * f


def _label(at: Position, text: str, yshift: int, color: str) -> dict[str, object]:
    """Return a node label above ``at`` on a translucent white box (readable over edges)."""
    return {
        "x": at[0],
        "y": at[1],
        "xref": "x",
        "yref": "y",
        "text": text,
        "showarrow": False,
        "yanchor": "bottom",
        "yshift": yshift,
        "font": {"size": 12, "color": color},
        "bgcolor": "rgba(255,255,255,0.8)",
        "borderpad": 1,
    }


def _scatter(**kw: object) -> dict[str, object]:
    return {"type": "scatter", "cliponaxis": False, **kw}


def kind_styles(g: nx.MultiDiGraph) -> dict[str, Style]:
    """Return the style of every cluster (by id) and population role (``"role:<role>"``) of the graph.

    One :func:`dashboard.palette.style_map` over the clusters in model order, then
    the roles present, so no role shares both colour and symbol with a cluster.

    Examples
    --------
    >>> from anp_core import load_model
    >>> from dashboard.ecosystem_graph import build_graph
    >>> st = kind_styles(build_graph(load_model("data/models/cbec_trade_war.json")))
    >>> st["credit_risk"].symbol, st["role:keystone"].symbol
    ('circle', 'star')
    """
    roles = {g.nodes[p]["role"] for p in nodes_of_kind(g, "population")}
    keys = [*nodes_of_kind(g, "cluster"), *(f"role:{r}" for r in _ROLE_ORDER if r in roles)]
    return {str(k): v for k, v in palette.style_map(keys).items()}


def ecosystem_figure(
    g: nx.MultiDiGraph,
    composite: Mapping[str, float],
    *,
    ranks: Mapping[str, int] | None = None,
    model: Model | None = None,
    positions: Mapping[str, Position] | None = None,
    height: int = 860,
    notes: Mapping[str, str] | None = None,
    notes_name: str = "",
    lang: str = "en",
) -> go.Figure:
    """Draw the ecosystem graph; factor size and colour follow ``composite``.

    Clusters and population roles are drawn in :func:`kind_styles` (colour and
    marker symbol; the legend names them); every label is in the text colour,
    so no label depends on a colour to be read.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    composite : mapping of str to float
        Composite weight of every factor node (missing factors count as 0).
    ranks : mapping of str to int, optional
        Rank of every factor, shown in labels and hover text.
    model : Model, optional
        Kept for callers of older versions: styles now come from the graph (:func:`kind_styles`).
    positions : mapping, optional
        Node positions; default :func:`layout` of ``g``.
    height : int, optional
        Figure height in pixels.
    notes : mapping, optional
        Factor id -> a short note (plain text, e.g. the difficulty a paper names
        for it): a six-pointed star (✶) beside the factor, the note beside the star and in the hover.
    notes_name : str
        Legend entry of the notes (plain text).
    lang : str
        Language of the chart's own words (legend, hover, region titles).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces named ``Membership``, ``Relation``, one per node kind (the
        factor trace is named ``Internal factor``) and one per population
        role; the factor trace's ``customdata`` holds the factor ids.
    """
    _ = translator(lang)
    pos = dict(positions) if positions is not None else layout(g)
    lab = {n: plot_text(d["label"]) for n, d in g.nodes(data=True)}
    styles = kind_styles(g)
    ccolors = {c: s.colour for c, s in styles.items()}
    note = {f: t for f, t in (notes or {}).items() if f in g and g.nodes[f]["kind"] == "factor" and t}
    traces: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []

    # Edges: membership straight, relations bent (so parallel ones stay visible).
    mx: list[float | None] = []
    my: list[float | None] = []
    rx: list[float | None] = []
    ry: list[float | None] = []
    ox: list[float | None] = []
    oy: list[float | None] = []
    hx: list[float] = []
    hy: list[float] = []
    htext: list[str] = []
    for u, v, d in g.edges(data=True):
        if d["kind"] == "membership":
            mx += [pos[u][0], pos[v][0], None]
            my += [pos[u][1], pos[v][1], None]
    labels = {(u, v): d["label"] for u, v, d in g.edges(data=True) if d["kind"] == "relation"}
    for u, v, points in relation_routes(g, pos):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        outside = g.nodes[u]["kind"] == "criterion" and not g.nodes[u]["in_control_layer"]
        if outside:
            ox += [*xs, None]
            oy += [*ys, None]
        else:
            rx += [*xs, None]
            ry += [*ys, None]
        k = len(points) // 2
        hx.append((xs[k - 1] + xs[k]) / 2 if len(points) % 2 == 0 else xs[k])
        hy.append((ys[k - 1] + ys[k]) / 2 if len(points) % 2 == 0 else ys[k])
        htext.append(f"<b>{lab[u]}</b> → <b>{lab[v]}</b><br>{_wrap(labels[(u, v)])}")
        ax, ay = _arrow_tail(points)
        annotations.append(
            {
                "x": xs[-1],
                "y": ys[-1],
                "ax": ax,
                "ay": ay,
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.2,
                "arrowwidth": 1.4,
                "arrowcolor": _GEO_COLOR if outside else _EDGE_RELATION_HEAD,
                "standoff": _STANDOFF.get(g.nodes[v]["kind"], 8),
                "text": "",
            }
        )
    traces.append(
        _scatter(
            x=mx,
            y=my,
            mode="lines",
            line={"color": _EDGE_MEMBER, "width": 1},
            hoverinfo="skip",
            name=_("Membership"),
        )
    )
    traces.append(
        _scatter(
            x=rx,
            y=ry,
            mode="lines",
            line={"color": _EDGE_RELATION, "width": 1.6},
            hoverinfo="skip",
            name=_("Relation (as the model describes it)"),
        )
    )
    if ox:
        traces.append(
            _scatter(
                x=ox,
                y=oy,
                mode="lines",
                line={"color": _GEO_COLOR, "width": 1.6, "dash": "dash"},
                hoverinfo="skip",
                name=_("Relation from outside the control layer"),
            )
        )
    traces.append(
        _scatter(
            x=hx,
            y=hy,
            mode="markers",
            marker={"size": 12, "color": "rgba(0,0,0,0)"},
            hovertemplate="%{text}<extra></extra>",
            text=htext,
            name=_("relation labels"),
            showlegend=False,
        )
    )

    # External environment: the criteria share the top row, so the more there are the narrower
    # each name is wrapped (six at 1280 px ran into each other at 24 characters a line).
    crit = nodes_of_kind(g, "criterion")
    crit_width = max(8, min(24, 84 // max(1, len(crit))))
    for inside in (True, False):
        ids = [c for c in crit if g.nodes[c]["in_control_layer"] is inside]
        if not ids:
            continue
        hover = []
        for c in ids:
            d = g.nodes[c]
            lines = [f"<b>{lab[c]}</b>", _wrap(d["description"])]
            if d["examples"]:
                lines.append(_("Examples:") + " " + _wrap(", ".join(d["examples"])))
            if d["excluded_reason"]:
                lines.append("<i>" + _("Outside the control layer:") + "</i> " + _wrap(d["excluded_reason"]))
            hover.append("<br>".join(lines))
        label = (
            (lambda c: _wrap(g.nodes[c]["label"], crit_width))
            if inside
            else (
                lambda c: (
                    _wrap(g.nodes[c]["label"], crit_width)
                    + "<br><i>"
                    + _("(outside the control layer)")
                    + "</i>"
                )
            )
        )
        traces.append(
            _scatter(
                x=[pos[c][0] for c in ids],
                y=[pos[c][1] for c in ids],
                mode="markers+text",
                text=[label(c) for c in ids],
                textposition="top center",
                textfont={"size": 12, "color": _ENV_COLOR if inside else _GEO_COLOR},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                marker={
                    "symbol": "diamond" if inside else "diamond-open",
                    "size": 18,
                    "color": _ENV_COLOR if inside else _GEO_COLOR,
                    "line": {"width": 2 if not inside else 1, "color": _ENV_COLOR if inside else _GEO_COLOR},
                },
                name=_("Control criterion") if inside else _("Criterion outside the control layer"),
            )
        )

    # Clusters.
    clusters = nodes_of_kind(g, "cluster")
    traces.append(
        _scatter(
            x=[pos[c][0] for c in clusters],
            y=[pos[c][1] for c in clusters],
            mode="markers",
            hovertext=[
                f"<b>{lab[c]}</b><br>"
                + _("Cluster weight: {value}").format(
                    value=f"{sum(float(composite.get(f, 0.0)) for f in g.successors(c)):.3f}"
                )
                + f"<br>{_wrap(g.nodes[c]['description'])}"
                for c in clusters
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "symbol": [styles[c].symbol for c in clusters],
                "size": 16,
                "color": [ccolors.get(c, "#888888") for c in clusters],
                "line": {"width": 1, "color": "white"},
            },
            name=_("Internal-factor cluster (colour and shape: its cluster)"),
        )
    )
    # Labels that edges cross are annotations on a light box, drawn above the edges.
    annotations += [
        _label(pos[c], f"{styles[c].glyph} " + _wrap(g.nodes[c]["label"], 16), 10, _TEXT) for c in clusters
    ]

    # Factors: size and colour = composite weight.
    factors = nodes_of_kind(g, "factor")
    w = np.array([float(composite.get(f, 0.0)) for f in factors])
    cmax = max(0.15, float(np.ceil(w.max() * 20) / 20)) if len(w) else 0.15
    rank_of = dict(ranks) if ranks is not None else {}
    texts = []
    hovers = []
    for f, wf in zip(factors, w, strict=True):
        d = g.nodes[f]
        r = rank_of.get(f)
        texts.append(
            f"{lab[f]}  <b>{wf:.3f}</b>" if f in composite else f"{lab[f]}  <i>" + _("not ranked") + "</i>"
        )
        head = f"<b>{lab[f]}</b><br>" + _("Cluster: {name}").format(name=lab[d["parent"]])
        head += "<br>" + (
            _("Composite weight: {value} (rank {rank})").format(value=f"{wf:.4f}", rank=r)
            if r is not None
            else _("Composite weight: {value}").format(value=f"{wf:.4f}")
        )
        if f in note:
            head += f"<br>✶ {plot_text(note[f])}"
        hovers.append(head + "<br>" + _wrap(d["description"]))
    traces.append(
        _scatter(
            x=[pos[f][0] for f in factors],
            y=[pos[f][1] for f in factors],
            mode="markers+text",
            text=texts,
            textposition="middle left",
            textfont={"size": 12, "color": _TEXT},
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=factors,
            marker={
                "size": factor_sizes(w),
                "color": w,
                "cmin": 0.0,
                "cmax": cmax,
                "colorscale": "YlOrRd",
                "line": {
                    "width": 2,
                    "color": [ccolors.get(g.nodes[f]["parent"], "#666666") for f in factors],
                },
                "colorbar": {
                    "title": {
                        "text": plot_text(_("Composite weight")).replace(" ", "<br>", 1),
                        "side": "top",
                    },
                    "thickness": 12,
                    "len": 0.45,
                    "x": 1.0,
                    "xanchor": "left",
                    "y": 0.45,
                },
            },
            name=_("Internal factor (size and colour = composite weight)"),
        )
    )

    # Populations and members, one legend entry per role.
    pops = nodes_of_kind(g, "population")
    members = nodes_of_kind(g, "member")
    for role in _ROLE_ORDER:
        ps = [p for p in pops if g.nodes[p]["role"] == role]
        ms = [m for m in members if g.nodes[m]["role"] == role]
        if not ps and not ms:
            continue
        rs = styles[f"role:{role}"]
        color = rs.colour
        ids = ps + ms
        traces.append(
            _scatter(
                x=[pos[n][0] for n in ids],
                y=[pos[n][1] for n in ids],
                mode="markers+text",
                text=[""] * len(ps) + [_wrap(g.nodes[n]["label"], 22) for n in ms],
                textposition="middle right",
                textfont={"size": 12, "color": _TEXT},
                hovertext=[
                    f"<b>{lab[n]}</b>"
                    + (
                        " (" + (_(ROLE_LABELS[role]) if lang != "en" else ROLE_LABELS[role].lower()) + ")"
                        if n in ms
                        else ""
                    )
                    + f"<br>{_wrap(g.nodes[n]['description'])}"
                    for n in ids
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                marker={
                    "symbol": ["hexagon"] * len(ps) + [rs.symbol] * len(ms),
                    "size": [20] * len(ps) + [12] * len(ms),
                    "color": color,
                    "line": {"width": 1, "color": "white"},
                },
                name=rs.glyph + " " + _(ROLE_LABELS[role]),
            )
        )
        annotations += [_label(pos[n], lab[n], 12, _TEXT) for n in ps]

    if note:
        noted = [f for f in factors if f in note]
        traces.append(
            _scatter(
                x=[pos[f][0] + 0.1 for f in noted],
                y=[pos[f][1] for f in noted],
                mode="markers",
                marker={"symbol": "hexagram", "size": 11, "color": PLOT_MUTED_TEXT, "line": {"width": 0}},
                hovertext=[f"<b>{lab[f]}</b><br>✶ {plot_text(note[f])}" for f in noted],
                hovertemplate="%{hovertext}<extra></extra>",
                name=f"✶ {plot_text(notes_name)}",
            )
        )
        annotations += [
            {
                "x": pos[f][0] + 0.17,
                "y": pos[f][1],
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "text": plot_text(note[f]),
                "showarrow": False,
                "font": {"size": 10, "color": PLOT_MUTED_TEXT},
                "bgcolor": "rgba(255,255,255,0.85)",
                "borderpad": 1,
            }
            for f in noted
        ]

    # Region backgrounds and titles.
    ys = [p[1] for p in pos.values()]
    bottom = min(ys, default=0.0) - 0.9
    band = {"type": "rect", "xref": "x", "yref": "y", "layer": "below", "line": {"width": 0}}
    shapes = [
        {
            **band,
            "x0": X_RANGE[0],
            "x1": X_RANGE[1],
            "y0": Y_ENV - 0.9,
            "y1": Y_ENV + 2.6,
            "fillcolor": "rgba(31,95,139,0.06)",
        },
        {
            **band,
            "x0": X_RANGE[0],
            "x1": (X_CLUSTER + X_POPULATION) / 2 + 0.1,
            "y0": bottom,
            "y1": Y_REGION_TOP,
            "fillcolor": "rgba(255,160,0,0.06)",
        },
        {
            **band,
            "x0": (X_CLUSTER + X_POPULATION) / 2 + 0.25,
            "x1": X_RANGE[1],
            "y0": bottom,
            "y1": Y_REGION_TOP,
            "fillcolor": "rgba(123,50,148,0.05)",
        },
    ]
    title = {"xref": "x", "yref": "y", "showarrow": False, "font": {"size": 13, "color": PLOT_TEXT}}
    annotations += [
        {
            **title,
            "x": X_RANGE[0] + 0.05,
            "y": Y_ENV + 2.55,
            "xanchor": "left",
            "yanchor": "top",
            "text": "<b>" + _("Control criteria") + "</b>",
        },
        {
            **title,
            "x": X_RANGE[0] + 0.05,
            "y": Y_REGION_TOP - 0.1,
            "xanchor": "left",
            "yanchor": "top",
            "text": "<b>" + _("Clusters and their nodes") + "</b>",
        },
        {
            **title,
            "x": X_RANGE[1] - 0.05,
            "y": Y_REGION_TOP - 0.1,
            "xanchor": "right",
            "yanchor": "top",
            "text": "<b>" + _("Ecosystem members") + "</b>",
        },
    ]

    fig = go.Figure(
        data=traces,
        layout={
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "showlegend": True,
            "legend": {
                "orientation": "h",
                "yanchor": "top",
                "y": -0.01,
                "xanchor": "left",
                "x": 0.0,
                "font": {"size": 12},
            },
            "xaxis": {"visible": False, "range": list(X_RANGE), "fixedrange": False},
            "yaxis": {"visible": False, "range": [bottom - 0.2, Y_ENV + 2.6]},
            "plot_bgcolor": "white",
            "hovermode": "closest",
            "hoverlabel": {"align": "left"},
            "shapes": shapes,
            "annotations": annotations,
            "dragmode": "pan",
        },
    )
    return palette.apply_plot_text(fig)
