"""A model's ecosystem description (populations, members, relations) as a graph with fixed positions.

:func:`build_graph` turns ``model.ecosystem``, the clusters and the criteria
into a :class:`networkx.MultiDiGraph`; :func:`layout` gives every node a fixed
position (no randomness: columns and bands in model order);
:func:`relation_routes` routes the described relations around the labels.
:mod:`dashboard.ecosystem_figure` draws the result. No Streamlit here.

Node kinds (``kind`` attribute): ``criterion``, ``cluster``, ``factor``
(a network node), ``population`` and ``member``. Edge kinds: ``membership``
(population -> member, cluster -> node) and ``relation``
(``model.ecosystem.relations``, with their labels).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np

from anp_core import Model
from anp_core.model_schema import in_language

__all__ = ["Position", "build_graph", "layout", "nodes_of_kind", "relation_routes"]

Position = tuple[float, float]

# Layout geometry, in axis units (one node slot = 1 unit vertically).
X_FACTOR, X_CLUSTER, X_POPULATION, X_MEMBER = 0.0, 1.25, 2.75, 3.45
Y_ENV = 4.3
X_ENV = (-1.55, 2.75)
X_ENV_OUTSIDE = 4.15
Y_REGION_TOP = 2.3
X_LANES = (1.78, 2.16)
#: Approximate pixels per axis unit at the default size (for arrowheads).
PX_X, PX_Y = 125.0, 26.0
CLUSTER_GAP = 0.9
X_RANGE = (-2.75, 5.35)


def build_graph(model: Model, lang: str = "en") -> nx.MultiDiGraph:
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
    lang : str
        Language of the labels and descriptions, where the model translates them.

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

    def said(item: object) -> tuple[str, str]:  # (label, description) in lang where translated, English too
        return str(in_language(item, "name", lang)), str(in_language(item, "description", lang))

    g = nx.MultiDiGraph(name=model.name)
    control = set(model.control_criteria)
    for k, c in enumerate(model.criteria):
        g.add_node(
            c.id,
            kind="criterion",
            label=said(c)[0],
            description=said(c)[1],
            order=k,
            in_control_layer=c.id in control,
            examples=tuple(in_language(c, "examples", lang)),
            excluded_reason=in_language(c, "excluded_reason", lang) or "",
        )
    f = 0
    for k, cl in enumerate(model.clusters):
        g.add_node(cl.id, kind="cluster", label=said(cl)[0], description=said(cl)[1], order=k)
        for node in cl.nodes:
            g.add_node(
                node.id,
                kind="factor",
                label=said(node)[0],
                description=said(node)[1],
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
            label=said(pop)[0],
            description=said(pop)[1],
            order=k,
            role=pop.role,
        )
        for member in pop.members:
            g.add_node(
                member.id,
                kind="member",
                label=said(member)[0],
                description=said(member)[1],
                order=m,
                parent=pop.id,
                role=pop.role,
            )
            m += 1
            g.add_edge(pop.id, member.id, kind="membership", label="member of the population")
    for r in model.ecosystem.relations:
        g.add_edge(r.source, r.target, kind="relation", label=in_language(r, "label", lang))
    return g


def nodes_of_kind(g: nx.MultiDiGraph, kind: str) -> list[str]:
    """Return the nodes of one kind, in model order."""
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
    clusters = nodes_of_kind(g, "cluster")
    factors = nodes_of_kind(g, "factor")
    groups = [[f for f in factors if g.nodes[f]["parent"] == c] for c in clusters]
    fy = _stack(groups, 1.0, CLUSTER_GAP)
    pos: dict[str, Position] = {f: (X_FACTOR, fy[f]) for f in factors}
    for c, group in zip(clusters, groups, strict=True):
        pos[c] = (X_CLUSTER, float(np.mean([fy[f] for f in group])) if group else 0.0)
    height = -min(fy.values(), default=0.0)

    pops = nodes_of_kind(g, "population")
    members = nodes_of_kind(g, "member")
    mgroups = [[m for m in members if g.nodes[m]["parent"] == p] for p in pops]
    n_members = sum(len(x) for x in mgroups)
    n_gaps = sum(1 for x in mgroups if x) - 1
    # Spread the members over the same height as the factors.
    step = height / max(n_members - 1 + 0.6 * max(n_gaps, 0), 1.0)
    my = _stack([x for x in mgroups if x], step, 0.6 * step)
    for p, group in zip(pops, mgroups, strict=True):
        for mb in group:
            pos[mb] = (X_MEMBER, my[mb])
        pos[p] = (X_POPULATION, float(np.mean([my[mb] for mb in group])) if group else 0.0)

    crit = nodes_of_kind(g, "criterion")
    inside = [c for c in crit if g.nodes[c]["in_control_layer"]]
    outside = [c for c in crit if not g.nodes[c]["in_control_layer"]]
    xs = np.linspace(*X_ENV, num=len(inside)) if len(inside) > 1 else np.array([float(np.mean(X_ENV))])
    for c, x in zip(inside, xs, strict=True):
        pos[c] = (float(x), Y_ENV)
    # Criteria outside the control layer stand apart, at the right end.
    step = float(xs[1] - xs[0]) if len(xs) > 1 else 1.0
    for k, c in enumerate(outside):
        pos[c] = (X_ENV_OUTSIDE + k * step, Y_ENV)
    return pos


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
    crit = [c for c in nodes_of_kind(g, "criterion") if any(u == c for u, _ in rel)]
    lanes = dict(zip(crit, np.linspace(*X_LANES, num=max(len(crit), 2)).tolist(), strict=False))
    mid = float(np.mean(X_LANES))
    left = [c for c in crit if pos[c][0] < mid]
    right = [c for c in crit if pos[c][0] >= mid]
    bus: dict[str, float] = {}
    # Nearest to the lanes turns highest, so buses never cross the drops.
    for k, c in enumerate(reversed(left)):
        bus[c] = Y_ENV - 1.05 - 0.12 * k
    for k, c in enumerate(right):
        bus[c] = Y_ENV - 1.05 - 0.12 * k
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
