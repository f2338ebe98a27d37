"""View builders of the Sensitivity page: lines, crossings in words, tornado, thresholds.

No Streamlit here. The page and its benchmark twin draw what these return;
anp_core computes (and caches) the lines, crossings and thresholds. Markdown
strings have the model's text escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from anp_core import Evaluation
from anp_core.i18n import translator
from anp_core.sensitivity import (
    Crossing,
    Lines,
    Tie,
    crossings,
    end_ties,
    lines,
    top_change_points_all,
    tornado_columns,
)
from dashboard import figures, sensitivity_lines, sensitivity_tables, sensitivity_tornado, text_alternatives
from dashboard.arrow_table import table as arrow_table
from dashboard.text import name_of, plain, plain_lines
from dashboard.vega_charts import VegaChart

__all__ = [
    "CROSSING_LIMIT",
    "DELTAS",
    "LINE_LIMIT",
    "CriterionView",
    "TornadoView",
    "criterion_view",
    "current_weights_text",
    "single_criterion_text",
    "threshold_columns",
    "threshold_tops",
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
    table: pa.Table  # the crossings (sensitivity_tables.crossing_table), columns named in the language
    chart: VegaChart
    chart_caption: str
    title: str
    summary: str
    sentences: str
    ties_text: str
    chart_text: str = ""
    chart_data: pa.Table | None = None
    top: int = 5  # how many of the current top factors are drawn thick and flagged (at most the factors)


def _order(ev: Evaluation) -> list[str]:
    ids = ev.model.ranked_node_ids
    return [ids[i] for i in np.argsort(-ev.composite_values, kind="stable")]


def current_weights_text(ev: Evaluation, scenario: str, lang: str = "en") -> str:
    """Return the "Current weights" line: full criterion names, and the scenario's name."""
    _ = translator(lang)
    model = ev.model
    parts = " · ".join(
        f"{plain(name_of(model, c, lang))} {_.number(w)}"
        for c, w in zip(ev.criteria, ev.weights.tolist(), strict=True)
    )
    return _("**Current weights:** {weights} ({scenario})").format(
        weights=parts, scenario=plain(scenario) or _("unnamed scenario")
    )


def single_criterion_text(ev: Evaluation, lang: str = "en") -> str | None:
    """Return why the page has nothing to show for a model with one control criterion, else None.

    With one criterion its weight is 1 and no other weight can take its place:
    every composite weight is 0 at weight 0 and the model's own at 1, so the
    lines never cross and the tornado can only lower it.
    """
    if len(ev.criteria) > 1:
        return None
    _ = translator(lang)
    return _(
        "This model has one control criterion ({criterion}), so its weight is 1 and there is no other weight to "
        "move it against: the lines, crossings, tornado and thresholds of this page need at least two criteria. "
        "How stable the ranking is under the judgments is on the Uncertainty page."
    ).format(criterion=plain(name_of(ev.model, ev.criteria[0], lang)))


def _nearest(shown: Sequence[Crossing], current: float, names: Mapping[str, str], lang: str = "en") -> str:
    _ = translator(lang)
    below = [c for c in shown if c.t < current]
    above = [c for c in shown if c.t > current]
    out = []
    if below:
        c = below[-1]
        out.append(
            _("lowering it below **{t}** ({move}) puts {first} back above {second}").format(
                t=f"{c.t:.4f}",
                move=f"{c.t - current:+.4f}",
                first=plain(names[c.overtaken]),
                second=plain(names[c.overtaker]),
            )
        )
    if above:
        c = above[0]
        out.append(
            _("raising it above **{t}** ({move}) puts {first} above {second}").format(
                t=f"{c.t:.4f}",
                move=f"{c.t - current:+.4f}",
                first=plain(names[c.overtaker]),
                second=plain(names[c.overtaken]),
            )
        )
    return _("; ").join(out)


def lines_table(
    ln: Lines, names: Mapping[str, str], cluster: Mapping[str, str], lang: str = "en"
) -> pa.Table:
    """Return the lines chart's data: each factor's composite weight at weight 0, now and at 1.

    The lines are straight, so these three points give each of them exactly.
    """
    _ = translator(lang)
    ends = ln.at(np.array([0.0, ln.current, 1.0]))
    order = np.argsort(-ends[1], kind="stable")
    return arrow_table(
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
    names = {f: name_of(model, f, lang) for f in model.ranked_node_ids}
    # "the political environment weight" in English; a name is not lower-cased in another language
    short = name_of(model, criterion, lang)
    short = sensitivity_tables.short_criterion_name(short) if lang == "en" else short
    ln = lines(ev, criterion)
    order = _order(ev)
    n = len(order)
    shown: tuple[Crossing, ...] | None = None
    ties: tuple[Tie, ...] = ()
    if n <= CROSSING_LIMIT:
        shown = tuple(crossings(ev, criterion))
        ties = tuple(end_ties(ev, criterion))
    drawn = order if n <= LINE_LIMIT else order[:LINE_LIMIT]
    drawn_set = set(drawn)
    drawn_crossings = [c for c in shown or () if c.overtaker in drawn_set and c.overtaken in drawn_set]
    cluster_names = {c.id: name_of(model, c.id, lang) for c in model.clusters}
    chart = sensitivity_lines.lines_chart(
        ln,
        names,
        model.cluster_of,
        figures.cluster_styles(model),
        crossings=drawn_crossings,
        criterion_label=short,
        cluster_names=cluster_names,
        highlight=order[:top],
        factors=drawn,
        text={
            "title": _("Composite weight of every factor as the {criterion} weight moves"),
            "axis": _("{criterion} weight (the other criteria keep their proportions)"),
            "yaxis": _("composite weight"),
            "current": _("current {value}"),
            "crossings": _("Crossings"),
            "crossing_mark": _("a crossing"),
            "legend": _("Clusters: {clusters}"),
            "hover_weight": _("{criterion} weight"),
            "hover_composite": _("composite"),
            "hover_factor": _("factor"),
            "hover_cluster": _("cluster"),
            "crossing": _("{first} overtakes {second} when the {criterion} weight exceeds {t}"),
        },
    )
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
    table = sensitivity_tables.crossing_table(shown or (), names, short, ln.current, order[:top], lang)
    caption = _(
        "Thick lines: the current top {top}. The dashed red line marks the current {criterion} weight "
        "({value}); each × is a crossing. Ranks elsewhere in the dashboard round the composite weights to 3 "
        "decimals, so two factors can share a rank a little before their lines cross."
    ).format(top=top, criterion=plain(short), value=f"{ln.current:.3f}")
    if n > LINE_LIMIT:
        caption += " " + _("Only the {limit} largest of the {n} factors are drawn.").format(
            limit=LINE_LIMIT, n=n
        )
    if shown is None:
        summary = _(
            "With {n} factors there are {pairs} pairs: neither the crossings nor the thresholds below are "
            "computed. The lines of the largest factors are drawn, and the tornado shows small moves."
        ).format(n=n, pairs=f"{n * (n - 1) // 2:,}")
    elif not shown:
        summary = _("No two factors swap places anywhere between 0 and 1 of the {criterion} weight.").format(
            criterion=plain(short)
        )
    else:
        summary = _.ngettext(
            "**{n} crossing** between 0 and 1. Nearest to the current weight ({value}): {nearest}.",
            "**{n} crossings** between 0 and 1. Nearest to the current weight ({value}): {nearest}.",
            len(shown),
        ).format(n=len(shown), value=f"{ln.current:.3f}", nearest=_nearest(shown, ln.current, names, lang))
    ties_text = ""
    if ties:
        ties_text = _(
            "Equal at the end of the range (the two factors have the same priority there, so they meet at that "
            "end without swapping places inside it): {pairs}."
        ).format(
            pairs=_("; ").join(
                _("{first} and {second} at {t}").format(
                    first=plain(names[t.a]), second=plain(names[t.b]), t=f"{round(t.t):d}"
                )
                for t in ties
            )
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
        title=_("Crossings along the {criterion} weight").format(criterion=plain(short)),
        summary=summary,
        sentences="\n".join(f"- {s}" for s in plain_lines(table[_("What happens")].to_pylist())),
        ties_text=ties_text,
        chart_text=chart_text,
        top=min(top, n),
        chart_data=lines_table(
            ln, names, {f: cluster_names.get(c, c) for f, c in model.cluster_of.items()}, lang
        ),
    )


@dataclass(frozen=True)
class TornadoView:
    """The tornado chart, its summary (plain text) and its data."""

    chart: VegaChart
    text: str
    data: pa.Table
    signed: tuple[str, ...] = ()  # the columns of changes (shown with their sign)


def tornado_view(ev: Evaluation, delta: float, n_top: int, lang: str = "en") -> TornadoView:
    """Return the tornado chart of the ``n_top`` largest composite weights for a ±``delta`` move.

    The summary ranks the criteria by their largest swing (|high − low|, the
    distance between a factor's two bars) over the factors shown: the criterion
    whose small move changes the top factors most leads. Criteria whose swings
    are all equal (two criteria always are: moving one moves the other) are
    said to matter alike.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
    model = ev.model
    top_ids = _order(ev)[:n_top]
    names = {f: name_of(model, f, lang) for f in top_ids}
    crit_names = {c: name_of(model, c, lang) for c in ev.criteria}
    table = tornado_columns(ev, delta, top_ids)
    chart = sensitivity_tornado.tornado_chart(
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
            "hover_factor": _("factor"),
            "hover_criterion": _("criterion"),
            "hover_move": _("move"),
            "hover_weight": _("criterion weight"),
            "hover_composite": _("composite"),
            "hover_change": _("change"),
            "bar": _("{factor}, {criterion}, {move}: composite weight {change}"),
        },
    )
    crits, facts = table["criterion"], table["factor"]
    base, low, high = table["base"], table["low"], table["high"]
    swing = np.abs(high - low)
    if swing.size:
        k = int(np.argmax(swing))
        by_criterion = {c: float(swing[crits == c].max()) for c in dict.fromkeys(crits.tolist())}
        least = min(by_criterion, key=by_criterion.__getitem__)  # the first of equal ones, as idxmin
        if np.isclose(by_criterion[least], float(swing[k]), rtol=1e-9, atol=0.0):
            text = _(
                "The criteria matter alike here: between a weight lowered and raised by {delta}, the composite "
                "weight of {factor} differs by up to {value}."
            ).format(delta=f"{delta:g}", factor=names[facts[k]], value=fmt.number(float(swing[k])))
        else:
            text = _(
                "{criterion} matters most here: between its weight lowered and raised by {delta}, the composite "
                "weight of {factor} differs by {value}; {least} matters least (up to {least_value})."
            ).format(
                criterion=crit_names[crits[k]],
                delta=f"{delta:g}",
                factor=names[facts[k]],
                value=fmt.number(float(swing[k])),
                least=crit_names[least],
                least_value=fmt.number(by_criterion[least]),
            )
    else:
        text = phrases.empty
    data = arrow_table(
        {
            _("Factor"): [names[f] for f in facts.tolist()],
            _("Criterion"): [crit_names[c] for c in crits.tolist()],
            _("Composite"): base,
            # what the bars show: the change of the composite weight when the criterion's weight moves
            _("Change when lowered"): low - base,
            _("Change when raised"): high - base,
            _("Swing"): swing,
        }
    )
    return TornadoView(chart, text, data, signed=(_("Change when lowered"), _("Change when raised")))


#: The k of the threshold table's "top k" columns.
TOPS: tuple[int, ...] = (1, 3, 5)


def threshold_tops(ev: Evaluation) -> tuple[int, ...]:
    """Return the k of :data:`TOPS` below the number of factors (the set of all of them can never change)."""
    return tuple(k for k in TOPS if k < len(ev.model.ranked_node_ids))


def threshold_view(ev: Evaluation, lang: str = "en") -> pa.Table | None:
    """Return the "how far must each criterion move before the top k changes" table (k in :func:`threshold_tops`).

    Criterion names and column names in ``lang`` (see :func:`threshold_columns`).
    None with more than :data:`CROSSING_LIMIT` factors: the crossings of
    every pair, which the table is read from, are not computed.
    """
    _ = translator(lang)
    if len(ev.model.ranked_node_ids) > CROSSING_LIMIT:
        return None
    crit_names = {c: name_of(ev.model, c, lang) for c in ev.criteria}
    tops = threshold_tops(ev)
    if not tops:  # one factor: nothing can change places
        return arrow_table({_("Criterion"): list(crit_names.values()), _("Current weight"): ev.weights})
    current, above, below = top_change_points_all(ev, tops)
    records = [
        {"criterion": c, "top": k, "current": t0, "change_above": up, "change_below": down}
        for c, t0, ups, downs in zip(
            ev.criteria, current.tolist(), above.tolist(), below.tolist(), strict=True
        )
        for k, up, down in zip(tops, ups, downs, strict=True)
    ]
    return sensitivity_tables.threshold_table(records, crit_names, threshold_columns(lang), _("Criterion"))


def threshold_columns(lang: str = "en") -> dict[str, str]:
    """Return the threshold table's column names (:func:`sensitivity_tables.threshold_table`) in ``lang``."""
    _ = translator(lang)
    out = {"Current weight": _("Current weight")}
    for k in (1, 3, 5):
        out[f"Top {k}: move"] = _("Top {k}: move").format(k=k)
        out[f"Top {k}: at"] = _("Top {k}: at").format(k=k)
    return out
