"""Judgment uncertainty by Monte Carlo, vectorised across draws.

Each draw multiplies every judgment ``a_ij`` (upper triangle; the reciprocal
follows) of every comparison under the weighted criteria by a random factor
``2**u``: ``u ~ Uniform(-spread, spread)`` ("loguniform") or
``u ~ Normal(0, spread / 2)`` ("lognormal", about 95 % within ``±spread``).
``spread`` is in doublings: 1 lets a judgment move up to a factor of 2 either
way, about one Saaty step near "equal" (1 -> 2); 0 perturbs nothing. The
criteria comparison is perturbed too when the weights come from the model.
Optionally the criterion weights are drawn from ``Dirichlet(concentration * v)``
around the current weights ``v``.

Everything is batched through the engine's one kernel: the perturbed
matrices' priorities (:func:`anp_core.kernel.principal_eigen`, Harker's
matrix for incomplete ones), the supermatrices filled block-wise by the same
:class:`~anp_core.network.NetworkPlan` as a single evaluation, and the
stationary vectors by one batched solve (:func:`anp_core.kernel.stationary`).
The zero pattern of W does not change under positive perturbations, so its
diagnosis is that of the unperturbed model; a network whose W is not
irreducible uses a per-draw :func:`~anp_core.limit.limit_matrix` (slower,
same rule).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core import budget
from anp_core.errors import ANPError
from anp_core.evaluate import competition_ranks, criterion_network, evaluate, resolve_weights
from anp_core.kernel import FloatArray, harker_matrix, principal_eigen, stationary
from anp_core.limit import limit_matrix
from anp_core.model_schema import Comparison, ComparisonKey, Model
from anp_core.network import NetworkPlan, network_plan, restricted

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "DEFAULT_SPREAD",
    "MonteCarloResult",
    "PerturbationPlan",
    "monte_carlo",
    "monte_carlo_loop",
    "perturbation_plan",
]

CRITERIA_KEY = "criteria"


@dataclass(frozen=True)
class PerturbationPlan:
    """Which matrices are perturbed and where their priorities go (built once per model)."""

    matrices: tuple[FloatArray, ...]  # base judgment matrices (NaN = missing)
    keys: tuple[ComparisonKey | str, ...]  # comparison keys, or CRITERIA_KEY
    networks: tuple[NetworkPlan, ...]
    irreducible: tuple[bool, ...]
    weights_from_model: bool
    base_weights: FloatArray
    n_judgments: int


def perturbation_plan(model: Model, criterion_weights: Mapping[str, float] | None = None) -> PerturbationPlan:
    """Collect the matrices under the weighted criteria and their networks' block plans."""
    weights = resolve_weights(model, criterion_weights)
    plans = tuple(network_plan(model, c) for c in weights)
    keys: list[ComparisonKey | str] = list(dict.fromkeys(k for p in plans for k in p.keys))
    matrices = [_as_array(model.comparison_by_key[k].matrix) for k in keys]  # type: ignore[index]
    from_model = criterion_weights is None
    if from_model:
        keys.append(CRITERIA_KEY)
        matrices.append(_as_array(model.criteria_comparison.matrix))
    n_j = sum(
        int(np.count_nonzero(~np.isnan(np.triu(M, 1)) & (np.triu(np.ones_like(M), 1) > 0))) for M in matrices
    )
    return PerturbationPlan(
        matrices=tuple(matrices),
        keys=tuple(keys),
        networks=plans,
        irreducible=tuple(
            criterion_network(model, c).limit.diagnosis in ("primitive", "periodic") for c in weights
        ),
        weights_from_model=from_model,
        base_weights=np.fromiter(weights.values(), dtype=float),
        n_judgments=n_j,
    )


def _as_array(matrix: tuple[tuple[float | None, ...], ...]) -> FloatArray:
    return np.array([[np.nan if x is None else x for x in row] for row in matrix], dtype=float)


def _priorities(stack: FloatArray) -> FloatArray:
    """Priorities of a (draws, m, m) stack: eigenvector, or Harker's when judgments are missing."""
    if np.isnan(stack).any():
        return principal_eigen(harker_matrix(stack))[0]
    return principal_eigen(stack)[0]


_BLOCK = 256  # draws per random-number block; each block has its own child seed


def _draw_log_factors(
    rng: np.random.Generator, n: int, plan: PerturbationPlan, spread: float, distribution: str
) -> list[FloatArray]:
    """Per matrix, (n, m, m) antisymmetric log2 perturbations drawn from ``rng``."""
    out = []
    for M in plan.matrices:
        m = M.shape[0]
        iu = np.triu_indices(m, 1)
        k = len(iu[0])
        if distribution == "loguniform":
            u = rng.uniform(-spread, spread, size=(n, k))
        else:
            u = rng.normal(0.0, spread / 2.0, size=(n, k))
        E = np.zeros((n, m, m))
        E[:, iu[0], iu[1]] = u
        E[:, iu[1], iu[0]] = -u
        out.append(E)
    return out


class _LogFactorStream:
    """The log2 perturbations of draws ``start .. start + n``, fixed by the seed alone.

    Draw ``d`` belongs to block ``d // _BLOCK``, whose numbers come from its own
    generator (``SeedSequence(seed).spawn``), so a draw's perturbation does not
    depend on how the draws are batched.
    """

    def __init__(self, seed_seq: np.random.SeedSequence, plan: PerturbationPlan, spread: float, dist: str):
        self._seed_seq, self._plan, self._spread, self._dist = seed_seq, plan, spread, dist
        self._children: list[np.random.SeedSequence] = []
        self._last: tuple[int, list[FloatArray]] | None = None

    def _block(self, b: int) -> list[FloatArray]:
        if self._last is not None and self._last[0] == b:
            return self._last[1]
        while len(self._children) <= b:
            self._children.extend(self._seed_seq.spawn(b + 1 - len(self._children)))
        block = _draw_log_factors(
            np.random.default_rng(self._children[b]), _BLOCK, self._plan, self._spread, self._dist
        )
        self._last = (b, block)
        return block

    def take(self, start: int, n: int) -> list[FloatArray]:
        parts: list[list[FloatArray]] = []
        d = start
        while d < start + n:
            b, off = divmod(d, _BLOCK)
            stop = min(_BLOCK, off + start + n - d)
            parts.append([E[off:stop] for E in self._block(b)])
            d += stop - off
        return [np.concatenate([p[s] for p in parts]) for s in range(len(self._plan.matrices))]


def _batch_limits(
    model: Model, plan: PerturbationPlan, prios: dict[ComparisonKey | str, FloatArray], n: int
) -> FloatArray:
    """Limit priorities (n, ranked nodes, criteria) of ``n`` perturbed networks."""
    out = np.empty((n, len(model.ranked_node_ids), len(plan.networks)))
    for k, (net, irreducible) in enumerate(zip(plan.networks, plan.irreducible, strict=True)):
        _, _, W = net.weighted({key: prios[key] for key in net.keys})
        if irreducible:
            x = stationary(W)
        else:
            x = np.stack([limit_matrix(W[i], sinks=model.settings.sinks).priorities for i in range(n)])
        out[:, :, k] = restricted(x, model.node_ids, model.ranked_node_ids)
    return out


@dataclass
class MonteCarloResult:
    """Outcome of :func:`monte_carlo` (arrays over draws; summaries as DataFrames)."""

    factor_ids: tuple[str, ...]
    names: tuple[str, ...]
    criteria: tuple[str, ...]
    composite: FloatArray  # (draws, factors)
    ranks: npt.NDArray[np.int64]  # (draws, factors), competition ranks on 3 decimals
    weights: FloatArray  # (draws, criteria)
    base_composite: FloatArray
    base_ranks: npt.NDArray[np.int64]
    spread: float
    distribution: str
    seed: int | None
    n_judgments: int
    requested_draws: int = 0
    stopped: str | None = None
    perturbed: str = ""

    @property
    def draws(self) -> int:
        """Number of draws."""
        return int(self.composite.shape[0])

    @cached_property
    def rank_distribution(self) -> pd.DataFrame:
        """Share of draws in which each factor holds each rank (factor x rank)."""
        n = len(self.factor_ids)
        counts = np.zeros((n, n))
        for i in range(n):
            counts[i] = np.bincount(self.ranks[:, i] - 1, minlength=n)[:n]
        return pd.DataFrame(
            counts / self.draws, index=pd.Index(self.factor_ids, name="factor"), columns=range(1, n + 1)
        )

    def top_probability(self, k: int) -> pd.Series:
        """Probability that each factor ranks in the top ``k`` (rank acceptability)."""
        return pd.Series((self.ranks <= k).mean(axis=0), index=list(self.factor_ids), name=f"p_top{k}")

    @property
    def top_factor_stability(self) -> float:
        """Share of draws whose top-ranked factor (unique rank 1) is the baseline's."""
        base_top = int(np.argmax(self.base_composite))
        winners = np.argmax(self.composite, axis=1)
        return float(np.mean(winners == base_top))

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Per factor: base rank, rank quantiles, top-1/3/5 probabilities and a verdict."""
        r = self.ranks
        at_base = np.mean(np.abs(r - self.base_ranks[None, :]) <= 1, axis=0)
        verdict = np.where(at_base >= 0.9, "stable", np.where(at_base >= 0.6, "fairly stable", "uncertain"))
        df = pd.DataFrame(
            {
                "name": self.names,
                "base_rank": self.base_ranks,
                "median_rank": np.median(r, axis=0),
                "rank_p05": np.quantile(r, 0.05, axis=0, method="lower"),
                "rank_p95": np.quantile(r, 0.95, axis=0, method="higher"),
                "p_top1": (r <= 1).mean(axis=0),
                "p_top3": (r <= 3).mean(axis=0),
                "p_top5": (r <= 5).mean(axis=0),
                "within_one_rank": at_base,
                "mean_composite": self.composite.mean(axis=0),
                "verdict": verdict,
            },
            index=pd.Index(self.factor_ids, name="factor"),
        )
        return df.sort_values(["base_rank", "mean_composite"], ascending=[True, False])


def _check(
    draws: int, spread: float, distribution: str, concentration: float | None, seed: int | None
) -> float:
    """Validate the arguments; return ``spread`` with -0.0 read as 0."""
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        msg = f"draws must be a positive integer, got {draws!r}"
        raise ANPError(msg)
    if (
        not isinstance(spread, int | float | np.floating)
        or not np.isfinite(spread)
        or spread < 0
        or spread > 10
    ):
        msg = f"spread must be between 0 and 10 doublings, got {spread!r}"
        raise ANPError(msg)
    if distribution not in ("loguniform", "lognormal"):
        msg = f"distribution must be 'loguniform' or 'lognormal', got {distribution!r}"
        raise ANPError(msg)
    if concentration is not None and (not np.isfinite(concentration) or concentration <= 0):
        msg = f"concentration must be a positive number, got {concentration!r}"
        raise ANPError(msg)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0):
        msg = f"seed must be a whole number >= 0, got {seed!r}"
        raise ANPError(msg)
    return abs(float(spread))


#: Defaults shared by the page and the command line.
DEFAULT_DRAWS = 5_000
DEFAULT_SPREAD = 1.0
DEFAULT_SEED = 0
_BATCH_CELLS = 4_000_000  # draws x nodes^2 per batch: about 32 MB per supermatrix stack


def monte_carlo(
    model: Model,
    draws: int = DEFAULT_DRAWS,
    spread: float = DEFAULT_SPREAD,
    *,
    seed: int | None = DEFAULT_SEED,
    distribution: str = "loguniform",
    criterion_weights: Mapping[str, float] | None = None,
    concentration: float | None = None,
    batch_size: int | None = None,
    progress: Callable[[float], object] | None = None,
    should_stop: Callable[[], bool] | None = None,
    time_budget: float | Literal["default"] | None = "default",
) -> MonteCarloResult:
    """Propagate judgment (and optionally weight) uncertainty to the ranking.

    Parameters
    ----------
    model : Model
    draws : int
        Number of perturbed models.
    spread : float
        Half-width in doublings of the log2 perturbation of each judgment.
    seed : int or None
        Seed of ``numpy.random.SeedSequence``; the same seed gives the same
        result whatever ``batch_size`` is (random numbers come in fixed blocks
        of draws, each from its own spawned generator).
    distribution : {"loguniform", "lognormal"}
    criterion_weights : mapping, optional
        Fixed weights (renormalised); default: the model's criteria comparison,
        whose judgments are then perturbed too.
    concentration : float, optional
        If given, each draw's weights ~ ``Dirichlet(concentration * v)``.
    batch_size : int, optional
        Draws processed together (default: as many as keep a stack of
        supermatrices near 32 MB, at most 2,000).
    progress : callable, optional
        Called with the fraction done after each batch.
    should_stop : callable, optional
        Called after each batch; returning True stops the run (a cancel
        button). The draws done so far are returned, with ``stopped`` saying so.
    time_budget : float or None
        Seconds after which the run stops the same way; default
        :attr:`anp_core.budget.Budget.monte_carlo_seconds`, ``None`` for no limit.

    Examples
    --------
    >>> from anp_core import load_model
    >>> mc = monte_carlo(load_model("data/models/cbec_trade_war.json"), draws=200, spread=0.0)
    >>> mc.top_factor_stability, float(mc.top_probability(1)["government_regulation"])
    (1.0, 1.0)
    """
    spread = _check(draws, spread, distribution, concentration, seed)
    if time_budget == "default":
        time_budget = budget.current().monte_carlo_seconds
    plan = perturbation_plan(model, criterion_weights)
    n_nodes = len(model.node_ids)
    if batch_size is None:
        batch_size = int(min(2_000, max(1, _BATCH_CELLS // (n_nodes * n_nodes))))
    started = time.perf_counter()
    stopped: str | None = None
    judgment_seq, weight_seq = np.random.SeedSequence(seed).spawn(2)
    stream = _LogFactorStream(judgment_seq, plan, spread, distribution)
    weight_rng = np.random.default_rng(weight_seq)
    base = evaluate(model, criterion_weights)
    logs = [np.log2(M) for M in plan.matrices]
    comps, all_w = [], []
    done = 0
    while done < draws:
        n = min(batch_size, draws - done)
        E = stream.take(done, n)
        prios = {
            key: _priorities(np.exp2(lg[None] + e)) for key, lg, e in zip(plan.keys, logs, E, strict=True)
        }
        L = _batch_limits(model, plan, prios, n)
        if plan.weights_from_model:
            w = prios[CRITERIA_KEY]
        else:
            w = np.broadcast_to(plan.base_weights, (n, len(plan.base_weights))).copy()
        if concentration is not None:
            w = np.stack([weight_rng.dirichlet(concentration * np.clip(row, 1e-12, None)) for row in w])
        comps.append(np.einsum("bik,bk->bi", L, w))
        all_w.append(w)
        done += n
        if progress is not None:
            progress(done / draws)
        if done < draws and should_stop is not None and should_stop():
            stopped = f"cancelled after {done:,} of {draws:,} draws"
            break
        if done < draws and time_budget is not None and time.perf_counter() - started > time_budget:
            stopped = f"stopped by the time budget ({time_budget:g} s) after {done:,} of {draws:,} draws"
            break
    composite = np.concatenate(comps)
    ranks = np.stack([competition_ranks(row) for row in composite]) if done <= 2_000 else _ranks(composite)
    return MonteCarloResult(
        factor_ids=tuple(model.ranked_node_ids),
        names=tuple(model.label(f) for f in model.ranked_node_ids),
        criteria=base.criteria,
        composite=composite,
        ranks=ranks,
        weights=np.concatenate(all_w),
        base_composite=base.composite_values,
        base_ranks=base.rank_values,
        spread=float(spread),
        distribution=distribution,
        seed=seed,
        n_judgments=plan.n_judgments,
        requested_draws=int(draws),
        stopped=stopped,
        perturbed=_perturbed(plan),
    )


def _perturbed(plan: PerturbationPlan) -> str:
    """Describe what a run perturbs, in words."""
    n_mat = sum(1 for k in plan.keys if k != CRITERIA_KEY)
    what = f"{plan.n_judgments} judgments in {n_mat} comparison matri{'x' if n_mat == 1 else 'ces'}"
    if plan.weights_from_model:
        what += " (including the criteria comparison, so the criterion weights move too)"
    else:
        what += " (criterion weights fixed)"
    return what


def _ranks(composite: FloatArray) -> npt.NDArray[np.int64]:
    """Competition ranks of 3-decimal values, row by row, vectorised."""
    r = np.round(composite, 3)
    out: npt.NDArray[np.int64] = (1 + (r[:, None, :] > r[:, :, None]).sum(axis=2)).astype(np.int64)
    return out


def monte_carlo_loop(
    model: Model,
    draws: int,
    spread: float,
    *,
    seed: int | None = 0,
    distribution: str = "loguniform",
    criterion_weights: Mapping[str, float] | None = None,
) -> FloatArray:
    """Run the reference implementation: one perturbed model and one :func:`evaluate` per draw.

    Uses the same random numbers as :func:`monte_carlo` (same seed) and returns the composite weights (draws, factors). For tests and
    the benchmark; far slower.
    """
    spread = _check(draws, spread, distribution, None, seed)
    plan = perturbation_plan(model, criterion_weights)
    judgment_seq, _ = np.random.SeedSequence(seed).spawn(2)
    E = _LogFactorStream(judgment_seq, plan, spread, distribution).take(0, draws)
    out = np.empty((draws, len(model.ranked_node_ids)))
    for b in range(draws):
        repl: list[Comparison] = []
        data = None
        for s, key in enumerate(plan.keys):
            M = plan.matrices[s] * np.exp2(E[s][b])
            mat = tuple(tuple(None if np.isnan(x) else float(x) for x in row) for row in M)
            if key == CRITERIA_KEY:
                data = mat
            else:
                repl.append(model.comparison_by_key[key].model_copy(update={"matrix": mat}))  # type: ignore[index]
        m2 = model.with_comparisons(repl)
        weights = criterion_weights
        if data is not None:
            cc = m2.criteria_comparison.model_copy(update={"matrix": data})
            m2 = m2.model_copy(update={"criteria_comparison": cc})
        out[b] = evaluate(m2, weights).composite_values
    return out
