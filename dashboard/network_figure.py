"""The network diagram of any model: clusters, their nodes, and who links to whom (no Streamlit).

Drawn on the Ecosystem page for a model without an ecosystem description.
Clusters sit on a circle, each with its nodes around it; a line joins node j
to node i where column j of the weighted supermatrix gives weight to i under
any of the given criteria (j "is compared with respect to" i's cluster), an
arrow joins two clusters whose block is not empty, and a ring marks a
cluster with inner dependence. Node size and colour follow the composite
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
from dashboard.ecosystem_figure import factor_sizes
from dashboard.figures import cluster_colors
from dashboard.text import plot_text

__all__ = ["NODE_LIMIT", "links", "network_figure"]

#: With more nodes than this, only the clusters are drawn.
NODE_LIMIT = 60
_R_CLUSTERS = 1.0


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


def network_figure(
    model: Model,
    weighted: Sequence[npt.ArrayLike],
    composite: Mapping[str, float],
    *,
    height: int = 760,
) -> go.Figure:
    """Draw the model's clusters and nodes, their links, and the nodes' composite weights.

    Parameters
    ----------
    model : Model
        Any valid model.
    weighted : sequence of array_like
        Weighted supermatrices (node order ``model.node_ids``) whose links to draw.
    composite : mapping
        Composite weight of each ranked node (others are drawn as open circles).
    height : int
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces ``Node link``, one per cluster (its nodes; or one ``Cluster``
        trace when only clusters are drawn); cluster links as arrow annotations.
    """
    colors = cluster_colors(model)
    k = len(model.clusters)
    angles = np.pi / 2 - 2 * np.pi * np.arange(k) / max(k, 1)
    centres = np.column_stack([np.cos(angles), np.sin(angles)]) * (_R_CLUSTERS if k > 1 else 0.0)
    node_links, cluster_links = links(model, weighted)
    n = len(model.node_ids)
    detailed = n <= NODE_LIMIT
    small = 0.18 + 0.02 * min(max(len(c.nodes) for c in model.clusters), 8)
    pos: list[tuple[float, float]] = []
    for ci, cl in enumerate(model.clusters):
        m = len(cl.nodes)
        for ni in range(m):
            a = np.pi / 2 - 2 * np.pi * ni / max(m, 1)
            r = small if m > 1 else 0.0
            pos.append((float(centres[ci, 0] + r * np.cos(a)), float(centres[ci, 1] + r * np.sin(a))))
    traces: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    # cluster links: arrows between centres (a ring around the cluster for inner dependence)
    shapes: list[dict[str, object]] = []
    for src, dst in sorted(cluster_links):
        if src == dst:
            x, y = centres[dst]
            rr = small + 0.1
            shapes.append(
                {
                    "type": "circle",
                    "xref": "x",
                    "yref": "y",
                    "x0": x - rr,
                    "x1": x + rr,
                    "y0": y - rr,
                    "y1": y + rr,
                    "line": {"color": colors[model.clusters[dst].id], "width": 1.5, "dash": "dot"},
                }
            )
            continue
        (x0, y0), (x1, y1) = centres[src], centres[dst]
        d = np.array([x1 - x0, y1 - y0])
        u = d / (np.linalg.norm(d) or 1.0)
        off = np.array([-u[1], u[0]]) * 0.04  # the two directions of a pair side by side
        gap = small + 0.12
        start = np.array([x0, y0]) + u * gap + off
        end = np.array([x1, y1]) - u * gap + off
        annotations.append(
            {
                "x": float(end[0]),
                "y": float(end[1]),
                "ax": float(start[0]),
                "ay": float(start[1]),
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.3,
                "arrowwidth": 1.8,
                "arrowcolor": "rgba(60,60,60,0.55)",
                "text": "",
            }
        )
    if detailed:
        ex: list[float | None] = []
        ey: list[float | None] = []
        for j, i in sorted(node_links):
            if i == j:
                continue
            ex += [pos[j][0], pos[i][0], None]
            ey += [pos[j][1], pos[i][1], None]
        traces.append(
            {
                "type": "scatter",
                "x": ex,
                "y": ey,
                "mode": "lines",
                "line": {"color": "rgba(120,120,120,0.25)", "width": 1},
                "hoverinfo": "skip",
                "name": "Node link",
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
                    "name": plot_text(cl.name),
                    "text": [_lines(model.label(i), 18) for i in ids],
                    "textposition": "bottom center",
                    "textfont": {"size": 11},
                    "hovertext": [
                        f"<b>{plot_text(model.label(i))}</b><br>Cluster: {plot_text(cl.name)}<br>"
                        + (f"Composite weight: {wi:.4f}" if r else "not ranked")
                        for i, wi, r in zip(ids, w, ranked, strict=True)
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                    "marker": {
                        "size": factor_sizes(w).tolist(),
                        "color": colors[cl.id],
                        "symbol": ["circle" if r else "circle-open" for r in ranked],
                        "line": {"width": 1, "color": "white"},
                    },
                    "cliponaxis": False,
                }
            )
    else:
        share = [sum(float(composite.get(nd.id, 0.0)) for nd in cl.nodes) for cl in model.clusters]
        traces.append(
            {
                "type": "scatter",
                "x": centres[:, 0].tolist(),
                "y": centres[:, 1].tolist(),
                "mode": "markers",
                "name": "Cluster (size: its share of the composite weight)",
                "hovertext": [
                    f"<b>{plot_text(cl.name)}</b><br>{len(cl.nodes)} nodes<br>cluster weight {s:.3f}"
                    for cl, s in zip(model.clusters, share, strict=True)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {
                    "size": factor_sizes(share).tolist(),
                    "color": [colors[c.id] for c in model.clusters],
                },
            }
        )
    for ci, cl in enumerate(model.clusters):
        x, y = centres[ci]
        annotations.append(
            {
                "x": float(x),
                "y": float(y + small + 0.16),
                "xref": "x",
                "yref": "y",
                "text": f"<b>{_lines(cl.name, 22)}</b>",
                "showarrow": False,
                "font": {"size": 13, "color": colors[cl.id]},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    lim = _R_CLUSTERS + small + 0.5
    return go.Figure(
        data=traces,
        layout={
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "xaxis": {"visible": False, "range": [-lim, lim]},
            "yaxis": {"visible": False, "range": [-lim, lim], "scaleanchor": "x"},
            "plot_bgcolor": "white",
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
            "hovermode": "closest",
            "shapes": shapes,
            "annotations": annotations,
        },
    )
