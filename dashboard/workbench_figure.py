"""The network of a draft as a plotly figure: cluster boxes, their nodes, and the links between clusters.

Clusters sit on a circle (``networkx.circular_layout``, rotated so the first
is on top: deterministic, the same draft always gives the same picture);
each box holds its nodes top to bottom. An arrow J -> I means the nodes of I
are compared with respect to nodes of J (Super Decisions draws links the
same way); solid when every node of J links to I, dashed when only some do;
a loop over a box is inner dependence. Colours are Okabe & Ito's
colour-blind-safe palette, and every cluster also has its own marker shape
and its name written on the box, so nothing is told by colour alone.
Names are HTML-escaped (plotly renders tags in text). No Streamlit import.
"""

from __future__ import annotations

import html
import math

import networkx as nx
import plotly.graph_objects as go

from anp_core.draft import Draft, effective_links
from anp_core.i18n import translator
from dashboard import palette
from dashboard.plot_layout import display_width
from dashboard.workbench_views import draft_labeller

__all__ = ["box_layout", "cluster_colors", "network_figure"]

_INK = "#222222"
_EDGE = "#444444"
_ROW = 0.34  # height of one node row
_HEAD = 0.5  # box header (cluster name)
_WIDTH = 2.6  # box width


def cluster_colors(draft: Draft) -> dict[str, str]:
    """Return each cluster's colour: :func:`dashboard.palette.style` in cluster order, as on every other chart."""
    return {c.id: palette.style(k).colour for k, c in enumerate(draft.clusters)}


def _rgba(color: str, alpha: float) -> str:
    c = color.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def box_layout(draft: Draft) -> dict[str, tuple[float, float, float, float]]:
    """Return each cluster's box as ``(centre x, centre y, half width, half height)``.

    Centres come from ``networkx.circular_layout`` over the clusters in
    model order, rotated a quarter turn so the first cluster is on top, on a
    circle wide enough that neighbouring boxes do not overlap.
    """
    clusters = draft.clusters
    if not clusters:
        return {}
    halves = {c.id: (_WIDTH / 2, (_HEAD + _ROW * max(len(c.nodes), 1)) / 2) for c in clusters}
    k = len(clusters)
    if k == 1:
        hw, hh = halves[clusters[0].id]
        return {clusters[0].id: (0.0, 0.0, hw, hh)}
    biggest = max(2 * max(h) for h in halves.values())
    radius = max(1.8, (biggest + 1.4) / (2 * math.sin(math.pi / k)))
    g = nx.DiGraph()
    g.add_nodes_from(c.id for c in clusters)
    pos = nx.circular_layout(g, scale=radius)
    out = {}
    for c in clusters:
        x, y = (float(v) for v in pos[c.id])
        out[c.id] = (-y, x, *halves[c.id])  # rotate +90 degrees: first cluster on top
    return out


def _border(
    box: tuple[float, float, float, float], dx: float, dy: float, gap: float = 0.08
) -> tuple[float, float]:
    """Point where the ray from the box centre along (dx, dy) leaves the box (plus a gap)."""
    cx, cy, hw, hh = box
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    t = min(hw / abs(ux) if ux else math.inf, hh / abs(uy) if uy else math.inf) + gap
    return cx + t * ux, cy + t * uy


def _arrow(x0: float, y0: float, x1: float, y1: float) -> dict[str, object]:
    """Arrowhead at (x1, y1) pointing away from (x0, y0); its shaft is the line trace."""
    norm = math.hypot(x1 - x0, y1 - y0) or 1.0
    back = min(0.3, 0.9 * norm)
    return {
        "x": x1,
        "y": y1,
        "ax": x1 - back * (x1 - x0) / norm,
        "ay": y1 - back * (y1 - y0) / norm,
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "showarrow": True,
        "arrowhead": 2,
        "arrowsize": 1.3,
        "arrowwidth": 1.8,
        "arrowcolor": _EDGE,
        "text": "",
    }


def _fit(name: str, chars: int) -> str:
    """``name`` cut with "…" to about ``chars`` Latin characters (a Chinese character counts two)."""
    if sum(display_width(ch) for ch in name) <= chars:
        return name
    out, used = "", 0
    for ch in name:
        if used + display_width(ch) > max(chars - 1, 1):
            break
        out += ch
        used += display_width(ch)
    return out + "…"


def network_figure(
    draft: Draft,
    criterion: str | None,
    *,
    height: int | None = None,
    plot_width: int = 460,
    lang: str = "en",
) -> go.Figure:
    """Return the draft's network under ``criterion`` (cluster boxes, nodes, cluster-to-cluster links).

    Parameters
    ----------
    draft : Draft
        The model being built (any state: an empty draft gives an empty
        figure with a hint).
    criterion : str or None
        The criterion whose links are drawn (None: boxes and nodes only).
    height : int, optional
        Figure height in pixels (default: from ``plot_width`` and the
        network's proportions).
    plot_width : int
        About how wide the figure will be drawn, in pixels: names are cut
        (with "…"; the full name is in the hover text) and fonts sized to fit.
    lang : str
        Language of the figure's words and of the names (where the draft
        translates them).

    Returns
    -------
    plotly.graph_objects.Figure
        Box shapes, one marker trace per cluster (its own colour and shape,
        names as text), one line trace per link style, arrowheads as
        annotations. Clusters compared with respect to every node (the
        criterion itself) are marked above their box instead of by an
        arrow from every cluster.
    """
    _ = translator(lang)
    label = draft_labeller(draft, lang)
    boxes = box_layout(draft)
    if not boxes:
        return go.Figure(
            {
                "data": [],
                "layout": {
                    "height": height or 260,
                    "xaxis": {"visible": False},
                    "yaxis": {"visible": False},
                    "annotations": [
                        {
                            "text": _("Add clusters and their nodes: the network is drawn here as it grows."),
                            "showarrow": False,
                            "font": {"size": 14, "color": _INK},
                        }
                    ],
                    "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                },
            }
        )
    xmin = min(b[0] - b[2] for b in boxes.values()) - 0.3
    xmax = max(b[0] + b[2] for b in boxes.values()) + 0.9
    ymin = min(b[1] - b[3] for b in boxes.values()) - 0.3
    ymax = max(b[1] + b[3] for b in boxes.values()) + 0.55
    fig_height = height or int(min(760, max(260, plot_width * (ymax - ymin) / (xmax - xmin))) + 40)
    ppu = min(plot_width / (xmax - xmin), (fig_height - 40) / (ymax - ymin))  # pixels per layout unit
    font = 13 if ppu >= 60 else 12 if ppu >= 48 else 11
    node_chars = max(6, int((_WIDTH * ppu - 30) / (0.56 * font)))
    head_chars = max(6, int((_WIDTH * ppu - 8) / (0.62 * (font + 1))))

    colors = cluster_colors(draft)
    links = effective_links(draft, criterion) if criterion else {}
    everywhere = {
        cl.id
        for cl in draft.clusters
        if criterion and (criterion, "nodes", criterion, cl.id) in draft.comparison_by_key
    }
    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    data: list[dict[str, object]] = []
    for k, cl in enumerate(draft.clusters):
        cx, cy, hw, hh = boxes[cl.id]
        color = colors[cl.id]
        shapes.append(
            {
                "type": "rect",
                "x0": cx - hw,
                "x1": cx + hw,
                "y0": cy - hh,
                "y1": cy + hh,
                "line": {"color": color, "width": 2.5},
                "fillcolor": _rgba(color, 0.12),
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": cx,
                "y": cy + hh - 0.22,
                "text": f"<b>{html.escape(_fit(label(cl.id), head_chars))}</b>",
                "showarrow": False,
                "font": {"size": font + 1, "color": _INK},
                "hovertext": html.escape(label(cl.id)),
            }
        )
        if cl.id in everywhere:
            annotations.append(
                {
                    "x": cx,
                    "y": cy + hh + 0.2,
                    "text": "<i>" + html.escape(_("◀ compared w.r.t. every node")) + "</i>",
                    "showarrow": False,
                    "font": {"size": 11, "color": _INK},
                }
            )
        if not cl.nodes:
            annotations.append(
                {
                    "x": cx,
                    "y": cy - 0.1,
                    "text": "<i>" + html.escape(_("no nodes yet")) + "</i>",
                    "showarrow": False,
                    "font": {"size": font - 1, "color": _INK},
                }
            )
            continue
        hover = []
        for n in cl.nodes:
            targets = [label(t) for (j, t) in links if j == n.id]
            line = f"{html.escape(label(n.id))} ({html.escape(label(cl.id))})<br>"
            line += html.escape(
                _("links to: {clusters}").format(clusters=_(", ").join(targets))
                if targets
                else _("links to nothing (a sink)")
            )
            hover.append(line)
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [cx - hw + 0.22] * len(cl.nodes),
                "y": [cy + hh - _HEAD - _ROW * (r + 0.5) for r in range(len(cl.nodes))],
                "text": [html.escape(_fit(label(n.id), node_chars)) for n in cl.nodes],
                "textposition": "middle right",
                "textfont": {"size": font, "color": _INK},
                "marker": {
                    "size": 11,
                    "color": color,
                    "symbol": palette.style(k).symbol,
                    "line": {"color": _INK, "width": 1},
                },
                "hovertext": hover,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": html.escape(label(cl.id)),
                "showlegend": False,
            }
        )
    # cluster-to-cluster arrows, except links made with respect to the whole criterion (marked on the box)
    pairs: dict[tuple[str, str], bool] = {}
    for cl in draft.clusters:
        for dst in draft.clusters:
            linked = [n.id for n in cl.nodes if (n.id, dst.id) in links]
            if not linked:
                continue
            own = [n for n in linked if links[(n, dst.id)][2] != criterion]
            if own:
                pairs[(cl.id, dst.id)] = len(own) == len(cl.nodes)
    lines: dict[bool, tuple[list[float | None], list[float | None]]] = {True: ([], []), False: ([], [])}
    for (src, dst), full in pairs.items():
        xs, ys = lines[full]
        if src == dst:
            cx, cy, hw, hh = boxes[src]
            x0 = cx + hw
            loop = [
                (x0 + 0.4 * math.sin(a), cy + hh * 0.5 * math.cos(a))
                for a in (i * math.pi / 12 for i in range(13))
            ]
            xs += [p[0] for p in loop] + [None]
            ys += [p[1] for p in loop] + [None]
            annotations.append(_arrow(loop[-2][0], loop[-2][1], loop[-1][0], loop[-1][1]))
            continue
        a, b = boxes[src], boxes[dst]
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = math.hypot(dx, dy) or 1.0
        # two-way links: shift each arrow sideways so both show
        off = 0.18 if (dst, src) in pairs else 0.0
        ox, oy = -dy / norm * off, dx / norm * off
        sx, sy = _border((a[0] + ox, a[1] + oy, a[2], a[3]), dx, dy)
        ex, ey = _border((b[0] + ox, b[1] + oy, b[2], b[3]), -dx, -dy)
        xs += [sx, ex, None]
        ys += [sy, ey, None]
        annotations.append(_arrow(sx, sy, ex, ey))
    for full, (xs, ys) in lines.items():
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs or [None],
                "y": ys or [None],
                "line": {"color": _EDGE, "width": 1.8, "dash": "solid" if full else "dash"},
                "hoverinfo": "skip",
                "name": html.escape(
                    _("every node of the source cluster links")
                    if full
                    else _("some nodes of the source cluster link")
                ),
                "showlegend": bool(xs),
            }
        )
    layout = {
        "height": fig_height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "shapes": shapes,
        "annotations": annotations,
        "xaxis": {"visible": False, "range": [xmin, xmax], "fixedrange": True},
        "yaxis": {"visible": False, "range": [ymin, ymax], "scaleanchor": "x", "fixedrange": True},
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
    }
    return go.Figure({"data": data, "layout": layout})
