"""ANP step by step, for the Teach page: a small network with feedback and one builder per step.

Pure functions (no Streamlit). :func:`teaching_model` is the example model of
cross-border logistics modes (seven nodes, three control criteria, feedback
under the technological environment); :func:`build_step`
turns any model into the walkthrough's steps: the network, one pairwise
matrix, its priorities and consistency, the unweighted, cluster, weighted and
limit supermatrices, and the synthesis over the control criteria. Every
number comes from anp_core; figures use large type for a projector, the
palette's colours (with patterns on grouped bars) and AA text, and each step
has a one-sentence summary of its figure and a table as its text alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Comparison, Model, evaluate, load_model
from anp_core.i18n import N_, translator
from anp_core.limit import power_residuals
from anp_core.pairwise import PairwiseMatrix
from dashboard import palette, text_alternatives
from dashboard.figures import BAR_PATTERNS
from dashboard.palette import COLOURS
from dashboard.text import plot_text

__all__ = ["STEP_KEYS", "Step", "build_step", "feedback_criterion", "pick_comparison", "teaching_model"]

STEP_KEYS = ("network", "pairwise", "priorities", "unweighted", "cluster", "weighted", "limit", "synthesis")
TITLES = {
    "network": N_("The network"),
    "pairwise": N_("One pairwise comparison"),
    "priorities": N_("Priorities and consistency"),
    "unweighted": N_("The unweighted supermatrix"),
    "cluster": N_("The cluster matrix"),
    "weighted": N_("The weighted supermatrix"),
    "limit": N_("The limit supermatrix"),
    "synthesis": N_("Synthesis over the control criteria"),
}
FONT = 18
BLUES = [[0.0, "#ffffff"], [1e-9, "#eef4fa"], [0.5, "#6baed6"], [1.0, "#08306b"]]


#: The teaching network: an example model with three control criteria, one of whose networks has feedback.
TEACHING_MODEL = (
    Path(__file__).resolve().parent.parent / "data" / "models" / "examples" / "logistics_three_criteria.json"
)


@lru_cache(maxsize=1)
def teaching_model() -> Model:
    """Return the teaching network (``data/models/examples/logistics_three_criteria.json``)."""
    return load_model(TEACHING_MODEL)


def feedback_criterion(model: Model) -> str:
    """Return the first networked criterion whose network has feedback (else the first one)."""
    for c in model.networked_criteria:
        links = _cluster_links(model, c)
        if any(a == b or (b, a) in links for a, b in links):
            return c
    return model.networked_criteria[0]


@dataclass(frozen=True)
class Step:
    """One slide of the walkthrough: a title, one sentence, a figure, its summary (plain text) and its table."""

    key: str
    title: str
    sentence: str
    detail: str
    figure: go.Figure | None
    table: pd.DataFrame | None
    summary: str = ""


def pick_comparison(model: Model, criterion: str) -> Comparison:
    """Return the comparison the walkthrough shows.

    A node comparison with respect to one node (it fills one column) is
    preferred, then one with respect to a cluster, then the criterion; among
    those, 3 to 7 elements and the most elements; ties in file order.
    """
    comps = [c for c in model.comparisons_for(criterion) if c.kind == "nodes"] or list(
        model.comparisons_for(criterion)
    )

    def score(c: Comparison) -> tuple[int, int, int, int]:
        scope = 2 if c.wrt in model.node_by_id else 1 if c.wrt in model.cluster_by_id else 0
        n = len(c.elements)
        return (int(3 <= n <= 7), scope, n if 3 <= n <= 7 else -abs(n - 4), -comps.index(c))

    return max(comps, key=score)


def _fraction(x: float | None) -> str:
    if x is None:
        return "?"
    if x >= 1:
        return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.2f}"
    inv = 1 / x
    return f"1/{inv:.0f}" if abs(inv - round(inv)) < 1e-9 else f"{x:.2f}"


def _heatmap(
    frame: pd.DataFrame, text: list[list[str]] | None = None, height: int | None = None
) -> go.Figure:
    z = frame.to_numpy(dtype=float)
    labels_x = [plot_text(c) for c in frame.columns]
    labels_y = [plot_text(r) for r in frame.index]
    cells = text if text is not None else [[f"{v:.3f}" if v else "" for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels_x,
            y=labels_y,
            text=cells,
            texttemplate="%{text}",
            textfont={"size": FONT},
            colorscale=BLUES,
            zmin=0,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} ← %{x}: %{z:.4f}<extra></extra>",
        )
    )
    fig.update_layout(
        height=height or max(260, 70 * len(labels_y) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"size": FONT},
        yaxis={"autorange": "reversed", "tickfont": {"size": FONT}},
        xaxis={"side": "top", "tickfont": {"size": FONT}},
    )
    return palette.apply_plot_text(fig)


def _block_lines(fig: go.Figure, sizes: list[int]) -> None:
    pos = np.cumsum(sizes)[:-1]
    n = int(sum(sizes))
    for b in pos:
        fig.add_shape(
            type="line", x0=b - 0.5, x1=b - 0.5, y0=-0.5, y1=n - 0.5, line={"color": "#222", "width": 3}
        )
        fig.add_shape(
            type="line", y0=b - 0.5, y1=b - 0.5, x0=-0.5, x1=n - 0.5, line={"color": "#222", "width": 3}
        )


def _bars(labels: list[str], series: list[tuple[str, list[float]]], height: int = 420) -> go.Figure:
    fig = go.Figure()
    for i, (name, values) in enumerate(series):
        st = palette.style(i)
        fig.add_trace(
            go.Bar(
                x=[plot_text(x) for x in labels],
                y=values,
                name=plot_text(name),
                marker={
                    "color": st.colour,
                    "pattern": {"shape": BAR_PATTERNS[i % len(BAR_PATTERNS)], "fgcolor": "white", "size": 8},
                },
                text=[f"{v:.3f}" for v in values],
                textposition="outside",
                textfont={"size": FONT - 2},
            )
        )
    fig.update_layout(
        barmode="group",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"size": FONT},
        yaxis={"rangemode": "tozero", "tickfont": {"size": FONT - 2}},
        xaxis={"tickfont": {"size": FONT}},
        legend={"orientation": "h", "y": 1.12, "font": {"size": FONT}},
        showlegend=len(series) > 1,
    )
    return palette.apply_plot_text(fig)


def _cluster_links(model: Model, criterion: str) -> list[tuple[str, str]]:
    """(from cluster, to cluster): nodes of ``to`` are compared with respect to nodes of ``from``."""
    links = []
    for c in model.comparisons_for(criterion):
        if c.kind != "nodes" or c.cluster is None:
            continue
        if c.wrt in model.cluster_by_id:
            sources = [c.wrt]
        elif c.wrt in model.node_by_id:
            sources = [model.cluster_of[c.wrt]]
        else:
            sources = [cl.id for cl in model.clusters]
        links += [(s, c.cluster) for s in sources]
    return list(dict.fromkeys(links))


def build_step(model: Model, index: int, criterion: str | None = None, lang: str = "en") -> Step:
    """Build step ``index`` (0 .. len(STEP_KEYS) - 1) of the walkthrough for ``model``.

    ``criterion`` (default: the first with feedback, :func:`feedback_criterion`)
    is the one whose network steps 1-7 show; the last step synthesises over all.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)

    def heat(frame: pd.DataFrame) -> str:
        return text_alternatives.heatmap_summary(
            [str(r) for r in frame.index],
            [str(c) for c in frame.columns],
            frame.to_numpy(dtype=float),
            fmt=fmt,
            phrases=phrases,
        )

    key = STEP_KEYS[max(0, min(index, len(STEP_KEYS) - 1))]
    crit = criterion if criterion in model.networked_criteria else feedback_criterion(model)
    name = lambda i: model.label(i, lang)  # noqa: E731
    title = _(TITLES[key])
    ev = evaluate(model)
    net = ev.networks.get(crit) or evaluate(model, {crit: 1.0}).networks[crit]
    nodes = [name(n) for n in net.node_ids]
    sizes = [len(model.cluster_by_id[c].nodes) for c in net.cluster_ids]
    if key == "network":
        links = _cluster_links(model, crit)
        feedback = any((b, a) in links for a, b in links if a != b) or any(a == b for a, b in links)
        rows = [
            {
                _("Compared"): name(b),
                _("With respect to"): name(a),
                _("Kind"): _("inner dependence") if a == b else _("outer"),
            }
            for a, b in links
        ]
        sentence = (
            _(
                "Influence runs both ways here (feedback): nodes of one cluster are compared with respect to nodes of the other, and back."
            )
            if feedback
            else _("Influence runs one way here, from each cluster to the clusters it points to.")
        )
        detail = _("{n} nodes in {k} clusters, under the control criterion {criterion}.").format(
            n=len(nodes), k=len(sizes), criterion=name(crit)
        )
        inner = sum(1 for a, b in links if a == b)
        summary = _(
            "The diagram shows {k} clusters and {l} links between them, {i} of them inner dependence (a loop)."
        ).format(k=len(model.clusters), l=len(links), i=inner)
        return Step(
            key, title, sentence, detail, _network_figure(model, links, lang), pd.DataFrame(rows), summary
        )
    comp = pick_comparison(model, crit)
    labels = [name(e) for e in comp.elements]
    pm = PairwiseMatrix(
        [[np.nan if x is None else x for x in row] for row in comp.matrix], labels=labels, name="teach"
    )
    matrix = pd.DataFrame(pm.values, index=labels, columns=labels)
    wrt = name(comp.wrt)
    if key == "pairwise":
        text = [[_fraction(x) for x in row] for row in comp.matrix]
        fig = _heatmap(matrix.clip(upper=9) / 9, text)
        i, j = 0, 1
        sentence = _(
            "With respect to {wrt}, each cell says how many times more the row matters than the column; "
            "the cell below the diagonal is its reciprocal."
        ).format(wrt=wrt)
        detail = _("For example, {a} against {b}: {value}.").format(
            a=labels[i], b=labels[j], value=_fraction(comp.matrix[i][j])
        )
        return Step(
            key, title, sentence, detail, fig, pd.DataFrame(text, index=labels, columns=labels), heat(matrix)
        )
    if key == "priorities":
        w = pm.priorities()
        fig = _bars(labels, [(_("Priority"), [float(x) for x in w])])
        sentence = _(
            "The priorities are the principal eigenvector of the matrix; the consistency ratio CR = {cr} "
            "(below 0.10 is usually accepted)."
        ).format(cr=f"{pm.cr:.3f}")
        detail = _("λmax = {lam}, for {n} elements; CR = (λmax − n) / (n − 1) / RI.").format(
            lam=f"{pm.lambda_max:.3f}", n=len(labels)
        )
        table = pd.DataFrame({_("Priority"): np.round(w, 4)}, index=labels)
        summary = text_alternatives.ranking_summary(labels, w, fmt=fmt, phrases=phrases)
        return Step(key, title, sentence, detail, fig, table, summary)
    frames = net.frames(model) if lang == "en" else _frames_in(net, model, lang)
    if key == "unweighted":
        fig = _heatmap(frames["unweighted"])
        _block_lines(fig, sizes)
        sentence = _(
            "Each priority vector becomes a column of the unweighted supermatrix: column = the node judged "
            "with respect to, rows = the nodes compared."
        )
        if comp.wrt in model.node_by_id:
            detail = _("The vector of the previous step is the column of {wrt}, in the block of its cluster.")
        elif comp.wrt in model.cluster_by_id:
            detail = _(
                "The vector of the previous step, judged with respect to the cluster {wrt}, fills the columns "
                "of all its nodes."
            )
        else:
            detail = _(
                "The vector of the previous step, judged with respect to the criterion {wrt} itself, fills "
                "every column that links to its cluster."
            )
        detail = detail.format(wrt=wrt)
        return Step(
            key, title, sentence, detail, fig, frames["unweighted"].round(4), heat(frames["unweighted"])
        )
    if key == "cluster":
        fig = _heatmap(frames["cluster"], height=max(260, 90 * len(sizes) + 120))
        sentence = _(
            "The cluster matrix says how much each cluster counts for the nodes of a column cluster; its "
            "columns sum to 1."
        )
        detail = _("Clusters compared pairwise too; without a comparison, linked clusters count equally.")
        return Step(key, title, sentence, detail, fig, frames["cluster"].round(4), heat(frames["cluster"]))
    if key == "weighted":
        fig = _heatmap(frames["weighted"])
        _block_lines(fig, sizes)
        sentence = _(
            "Multiplying each block by its cluster weight gives the weighted supermatrix, whose every column sums to 1."
        )
        detail = _("It is column-stochastic: a column spreads one unit of influence over the nodes.")
        return Step(key, title, sentence, detail, fig, frames["weighted"].round(4), heat(frames["weighted"]))
    if key == "limit":
        fig = _heatmap(frames["limit"])
        _block_lines(fig, sizes)
        sentence = _(
            "Raising the weighted supermatrix to powers spreads influence along every path until all columns "
            "agree: the limit supermatrix."
        )
        diagnosis = net.limit.diagnosis
        if diagnosis == "primitive":
            res = power_residuals(net.weighted, n_steps=200)
            settled = next((p + 1 for p, r in enumerate(res) if r < 1e-6), None)
            detail = (
                _(
                    "Here W to the power {p} and the next power agree to 6 decimals; every column is the "
                    "priority vector."
                ).format(p=settled)
                if settled
                else _("Here the powers converge slowly; the limit is found exactly by one linear solve.")
            )
        elif diagnosis == "periodic":
            detail = _(
                "Here the powers cycle and never settle (a periodic network): the limit is their average over a cycle."
            )
        elif diagnosis == "sinks":
            detail = _(
                "Here some nodes influence nothing (sinks, like the alternatives of a hierarchy): the powers are "
                "renormalised column by column, as Super Decisions does."
            )
        else:
            detail = _(
                "Here some nodes are not reached from others, so the limit combines the closed parts of the network."
            )
        return Step(key, title, sentence, detail, fig, frames["limit"].round(4), heat(frames["limit"]))
    ranked = [name(n) for n in model.ranked_node_ids]
    series = [(name(c), [float(x) for x in ev.limits[:, k]]) for k, c in enumerate(ev.criteria)]
    series.append((_("Composite"), [float(x) for x in ev.composite_values]))
    fig = _bars(ranked, series)
    weights = _(", ").join(f"{name(c)} {w:.3f}" for c, w in zip(ev.criteria, ev.weights, strict=True))
    sentence = _(
        "Each control criterion gives its own priorities; weighting them by the criteria's weights and "
        "adding gives the final ranking."
    )
    detail = _("Criterion weights: {weights}. First: {top}.").format(
        weights=weights, top=name(model.ranked_node_ids[int(np.argmax(ev.composite_values))])
    )
    table = pd.DataFrame({s: np.round(v, 4) for s, v in series}, index=ranked)
    table[_("Rank")] = ev.rank_values
    summary = text_alternatives.ranking_summary(ranked, ev.composite_values, fmt=fmt, phrases=phrases)
    return Step(key, title, sentence, detail, fig, table, summary)


def _frames_in(net: Any, model: Model, lang: str) -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = net.frames(model)
    nodes = [model.label(i, lang) for i in net.node_ids]
    clus = [model.label(i, lang) for i in net.cluster_ids]
    out = {}
    for k, f in frames.items():
        labels = clus if k == "cluster" else nodes
        out[k] = pd.DataFrame(f.to_numpy(), index=labels, columns=labels)
    return out


def _network_figure(model: Model, links: list[tuple[str, str]], lang: str) -> go.Figure:
    """Clusters on a circle with their nodes listed; an arrow per link, a loop for inner dependence."""
    ids = [c.id for c in model.clusters]
    k = len(ids)
    start = np.pi if k == 2 else np.pi / 2  # two clusters side by side, more around a circle
    angle = np.linspace(start, start - 2 * np.pi, k, endpoint=False)
    pos = {
        c: (float(np.cos(a)), float(np.sin(a))) if k > 1 else (0.0, 0.0)
        for c, a in zip(ids, angle, strict=True)
    }
    fig = go.Figure()
    for a, b in links:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        if a == b:
            fig.add_annotation(
                x=x0, y=y0 + 0.42, text="⟲", showarrow=False, font={"size": 34, "color": COLOURS[2]}
            )
            continue
        off = 0.06 if (b, a) in links else 0.0
        dx, dy = x1 - x0, y1 - y0
        nx, ny = -dy * off, dx * off
        fig.add_annotation(
            x=x0 + 0.72 * dx + nx,
            y=y0 + 0.72 * dy + ny,
            ax=x0 + 0.28 * dx + nx,
            ay=y0 + 0.28 * dy + ny,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=3,
            arrowsize=1.4,
            arrowwidth=3,
            arrowcolor=COLOURS[0],
        )
    for c in model.clusters:
        x, y = pos[c.id]
        names = "<br>".join(plot_text(model.label(n.id, lang)) for n in c.nodes[:8]) + (
            "<br>…" if len(c.nodes) > 8 else ""
        )
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{plot_text(model.label(c.id, lang))}</b><br>{names}",
            showarrow=False,
            font={"size": FONT, "color": "#1f1f1f"},
            bgcolor="#eef4fa",
            bordercolor="#0b3d63",
            borderwidth=2,
            borderpad=8,
        )
    fig.update_layout(
        height=340 if k <= 2 else 460,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "range": [-1.8, 1.8]},
        yaxis={"visible": False, "range": [-0.9, 0.9] if k <= 2 else [-1.4, 1.4]},
        plot_bgcolor="white",
        showlegend=False,
    )
    return palette.apply_plot_text(fig)
