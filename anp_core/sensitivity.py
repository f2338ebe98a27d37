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

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.errors import ANPError
from anp_core.evaluate import Evaluation

__all__ = [
    "Crossing",
    "Lines",
    "crossings",
    "curves",
    "lines",
    "top_change_thresholds",
    "tornado",
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
        factor_ids=tuple(ev.model.node_ids),
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


def crossings(ev: Evaluation, criterion: str, *, atol: float = 1e-15) -> list[Crossing]:
    """Every pair of factor lines that crosses inside [0, 1], sorted by weight.

    The factor with the larger slope is above after the crossing: it
    ``overtakes`` the other. Parallel (or identical) lines never cross.
    """
    ln = lines(ev, criterion)
    b, d = ln.intercept, ln.slope
    dd = d[:, None] - d[None, :]
    db = b[None, :] - b[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = db / dd
    i, j = np.nonzero(np.triu(np.abs(dd) > atol, 1) & (t >= 0) & (t <= 1))
    out = []
    for a, c in zip(i.tolist(), j.tolist(), strict=True):
        tc = float(t[a, c])
        up, down = (a, c) if d[a] > d[c] else (c, a)
        out.append(
            Crossing(
                criterion=criterion,
                t=tc,
                overtaker=ln.factor_ids[up],
                overtaken=ln.factor_ids[down],
                value=float(b[a] + tc * d[a]),
            )
        )
    out.sort(key=lambda x: (x.t, x.overtaker, x.overtaken))
    return out


def _top(values: FloatArray, k: int) -> frozenset[int]:
    order = np.lexsort((np.arange(len(values)), -values))
    return frozenset(order[:k].tolist())


def top_change_thresholds(ev: Evaluation, criterion: str, tops: Sequence[int] = (1, 3, 5)) -> pd.DataFrame:
    """Smallest change of the criterion's weight that changes the top-k set.

    For each k, the exact weights above and below the current one at which
    the set of the k highest composite weights first changes (a crossing
    between a factor inside and one outside the top k), and the smaller of
    the two distances. ``NaN`` where no such change happens in [0, 1].
    """
    ln = lines(ev, criterion)
    t0 = ln.current
    points = np.unique([c.t for c in crossings(ev, criterion)])
    rows = []
    for k in tops:
        base = _top(ln.at(t0), k)

        def first(cands: FloatArray, step: int, k: int = k, base: frozenset[int] = base) -> float:
            for idx, tc in enumerate(cands):
                nxt = cands[idx + 1] if idx + 1 < len(cands) else (1.0 if step > 0 else 0.0)
                probe = (tc + nxt) / 2 if nxt != tc else tc + step * 1e-12
                probe = min(max(probe, 0.0), 1.0)
                if _top(ln.at(probe), k) != base:
                    return float(tc)
            return float("nan")

        up = first(points[points > t0], +1)
        down = first(points[points < t0][::-1], -1)
        dists = [d for d in (up - t0, t0 - down) if not np.isnan(d)]
        dist = min(dists) if dists else float("nan")
        rows.append(
            {
                "criterion": criterion,
                "top": k,
                "current": t0,
                "change_above": up,
                "change_below": down,
                "smallest_change": float(dist) if dist == dist else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def tornado(ev: Evaluation, delta: float = 0.1, factors: Sequence[str] | None = None) -> pd.DataFrame:
    """Composite weights of ``factors`` when each criterion moves by ``-delta`` and ``+delta``.

    Each criterion's weight is clipped to [0, 1] and the others keep their
    proportions. Returns one row per (criterion, factor) with the low, base
    and high composite weights.
    """
    if not 0 < delta <= 1:
        msg = "delta must be in (0, 1]"
        raise ANPError(msg)
    ids = list(ev.model.node_ids)
    chosen = list(factors) if factors is not None else ids
    idx = [ids.index(f) for f in chosen]
    rows = []
    for c in ev.criteria:
        ln = lines(ev, c)
        lo, hi = max(ln.current - delta, 0.0), min(ln.current + delta, 1.0)
        vals = ln.at(np.array([lo, ln.current, hi]))
        for f, i in zip(chosen, idx, strict=True):
            rows.append(
                {
                    "criterion": c,
                    "factor": f,
                    "weight_low": lo,
                    "weight_high": hi,
                    "low": vals[0, i],
                    "base": vals[1, i],
                    "high": vals[2, i],
                }
            )
    return pd.DataFrame(rows)
