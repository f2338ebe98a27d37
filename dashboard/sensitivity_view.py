"""View builders of the Sensitivity page: lines, crossings in words, tornado, thresholds.

No Streamlit here. The page and its benchmark twin draw what these return;
anp_core computes (and caches) the lines, crossings and thresholds. Markdown
strings have the model's text escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Evaluation
from anp_core.sensitivity import (
    Crossing,
    Lines,
    Tie,
    crossings,
    end_ties,
    lines,
    top_change_thresholds,
    tornado,
)
from dashboard import figures, scenario_ui, sensitivity_figures
from dashboard.text import plain

__all__ = [
    "CROSSING_LIMIT",
    "DELTAS",
    "LINE_LIMIT",
    "CriterionView",
    "criterion_view",
    "current_weights_text",
    "threshold_view",
    "tornado_view",
]

#: Options of the page's "±X" slider.
DELTAS: tuple[float, ...] = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
#: With more ranked nodes than this, crossings (every pair) are not listed.
CROSSING_LIMIT = 400
#: With more ranked nodes than this, only the lines of the largest weights are drawn.
LINE_LIMIT = 60


@dataclass(frozen=True)
class CriterionView:
    """What the page shows for one criterion (markdown fields escaped)."""

    criterion: str
    short: str
    lines: Lines
    crossings: tuple[Crossing, ...] | None
    ties: tuple[Tie, ...]
    table: pd.DataFrame
    chart: go.Figure
    chart_caption: str
    title: str
    summary: str
    sentences: str
    ties_text: str


def _order(ev: Evaluation) -> list[str]:
    ids = ev.model.ranked_node_ids
    return [ids[i] for i in np.argsort(-ev.composite_values, kind="stable")]


def current_weights_text(ev: Evaluation, scenario: str) -> str:
    """Return the "Current weights" line: full criterion names, and the scenario's name."""
    model = ev.model
    parts = " · ".join(
        f"{plain(model.label(c))} {w:.3f}" for c, w in zip(ev.criteria, ev.weights.tolist(), strict=True)
    )
    return f"**Current weights:** {parts} ({plain(scenario) or 'unnamed scenario'})"


def _nearest(shown: Sequence[Crossing], current: float, names: Mapping[str, str]) -> str:
    below = [c for c in shown if c.t < current]
    above = [c for c in shown if c.t > current]
    out = []
    if below:
        c = below[-1]
        out.append(
            f"lowering it below **{c.t:.4f}** ({c.t - current:+.4f}) puts {plain(names[c.overtaken])} back above "
            f"{plain(names[c.overtaker])}"
        )
    if above:
        c = above[0]
        out.append(
            f"raising it above **{c.t:.4f}** ({c.t - current:+.4f}) puts {plain(names[c.overtaker])} above "
            f"{plain(names[c.overtaken])}"
        )
    return "; ".join(out)


def criterion_view(ev: Evaluation, criterion: str, *, top: int = 5) -> CriterionView:
    """Build the lines chart, the crossings (table and sentences) and the ties of one criterion.

    Parameters
    ----------
    ev : Evaluation
        The current model under the current weights.
    criterion : str
        The criterion whose weight moves from 0 to 1 (the others keep their proportions).
    top : int
        The current top factors drawn thick and flagged in the table.
    """
    model = ev.model
    names = {f: model.label(f) for f in model.ranked_node_ids}
    short = scenario_ui.short_criterion_name(model.label(criterion))
    ln = lines(ev, criterion)
    order = _order(ev)
    n = len(order)
    shown: tuple[Crossing, ...] | None = None
    ties: tuple[Tie, ...] = ()
    if n <= CROSSING_LIMIT:
        shown = tuple(crossings(ev, criterion))
        ties = tuple(end_ties(ev, criterion))
    drawn = order if n <= LINE_LIMIT else order[:LINE_LIMIT]
    chart = sensitivity_figures.sensitivity_figure(
        ln,
        names,
        model.cluster_of,
        figures.cluster_colors(model),
        crossings=[c for c in shown or () if c.overtaker in drawn and c.overtaken in drawn],
        criterion_label=short,
        cluster_names={c.id: c.name for c in model.clusters},
        highlight=order[:top],
        factors=drawn,
    )
    table = scenario_ui.crossing_table(shown or (), names, short, ln.current, order[:top])
    caption = (
        f"Thick lines: the current top {top}. The dashed red line marks the current {plain(short)} weight "
        f"({ln.current:.3f}); each × is a crossing. Ranks elsewhere in the dashboard round the composite weights "
        "to 3 decimals, so two factors can share a rank a little before their lines cross."
    )
    if n > LINE_LIMIT:
        caption += f" Only the {LINE_LIMIT} largest of the {n} factors are drawn."
    if shown is None:
        summary = (
            f"With {n} factors there are {n * (n - 1) // 2:,} pairs: the crossings are not listed here "
            "(the thresholds below still say how far each criterion can move)."
        )
    elif not shown:
        summary = f"No two factors swap places anywhere between 0 and 1 of the {plain(short)} weight."
    else:
        summary = (
            f"**{len(shown)} crossing{'s' if len(shown) != 1 else ''}** between 0 and 1. Nearest to the current "
            f"weight ({ln.current:.3f}): " + _nearest(shown, ln.current, names) + "."
        )
    ties_text = ""
    if ties:
        ties_text = (
            "Equal at the end of the range (the two factors have the same priority there, so they meet at "
            "that end without swapping places inside it): "
            + "; ".join(f"{plain(names[t.a])} and {plain(names[t.b])} at {round(t.t):d}" for t in ties)
            + "."
        )
    return CriterionView(
        criterion=criterion,
        short=short,
        lines=ln,
        crossings=shown,
        ties=ties,
        table=table,
        chart=chart,
        chart_caption=caption,
        title=f"Crossings along the {plain(short)} weight",
        summary=summary,
        sentences="\n".join(f"- {plain(s)}" for s in table["What happens"]),
        ties_text=ties_text,
    )


def tornado_view(ev: Evaluation, delta: float, n_top: int) -> go.Figure:
    """Return the tornado chart of the ``n_top`` largest composite weights for a ±``delta`` move."""
    model = ev.model
    top_ids = _order(ev)[:n_top]
    names = {f: model.label(f) for f in top_ids}
    crit_names = {c: model.label(c) for c in ev.criteria}
    return sensitivity_figures.tornado_figure(
        tornado(ev, delta, top_ids), names, crit_names, delta, factors=top_ids
    )


def threshold_view(ev: Evaluation) -> pd.DataFrame:
    """Return the "how far must each criterion move before the top k changes" table (k = 1, 3, 5)."""
    crit_names = {c: ev.model.label(c) for c in ev.criteria}
    if len(ev.model.ranked_node_ids) > CROSSING_LIMIT:
        return pd.DataFrame(index=pd.Index([crit_names[c] for c in ev.criteria], name="Criterion"))
    frames = [top_change_thresholds(ev, c, tops=(1, 3, 5)) for c in ev.criteria]
    return scenario_ui.threshold_table(pd.concat(frames, ignore_index=True), crit_names)
