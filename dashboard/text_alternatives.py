"""One-sentence text alternatives for charts, written from the chart's own data (WCAG 2.1, 1.1.1).

Pure functions: no Streamlit, no plotly. A page shows the sentence beside its chart (and the
chart's data in a "data as a table" expander), so a screen-reader user, or anyone who cannot
tell the colours apart, gets what the chart shows.

Numbers and words go through a :class:`Formats` (number, share, count words, list joining)
and the sentence frames through a :class:`Phrases`, both with English defaults, so another
language plugs in its own without touching the logic. The sentences hold labels as given:
they are plain text, so escape them (``plain()``) before showing them as markdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from anp_core.i18n import N_, format_number, translator

__all__ = [
    "CrossingLike",
    "Formats",
    "Phrases",
    "heatmap_summary",
    "localised",
    "ranking_summary",
    "scenario_change_summary",
    "sensitivity_summary",
]

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def english_count(n: int) -> str:
    """Return ``n`` as an English word up to ten, else as digits.

    >>> english_count(3), english_count(12)
    ('three', '12')
    """
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def english_join(items: Sequence[str]) -> str:
    """Join ``["a", "b", "c"]`` as ``"a, b and c"``.

    >>> english_join(["a"]), english_join(["a", "b"]), english_join(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _number(x: float) -> str:
    return f"{x:.3f}"


def _share(x: float) -> str:
    return f"{100 * x:.0f} %"


@dataclass(frozen=True)
class Formats:
    """How numbers and words are written: pass another instance for another locale.

    ``number`` writes a weight or matrix entry (default 3 decimals), ``share`` a fraction
    of a whole (default ``35 %``), ``count`` a small count (default English words up to ten),
    ``join`` a list of names (default ``a, b and c``).
    """

    number: Callable[[float], str] = _number
    share: Callable[[float], str] = _share
    count: Callable[[int], str] = english_count
    join: Callable[[Sequence[str]], str] = english_join


@dataclass(frozen=True)
class Phrases:
    """Sentence frames (``str.format`` fields in braces); English by default."""

    leads: str = N_("{name} leads with {value}")
    tie_lead: str = N_("{names} share the lead with {value}")
    only: str = N_("{name} is the only item, with {value}")
    top_hold: str = N_("the top {k} hold {share}")
    lead_share: str = N_("{first}, {share} of the total")
    empty: str = N_("The chart has no data.")
    largest: str = N_("The largest entry is row {row}, column {col} = {value}")
    largest_more: str = N_(" (and {n} more entries as large)")
    smallest: str = N_("the smallest non-zero entry is row {row}, column {col} = {value}")
    zeros: str = N_("{n} of {total} entries are zero")
    missing: str = N_("{n} of {total} entries are missing")
    all_zero: str = N_("Every entry is zero")
    no_cross: str = N_(
        "As the {criterion} weight moves from 0 to 1 the lines never cross: the order stays the same over the whole range."
    )
    crosses: str = N_("As the {criterion} weight moves from 0 to 1 the lines cross {n} {times}")
    no_cross_among: str = N_(
        "As the {criterion} weight moves from 0 to 1 the lines of the current top {top} never cross: their order "
        "stays the same over the whole range."
    )
    crosses_among: str = N_(
        "As the {criterion} weight moves from 0 to 1 the lines of the current top {top} cross {n} {times}"
    )
    nearest: str = N_(
        "the nearest crossing to the current weight ({current}) is at {t}, where {a} overtakes {b}"
    )
    time_one: str = N_("time")
    time_many: str = N_("times")
    no_change: str = N_("Under {scenario} no factor changes rank against {baseline}.")
    changes: str = N_("Under {scenario}, {n} of {total} factors change rank against {baseline}")
    biggest_move: str = N_("the largest move is {name}, from {old} to {new}")
    new_first: str = N_("{name} becomes first")
    sentence_join: str = N_("; ")
    end: str = N_(".")
    extra: Mapping[str, str] = field(default_factory=dict)  # room for a translation's own frames


EN = Formats()
PHRASES = Phrases()


def localised(lang: str) -> tuple[Formats, Phrases]:
    """Return the :class:`Formats` and :class:`Phrases` of an interface language (``"en"``, ``"zh"``).

    The phrases come from the gettext catalog (every default above is marked for
    translation); numbers follow the language's locale (3 decimals, grouped
    thousands), counts are words in English and digits otherwise, lists are joined
    with the catalog's separators (``", "`` and ``" and "``; ``"、"`` and ``"和"`` in Chinese).

    Examples
    --------
    >>> fmt, ph = localised("zh")
    >>> ranking_summary(["甲", "乙", "丙", "丁"], [0.5, 0.3, 0.15, 0.05], fmt=fmt, phrases=ph)
    '甲居首，为 0.500；前 3 项合计占 95%。'
    """
    _ = translator(lang)
    phrases = Phrases(
        **{
            f.name: _(getattr(PHRASES, f.name))
            for f in fields(Phrases)
            if isinstance(getattr(PHRASES, f.name), str)
        }
    )
    if lang == "en":
        return EN, phrases
    sep, last = _(", "), _(" and ")

    def join(items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return sep.join(items[:-1]) + last + items[-1]

    return (
        Formats(
            number=lambda x: format_number(x, lang, 3),
            share=lambda x: _("{percent} %").format(percent=f"{100 * x:.0f}"),
            count=str,
            join=join,
        ),
        phrases,
    )


def _sentence(parts: Sequence[str], ph: Phrases) -> str:
    text = ph.sentence_join.join(p for p in parts if p)
    return text + ph.end if text else ""


def ranking_summary(
    labels: Sequence[str],
    values: ArrayLike,
    *,
    top: int = 3,
    fmt: Formats = EN,
    phrases: Phrases = PHRASES,
) -> str:
    """Summarise a ranking (bar chart, table): who leads, with what, and the top ``top``'s share.

    The share is ``sum(top values) / sum(values)``, written only when every value is finite
    and >= 0 with a positive sum, and when there are more than ``top`` items. Items tied with
    the largest value (to 1e-9 of it) share the lead. NaN values are left out.

    Examples
    --------
    >>> ranking_summary(
    ...     ["Government regulation", "Platform", "Payment", "Others"], [0.143, 0.134, 0.073, 0.65]
    ... )
    'Others leads with 0.650; the top three hold 93 %.'
    >>> ranking_summary(["A", "B"], [0.5, 0.5])
    'A and B share the lead with 0.500.'
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    if len(labels) != v.size:
        msg = f"{len(labels)} labels for {v.size} values"
        raise ValueError(msg)
    keep = ~np.isnan(v)
    names = [str(x) for x, k in zip(labels, keep, strict=True) if k]
    v = v[keep]
    if v.size == 0:
        return phrases.empty
    if v.size == 1:
        return _sentence([phrases.only.format(name=names[0], value=fmt.number(float(v[0])))], phrases)
    order = np.argsort(-v, kind="stable")
    best = float(v[order[0]])
    leaders = [names[i] for i in order if math.isclose(float(v[i]), best, rel_tol=1e-9, abs_tol=1e-12)]
    if len(leaders) == 1:
        first = phrases.leads.format(name=leaders[0], value=fmt.number(best))
    else:
        first = phrases.tie_lead.format(names=fmt.join(leaders), value=fmt.number(best))
    parts = [first]
    total = float(v.sum())
    if top < v.size and np.all(np.isfinite(v)) and np.all(v >= 0) and total > 0:
        share = float(v[order[:top]].sum()) / total
        if top == 1:
            parts = [phrases.lead_share.format(first=first, share=fmt.share(share))]
        else:
            parts.append(phrases.top_hold.format(k=fmt.count(top), share=fmt.share(share)))
    return _sentence(parts, phrases)


def heatmap_summary(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    matrix: ArrayLike,
    *,
    fmt: Formats = EN,
    phrases: Phrases = PHRASES,
) -> str:
    """Name a heatmap's extreme cells: the largest entry, the smallest non-zero one, zeros and gaps.

    NaN entries count as missing (a missing judgment); zeros are counted, not named (a
    supermatrix has many structural zeros). Ties for the largest are counted after the first
    in row-major order.

    Examples
    --------
    >>> heatmap_summary(["a", "b"], ["x", "y"], [[0.2, 0.0], [0.42, 0.05]])
    'The largest entry is row b, column x = 0.420; the smallest non-zero entry is row b, column y = 0.050; 1 of 4 entries are zero.'
    """
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim != 2 or m.shape != (len(row_labels), len(col_labels)):
        msg = f"matrix of shape {m.shape} for {len(row_labels)} row and {len(col_labels)} column labels"
        raise ValueError(msg)
    total = m.size
    if total == 0:
        return phrases.empty
    missing = np.isnan(m)
    n_missing = int(missing.sum())
    tail = []
    if n_missing:
        tail.append(phrases.missing.format(n=n_missing, total=total))
    if n_missing == total:
        return _sentence(tail, phrases)
    present = np.where(missing, -np.inf, m)
    hi = float(present.max())
    nonzero = (~missing) & (m != 0)
    n_zero = int(((~missing) & (m == 0)).sum())
    if not nonzero.any():
        return _sentence([phrases.all_zero, *tail], phrases)
    r, c = (int(k) for k in np.unravel_index(int(np.argmax(present)), m.shape))
    first = phrases.largest.format(row=row_labels[r], col=col_labels[c], value=fmt.number(hi))
    n_ties = int(np.isclose(present, hi, rtol=1e-9, atol=0).sum()) - 1
    if n_ties:
        first += phrases.largest_more.format(n=n_ties)
    parts = [first]
    low = np.where(nonzero, np.abs(m), np.inf)
    if int(nonzero.sum()) > 1:
        r2, c2 = (int(k) for k in np.unravel_index(int(np.argmin(low)), m.shape))
        parts.append(
            phrases.smallest.format(
                row=row_labels[r2], col=col_labels[c2], value=fmt.number(float(m[r2, c2]))
            )
        )
    if n_zero:
        parts.append(phrases.zeros.format(n=n_zero, total=total))
    return _sentence(parts + tail, phrases)


class CrossingLike(Protocol):
    """What :func:`sensitivity_summary` reads of a crossing (``anp_core.sensitivity.Crossing`` has it)."""

    @property
    def t(self) -> float:
        """Criterion weight at which the two lines cross."""
        ...

    @property
    def overtaker(self) -> str:
        """Id of the item above after the crossing."""
        ...

    @property
    def overtaken(self) -> str:
        """Id of the item below after the crossing."""
        ...


def sensitivity_summary(
    crossings: Sequence[CrossingLike],
    current: float,
    *,
    criterion: str,
    names: Mapping[str, str] | None = None,
    among: set[str] | None = None,
    fmt: Formats = EN,
    phrases: Phrases = PHRASES,
) -> str:
    """Summarise a one-way sensitivity chart: how many crossings, and the one nearest the current weight.

    ``crossings`` are the rank reversals on (0, 1) (``anp_core.sensitivity.crossings``);
    ``among`` keeps only those between the given ids (e.g. the lines drawn thick, the
    current top factors), and the sentence says so. Ties for the nearest go to the
    smaller weight.

    Examples
    --------
    >>> from types import SimpleNamespace as C
    >>> xs = [C(t=0.1, overtaker="a", overtaken="b"), C(t=0.5, overtaker="c", overtaken="a")]
    >>> sensitivity_summary(xs, 0.42, criterion="Policy", names={"a": "A", "b": "B", "c": "C"})
    'As the Policy weight moves from 0 to 1 the lines cross two times; the nearest crossing to the current weight (0.420) is at 0.500, where C overtakes A.'
    """
    n = names or {}
    kept = [x for x in crossings if among is None or (x.overtaker in among and x.overtaken in among)]
    top = fmt.count(len(among)) if among is not None else ""
    if not kept:
        return (phrases.no_cross if among is None else phrases.no_cross_among).format(
            criterion=criterion, top=top
        )
    times = phrases.time_one if len(kept) == 1 else phrases.time_many
    crosses = phrases.crosses if among is None else phrases.crosses_among
    first = crosses.format(criterion=criterion, n=fmt.count(len(kept)), times=times, top=top)
    near = min(kept, key=lambda x: (abs(float(x.t) - current), float(x.t)))
    second = phrases.nearest.format(
        current=fmt.number(current),
        t=fmt.number(float(near.t)),
        a=n.get(near.overtaker, near.overtaker),
        b=n.get(near.overtaken, near.overtaken),
    )
    return _sentence([first, second], phrases)


def scenario_change_summary(
    labels: Sequence[str],
    baseline_ranks: Sequence[int],
    scenario_ranks: Sequence[int],
    *,
    scenario: str,
    baseline: str,
    fmt: Formats = EN,
    phrases: Phrases = PHRASES,
) -> str:
    """Summarise a scenario against a baseline: how many items change rank, the largest move, a new leader.

    Ranks are 1 = first. The largest move is the largest ``|old - new|`` (first in
    ``labels`` order on ties).

    Examples
    --------
    >>> scenario_change_summary(["A", "B", "C"], [1, 2, 3], [2, 1, 3], scenario="Tariffs", baseline="Paper")
    'Under Tariffs, 2 of 3 factors change rank against Paper; the largest move is A, from 1 to 2; B becomes first.'
    """
    if not len(labels) == len(baseline_ranks) == len(scenario_ranks):
        msg = f"{len(labels)} labels, {len(baseline_ranks)} baseline ranks, {len(scenario_ranks)} scenario ranks"
        raise ValueError(msg)
    moved = [i for i, (a, b) in enumerate(zip(baseline_ranks, scenario_ranks, strict=True)) if a != b]
    if not moved:
        return phrases.no_change.format(scenario=scenario, baseline=baseline)
    parts = [phrases.changes.format(scenario=scenario, n=len(moved), total=len(labels), baseline=baseline)]
    big = max(moved, key=lambda i: (abs(baseline_ranks[i] - scenario_ranks[i]), -i))
    parts.append(
        phrases.biggest_move.format(name=labels[big], old=baseline_ranks[big], new=scenario_ranks[big]),
    )
    firsts = [i for i in moved if scenario_ranks[i] == 1 and baseline_ranks[i] != 1]
    if firsts:
        parts.append(phrases.new_first.format(name=fmt.join([labels[i] for i in firsts])))
    return _sentence(parts, phrases)
