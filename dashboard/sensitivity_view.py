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
from anp_core.i18n import translator
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
from dashboard import figures, scenario_ui, sensitivity_figures, text_alternatives
from dashboard.text import plain

__all__ = [
    "CROSSING_LIMIT",
    "DELTAS",
    "LINE_LIMIT",
    "CriterionView",
    "TornadoView",
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
    chart_text: str = ""
    chart_data: pd.DataFrame | None = None


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


def lines_table(
    ln: Lines, names: Mapping[str, str], cluster: Mapping[str, str], lang: str = "en"
) -> pd.DataFrame:
    """Return the lines chart's data: each factor's composite weight at weight 0, now and at 1.

    The lines are straight, so these three points give each of them exactly.
    """
    _ = translator(lang)
    ends = ln.at(np.array([0.0, ln.current, 1.0]))
    order = np.argsort(-ends[1], kind="stable")
    return pd.DataFrame(
        {
            _("Factor"): [names.get(ln.factor_ids[i], ln.factor_ids[i]) for i in order],
            _("Cluster"): [cluster.get(ln.factor_ids[i], "") for i in order],
            _("At weight 0"): ends[0, order],
            _("At the current weight"): ends[1, order],
            _("At weight 1"): ends[2, order],
        }
    )


def criterion_view(ev: Evaluation, criterion: str, *, top: int = 5, lang: str = "en") -> CriterionView:
    """Build the lines chart, the crossings (table and sentences) and the ties of one criterion.

    Parameters
    ----------
    ev : Evaluation
        The current model under the current weights.
    criterion : str
        The criterion whose weight moves from 0 to 1 (the others keep their proportions).
    top : int
        The current top factors drawn thick and flagged in the table.
    lang : str
        Interface language of the chart's words and its summary.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
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
    drawn_crossings = [c for c in shown or () if c.overtaker in drawn and c.overtaken in drawn]
    chart = sensitivity_figures.sensitivity_figure(
        ln,
        names,
        model.cluster_of,
        figures.cluster_styles(model),
        crossings=drawn_crossings,
        criterion_label=short,
        cluster_names={c.id: c.name for c in model.clusters},
        highlight=order[:top],
        factors=drawn,
        text={
            "title": _("Composite weight of every factor as the {criterion} weight moves"),
            "axis": _("{criterion} weight (the other criteria keep their proportions)"),
            "yaxis": _("composite weight"),
            "current": _("current {value}"),
            "crossings": _("Crossings"),
            "hover_weight": _("{criterion} weight"),
            "hover_composite": _("composite"),
        },
    )
    cluster_names = {c.id: c.name for c in model.clusters}
    chart_text = text_alternatives.sensitivity_summary(
        drawn_crossings,
        ln.current,
        criterion=short,
        names=names,
        among=set(order[:top]),
        fmt=fmt,
        phrases=phrases,
    )
    if shown is None:
        chart_text = text_alternatives.ranking_summary(
            [names[f] for f in order],
            ev.composite_values[np.argsort(-ev.composite_values, kind="stable")],
            fmt=fmt,
            phrases=phrases,
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
        chart_text=chart_text,
        chart_data=lines_table(
            ln, names, {f: cluster_names.get(c, c) for f, c in model.cluster_of.items()}, lang
        ),
    )


@dataclass(frozen=True)
class TornadoView:
    """The tornado chart, its summary (plain text) and its data."""

    chart: go.Figure
    text: str
    data: pd.DataFrame


def tornado_view(ev: Evaluation, delta: float, n_top: int, lang: str = "en") -> TornadoView:
    """Return the tornado chart of the ``n_top`` largest composite weights for a ±``delta`` move.

    The summary ranks the criteria by their largest swing (|high − low|) over the
    factors shown: the criterion whose small move changes the top factors most leads.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
    model = ev.model
    top_ids = _order(ev)[:n_top]
    names = {f: model.label(f) for f in top_ids}
    crit_names = {c: model.label(c) for c in ev.criteria}
    table = tornado(ev, delta, top_ids)
    chart = sensitivity_figures.tornado_figure(
        table,
        names,
        crit_names,
        delta,
        factors=top_ids,
        text={
            "title": _("Tornado: each criterion's weight moved by ±{delta} (others keep their proportions)"),
            "panel": _("{name} (composite {value})"),
            "axis": _("change of composite weight"),
            "lowered": _("criterion weight −{delta}"),
            "raised": _("criterion weight +{delta}"),
            "hover_weight": _("weight"),
            "hover_composite": _("composite"),
        },
    )
    swing = (table["high"] - table["low"]).abs()
    if len(table):
        k = int(np.argmax(swing.to_numpy()))
        by_criterion = swing.groupby(table["criterion"], sort=False).max()
        least = str(by_criterion.idxmin())
        text = _(
            "{criterion} matters most here: moving its weight by ±{delta} changes the composite weight of "
            "{factor} by up to {value}; {least} matters least (up to {least_value})."
        ).format(
            criterion=crit_names[table["criterion"].iloc[k]],
            delta=f"{delta:g}",
            factor=names[table["factor"].iloc[k]],
            value=fmt.number(float(swing.iloc[k])),
            least=crit_names[least],
            least_value=fmt.number(float(by_criterion[least])),
        )
    else:
        text = phrases.empty
    data = pd.DataFrame(
        {
            _("Factor"): [names[f] for f in table["factor"]],
            _("Criterion"): [crit_names[c] for c in table["criterion"]],
            _("Composite"): table["base"].to_numpy(),
            _("Weight lowered"): table["low"].to_numpy(),
            _("Weight raised"): table["high"].to_numpy(),
            _("Swing"): swing.to_numpy(),
        }
    )
    return TornadoView(chart, text, data)


def threshold_view(ev: Evaluation) -> pd.DataFrame:
    """Return the "how far must each criterion move before the top k changes" table (k = 1, 3, 5)."""
    crit_names = {c: ev.model.label(c) for c in ev.criteria}
    if len(ev.model.ranked_node_ids) > CROSSING_LIMIT:
        return pd.DataFrame(index=pd.Index([crit_names[c] for c in ev.criteria], name="Criterion"))
    frames = [top_change_thresholds(ev, c, tops=(1, 3, 5)) for c in ev.criteria]
    return scenario_ui.threshold_table(pd.concat(frames, ignore_index=True), crit_names)
