r"""Criterion weights drawn uniformly from the simplex, or from a constrained part of it.

The admissible set is the weight simplex :math:`\{w \ge 0, \sum_k w_k = 1\}`
intersected with optional constraints:

* an **ordinal ranking** ``order = (c_1, c_2, ..., c_j)``: :math:`w_{c_1} \ge
  w_{c_2} \ge \dots \ge w_{c_j}` (criteria not listed are free);
* **intervals** ``lo_k \le w_k \le hi_k``.

How each case is sampled (all exactly uniform on the admissible set, except
hit-and-run, which is uniform in the limit of its chain):

``uniform``
    Sorted uniforms (Lahdelma & Salminen 2001; Tervonen & Lahdelma 2007):
    ``m - 1`` independent U(0, 1), sorted, with 0 and 1 added; the ``m``
    gaps are a uniform point of the simplex (the Dirichlet(1) distribution).
``ordinal``
    The same draw, then the values at the ranked criteria are sorted in
    decreasing order and put back in the ranked order. The uniform
    distribution on the simplex is exchangeable, so sorting maps each of the
    ``j!`` orderings of those coordinates onto the ranked one with equal
    density: the result is uniform on the ranked region.
``rejection``
    With intervals: draws of the above (ranked if an order is given) are kept
    when they fall inside every interval; uniform on the admissible set. The
    acceptance rate is reported.
``hit-and-run``
    When rejection would keep under 1 % of draws (estimated on a pilot
    batch) or an interval fixes a weight (``lo == hi``): Smith's (1984)
    hit-and-run on the polytope, as Tervonen et al. (2013) use for SMAA.
    From the polytope's Chebyshev centre, each step picks a direction uniform
    on the sphere of the plane :math:`\sum_k w_k = 1` (Gaussian, fixed weights
    held, projected on :math:`\sum_k d_k = 0`) and moves to a uniform point of
    the chord through the polytope. ``chains`` chains run side by side (one
    numpy step moves them all); each discards ``burn_in`` steps, then keeps
    every ``thin``-th point.

References
----------
Lahdelma, R., Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. Operations Research 49(3).
Tervonen, T., Lahdelma, R. (2007). Implementing stochastic multicriteria
acceptability analysis. EJOR 178(2).
Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points
uniformly distributed over bounded regions. Operations Research 32(6).
Tervonen, T., van Valkenhoef, G., Basturk, N., Postmus, D. (2013).
Hit-and-run enables efficient weight generation for simulation-based
multiple criteria decision analysis. EJOR 224(3).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from anp_core.errors import ANPError

__all__ = [
    "MIN_REJECTION_RATE",
    "SampledWeights",
    "WeightConstraints",
    "parse_constraints",
    "sample_weights",
]

FloatArray = npt.NDArray[np.float64]
Sampler = Literal["auto", "rejection", "hit-and-run"]

#: Below this pilot acceptance rate, ``auto`` switches from rejection to hit-and-run.
MIN_REJECTION_RATE = 0.01
_PILOT = 20_000
_FIXED_TOL = 1e-12


@dataclass(frozen=True)
class WeightConstraints:
    """Validated constraints on criterion weights (see :func:`parse_constraints`).

    Attributes
    ----------
    criteria : tuple of str
        The weighted criteria, in weight-vector order.
    order : tuple of str
        Criteria ranked most important first (may be empty).
    intervals : mapping
        Criterion -> ``(lo, hi)``, only for the criteria given an interval.
    """

    criteria: tuple[str, ...]
    order: tuple[str, ...] = ()
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def lower(self) -> FloatArray:
        """Lower bound of every weight (0 where no interval)."""
        return np.array([self.intervals.get(c, (0.0, 1.0))[0] for c in self.criteria])

    @property
    def upper(self) -> FloatArray:
        """Upper bound of every weight (1 where no interval)."""
        return np.array([self.intervals.get(c, (0.0, 1.0))[1] for c in self.criteria])

    @property
    def fixed(self) -> npt.NDArray[np.bool_]:
        """Weights an interval of zero width fixes."""
        return np.asarray(self.upper - self.lower <= _FIXED_TOL)

    @property
    def kind(self) -> str:
        """``uniform``, ``ordinal``, ``intervals`` or ``ordinal+intervals``."""
        parts = [p for p, on in (("ordinal", self.order), ("intervals", self.intervals)) if on]
        return "+".join(parts) or "uniform"

    def inequalities(self) -> tuple[FloatArray, FloatArray]:
        """Return ``(A, b)`` with the admissible set ``{A w <= b, sum w = 1}`` (fixed weights excepted).

        Rows: ``-w_k <= -lo_k`` and ``w_k <= hi_k`` for every weight that is
        not fixed, ``w_{c_{i+1}} - w_{c_i} <= 0`` along the order.
        """
        m = len(self.criteria)
        rows: list[FloatArray] = []
        rhs: list[float] = []
        lo, hi, fixed = self.lower, self.upper, self.fixed
        for k in range(m):
            if fixed[k]:
                continue
            e = np.zeros(m)
            e[k] = 1.0
            rows += [-e, e]
            rhs += [-lo[k], hi[k]]
        pos = {c: i for i, c in enumerate(self.criteria)}
        for a, b in zip(self.order, self.order[1:], strict=False):
            r = np.zeros(m)
            r[pos[b]], r[pos[a]] = 1.0, -1.0
            rows.append(r)
            rhs.append(0.0)
        return np.array(rows).reshape(-1, m), np.array(rhs)

    def contains(self, w: FloatArray, tol: float = 1e-9) -> npt.NDArray[np.bool_]:
        """Which rows of ``w`` (draws x criteria) satisfy every constraint (within ``tol``)."""
        ok = np.all(w >= self.lower - tol, axis=1) & np.all(w <= self.upper + tol, axis=1)
        ok &= np.abs(w.sum(axis=1) - 1.0) <= 1e-6
        pos = {c: i for i, c in enumerate(self.criteria)}
        for a, b in zip(self.order, self.order[1:], strict=False):
            ok &= w[:, pos[a]] >= w[:, pos[b]] - tol
        return np.asarray(ok)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the same shape :func:`parse_constraints` reads)."""
        out: dict[str, Any] = {}
        if self.order:
            out["order"] = list(self.order)
        if self.intervals:
            out["intervals"] = {c: list(v) for c, v in self.intervals.items()}
        return out


def parse_constraints(constraints: object, criteria: Sequence[str]) -> WeightConstraints:
    """Validate ``{"order": [...], "intervals": {c: [lo, hi]}}`` against the criteria.

    Raises
    ------
    ANPError
        Naming the unknown key, the unknown or repeated criterion, or the bad
        interval; or saying that the constraints leave no admissible weights.

    Examples
    --------
    >>> c = parse_constraints({"order": ["b", "a"], "intervals": {"a": [0.1, 0.4]}}, ["a", "b", "c"])
    >>> c.kind, c.lower.tolist()
    ('ordinal+intervals', [0.1, 0.0, 0.0])
    """
    criteria = tuple(criteria)
    if not criteria:
        msg = "no criteria to weight"
        raise ANPError(msg)
    if constraints is None:
        return WeightConstraints(criteria)
    if not isinstance(constraints, Mapping):
        msg = 'constraints must be a mapping like {"order": [...], "intervals": {...}}'
        raise ANPError(msg)
    unknown = set(constraints) - {"order", "intervals"}
    if unknown:
        msg = f"unknown constraint {sorted(unknown)[0]!r}; use 'order' and/or 'intervals'"
        raise ANPError(msg)
    known = set(criteria)
    order_in = constraints.get("order") or ()
    if isinstance(order_in, str) or not isinstance(order_in, Sequence):
        msg = "order must be a list of criterion ids, most important first"
        raise ANPError(msg)
    order: list[str] = []
    for c in order_in:
        if c not in known:
            msg = f"order: unknown criterion {c!r}; choose from: {', '.join(criteria)}"
            raise ANPError(msg)
        if c in order:
            msg = f"order: criterion {c!r} is listed twice"
            raise ANPError(msg)
        order.append(c)
    intervals_in = constraints.get("intervals") or {}
    if not isinstance(intervals_in, Mapping):
        msg = "intervals must map criterion ids to [low, high]"
        raise ANPError(msg)
    intervals: dict[str, tuple[float, float]] = {}
    for c, bounds in intervals_in.items():
        if c not in known:
            msg = f"intervals: unknown criterion {c!r}; choose from: {', '.join(criteria)}"
            raise ANPError(msg)
        intervals[c] = _interval(c, bounds)
    wc = WeightConstraints(criteria, tuple(order), {c: intervals[c] for c in criteria if c in intervals})
    _check_feasible(wc)
    return wc


def _interval(name: str, bounds: Any) -> tuple[float, float]:
    ok = isinstance(bounds, Sequence) and not isinstance(bounds, str) and len(bounds) == 2
    if ok:
        lo, hi = bounds
        ok = all(
            isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in (lo, hi)
        )
    if not ok:
        msg = f"intervals: {name!r} needs two numbers [low, high], got {bounds!r}"
        raise ANPError(msg)
    lo, hi = float(bounds[0]), float(bounds[1])
    if not 0.0 <= lo <= hi <= 1.0:
        msg = f"intervals: {name!r} is [{lo:g}, {hi:g}]; need 0 <= low <= high <= 1"
        raise ANPError(msg)
    return lo, hi


def _check_feasible(wc: WeightConstraints) -> None:
    """Raise ANPError when no weight vector satisfies the constraints (a linear programme)."""
    if not wc.order and not wc.intervals:
        return
    from scipy.optimize import linprog

    m = len(wc.criteria)
    A, b = wc.inequalities()
    res = linprog(
        np.zeros(m),
        A_ub=A if len(A) else None,
        b_ub=b if len(b) else None,
        A_eq=np.ones((1, m)),
        b_eq=[1.0],
        bounds=list(zip(wc.lower, wc.upper, strict=True)),
        method="highs",
    )
    if res.status != 0:
        lo_sum, hi_sum = float(wc.lower.sum()), float(wc.upper.sum())
        why = (
            f"the lower bounds sum to {lo_sum:.3g} > 1"
            if lo_sum > 1 + 1e-12
            else f"the upper bounds sum to {hi_sum:.3g} < 1"
            if hi_sum < 1 - 1e-12
            else "the order contradicts the intervals"
        )
        msg = f"the weight constraints leave no admissible weights: {why}"
        raise ANPError(msg)


@dataclass(frozen=True)
class SampledWeights:
    """Weights drawn by :func:`sample_weights` and how they were drawn."""

    weights: FloatArray  # (draws, criteria), read-only
    method: str  # "uniform", "ordinal", "rejection" or "hit-and-run"
    acceptance_rate: float | None  # rejection: kept / drawn (pilot included)
    chains: int | None = None
    burn_in: int | None = None
    thin: int | None = None

    def describe(self) -> str:
        """One line saying exactly how the weights were sampled."""
        if self.method == "uniform":
            return "uniform on the simplex (sorted uniforms)"
        if self.method == "ordinal":
            return "uniform on the ranked region (sorted uniforms, then sorted into the given order)"
        if self.method == "rejection":
            return (
                f"uniform on the constrained region by rejection (acceptance rate {self.acceptance_rate:.1%})"
            )
        return (
            f"hit-and-run from the Chebyshev centre ({self.chains} chains, burn-in {self.burn_in}, "
            f"every {self.thin}th point kept)"
        )


def _simplex(rng: np.random.Generator, n: int, m: int) -> FloatArray:
    """``n`` uniform points of the ``m``-simplex: gaps between sorted uniforms."""
    u = rng.random((n, m - 1))
    u.sort(axis=1)
    edges = np.concatenate([np.zeros((n, 1)), u, np.ones((n, 1))], axis=1)
    return np.diff(edges, axis=1)


def _ranked(rng: np.random.Generator, n: int, wc: WeightConstraints) -> FloatArray:
    w = _simplex(rng, n, len(wc.criteria))
    if len(wc.order) > 1:
        pos = [wc.criteria.index(c) for c in wc.order]
        w[:, pos] = -np.sort(-w[:, pos], axis=1)
    return w


def _rejection(
    rng: np.random.Generator, draws: int, wc: WeightConstraints, first: FloatArray | None
) -> tuple[FloatArray, float]:
    kept: list[FloatArray] = []
    got, tried = 0, 0
    batch = first if first is not None else _ranked(rng, _PILOT, wc)
    limit = max(100 * draws, 10 * _PILOT)
    while True:
        tried += len(batch)
        ok = batch[wc.contains(batch, tol=0.0)]
        kept.append(ok)
        got += len(ok)
        if got >= draws:
            break
        if tried >= limit:
            msg = (
                f"rejection sampling kept {got} of {tried} draws; the intervals are too narrow for it "
                "(use the hit-and-run sampler)"
            )
            raise ANPError(msg)
        rate = max(got / tried, 1.0 / tried)
        batch = _ranked(rng, min(int(1.2 * (draws - got) / rate) + 100, 2_000_000), wc)
    return np.concatenate(kept)[:draws], got / tried


def _chebyshev_centre(wc: WeightConstraints, A: FloatArray, b: FloatArray, free: FloatArray) -> FloatArray:
    """Centre of the largest ball inside the polytope, within the plane of free moves."""
    from scipy.optimize import linprog

    m = len(wc.criteria)
    # the norm of each row within the move space {d: d_fixed = 0, sum d = 0}
    P = np.diag(free) - np.outer(free, free) / max(free.sum(), 1.0)
    norms = np.linalg.norm(A @ P, axis=1)
    fixed = wc.fixed
    A_eq = np.vstack(
        [np.append(np.ones(m), 0.0)] + [np.append(np.eye(m)[k], 0.0) for k in np.flatnonzero(fixed)]
    )
    b_eq = np.concatenate([[1.0], wc.lower[fixed]])
    res = linprog(
        np.append(np.zeros(m), -1.0),
        A_ub=np.column_stack([A, norms]),
        b_ub=b,
        A_eq=A_eq,
        b_eq=b_eq,
        bounds=[(None, None)] * m + [(0.0, 1.0)],
        method="highs",
    )
    x = res.x
    if res.status != 0 or x is None or x[-1] < 1e-9:
        msg = (
            "the weight constraints leave no room to vary the weights (the admissible set is a point "
            "or flat); widen an interval"
        )
        raise ANPError(msg)
    return np.asarray(x[:m], dtype=float)


def _widths(wc: WeightConstraints, A: FloatArray, b: FloatArray) -> FloatArray:
    """Range of each weight over the admissible set (two linear programmes per weight)."""
    from scipy.optimize import linprog

    m = len(wc.criteria)
    out = np.zeros(m)
    for k in np.flatnonzero(~wc.fixed):
        ends = []
        for sign in (1.0, -1.0):
            res = linprog(
                sign * np.eye(m)[k],
                A_ub=A if len(A) else None,
                b_ub=b if len(b) else None,
                A_eq=np.ones((1, m)),
                b_eq=[1.0],
                bounds=list(zip(wc.lower, wc.upper, strict=True)),
                method="highs",
            )
            if res.x is None:  # cannot happen: the set is feasible and bounded (checked on parsing)
                msg = f"could not find the range of weight {wc.criteria[k]!r}"
                raise ANPError(msg)
            ends.append(float(res.x[k]))
        out[k] = ends[1] - ends[0]
    return out


def _hit_and_run(
    rng: np.random.Generator, draws: int, wc: WeightConstraints, chains: int, burn_in: int, thin: int
) -> FloatArray:
    m = len(wc.criteria)
    A, b = wc.inequalities()
    free = (~wc.fixed).astype(float)
    if free.sum() < 2:
        msg = "the weight constraints fix all but one weight, so nothing can vary; widen an interval"
        raise ANPError(msg)
    x = np.tile(_chebyshev_centre(wc, A, b, free), (chains, 1))
    # Directions are isotropic after scaling each weight by its range (w = c + D z): the
    # chain is hit-and-run on the rescaled, better-rounded polytope. Any centrally symmetric
    # direction law keeps the uniform distribution stationary, and narrow intervals no
    # longer cut every chord short. Fixed weights have range 0 and never move.
    D = _widths(wc, A, b)
    a = D / np.linalg.norm(D)
    per_chain = -(-draws // chains)
    out = np.empty((per_chain, chains, m))
    kept = 0
    step = 0
    while kept < per_chain:
        g = rng.standard_normal((chains, m))
        d = (g - np.outer(g @ a, a)) * D
        slack = np.maximum(b[None, :] - x @ A.T, 0.0)
        rate = d @ A.T
        with np.errstate(divide="ignore", invalid="ignore"):
            t = slack / rate
        t_hi = np.where(rate > 1e-15, t, np.inf).min(axis=1)
        t_lo = np.where(rate < -1e-15, t, -np.inf).max(axis=1)
        x = x + (t_lo + rng.random(chains) * (t_hi - t_lo))[:, None] * d
        step += 1
        if step > burn_in and (step - burn_in) % thin == 0:
            out[kept] = x
            kept += 1
    w = out.reshape(-1, m)[:draws]
    w = np.clip(w, 0.0, None)
    return np.asarray(w / w.sum(axis=1, keepdims=True))


def sample_weights(
    constraints: WeightConstraints,
    draws: int,
    *,
    seed: int | None = 0,
    sampler: Sampler = "auto",
    chains: int = 1000,
    burn_in: int | None = None,
    thin: int | None = None,
) -> SampledWeights:
    """Draw ``draws`` criterion-weight vectors uniformly from the admissible set.

    Parameters
    ----------
    constraints : WeightConstraints
        From :func:`parse_constraints`.
    draws : int
    seed : int or None
        Seed of ``numpy.random.default_rng``: the same seed and arguments give
        the same weights.
    sampler : {"auto", "rejection", "hit-and-run"}
        Only matters with intervals: ``auto`` uses rejection unless a pilot
        batch keeps under ``MIN_REJECTION_RATE`` of its draws or a weight is
        fixed. Without intervals the exact direct method is always used.
    chains, burn_in, thin : int
        Hit-and-run: parallel chains, steps discarded first (default
        ``100 m``), steps between kept points (default ``max(10, m^2)``).

    Returns
    -------
    SampledWeights
        ``weights`` has shape (draws, criteria), rows summing to 1.
    """
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        msg = f"draws must be a positive integer, got {draws!r}"
        raise ANPError(msg)
    if sampler not in ("auto", "rejection", "hit-and-run"):
        msg = f"sampler must be 'auto', 'rejection' or 'hit-and-run', got {sampler!r}"
        raise ANPError(msg)
    rng = np.random.default_rng(seed)
    m = len(constraints.criteria)
    draws = int(draws)
    if m == 1:
        return SampledWeights(_frozen(np.ones((draws, 1))), "uniform", None)
    if not constraints.intervals:
        method = "ordinal" if len(constraints.order) > 1 else "uniform"
        return SampledWeights(_frozen(_ranked(rng, draws, constraints)), method, None)
    if sampler == "rejection" and constraints.fixed.any():
        msg = "an interval of zero width fixes a weight, so rejection would keep nothing; use hit-and-run"
        raise ANPError(msg)
    use_har = sampler == "hit-and-run" or bool(constraints.fixed.any())
    pilot = None
    if not use_har:
        pilot = _ranked(rng, _PILOT, constraints)
        rate = float(constraints.contains(pilot, tol=0.0).mean())
        use_har = sampler == "auto" and rate < MIN_REJECTION_RATE
    if use_har:
        burn = 100 * m if burn_in is None else int(burn_in)
        th = max(10, m * m) if thin is None else int(thin)
        ch = max(1, min(int(chains), draws))
        w = _hit_and_run(rng, draws, constraints, ch, burn, th)
        return SampledWeights(_frozen(w), "hit-and-run", None, ch, burn, th)
    w, rate = _rejection(rng, draws, constraints, pilot)
    return SampledWeights(_frozen(w), "rejection", rate)


def _frozen(a: FloatArray) -> FloatArray:
    a = np.ascontiguousarray(a, dtype=float)
    a.flags.writeable = False
    return a
