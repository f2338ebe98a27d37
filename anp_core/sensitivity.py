r"""One-way sensitivity of the composite weights to one criterion's weight.

When criterion k's weight moves to ``t`` and the other criteria keep their
relative proportions, ``v_j(t) = v_j (1 - t) / (1 - v_k)`` for ``j != k``, the
composite weight of factor i is linear in t:

.. math:: c_i(t) = b_i + t (L_{ik} - b_i), \\quad
          b_i = \\sum_{j \\ne k} L_{ij} v_j / (1 - v_k)

so two factors' lines cross at ``t* = (b_j - b_i) / (d_i - d_j)`` with
``d = L_k - b``: the rank-reversal points are computed exactly, in closed
form (no grid search). If ``v_k = 1`` the other criteria have no proportions
left to keep; they then share ``1 - t`` equally (documented choice).
Crossings are located on exact composite values; the displayed ranks round
to 3 decimals, so two factors may tie in rank slightly before they cross.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.errors import ANPError
from anp_core.evaluate import Evaluation

__all__ = [
    "TIE_RTOL",
    "Crossing",
    "Lines",
    "Tie",
    "crossings",
    "curves",
    "end_ties",
    "lines",
    "top_change_points",
    "top_change_points_all",
    "top_change_thresholds",
    "tornado",
    "tornado_columns",
]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Lines:
    """``c_i(t) = intercept_i + slope_i * t`` for one criterion."""

    criterion: str
    current: float
    factor_ids: tuple[str, ...]
    intercept: FloatArray
    slope: FloatArray

    def at(self, t: float | FloatArray) -> FloatArray:
        """Composite weights at criterion weight(s) ``t`` (factors on the last axis)."""
        t = np.asarray(t, dtype=float)
        return self.intercept + np.multiply.outer(t, self.slope)


@dataclass(frozen=True)
class Crossing:
    """Factor ``overtaker`` passes ``overtaken`` when the weight exceeds ``t``."""

    criterion: str
    t: float
    overtaker: str
    overtaken: str
    value: float

    def sentence(self, names: Mapping[str, str] | None = None, criterion_name: str | None = None) -> str:
        """Plain-language statement, ``t`` to 4 decimals."""
        n = names or {}
        crit = criterion_name or self.criterion
        a, b = n.get(self.overtaker, self.overtaker), n.get(self.overtaken, self.overtaken)
        return f"{a} overtakes {b} when the {crit} weight exceeds {self.t:.4f}"


def lines(ev: Evaluation, criterion: str) -> Lines:
    """Return the composite-weight lines of every factor against ``criterion``'s weight.

    Raises ANPError if the criterion is not part of the evaluation.
    """
    if criterion not in ev.criteria:
        msg = f"criterion {criterion!r} is not weighted in this evaluation; choose from {', '.join(ev.criteria)}"
        raise ANPError(msg)
    k = ev.criteria.index(criterion)
    v = ev.weights
    L = ev.limits
    others = np.delete(np.arange(len(v)), k)
    rest = v[others]
    share = rest / rest.sum() if rest.sum() > 0 else np.full(len(others), 1.0 / max(len(others), 1))
    b = L[:, others] @ share if len(others) else np.zeros(L.shape[0])
    return Lines(
        criterion=criterion,
        current=float(v[k]),
        factor_ids=tuple(ev.model.ranked_node_ids),
        intercept=b,
        slope=L[:, k] - b,
    )


def curves(ev: Evaluation, criterion: str, resolution: int = 101) -> pd.DataFrame:
    """Composite weights on a grid of ``resolution`` weights in [0, 1] (rows) per factor."""
    if resolution < 2:
        msg = "resolution must be at least 2"
        raise ANPError(msg)
    ln = lines(ev, criterion)
    t = np.linspace(0.0, 1.0, resolution)
    return pd.DataFrame(ln.at(t), index=pd.Index(t, name=criterion), columns=list(ln.factor_ids))


#: Two composite weights closer than this, relative to the largest weight, are tied.
TIE_RTOL = 1e-12


def crossings(ev: Evaluation, criterion: str, *, rtol: float = TIE_RTOL) -> list[Crossing]:
    """Every pair of factors whose order changes inside (0, 1), sorted by weight.

    With ``D(t) = c_a(t) - c_b(t)`` (linear in t), the order changes inside
    the range iff ``D(0)`` and ``D(1)`` have strictly opposite signs; the
    crossing is at ``t* = D(0) / (D(0) - D(1))``. A difference within
    ``rtol`` times the largest composite weight counts as 0, so two factors
    tied at an end of the range (or identical lines) never cross: the
    decision depends on the data, not on the last bit of the arithmetic.
    The factor whose line rises faster ``overtakes`` the other.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> [len(crossings(ev, c)) for c in ev.criteria]
    [55, 52, 15, 32, 29]
    """
    ln = lines(ev, criterion)
    start = ln.intercept
    i, j, t, rising = _sign_changes(ln, rtol)
    out = []
    for a, c, tc, rises in zip(i.tolist(), j.tolist(), t.tolist(), rising.tolist(), strict=True):
        up, down = (a, c) if rises else (c, a)
        out.append(
            Crossing(
                criterion=criterion,
                t=tc,
                overtaker=ln.factor_ids[up],
                overtaken=ln.factor_ids[down],
                value=float(start[a] + tc * ln.slope[a]),
            )
        )
    out.sort(key=lambda x: (x.t, x.overtaker, x.overtaken))
    return out


def _ends(
    ln: Lines, rtol: float
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Return ``D(0)`` and ``D(1)`` of every pair (``D = c_i - c_j``) and where each is 0 within ``rtol``.

    Within ``rtol`` times the largest composite weight at either end counts as
    equal (:data:`TIE_RTOL`): the one tolerance of crossings, end ties and
    identical lines.
    """
    start, end = ln.intercept, ln.intercept + ln.slope
    tol = rtol * max(
        float(np.abs(start).max(initial=0.0)), float(np.abs(end).max(initial=0.0)), np.finfo(float).tiny
    )
    d0 = start[:, None] - start[None, :]
    d1 = end[:, None] - end[None, :]
    return d0, d1, np.abs(d0) <= tol, np.abs(d1) <= tol


def _sign_changes(
    ln: Lines, rtol: float
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray, npt.NDArray[np.bool_]]:
    """Return the pairs ``i < j`` whose difference changes sign inside (0, 1), where, and which way.

    ``t = D(0) / (D(0) - D(1))`` is the crossing weight of each pair; ``rises``
    is true where ``i`` ends above ``j`` (``D(1) > 0``).
    """
    d0, d1, eq0, eq1 = _ends(ln, rtol)
    d0[eq0] = 0.0
    d1[eq1] = 0.0
    i, j = np.nonzero(np.triu(d0 * d1 < 0, 1))
    a, b = d0[i, j], d1[i, j]
    return i, j, a / (a - b), b > 0


@dataclass(frozen=True)
class Tie:
    """Factors ``a`` and ``b`` are equal at an end of the range (``t`` is 0.0 or 1.0) and nowhere inside."""

    criterion: str
    t: float
    a: str
    b: str
    value: float


def end_ties(ev: Evaluation, criterion: str, *, rtol: float = TIE_RTOL) -> list[Tie]:
    """Pairs of factors tied at weight 0 or 1 (within ``rtol`` of the largest weight) but not identical.

    They meet at the end of the range without swapping places inside it,
    which is why :func:`crossings` leaves them out.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> [(t.t, t.a, t.b) for t in end_ties(ev, "economic")]
    [(1.0, 'insurance_protection', 'talent_service_system'), (1.0, 'talent_cultivation_system', 'marketing_channels')]
    """
    ln = lines(ev, criterion)
    start, end = ln.intercept, ln.intercept + ln.slope
    _, _, eq0, eq1 = _ends(ln, rtol)
    out = []
    for t, here, there, vals in ((0.0, eq0, eq1, start), (1.0, eq1, eq0, end)):
        i, j = np.nonzero(np.triu(here & ~there, 1))
        for a, b in zip(i.tolist(), j.tolist(), strict=True):
            out.append(Tie(criterion, t, ln.factor_ids[a], ln.factor_ids[b], float(vals[a])))
    return out


def _ranks(values: FloatArray) -> npt.NDArray[np.intp]:
    """Rank of each factor (0 = largest) in each row of ``values``; ties go to the lower index.

    A stable sort of ``-values`` keeps equal values in index order; the ranks
    are its inverse permutation.
    """
    order = np.argsort(-values, axis=-1, kind="stable")
    return np.argsort(order, axis=-1, kind="stable")


def _merged(ln: Lines, rtol: float) -> tuple[FloatArray, FloatArray]:
    """Return the lines' intercepts and slopes with each line equal to an earlier one replaced by it.

    Two lines within ``rtol`` times the largest composite weight of each
    other at both ends are the same line (equal everywhere in [0, 1]); their
    computed values may still differ in the last bits, and differ in sign from
    one weight to the next. Made exactly equal, they rank by index everywhere
    (:func:`_ranks`), so the top-k set never seems to change between them.
    """
    _, _, eq0, eq1 = _ends(ln, rtol)
    first = np.argmax(eq0 & eq1, axis=0)  # the lowest index of each line's equals (itself at worst)
    return ln.intercept[first], ln.slope[first]


def _probes(cands: FloatArray, step: int) -> FloatArray:
    """Return a point inside each interval after a crossing (in the direction ``step``), within [0, 1]."""
    nxt = np.append(cands[1:], 1.0 if step > 0 else 0.0)
    probe = np.where(nxt != cands, (cands + nxt) / 2, cands + step * 1e-12)
    return np.clip(probe, 0.0, 1.0)


def top_change_points(
    ev: Evaluation, criterion: str, tops: Sequence[int] = (1, 3, 5)
) -> tuple[float, FloatArray, FloatArray]:
    """Return the current weight and, per k in ``tops``, the nearest weights where the top-k set changes.

    The two arrays hold, per k, the nearest weight above and the nearest below
    the current one at which the set of the k highest composite weights
    changes (``NaN``: no change in [0, 1]). Such a change is a crossing
    (:func:`crossings`) between a factor inside and one outside the top k, so
    the top-k sets are read at one point inside each interval between crossing
    weights, all intervals of both sides at once. Factors with the same line
    (within :data:`TIE_RTOL`) are tied everywhere and ranked by their order in
    the model, so exchanging one for the other is no change of the set.
    """
    current, above, below = _top_changes([lines(ev, criterion)], tops)
    return float(current[0]), above[0], below[0]


def top_change_points_all(
    ev: Evaluation, tops: Sequence[int] = (1, 3, 5)
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return :func:`top_change_points` of every criterion, in ``ev.criteria`` order, computed together.

    ``current`` has one entry per criterion; ``above`` and ``below`` one row
    per criterion and one column per k in ``tops``. The factors' ranks at the
    probe points of all criteria come from one sort.
    """
    return _top_changes([lines(ev, c) for c in ev.criteria], tops)


def _top_changes(batch: Sequence[Lines], tops: Sequence[int]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return the current weights and the nearest top-k changes above and below them, one row per lines."""
    k = np.asarray(tops, dtype=np.intp)
    current = np.array([ln.current for ln in batch], dtype=float)
    found = np.full((2, len(batch), k.size), np.nan)
    sides: list[tuple[int, FloatArray, FloatArray, int]] = []  # (lines, above, below, first row)
    values: list[FloatArray] = []
    rows = 0
    for b, ln in enumerate(batch):
        t0 = ln.current
        points = np.unique(_sign_changes(ln, TIE_RTOL)[2])
        above, below = points[points > t0], points[points < t0][::-1]
        if not (above.size or below.size):
            continue
        # row 0 the current weight, then the probes above, then those below (nearest first)
        probes = np.concatenate(([t0], _probes(above, +1), _probes(below, -1)))
        intercept, slope = _merged(ln, TIE_RTOL)
        values.append(intercept + np.multiply.outer(probes, slope))
        sides.append((b, above, below, rows))
        rows += probes.size
    if not values:
        return current, found[0], found[1]
    inside = _ranks(np.concatenate(values))[:, None, :] < k[None, :, None]  # (probe, k, factor): in the top k
    for b, above, below, first_row in sides:
        here = inside[first_row : first_row + 1 + above.size + below.size]
        changed = (here[1:] != here[0]).any(axis=-1)  # (probe, k): a top-k set unlike the current one
        for side, (cands, hits) in enumerate(
            ((above, changed[: above.size]), (below, changed[above.size :]))
        ):
            if cands.size:
                first = np.argmax(hits, axis=0)
                hit = hits[first, np.arange(k.size)]
                found[side, b, hit] = cands[first[hit]]
    return current, found[0], found[1]


def top_change_thresholds(ev: Evaluation, criterion: str, tops: Sequence[int] = (1, 3, 5)) -> pd.DataFrame:
    """Smallest change of the criterion's weight that changes the top-k set.

    For each k, the exact weights above and below the current one at which
    the set of the k highest composite weights first changes
    (:func:`top_change_points`), and the smaller of the two distances.
    ``NaN`` where no such change happens in [0, 1].
    """
    t0, up, down = top_change_points(ev, criterion, tops)
    dist = np.fmin(up - t0, t0 - down)  # NaN only where both sides are NaN
    return pd.DataFrame(
        {
            "criterion": criterion,
            "top": list(tops),
            "current": t0,
            "change_above": up,
            "change_below": down,
            "smallest_change": dist,
        }
    )


def tornado(ev: Evaluation, delta: float = 0.1, factors: Sequence[str] | None = None) -> pd.DataFrame:
    """Composite weights of ``factors`` when each criterion moves by ``-delta`` and ``+delta``.

    Each criterion's weight is clipped to [0, 1] and the others keep their
    proportions. Returns one row per (criterion, factor) with the low, base
    and high composite weights (:func:`tornado_columns` as a DataFrame).
    """
    return pd.DataFrame(tornado_columns(ev, delta, factors))


def tornado_columns(
    ev: Evaluation, delta: float = 0.1, factors: Sequence[str] | None = None
) -> dict[str, npt.NDArray[Any]]:
    """Return the columns of :func:`tornado` as arrays, one entry per (criterion, factor), criteria outermost.

    ``criterion``, ``factor`` (ids), ``weight_low`` and ``weight_high`` (the
    criterion's weight after the move, ``w -+ delta`` clipped to [0, 1]), and
    ``low``, ``base``, ``high``: the factor's composite weight on the line
    ``c(t) = b + t (L_k - b)`` (:func:`lines`) at those weights and at the current one.
    """
    if not 0 < delta <= 1:
        msg = "delta must be in (0, 1]"
        raise ANPError(msg)
    ids = list(ev.model.ranked_node_ids)
    chosen = list(factors) if factors is not None else ids
    idx = np.array([ids.index(f) for f in chosen], dtype=np.intp)
    m = idx.size
    lows, highs, vals = [], [], []
    for c in ev.criteria:
        ln = lines(ev, c)
        lo, hi = max(ln.current - delta, 0.0), min(ln.current + delta, 1.0)
        lows.append(lo)
        highs.append(hi)
        vals.append(ln.at(np.array([lo, ln.current, hi]))[:, idx])
    at = np.stack(vals) if vals else np.zeros((0, 3, m))  # (criterion, low/base/high, factor)
    return {
        "criterion": np.repeat(np.array(ev.criteria, dtype=object), m),
        "factor": np.tile(np.array(chosen, dtype=object), len(ev.criteria)),
        "weight_low": np.repeat(lows, m).astype(float),
        "weight_high": np.repeat(highs, m).astype(float),
        "low": at[:, 0, :].ravel(),
        "base": at[:, 1, :].ravel(),
        "high": at[:, 2, :].ravel(),
    }
