r"""SMAA-2 on the control-weight simplex (Lahdelma & Salminen 2001).

The ANP gives, per control criterion k, the limit priorities ``L_k`` of the
ranked nodes (:attr:`anp_core.Evaluation.limits`); the composite weight under
criterion weights ``w`` is ``c = L w``. Stochastic Multicriteria Acceptability
Analysis asks what the ranking looks like for *all* admissible ``w`` instead
of one: weights are drawn uniformly from the simplex, or from the part of it
an ordinal ranking of the criteria or weight intervals leave
(:mod:`anp_core.weight_sampling` says exactly how), and for each draw the
nodes are ranked as the project ranks them (competition ranks "1224" of the
composite weights rounded to 3 decimals, :func:`anp_core.competition_ranks`).

Per node i (SMAA-2's descriptive measures):

* **rank acceptability** :math:`b_i^r`: the share of draws in which i holds
  rank r. Tied nodes share the better rank, so a node's row sums to 1 but a
  rank's column may sum to more than 1 (two nodes tied first) or less;
* **central weight vector** :math:`w_i^c`: the mean of the weights of the
  draws in which i ranks first (undefined, NaN, if it never does);
* **confidence factor** :math:`p_i^c`: the probability that i ranks first
  when the weights are its central weights. For exact judgments this is 1 by
  construction (the weights where i ranks first form a convex set, which
  contains its own mean), so the confidence factor measures judgment
  uncertainty: the central weights are held while every judgment is
  perturbed as in :func:`anp_core.montecarlo.monte_carlo` (log-uniform,
  ``spread`` doublings), and p is the share of those draws where i ranks
  first. ``spread=0`` gives the exact 0/1 indicator;
* **holistic acceptability** :math:`a_i^h = \sum_r \alpha_r b_i^r` with the
  linear meta-weights :math:`\alpha_r = (n - r) / (n - 1)`.

Everything is batched numpy: one matrix product per block of draws, ranks by
one sort per block.

References
----------
Lahdelma, R., Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. Operations Research 49(3),
444-454.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.errors import ANPError
from anp_core.evaluate import evaluate
from anp_core.model_schema import Comparison, Model
from anp_core.weight_sampling import Sampler, WeightConstraints, parse_constraints, sample_weights

__all__ = ["MAX_DRAWS", "SMAAResult", "batch_competition_ranks", "smaa"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MAX_DRAWS = 1_000_000
_BLOCK_ELEMENTS = 2_000_000  # draws x nodes per block


def batch_competition_ranks(values: FloatArray, decimals: int | None = 3) -> IntArray:
    """Competition ranks ("1224", highest first) of each row, values rounded to ``decimals``.

    Row-wise :func:`anp_core.competition_ranks`, by one sort per row: after
    sorting in decreasing order, a value's rank is one plus the position of
    the first value equal to it.

    Examples
    --------
    >>> batch_competition_ranks(np.array([[0.0561, 0.0559, 0.07, 0.01], [1, 2, 3, 3]])).tolist()
    [[2, 2, 1, 4], [4, 3, 1, 1]]
    """
    x = np.asarray(values, dtype=float)
    if decimals is not None:
        x = np.round(x, decimals)
    n = x.shape[1]
    order = np.argsort(-x, axis=1, kind="stable")
    s = np.take_along_axis(x, order, axis=1)
    starts = np.ones(s.shape, dtype=bool)
    starts[:, 1:] = s[:, 1:] != s[:, :-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0), axis=1)
    ranks = np.empty(x.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


@dataclass(frozen=True, eq=False)
class SMAAResult:
    """Result of :func:`smaa`; immutable (read-only arrays, pandas views built on demand).

    Attributes
    ----------
    node_ids : tuple of str
        The ranked nodes, in supermatrix order.
    criteria : tuple of str
        The weighted criteria (columns of ``limits`` and ``weights``).
    limits : ndarray
        Node x criterion limit priorities the composites are built from.
    weights : ndarray
        Draws x criteria: every weight vector drawn.
    counts : ndarray
        Node x rank: number of draws in which each node holds each rank.
    central : ndarray
        Node x criterion central weight vectors (NaN rows: never first).
    confidence_values : ndarray
        Confidence factor per node (NaN: never first).
    base_ranks : ndarray
        Ranks under the model's own criterion weights.
    constraints : WeightConstraints
    method, sampling : str
        Sampler used and a sentence saying exactly how it sampled.
    acceptance_rate : float or None
        Share of draws kept by rejection sampling.
    seed, spread, confidence_draws, decimals
        As passed to :func:`smaa`.
    """

    node_ids: tuple[str, ...]
    criteria: tuple[str, ...]
    limits: FloatArray
    weights: FloatArray
    counts: IntArray
    central: FloatArray
    confidence_values: FloatArray
    base_ranks: IntArray
    constraints: WeightConstraints
    method: str
    sampling: str
    acceptance_rate: float | None
    seed: int | None
    spread: float
    confidence_draws: int
    decimals: int | None

    @property
    def draws(self) -> int:
        """Number of weight vectors drawn."""
        return int(self.weights.shape[0])

    @property
    def acceptability(self) -> pd.DataFrame:
        """Rank acceptability indices :math:`b_i^r`: node (index) x rank 1..n (columns)."""
        n = len(self.node_ids)
        return pd.DataFrame(
            self.counts / self.draws,
            index=pd.Index(self.node_ids, name="node"),
            columns=pd.Index(range(1, n + 1), name="rank"),
        )

    @property
    def central_weights(self) -> pd.DataFrame:
        """Central weight vectors: node x criterion (NaN where the node never ranks first)."""
        return pd.DataFrame(
            self.central.copy(),
            index=pd.Index(self.node_ids, name="node"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @property
    def confidence(self) -> pd.Series:
        """Confidence factors :math:`p_i^c` (NaN where the node never ranks first)."""
        return pd.Series(
            self.confidence_values.copy(), index=pd.Index(self.node_ids, name="node"), name="confidence"
        )

    @property
    def holistic(self) -> pd.Series:
        r"""Holistic acceptability :math:`\sum_r \alpha_r b_i^r`, :math:`\alpha_r = (n-r)/(n-1)`."""
        n = len(self.node_ids)
        alpha = (n - np.arange(1, n + 1)) / (n - 1) if n > 1 else np.ones(1)
        return pd.Series(
            (self.counts / self.draws) @ alpha, index=pd.Index(self.node_ids, name="node"), name="holistic"
        )

    def top_acceptability(self, k: int) -> pd.Series:
        r"""Share of draws in which each node ranks in the top ``k`` (:math:`\sum_{r \le k} b_i^r`)."""
        return pd.Series(
            self.counts[:, :k].sum(axis=1) / self.draws,
            index=pd.Index(self.node_ids, name="node"),
            name=f"top{k}",
        )

    def summary(self) -> pd.DataFrame:
        """Per node: base rank, b1, top-3, holistic, confidence, central weights; by holistic."""
        df = pd.DataFrame(
            {
                "base_rank": self.base_ranks,
                "rank1": self.counts[:, 0] / self.draws,
                "top3": self.top_acceptability(3).to_numpy(),
                "holistic": self.holistic.to_numpy(),
                "confidence": self.confidence_values,
            },
            index=pd.Index(self.node_ids, name="node"),
        )
        df = df.join(self.central_weights.add_prefix("w_"))
        return df.sort_values(["holistic", "base_rank"], ascending=[False, True], kind="stable")


def _check(draws: Any, spread: Any, confidence_draws: Any, decimals: Any) -> None:
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or not 1 <= draws <= MAX_DRAWS:
        msg = f"draws must be an integer from 1 to {MAX_DRAWS:,}, got {draws!r}"
        raise ANPError(msg)
    if not isinstance(spread, int | float) or not np.isfinite(spread) or not 0 <= spread <= 10:
        msg = f"spread must be between 0 and 10 doublings, got {spread!r}"
        raise ANPError(msg)
    if isinstance(confidence_draws, bool) or not isinstance(confidence_draws, int) or confidence_draws < 1:
        msg = f"confidence_draws must be a positive integer, got {confidence_draws!r}"
        raise ANPError(msg)
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
        msg = f"decimals must be a non-negative integer or None, got {decimals!r}"
        raise ANPError(msg)


def smaa(
    model: Model,
    draws: int = 10_000,
    seed: int | None = 0,
    constraints: Mapping[str, Any] | None = None,
    *,
    criteria: Sequence[str] | None = None,
    overrides: Iterable[Comparison | Mapping[str, Any]] | None = None,
    spread: float = 1.0,
    confidence_draws: int = 1_000,
    sampler: Sampler = "auto",
    decimals: int | None = 3,
) -> SMAAResult:
    """Run SMAA-2 over the criterion weights of a model.

    Parameters
    ----------
    model : Model
    draws : int
        Weight vectors to draw (at most ``MAX_DRAWS``).
    seed : int or None
        Seeds the weight draws and the confidence-factor perturbations.
    constraints : mapping, optional
        ``{"order": [c1, c2, ...]}`` (``w_c1 >= w_c2 >= ...``) and/or
        ``{"intervals": {c: [lo, hi]}}``; default: the whole simplex.
    criteria : sequence of str, optional
        Criteria whose weights vary (default: the control criteria). A
        networked criterion outside the control layer may be added; criteria
        left out keep weight 0.
    overrides : iterable, optional
        Comparisons replacing the model's (as in :func:`anp_core.evaluate`).
    spread : float
        Judgment perturbation (doublings) for the confidence factors; 0 gives
        the exact indicator.
    confidence_draws : int
        Perturbed models per confidence factor.
    sampler : {"auto", "rejection", "hit-and-run"}
        See :func:`anp_core.weight_sampling.sample_weights`.
    decimals : int or None
        Composite weights are rounded to this many decimals before ranking
        (3, as the project ranks); None ranks exact values.

    Returns
    -------
    SMAAResult

    Raises
    ------
    ANPError
        On bad arguments, unknown criteria or constraints that leave no weights.

    Examples
    --------
    >>> from anp_core import load_model
    >>> r = smaa(load_model("data/models/cbec_trade_war.json"), draws=2000, spread=0)
    >>> r.acceptability.loc["government_regulation", 1] > 0.5
    np.True_
    """
    _check(draws, spread, confidence_draws, decimals)
    if overrides:
        model = model.with_comparisons(list(overrides))
    chosen = tuple(model.control_criteria if criteria is None else criteria)
    if len(set(chosen)) != len(chosen):
        msg = "criteria: a criterion is listed twice"
        raise ANPError(msg)
    ev = evaluate(model, dict.fromkeys(chosen, 1.0))
    L = np.ascontiguousarray(ev.limits[:, [ev.criteria.index(c) for c in chosen]])
    wc = parse_constraints(constraints, chosen)
    sampled = sample_weights(wc, int(draws), seed=seed, sampler=sampler)
    W = sampled.weights
    n, m = L.shape
    counts = np.zeros(n * n, dtype=np.int64)
    first_sum = np.zeros((n, m))
    first_count = np.zeros(n)
    block = max(1, _BLOCK_ELEMENTS // max(n, 1))
    offsets = np.arange(n) * n
    for start in range(0, len(W), block):
        w = W[start : start + block]
        ranks = batch_competition_ranks(w @ L.T, decimals)
        counts += np.bincount((offsets[None, :] + ranks - 1).ravel(), minlength=n * n)
        first = (ranks == 1).astype(float)
        first_sum += first.T @ w
        first_count += first.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_sum / first_count[:, None]
    central[first_count == 0] = np.nan
    confidence = _confidence(model, chosen, L, central, spread, confidence_draws, seed, decimals)
    return SMAAResult(
        node_ids=tuple(model.ranked_node_ids),
        criteria=chosen,
        limits=_frozen(L),
        weights=W,
        counts=_frozen(counts.reshape(n, n)),
        central=_frozen(central),
        confidence_values=_frozen(confidence),
        base_ranks=_frozen(evaluate(model).rank_values.copy()),
        constraints=wc,
        method=sampled.method,
        sampling=sampled.describe(),
        acceptance_rate=sampled.acceptance_rate,
        seed=seed,
        spread=float(spread),
        confidence_draws=int(confidence_draws),
        decimals=decimals,
    )


def _confidence(
    model: Model,
    criteria: tuple[str, ...],
    L: FloatArray,
    central: FloatArray,
    spread: float,
    draws: int,
    seed: int | None,
    decimals: int | None,
) -> FloatArray:
    """Share of draws where each node ranks first at its central weights (see the module docstring)."""
    from anp_core.montecarlo import monte_carlo

    out = np.full(len(central), np.nan)
    for i, wc in enumerate(central):
        if np.isnan(wc).any():
            continue
        if spread == 0:
            out[i] = float(batch_competition_ranks((L @ wc)[None, :], decimals)[0, i] == 1)
            continue
        weights = {c: float(x) for c, x in zip(criteria, wc, strict=True) if x > 0}
        mc = monte_carlo(model, draws, spread, seed=seed, criterion_weights=weights)
        ranks = batch_competition_ranks(mc.composite, decimals)
        out[i] = float(np.mean(ranks[:, i] == 1))
    return out


def _frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a.flags.writeable = False
    return a
