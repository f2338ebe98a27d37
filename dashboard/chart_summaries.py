"""Text alternatives of the What-if charts (scenarios, head-to-head, SMAA, Monte Carlo) and their languages.

Pure functions, no Streamlit, no plotly, like :mod:`dashboard.text_alternatives`
(whose frames and formats they share and re-export): each writes the one
sentence a page shows beside a chart, from the chart's own data.
:func:`formats_for` and :func:`phrases_for` give the numbers and the sentence
frames of another interface language; the functions here take the page's
translator as ``_`` (English when left out). Labels are used as given: the
sentences are plain text, so escape them (``plain()``) before showing them
as markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from dashboard.text_alternatives import (
    EN,
    Formats,
    Phrases,
    heatmap_summary,
    ranking_summary,
    scenario_change_summary,
    sensitivity_summary,
)

__all__ = [
    "EN",
    "Formats",
    "Phrases",
    "acceptability_summary",
    "central_weights_summary",
    "confidence_summary",
    "duel_summary",
    "effects_summary",
    "formats_for",
    "heatmap_summary",
    "phrases_for",
    "rank_range_summary",
    "ranking_summary",
    "scenario_change_summary",
    "sensitivity_summary",
]


Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


def _english_plural(one: str, many: str, n: int) -> str:
    return one if n == 1 else many


def formats_for(language: str) -> Formats:
    """Return the :class:`Formats` of an interface language (locale numbers and shares; ``、`` lists in Chinese).

    >>> formats_for("zh").join(["甲", "乙", "丙"]), formats_for("en").share(0.25)
    ('甲、乙和丙', '25 %')
    """
    if language == "en":
        return EN
    from anp_core.i18n import N_, translator

    tr = translator(language)
    comma, last = tr(N_(", ")), tr(N_(" and "))

    def join(items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return comma.join(items[:-1]) + last + items[-1]

    return Formats(
        number=lambda x: tr.number(x, 3),
        share=lambda x: tr.percent(x, 0),
        count=str,
        join=join,
    )


def phrases_for(_: Translate) -> Phrases:
    """Return the sentence frames translated by ``_`` (the page's ``gettext()``)."""
    return Phrases(
        leads=_("{name} leads with {value}"),
        tie_lead=_("{names} share the lead with {value}"),
        only=_("{name} is the only item, with {value}"),
        top_hold=_("the top {k} hold {share}"),
        lead_share=_("{first}, {share} of the total"),
        empty=_("The chart has no data."),
        largest=_("The largest entry is row {row}, column {col} = {value}"),
        largest_more=_(" (and {n} more entries as large)"),
        smallest=_("the smallest non-zero entry is row {row}, column {col} = {value}"),
        zeros=_("{n} of {total} entries are zero"),
        missing=_("{n} of {total} entries are missing"),
        all_zero=_("Every entry is zero"),
        no_change=_("Under {scenario} no factor changes rank against {baseline}."),
        changes=_("Under {scenario}, {n} of {total} factors change rank against {baseline}"),
        biggest_move=_("the largest move is {name}, from {old} to {new}"),
        new_first=_("{name} becomes first"),
        sentence_join=_("; "),
        end=_("."),
    )


def _signed(fmt: Formats, x: float) -> str:
    return ("+" if x > 0 else "") + fmt.number(x)


def duel_summary(
    a: str,
    b: str,
    criteria: Sequence[str],
    weights: ArrayLike,
    contributions: ArrayLike,
    break_even: ArrayLike,
    share_a: float,
    *,
    fmt: Formats = EN,
    _: Translate = _same,
) -> str:
    """Summarise a head-to-head of two factors: who is ahead, which criteria favour whom, the nearest break-even.

    ``contributions`` are ``v_k (L_k[a] - L_k[b])`` per criterion (they sum to
    the composite difference); ``break_even`` the weight of each criterion at
    which the two tie (NaN if none in [0, 1]); ``share_a`` the share of all
    weightings under which ``a`` ranks above ``b``.

    Examples
    --------
    >>> duel_summary("A", "B", ["p", "q"], [0.5, 0.5], [0.03, -0.01], [np.nan, 0.8], 0.6)
    'A is ahead of B by 0.020: p (+0.030) favours A, q (-0.010) favours B; the lead changes if the q weight moves from 0.500 to 0.800; A ranks above B under 60 % of all weightings.'
    """
    c = np.asarray(contributions, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    t = np.asarray(break_even, dtype=np.float64)
    d = float(c.sum())
    if abs(d) < 5e-7:
        parts = [_("{a} and {b} tie").format(a=a, b=b)]
    elif d > 0:
        parts = [_("{a} is ahead of {b} by {value}").format(a=a, b=b, value=fmt.number(d))]
    else:
        parts = [_("{a} is ahead of {b} by {value}").format(a=b, b=a, value=fmt.number(-d))]
    sides = []
    for who, sign in ((a, 1.0), (b, -1.0)):
        idx = [int(i) for i in np.argsort(-sign * c, kind="stable") if sign * c[i] > 0]
        if idx:
            names = fmt.join(
                [
                    _("{name} ({value})").format(name=criteria[i], value=_signed(fmt, float(c[i])))
                    for i in idx[:3]
                ]
            )
            frame = _("{criteria} favours {who}") if len(idx) == 1 else _("{criteria} favour {who}")
            sides.append(frame.format(criteria=names, who=who))
    if sides:
        parts[0] += _(": ") + _(", ").join(sides)
    ok = ~np.isnan(t)
    if ok.any():
        k = int(np.nanargmin(np.where(ok, np.abs(t - w), np.nan)))
        parts.append(
            _("the lead changes if the {criterion} weight moves from {now} to {at}").format(
                criterion=criteria[k], now=fmt.number(float(w[k])), at=fmt.number(float(t[k]))
            )
        )
    else:
        parts.append(_("no single criterion weight, moved anywhere from 0 to 1, changes who is ahead"))
    parts.append(
        _("{a} ranks above {b} under {share} of all weightings").format(a=a, b=b, share=fmt.share(share_a))
    )
    return _("; ").join(parts) + _(".")


def effects_summary(
    labels: Sequence[str],
    weight_effect: ArrayLike,
    judgment_effect: ArrayLike,
    *,
    what: str = "",
    fmt: Formats = EN,
    _: Translate = _same,
) -> str:
    """Summarise a split of changes into a weight effect and a judgment effect (per factor or per criterion).

    Names the item each effect moves most; ``what`` names the change
    ("against the model's own weights").

    Examples
    --------
    >>> effects_summary(["A", "B"], [0.01, -0.02], [0.0, 0.005])
    'The weights move B most (-0.020); the judgment changes on their own move B most (+0.005).'
    """
    we = np.asarray(weight_effect, dtype=np.float64)
    je = np.asarray(judgment_effect, dtype=np.float64)
    if we.size == 0:
        return _("The chart has no data.")
    parts = []
    for effect, frame, none in (
        (we, _("the weights move {name} most ({value})"), _("the weights move nothing")),
        (
            je,
            _("the judgment changes on their own move {name} most ({value})"),
            _("the judgments do not change"),
        ),
    ):
        if np.allclose(effect, 0, atol=5e-7):
            parts.append(none)
            continue
        i = int(np.argmax(np.abs(effect)))
        parts.append(frame.format(name=labels[i], value=_signed(fmt, float(effect[i]))))
    text = _("; ").join(parts)
    text = text[:1].upper() + text[1:]
    return (what + " " if what else "") + text + _(".")


def acceptability_summary(
    labels: Sequence[str],
    first: ArrayLike,
    *,
    over: str = "the draws",
    fmt: Formats = EN,
    _: Translate = _same,
) -> str:
    """Summarise rank acceptabilities: who ranks first how often, and how many never do.

    ``first`` is each item's share of draws at rank 1; ``over`` names what
    was drawn ("the draws", "the weightings").

    Examples
    --------
    >>> acceptability_summary(["A", "B", "C"], [0.7, 0.3, 0.0])
    'A ranks first in 70 % of the draws, B in 30 %; 1 of 3 factors never rank first.'
    """
    f = np.asarray(first, dtype=np.float64)
    if f.size == 0:
        return _("The chart has no data.")
    order = [int(i) for i in np.argsort(-f, kind="stable") if f[i] > 0]
    if not order:
        return _("No factor ranks first in any draw.")
    head = _("{name} ranks first in {share} of {over}").format(
        name=labels[order[0]], share=fmt.share(float(f[order[0]])), over=over
    )
    rest = [_("{name} in {share}").format(name=labels[i], share=fmt.share(float(f[i]))) for i in order[1:3]]
    text = _(", ").join([head, *rest])
    never = int((f <= 0).sum())
    if never:
        text += _("; ") + _("{n} of {total} factors never rank first").format(n=never, total=f.size)
    return text + _(".")


def central_weights_summary(
    labels: Sequence[str],
    criteria: Sequence[str],
    central: ArrayLike,
    *,
    fmt: Formats = EN,
    _: Translate = _same,
) -> str:
    """Summarise central weight vectors: for each item that ever ranks first, the criterion its weights favour.

    Rows of ``central`` that are NaN (never first) are left out.

    Examples
    --------
    >>> central_weights_summary(["A", "B"], ["p", "q"], [[0.7, 0.3], [np.nan, np.nan]])
    'A ranks first around weights that favour p (0.700); 1 factor never ranks first and has no central weights.'
    """
    w = np.asarray(central, dtype=np.float64)
    if w.size == 0:
        return _("The chart has no data.")
    have = [i for i in range(w.shape[0]) if not np.isnan(w[i]).any()]
    parts = []
    for i in have[:4]:
        k = int(np.argmax(w[i]))
        parts.append(
            _("{name} ranks first around weights that favour {criterion} ({value})").format(
                name=labels[i], criterion=criteria[k], value=fmt.number(float(w[i, k]))
            )
        )
    never = w.shape[0] - len(have)
    if never:
        ngettext = getattr(_, "ngettext", _english_plural)
        frame = ngettext(
            "{n} factor never ranks first and has no central weights",
            "{n} factors never rank first and have no central weights",
            never,
        )
        parts.append(frame.format(n=never))
    return _("; ").join(parts) + _(".")


def confidence_summary(
    labels: Sequence[str], confidence: ArrayLike, *, fmt: Formats = EN, _: Translate = _same
) -> str:
    """Summarise confidence factors: the highest and the lowest among the items that ever rank first.

    Examples
    --------
    >>> confidence_summary(["A", "B", "C"], [0.9, 0.4, np.nan])
    'At its central weights A ranks first in 90 % of the perturbed models, B in 40 %.'
    """
    p = np.asarray(confidence, dtype=np.float64)
    have = [int(i) for i in np.argsort(-np.nan_to_num(p, nan=-1.0), kind="stable") if not np.isnan(p[i])]
    if not have:
        return _("No factor ranks first in any draw, so none has a confidence factor.")
    head = _("At its central weights {name} ranks first in {share} of the perturbed models").format(
        name=labels[have[0]], share=fmt.share(float(p[have[0]]))
    )
    rest = [_("{name} in {share}").format(name=labels[i], share=fmt.share(float(p[i]))) for i in have[1:3]]
    return _(", ").join([head, *rest]) + _(".")


def rank_range_summary(
    labels: Sequence[str],
    base_ranks: Sequence[int],
    low: Sequence[int],
    high: Sequence[int],
    *,
    fmt: Formats = EN,
    _: Translate = _same,
) -> str:
    """Summarise rank ranges over draws: the widest 5–95 % range, and how many items never move.

    Examples
    --------
    >>> rank_range_summary(["A", "B", "C"], [1, 2, 3], [1, 1, 3], [1, 4, 3])
    'B moves most, between ranks 1 and 4 (rank 2 without perturbation); 2 of 3 factors keep their rank in 90 % of the draws.'
    """
    if not labels:
        return _("The chart has no data.")
    width = [int(h) - int(lo) for lo, h in zip(low, high, strict=True)]
    i = int(np.argmax(width))
    still = sum(1 for w in width if w == 0)
    if width[i] == 0:
        return _("Every factor keeps its rank in 90 % of the draws.")
    text = _("{name} moves most, between ranks {low} and {high} (rank {base} without perturbation)").format(
        name=labels[i], low=low[i], high=high[i], base=base_ranks[i]
    )
    return (
        text
        + _("; ")
        + _("{n} of {total} factors keep their rank in 90 % of the draws").format(n=still, total=len(labels))
        + _(".")
    )
