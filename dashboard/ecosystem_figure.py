"""The paper's ecosystem model (000, Table 1 / Figure 1) as a graph and a figure.

:func:`build_graph` turns ``model.ecosystem``, the clusters and the criteria
into a :class:`networkx.MultiDiGraph`; :func:`layout` gives every node a fixed
position (no randomness: columns and bands in model order);
:func:`ecosystem_figure` draws it with plotly graph objects, factor nodes
sized and coloured by the composite weights it is given, so the page redraws
it cheaply on every slider move. No Streamlit here.

Node kinds (``kind`` attribute): ``criterion`` (external environment),
``cluster`` (internal-factor dimension), ``factor``, ``population`` and
``member``. Edge kinds: ``membership`` (population -> member, cluster ->
factor) and ``relation`` (``model.ecosystem.relations``, with their labels).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import networkx as nx
import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from anp_core import Model
from dashboard.figures import cluster_colors

__all__ = [
    "ROLE_COLORS",
    "ROLE_LABELS",
    "build_graph",
    "ecosystem_figure",
    "factor_sizes",
    "layout",
    "relation_routes",
]

FloatArray = npt.NDArray[np.float64]
Position = tuple[float, float]

#: Colour of each population role (and of its members).
ROLE_COLORS: dict[str, str] = {
    "keystone": "#7b3294",
    "key": "#c51b7d",
    "supporting": "#4d9221",
    "parasitic": "#b8860b",
}
#: Legend text of each population role.
ROLE_LABELS: dict[str, str] = {
    "keystone": "Keystone population",
    "key": "Key population",
    "supporting": "Supporting population",
    "parasitic": "Parasitic population",
}
_ROLE_ORDER = ("keystone", "key", "supporting", "parasitic")

# Layout geometry, in axis units (one factor slot = 1 unit vertically).
_X_FACTOR, _X_CLUSTER, _X_POPULATION, _X_MEMBER = 0.0, 1.25, 2.75, 3.45
_Y_ENV = 4.3
_X_ENV = (-1.55, 2.75)
_X_ENV_OUTSIDE = 4.15
_Y_REGION_TOP = 2.3
_X_LANES = (1.78, 2.16)
# Approximate pixels per axis unit at the default size (for arrowheads).
_PX_X, _PX_Y = 125.0, 26.0
_CLUSTER_GAP = 0.9
_X_RANGE = (-2.75, 5.35)
_ENV_COLOR = "#1f5f8b"
_TEXT = "#262730"
_GEO_COLOR = "#8a8a8a"
_EDGE_MEMBER = "rgba(120,120,120,0.45)"
_EDGE_RELATION = "rgba(31,95,139,0.55)"
_EDGE_RELATION_HEAD = "rgba(31,95,139,0.85)"
_STANDOFF = {"cluster": 9, "population": 11, "member": 7, "factor": 10, "criterion": 10}


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)) if text else ""


def build_graph(model: Model) -> nx.MultiDiGraph:
    """Return the ecosystem graph of ``model``.

    Nodes are keyed by id (ids are unique across kinds in a valid model) and
    carry ``kind``, ``label``, ``description``, ``order`` (position within
    its kind) and, by kind: ``role`` (population, member), ``parent``
    (member: population id; factor: cluster id), ``in_control_layer`` and
    ``examples`` / ``excluded_reason`` (criterion).

    Parameters
    ----------
    model : Model
        A validated model; ``model.ecosystem`` may be empty.

    Returns
    -------
    networkx.MultiDiGraph
        One node per population, member, cluster, factor and criterion; one
        ``membership`` edge per member and per factor; one ``relation`` edge
        per entry of ``model.ecosystem.relations`` (a multigraph, so a
        relation parallel to a membership edge is kept).

    Examples
    --------
    >>> from anp_core import load_model
    >>> g = build_graph(load_model("data/models/cbec_trade_war.json"))
    >>> g.number_of_nodes(), g.number_of_edges()
    (44, 51)
    """
    g = nx.MultiDiGraph(name=model.name)
    control = set(model.control_criteria)
    for k, c in enumerate(model.criteria):
        g.add_node(
            c.id,
            kind="criterion",
            label=c.name,
            description=c.description,
            order=k,
            in_control_layer=c.id in control,
            examples=tuple(c.examples),
            excluded_reason=c.excluded_reason or "",
        )
    f = 0
    for k, cl in enumerate(model.clusters):
        g.add_node(cl.id, kind="cluster", label=cl.name, description=cl.description, order=k)
        for node in cl.nodes:
            g.add_node(
                node.id,
                kind="factor",
                label=node.name,
                description=node.description,
                order=f,
                parent=cl.id,
            )
            f += 1
            g.add_edge(cl.id, node.id, kind="membership", label="factor of the cluster")
    m = 0
    for k, pop in enumerate(model.ecosystem.populations):
        g.add_node(
            pop.id,
            kind="population",
            label=pop.name,
            description=pop.description,
            order=k,
            role=pop.role,
        )
        for member in pop.members:
            g.add_node(
                member.id,
                kind="member",
                label=member.name,
                description=member.description,
                order=m,
                parent=pop.id,
                role=pop.role,
            )
            m += 1
            g.add_edge(pop.id, member.id, kind="membership", label="member of the population")
    for r in model.ecosystem.relations:
        g.add_edge(r.source, r.target, kind="relation", label=r.label)
    return g


def _nodes(g: nx.MultiDiGraph, kind: str) -> list[str]:
    return sorted((n for n, d in g.nodes(data=True) if d["kind"] == kind), key=lambda n: g.nodes[n]["order"])


def _stack(groups: list[list[str]], step: float, gap: float) -> dict[str, float]:
    """Y of stacked groups, top (0) downwards, ``gap`` extra between groups."""
    y: dict[str, float] = {}
    pos = 0.0
    for gi, group in enumerate(groups):
        if gi:
            pos -= gap
        for node in group:
            y[node] = pos
            pos -= step
    return y


def layout(g: nx.MultiDiGraph) -> dict[str, Position]:
    """Return fixed positions for :func:`build_graph`'s graph.

    Columns from left to right: factors (grouped by cluster), clusters (at
    the middle of their factors), populations, members; the external
    environment is a band across the top. Order within a column is model
    order, so the same model always gets the same picture.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`build_graph`.

    Returns
    -------
    dict of str to (float, float)
        Node id to ``(x, y)`` in axis units.
    """
    clusters = _nodes(g, "cluster")
    factors = _nodes(g, "factor")
    groups = [[f for f in factors if g.nodes[f]["parent"] == c] for c in clusters]
    fy = _stack(groups, 1.0, _CLUSTER_GAP)
    pos: dict[str, Position] = {f: (_X_FACTOR, fy[f]) for f in factors}
    for c, group in zip(clusters, groups, strict=True):
        pos[c] = (_X_CLUSTER, float(np.mean([fy[f] for f in group])) if group else 0.0)
    height = -min(fy.values(), default=0.0)

    pops = _nodes(g, "population")
    members = _nodes(g, "member")
    mgroups = [[m for m in members if g.nodes[m]["parent"] == p] for p in pops]
    n_members = sum(len(x) for x in mgroups)
    n_gaps = sum(1 for x in mgroups if x) - 1
    # Spread the members over the same height as the factors.
    step = height / max(n_members - 1 + 0.6 * max(n_gaps, 0), 1.0)
    my = _stack([x for x in mgroups if x], step, 0.6 * step)
    for p, group in zip(pops, mgroups, strict=True):
        for mb in group:
            pos[mb] = (_X_MEMBER, my[mb])
        pos[p] = (_X_POPULATION, float(np.mean([my[mb] for mb in group])) if group else 0.0)

    crit = _nodes(g, "criterion")
    inside = [c for c in crit if g.nodes[c]["in_control_layer"]]
    outside = [c for c in crit if not g.nodes[c]["in_control_layer"]]
    xs = np.linspace(*_X_ENV, num=len(inside)) if len(inside) > 1 else np.array([float(np.mean(_X_ENV))])
    for c, x in zip(inside, xs, strict=True):
        pos[c] = (float(x), _Y_ENV)
    # Criteria outside the control layer stand apart, at the right end.
    step = float(xs[1] - xs[0]) if len(xs) > 1 else 1.0
    for k, c in enumerate(outside):
        pos[c] = (_X_ENV_OUTSIDE + k * step, _Y_ENV)
    return pos


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


def _curve(p0: Position, p1: Position, bend: float, n: int = 16) -> list[Position]:
    """Quadratic Bezier from p0 to p1, bent sideways by ``bend`` x the length."""
    (x0, y0), (x1, y1) = p0, p1
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    cx, cy = mx - bend * dy, my + bend * dx
    t = np.linspace(0.0, 1.0, n)
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return list(zip(xs.tolist(), ys.tolist(), strict=True))


def relation_routes(g: nx.MultiDiGraph, pos: Mapping[str, Position]) -> list[tuple[str, str, list[Position]]]:
    """Return the polyline of every relation edge, as ``(source, target, points)``.

    Relations leaving the external environment are routed like a bus: down
    from the criterion, sideways to its own vertical lane in the corridor
    between the clusters and the populations, down the lane and into the
    target, so they never cross the factor or member labels. Relations
    within one column are arcs bulging left; parallel relations are bent
    apart; the others are straight.
    """
    rel = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "relation"]
    crit = [c for c in _nodes(g, "criterion") if any(u == c for u, _ in rel)]
    lanes = dict(zip(crit, np.linspace(*_X_LANES, num=max(len(crit), 2)).tolist(), strict=False))
    mid = float(np.mean(_X_LANES))
    left = [c for c in crit if pos[c][0] < mid]
    right = [c for c in crit if pos[c][0] >= mid]
    bus: dict[str, float] = {}
    # Nearest to the lanes turns highest, so buses never cross the drops.
    for k, c in enumerate(reversed(left)):
        bus[c] = _Y_ENV - 1.05 - 0.12 * k
    for k, c in enumerate(right):
        bus[c] = _Y_ENV - 1.05 - 0.12 * k
    incoming: dict[str, list[str]] = {}
    for u, v in rel:
        if u in lanes:
            incoming.setdefault(v, []).append(u)
    seen: dict[frozenset[str], int] = {}
    out: list[tuple[str, str, list[Position]]] = []
    for u, v in rel:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        if u in lanes:
            srcs = incoming[v]
            k = srcs.index(u)
            yt = y1 + 0.3 * (k - (len(srcs) - 1) / 2)
            xl, yb = lanes[u], bus[u]
            out.append((u, v, [(x0, y0), (x0, yb), (xl, yb), (xl, yt), (x1, y1)]))
            continue
        pair = frozenset((u, v))
        n_seen = seen.get(pair, 0)
        seen[pair] = n_seen + 1
        if abs(x1 - x0) < 1e-9:
            # Same column: bulge to the left whichever way the edge runs.
            bend = 0.25 + 0.1 * n_seen
            out.append((u, v, _curve((x0, y0), (x1, y1), -bend if y1 < y0 else bend)))
        elif n_seen:
            out.append((u, v, _curve((x0, y0), (x1, y1), 0.15 * n_seen)))
        else:
            out.append((u, v, [(x0, y0), (x1, y1)]))
    return out


def _arrow_tail(points: list[Position], px: float = 16.0) -> Position:
    """Return a point about ``px`` pixels back from the end of a polyline (arrowheads)."""
    (xa, ya), (xb, yb) = points[-2], points[-1]
    dx, dy = (xb - xa) * _PX_X, (yb - ya) * _PX_Y
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


def _short_criterion(label: str) -> str:
    return label.removesuffix(" environment")


def _scatter(**kw: object) -> dict[str, object]:
    return {"type": "scatter", "cliponaxis": False, **kw}


def ecosystem_figure(
    g: nx.MultiDiGraph,
    composite: Mapping[str, float],
    *,
    ranks: Mapping[str, int] | None = None,
    model: Model | None = None,
    positions: Mapping[str, Position] | None = None,
    height: int = 860,
) -> go.Figure:
    """Draw the ecosystem graph; factor size and colour follow ``composite``.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    composite : mapping of str to float
        Composite weight of every factor node (missing factors count as 0).
    ranks : mapping of str to int, optional
        Rank of every factor, shown in labels and hover text.
    model : Model, optional
        Used for the cluster colours (:func:`dashboard.figures.cluster_colors`);
        without it clusters are drawn grey.
    positions : mapping, optional
        Node positions; default :func:`layout` of ``g``.
    height : int, optional
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces named ``Membership``, ``Relation``, one per node kind (the
        factor trace is named ``Internal factor``) and one per population
        role; the factor trace's ``customdata`` holds the factor ids.
    """
    pos = dict(positions) if positions is not None else layout(g)
    ccolors = cluster_colors(model) if model is not None else {}
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
        htext.append(
            f"<b>{g.nodes[u]['label']}</b> → <b>{g.nodes[v]['label']}</b><br>{_wrap(labels[(u, v)])}"
        )
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
            name="Membership",
        )
    )
    traces.append(
        _scatter(
            x=rx,
            y=ry,
            mode="lines",
            line={"color": _EDGE_RELATION, "width": 1.6},
            hoverinfo="skip",
            name="Relation (paper 2.2)",
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
                name="Relation from outside the control layer",
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
            name="relation labels",
            showlegend=False,
        )
    )

    # External environment.
    crit = _nodes(g, "criterion")
    for inside in (True, False):
        ids = [c for c in crit if g.nodes[c]["in_control_layer"] is inside]
        if not ids:
            continue
        hover = []
        for c in ids:
            d = g.nodes[c]
            lines = [f"<b>{d['label']}</b>", _wrap(d["description"])]
            if d["examples"]:
                lines.append("Examples: " + _wrap(", ".join(d["examples"])))
            if d["excluded_reason"]:
                lines.append("<i>Outside the control layer:</i> " + _wrap(d["excluded_reason"]))
            hover.append("<br>".join(lines))
        label = (
            (lambda d: _short_criterion(d["label"]))
            if inside
            else (lambda d: _short_criterion(d["label"]) + "<br><i>(outside the control layer)</i>")
        )
        traces.append(
            _scatter(
                x=[pos[c][0] for c in ids],
                y=[pos[c][1] for c in ids],
                mode="markers+text",
                text=[label(g.nodes[c]) for c in ids],
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
                name="External environment (control criterion)"
                if inside
                else "Natural geography: outside the control layer",
            )
        )

    # Clusters.
    clusters = _nodes(g, "cluster")
    traces.append(
        _scatter(
            x=[pos[c][0] for c in clusters],
            y=[pos[c][1] for c in clusters],
            mode="markers",
            hovertext=[
                f"<b>{g.nodes[c]['label']}</b><br>"
                f"Cluster weight: {sum(float(composite.get(f, 0.0)) for f in g.successors(c)):.3f}"
                f"<br>{_wrap(g.nodes[c]['description'])}"
                for c in clusters
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "symbol": "square",
                "size": 16,
                "color": [ccolors.get(c, "#888888") for c in clusters],
                "line": {"width": 1, "color": "white"},
            },
            name="Internal-factor cluster",
        )
    )
    # Labels that edges cross are annotations on a light box, drawn above the edges.
    annotations += [
        _label(pos[c], "<br>".join(textwrap.wrap(g.nodes[c]["label"], 16)), 10, _TEXT) for c in clusters
    ]

    # Factors: size and colour = composite weight.
    factors = _nodes(g, "factor")
    w = np.array([float(composite.get(f, 0.0)) for f in factors])
    cmax = max(0.15, float(np.ceil(w.max() * 20) / 20)) if len(w) else 0.15
    rank_of = dict(ranks) if ranks is not None else {}
    texts = []
    hovers = []
    for f, wf in zip(factors, w, strict=True):
        d = g.nodes[f]
        r = rank_of.get(f)
        texts.append(f"{d['label']}  <b>{wf:.3f}</b>")
        head = f"<b>{d['label']}</b><br>Cluster: {g.nodes[d['parent']]['label']}"
        head += f"<br>Composite weight: {wf:.4f}" + (f" (rank {r})" if r is not None else "")
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
                    "title": {"text": "Composite<br>weight", "side": "top"},
                    "thickness": 12,
                    "len": 0.45,
                    "x": 1.0,
                    "xanchor": "left",
                    "y": 0.45,
                },
            },
            name="Internal factor (size and colour = composite weight)",
        )
    )

    # Populations and members, one legend entry per role.
    pops = _nodes(g, "population")
    members = _nodes(g, "member")
    for role in _ROLE_ORDER:
        ps = [p for p in pops if g.nodes[p]["role"] == role]
        ms = [m for m in members if g.nodes[m]["role"] == role]
        if not ps and not ms:
            continue
        color = ROLE_COLORS[role]
        ids = ps + ms
        traces.append(
            _scatter(
                x=[pos[n][0] for n in ids],
                y=[pos[n][1] for n in ids],
                mode="markers+text",
                text=[""] * len(ps) + ["<br>".join(textwrap.wrap(g.nodes[n]["label"], 22)) for n in ms],
                textposition="middle right",
                textfont={"size": 12, "color": color},
                hovertext=[
                    f"<b>{g.nodes[n]['label']}</b>"
                    + (f" ({ROLE_LABELS[role].lower()})" if n in ms else "")
                    + f"<br>{_wrap(g.nodes[n]['description'])}"
                    for n in ids
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                marker={
                    "symbol": ["hexagon"] * len(ps) + ["circle"] * len(ms),
                    "size": [20] * len(ps) + [12] * len(ms),
                    "color": color,
                    "line": {"width": 1, "color": "white"},
                },
                name=ROLE_LABELS[role],
            )
        )
        annotations += [_label(pos[n], g.nodes[n]["label"], 12, color) for n in ps]

    # Region backgrounds and titles.
    ys = [p[1] for p in pos.values()]
    bottom = min(ys, default=0.0) - 0.9
    band = {"type": "rect", "xref": "x", "yref": "y", "layer": "below", "line": {"width": 0}}
    shapes = [
        {
            **band,
            "x0": _X_RANGE[0],
            "x1": _X_RANGE[1],
            "y0": _Y_ENV - 0.9,
            "y1": _Y_ENV + 2.1,
            "fillcolor": "rgba(31,95,139,0.06)",
        },
        {
            **band,
            "x0": _X_RANGE[0],
            "x1": (_X_CLUSTER + _X_POPULATION) / 2 + 0.1,
            "y0": bottom,
            "y1": _Y_REGION_TOP,
            "fillcolor": "rgba(255,160,0,0.06)",
        },
        {
            **band,
            "x0": (_X_CLUSTER + _X_POPULATION) / 2 + 0.25,
            "x1": _X_RANGE[1],
            "y0": bottom,
            "y1": _Y_REGION_TOP,
            "fillcolor": "rgba(123,50,148,0.05)",
        },
    ]
    title = {"xref": "x", "yref": "y", "showarrow": False, "font": {"size": 13, "color": "#444"}}
    annotations += [
        {
            **title,
            "x": _X_RANGE[0] + 0.05,
            "y": _Y_ENV + 1.95,
            "xanchor": "left",
            "yanchor": "top",
            "text": "<b>External environment</b> (control criteria, 000 §2.2.3)",
        },
        {
            **title,
            "x": _X_RANGE[0] + 0.05,
            "y": _Y_REGION_TOP - 0.1,
            "xanchor": "left",
            "yanchor": "top",
            "text": "<b>Internal factors</b> (000 §2.2.2)",
        },
        {
            **title,
            "x": _X_RANGE[1] - 0.05,
            "y": _Y_REGION_TOP - 0.1,
            "xanchor": "right",
            "yanchor": "top",
            "text": "<b>Ecosystem members</b> (000 §2.2.1)",
        },
    ]

    return go.Figure(
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
            "xaxis": {"visible": False, "range": list(_X_RANGE), "fixedrange": False},
            "yaxis": {"visible": False, "range": [bottom - 0.2, _Y_ENV + 2.2]},
            "plot_bgcolor": "white",
            "hovermode": "closest",
            "hoverlabel": {"align": "left"},
            "shapes": shapes,
            "annotations": annotations,
            "dragmode": "pan",
        },
    )
