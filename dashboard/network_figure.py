"""The network diagram of any model: clusters, their nodes, and who links to whom (no Streamlit).

Drawn on the Ecosystem page for a model without an ecosystem description.
Clusters are columns, each with its nodes stacked below its title; a line
joins node j to node i of another cluster where column j of the weighted
supermatrix gives weight to i under any of the given criteria, an arc with
an arrowhead joins two clusters whose block is not empty, and a dotted frame
marks a cluster with inner dependence. Node size and colour follow the composite
weights. With more nodes than a screen can show only the clusters are drawn.
Every model text is HTML-escaped (:func:`dashboard.text.plot_text`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from anp_core import Model
from anp_core.i18n import translator
from dashboard import palette
from dashboard.ecosystem_figure import factor_sizes
from dashboard.figures import cluster_styles
from dashboard.palette import PLOT_MUTED_TEXT, PLOT_TEXT
from dashboard.text import name_of, plot_text

__all__ = ["NODE_LIMIT", "links", "network_figure"]

#: With more nodes than this, only the clusters are drawn.
NODE_LIMIT = 60


def links(
    model: Model, weighted: Sequence[npt.ArrayLike]
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Return the node links ``(from j, to i)`` and cluster links ``(from J, to I)`` of weighted supermatrices.

    A link exists where any of the matrices has ``W[i, j] > 0``.
    """
    node_links: set[tuple[int, int]] = set()
    cluster_of = [model.cluster_of[n] for n in model.node_ids]
    index = {c.id: k for k, c in enumerate(model.clusters)}
    for W in weighted:
        i, j = np.nonzero(np.asarray(W) > 0)
        node_links |= set(zip(j.tolist(), i.tolist(), strict=True))
    cluster_links = {(index[cluster_of[j]], index[cluster_of[i]]) for j, i in node_links}
    return node_links, cluster_links


def _lines(text: str, width: int) -> str:
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width)) or plot_text(text)


def _arc(x0: float, x1: float, y: float, lift: float, n: int = 24) -> tuple[list[float], list[float]]:
    """Quadratic curve from (x0, y) to (x1, y) bulging ``lift`` upwards."""
    t = np.linspace(0.0, 1.0, n)
    cy = y + 2 * lift
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * (x0 + x1) / 2 + t**2 * x1
    ys = (1 - t) ** 2 * y + 2 * (1 - t) * t * cy + t**2 * y
    return xs.tolist(), ys.tolist()


def network_figure(
    model: Model,
    weighted: Sequence[npt.ArrayLike],
    composite: Mapping[str, float],
    *,
    height: int | None = None,
    notes: Mapping[str, str] | None = None,
    notes_name: str = "",
    lang: str = "en",
) -> go.Figure:
    """Draw the model's clusters and nodes, their links, and the nodes' composite weights.

    Clusters are columns, left to right in model order, their nodes stacked
    below a title; a line joins two nodes of different clusters where one
    gives weight to the other; an arc above the titles joins two clusters
    whose block of the supermatrix is not empty (arrowhead at the cluster
    receiving the weight), and a dotted frame marks a cluster whose nodes
    depend on each other. With more than :data:`NODE_LIMIT` nodes only the
    clusters are drawn, sized by their share of the composite weight. Each
    cluster has its colour and marker symbol (:func:`dashboard.figures.cluster_styles`;
    its glyph starts its title), and every label is in the text colour.

    Parameters
    ----------
    model : Model
        Any valid model.
    weighted : sequence of array_like
        Weighted supermatrices (node order ``model.node_ids``) whose links to draw.
    composite : mapping
        Composite weight of each ranked node (others are drawn as open circles).
    height : int, optional
        Figure height in pixels (default grows with the tallest cluster).
    notes : mapping, optional
        Node id -> a short note (plain text): a six-pointed star (✶) beside the node, the note in its hover.
    notes_name : str
        Legend entry of the notes (plain text).
    lang : str
        Language of the names (where the model translates them) and of the chart's own words.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces ``Node link``, one per cluster (its nodes; or one ``Cluster``
        trace when only clusters are drawn) and ``Cluster link``.
    """
    _ = translator(lang)

    def name(any_id: str) -> str:
        return name_of(model, any_id, lang)

    styles = cluster_styles(model)
    colors = {c: st.colour for c, st in styles.items()}
    note = {n: t for n, t in (notes or {}).items() if n in model.cluster_of and t}
    k = len(model.clusters)
    node_links, cluster_links = links(model, weighted)
    detailed = len(model.node_ids) <= NODE_LIMIT
    col_x = [2.0 * c for c in range(k)]
    top = 0.0
    pos: list[tuple[float, float]] = []
    bottoms: list[float] = []
    for ci, cl in enumerate(model.clusters):
        # each node takes the room of its wrapped label (one slot = 1.1 units, 0.36 per label line)
        y, prev = top - 1.0, 0.0
        for nd in cl.nodes:
            h = max(1.1, 0.36 * len(textwrap.wrap(name(nd.id), 20)) + 0.3)
            y -= (prev + h) / 2 if prev else 0.0
            pos.append((col_x[ci], y))
            prev = h
        bottoms.append(y)
    lowest = min(bottoms) if detailed else top - 1.0
    traces: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    shapes: list[dict[str, object]] = []
    head_y = top + 0.1
    ax_: list[float | None] = []
    ay_: list[float | None] = []
    for src, dst in sorted(cluster_links):
        if src == dst:
            bottom = bottoms[dst] if detailed else top - 1.0
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "y",
                    "x0": col_x[dst] - 0.35,
                    "x1": col_x[dst] + 1.45,
                    "y0": bottom - 0.55,
                    "y1": top - 0.45,
                    "line": {"color": colors[model.clusters[dst].id], "width": 1.5, "dash": "dot"},
                }
            )
            continue
        span = abs(col_x[dst] - col_x[src])
        lift = 0.25 + 0.18 * span + (0.15 if dst < src else 0.0)
        xs, ys = _arc(col_x[src] + 0.1, col_x[dst] - 0.1, head_y + 0.35, lift)
        ax_ += [*xs, None]
        ay_ += [*ys, None]
        annotations.append(
            {
                "x": xs[-1],
                "y": ys[-1],
                "ax": xs[-3],
                "ay": ys[-3],
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.4,
                "arrowwidth": 1.6,
                "arrowcolor": "rgba(60,60,60,0.75)",
                "text": "",
            }
        )
    if ax_:
        traces.append(
            {
                "type": "scatter",
                "x": ax_,
                "y": ay_,
                "mode": "lines",
                "line": {"color": "rgba(60,60,60,0.55)", "width": 1.6},
                "hoverinfo": "skip",
                "name": _("Cluster link (arrow: the cluster given weight)"),
            }
        )
    if detailed:
        ex: list[float | None] = []
        ey: list[float | None] = []
        cluster_of = [model.cluster_of[n] for n in model.node_ids]
        for j, i in sorted(node_links):
            if cluster_of[i] == cluster_of[j]:
                continue  # inner dependence: the dotted frame says it
            ex += [pos[j][0], pos[i][0], None]
            ey += [pos[j][1], pos[i][1], None]
        traces.append(
            {
                "type": "scatter",
                "x": ex,
                "y": ey,
                "mode": "lines",
                "line": {"color": "rgba(120,120,120,0.22)", "width": 1},
                "hoverinfo": "skip",
                "name": _("Node link"),
            }
        )
        start = 0
        for cl in model.clusters:
            ids = [nd.id for nd in cl.nodes]
            idx = list(range(start, start + len(ids)))
            start += len(ids)
            w = np.array([float(composite.get(i, 0.0)) for i in ids])
            ranked = [i in composite for i in ids]
            traces.append(
                {
                    "type": "scatter",
                    "x": [pos[t][0] for t in idx],
                    "y": [pos[t][1] for t in idx],
                    "mode": "markers+text",
                    "name": f"{styles[cl.id].glyph} {plot_text(name(cl.id))}",
                    "text": [_lines(name(i), 20) for i in ids],
                    "textposition": "middle right",
                    "textfont": {"size": 11, "color": PLOT_TEXT},
                    "hovertext": [
                        f"<b>{plot_text(name(i))}</b><br>"
                        + plot_text(_("Cluster: {name}").format(name=name(cl.id)))
                        + "<br>"
                        + (_("Composite weight: {value}").format(value=f"{wi:.4f}") if r else _("not ranked"))
                        + (f"<br>✶ {plot_text(note[i])}" if i in note else "")
                        for i, wi, r in zip(ids, w, ranked, strict=True)
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                    "marker": {
                        "size": factor_sizes(w).tolist(),
                        "color": colors[cl.id],
                        "symbol": [
                            styles[cl.id].symbol
                            if r
                            else styles[cl.id].symbol.removesuffix("-open") + "-open"
                            for r in ranked
                        ],
                        "line": {"width": 1.5, "color": colors[cl.id]},
                    },
                    "cliponaxis": False,
                }
            )
    else:
        share = [sum(float(composite.get(nd.id, 0.0)) for nd in cl.nodes) for cl in model.clusters]
        traces.append(
            {
                "type": "scatter",
                "x": col_x,
                "y": [top - 1.0] * k,
                "mode": "markers",
                "name": _("Cluster (size: its share of the composite weight)"),
                "hovertext": [
                    f"<b>{plot_text(name(cl.id))}</b><br>"
                    + _("{n} nodes").format(n=len(cl.nodes))
                    + "<br>"
                    + _("cluster weight {value}").format(value=f"{s:.3f}")
                    for cl, s in zip(model.clusters, share, strict=True)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {
                    "size": factor_sizes(share).tolist(),
                    "color": [colors[c.id] for c in model.clusters],
                    "symbol": [styles[c.id].symbol for c in model.clusters],
                },
            }
        )
    for ci, cl in enumerate(model.clusters):
        annotations.append(
            {
                "x": col_x[ci],
                "y": head_y,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "text": f"<b>{styles[cl.id].glyph} {_lines(name(cl.id), 24)}</b>",
                "showarrow": False,
                "font": {"size": 13, "color": PLOT_TEXT},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    if detailed and note:
        noted = [t for t, nid in enumerate(model.node_ids) if nid in note]
        traces.append(
            {
                "type": "scatter",
                "x": [pos[t][0] - 0.22 for t in noted],
                "y": [pos[t][1] for t in noted],
                "mode": "markers",
                "marker": {"symbol": "hexagram", "size": 11, "color": PLOT_MUTED_TEXT},
                "hovertext": [
                    f"<b>{plot_text(name(model.node_ids[t]))}</b><br>✶ {plot_text(note[model.node_ids[t]])}"
                    for t in noted
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": f"✶ {plot_text(notes_name)}",
                "cliponaxis": False,
            }
        )
    highest = head_y + 0.35 + 2 * (0.25 + 0.18 * (col_x[-1] if k > 1 else 0) + 0.15)
    fig = go.Figure(
        data=traces,
        layout={
            "height": height or int(min(max(420, 60 * (highest - lowest) + 120), 1800)),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "xaxis": {"visible": False, "range": [-0.6, col_x[-1] + 1.9]},
            "yaxis": {"visible": False, "range": [lowest - 0.9, highest + 0.2]},
            "plot_bgcolor": "white",
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
            "hovermode": "closest",
            "shapes": shapes,
            "annotations": annotations,
        },
    )
    return palette.apply_plot_text(fig)
