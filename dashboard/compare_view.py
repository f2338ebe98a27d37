"""View builders of the head-to-head section: two factors, or two scenarios, criterion by criterion.

No Streamlit here. The numbers come from :func:`anp_core.compare.head_to_head`
(a :class:`~anp_core.compare.NodeDuel`) and
:func:`anp_core.compare.scenario_shift` (a :class:`~anp_core.compare.ScenarioShift`);
these functions turn them into display tables (columns in the page's
language, names as given: dataframe cells are text, not markdown) and the
one-sentence text alternatives of the charts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from anp_core.compare import NodeDuel, ScenarioShift
from dashboard import chart_summaries as ta

__all__ = ["drivers_sentence", "drivers_table", "duel_sentence", "duel_table", "shift_table"]

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


def duel_table(
    duel: NodeDuel, names: Mapping[str, str], criteria: Mapping[str, str], _: Translate = _same
) -> pd.DataFrame:
    """Return the head-to-head of two factors, one row per criterion, largest contribution first.

    Columns: criterion, its weight, each factor's limit priority under it,
    the gap, the contribution ``weight x gap`` (positive favours the first
    factor), which factor it favours, and the break-even weight (the weight
    of that criterion at which the two tie, the others keeping their
    proportions; empty if none in [0, 1]).

    Examples
    --------
    >>> from anp_core import load_model
    >>> from anp_core.compare import head_to_head
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> d = head_to_head(m, "government_regulation", "electronic_payment")
    >>> t = duel_table(d, {n: m.label(n) for n in m.node_ids}, {c: m.label(c) for c in d.criteria})
    >>> list(t.columns)[:2], t.iloc[0]["Favours"]
    (['Criterion', 'Weight'], 'Government regulation')
    """
    a, b = names.get(duel.a, duel.a), names.get(duel.b, duel.b)
    c = duel.contributions
    df = pd.DataFrame(
        {
            _("Criterion"): [criteria.get(k, k) for k in duel.criteria],
            _("Weight"): duel.weights,
            _("{name}: priority").format(name=a): duel.limits_a,
            _("{name}: priority").format(name=b): duel.limits_b,
            _("Gap"): duel.gaps,
            _("Contribution"): c,
            _("Favours"): np.where(c > 0, a, np.where(c < 0, b, "–")),
            _("Break-even weight"): duel.break_even,
        }
    )
    return df.iloc[np.argsort(-np.abs(c), kind="stable")].reset_index(drop=True)


def duel_sentence(
    duel: NodeDuel,
    names: Mapping[str, str],
    criteria: Mapping[str, str],
    *,
    fmt: ta.Formats = ta.EN,
    _: Translate = _same,
) -> str:
    """Return the head-to-head in one sentence (plain text: escape it before showing it as markdown)."""
    a, b = names.get(duel.a, duel.a), names.get(duel.b, duel.b)
    text = ta.duel_summary(
        a,
        b,
        [criteria.get(k, k) for k in duel.criteria],
        duel.weights,
        duel.contributions,
        duel.break_even,
        duel.share_a_ahead,
        fmt=fmt,
        _=_,
    )
    if duel.dominance is not None:
        win, lose = (a, b) if duel.dominance == "a" else (b, a)
        text += " " + _(
            "{win} has at least {lose}'s priority under every criterion, so no weighting puts {lose} above it."
        ).format(win=win, lose=lose)
    return text


def drivers_table(
    shift: ScenarioShift, node: str, criteria: Mapping[str, str], _: Translate = _same
) -> pd.DataFrame:
    """Return, for one factor, what each criterion did between scenario A and B (largest total first).

    Columns: criterion, its weight under A and B, the weight effect
    ``(v^B_k - v^A_k) L^A_k``, the judgment effect ``v^B_k (L^B_k - L^A_k)``
    and their total (:meth:`anp_core.compare.ScenarioShift.drivers`).
    """
    d = shift.drivers(node)
    return pd.DataFrame(
        {
            _("Criterion"): [criteria.get(k, k) for k in d.index],
            _("Weight in A"): d["weight_a"].to_numpy(),
            _("Weight in B"): d["weight_b"].to_numpy(),
            _("Weight effect"): d["weight_effect"].to_numpy(),
            _("Judgment effect"): d["judgment_effect"].to_numpy(),
            _("Total"): d["total"].to_numpy(),
        }
    )


def drivers_sentence(
    shift: ScenarioShift,
    node: str,
    name: str,
    criteria: Mapping[str, str],
    *,
    fmt: ta.Formats = ta.EN,
    _: Translate = _same,
) -> str:
    """One sentence: how far the factor moves from A to B, and what moved it (plain text)."""
    i = shift.node_ids.index(node)
    change = float(shift.composite_b[i] - shift.composite_a[i])
    head = _("{name}'s composite weight changes by {change} (rank {ra} → {rb})").format(
        name=name,
        change=("+" if change > 0 else "") + fmt.number(change),
        ra=int(shift.ranks_a[i]),
        rb=int(shift.ranks_b[i]),
    )
    we, je = shift.weight_effect[i], shift.judgment_effect[i]
    split = _("the weights account for {w}, the judgments for {j}").format(
        w=("+" if we.sum() > 0 else "") + fmt.number(float(we.sum())),
        j=("+" if je.sum() > 0 else "") + fmt.number(float(je.sum())),
    )
    labels = [criteria.get(k, k) for k in shift.criteria]
    detail = ta.effects_summary(labels, we, je, fmt=fmt, _=_)
    return head + _("; ") + split + _(".") + " " + detail


def shift_table(shift: ScenarioShift, names: Mapping[str, str], _: Translate = _same) -> pd.DataFrame:
    """Return every factor's move from A to B with its weight and judgment effects (by B's rank)."""
    t = shift.table()
    return pd.DataFrame(
        {
            _("Factor"): [names.get(n, n) for n in t.index],
            _("Rank in A"): t["rank_a"].to_numpy(),
            _("Rank in B"): t["rank_b"].to_numpy(),
            _("Composite in A"): t["composite_a"].to_numpy(),
            _("Composite in B"): t["composite_b"].to_numpy(),
            _("Weight effect"): t["weight_effect"].to_numpy(),
            _("Judgment effect"): t["judgment_effect"].to_numpy(),
        },
        index=t.index,
    )
