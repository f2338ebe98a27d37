"""Group judgments: one pairwise matrix aggregated over several experts (AIJ, AIP).

Every function here takes one pairwise matrix per expert (the same elements,
in the same order). A judgment an expert did not give is ``None`` or NaN,
in both ``a_ij`` and ``a_ji``. Results are frozen dataclasses whose arrays are
read-only.

Methods (Forman & Peniwati 1998, "Aggregating individual judgments and
priorities with the analytic hierarchy process", EJOR 108:165-169):

* **AIJ**, aggregation of individual judgments: the group judgment of a pair
  is the weighted geometric mean of the experts' judgments of that pair,
  ``a_ij = prod_k a_ij^(k) ** (l_k / sum l)`` over the experts ``k`` who
  judged it (weights ``l_k`` renormalised over them). It keeps reciprocity,
  and the group priorities come from the group matrix.
* **AIP**, aggregation of individual priorities: each expert's priority
  vector (from their own matrix) is combined by the weighted geometric mean
  ``w_j = prod_k w_j^(k) ** l_k``, normalised to sum 1. Its group matrix is
  the consistent matrix ``w_i / w_j``.

Incomplete matrices are completed by Harker's method (Harker 1987): the
priorities are the Perron vector of the matrix with ``c_ij = 0`` for a
missing pair and ``c_ii = 1 + (missing pairs in row i)``; filling a missing
``a_ij`` with ``w_i / w_j`` leaves that vector the principal eigenvector, so
the completed matrix has the same priorities and its CR is reported.

How far the experts agree (Goepel's consensus S*, Saaty's compatibility
index, the spread of each pair) is computed in :mod:`anp_core.agreement`;
its names are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from anp_core.agreement import (
    COMPATIBILITY_THRESHOLD,
    SCALE_MAX,
    Consensus,
    PairSpread,
    compatibility_index,
    consensus,
    consensus_word,
    normalised_weights,
    pair_spreads,
)
from anp_core.errors import InvalidJudgmentError
from anp_core.kernel import frozen
from anp_core.pairwise import JUDGMENT_MAX, PairwiseMatrix, check_judgments, consistent_matrix

__all__ = [
    "COMPATIBILITY_THRESHOLD",
    "MAX_JUDGMENT",
    "SCALE_MAX",
    "Aggregate",
    "Consensus",
    "ExpertResult",
    "PairSpread",
    "aggregate",
    "compatibility_index",
    "complete_harker",
    "consensus",
    "consensus_word",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Method = Literal["aij", "aip"]

#: Largest ratio accepted in one judgment (and smallest, its inverse): far beyond any
#: scale in use (Saaty's 9, reconstructed ratios in the tens), small enough that
#: priorities and entropies stay well inside floating point.
MAX_JUDGMENT = JUDGMENT_MAX


@dataclass(frozen=True)
class ExpertResult:
    """One expert's matrix as the aggregation saw it.

    ``priorities`` and ``cr`` are ``None`` when the expert's judgments do not
    connect every element (``note`` says so). ``compatibility`` is Saaty's
    compatibility index of the expert's judgments with the group priorities
    (1 = fully compatible; above 1.1 Saaty calls it incompatible).
    """

    index: int
    weight: float
    n_judgments: int
    n_pairs: int
    priorities: FloatArray | None
    cr: float | None
    compatibility: float | None
    note: str = ""

    @property
    def complete(self) -> bool:
        """Whether the expert judged every pair."""
        return self.n_judgments == self.n_pairs


@dataclass(frozen=True)
class Aggregate:
    """The group result of one pairwise matrix.

    Attributes
    ----------
    method : {"aij", "aip"}
    labels : tuple of str
    matrix : ndarray (n, n), read-only
        The group judgments; NaN where no expert judged the pair (AIJ). For
        AIP, the consistent matrix ``w_i / w_j`` of the group priorities.
    completed : ndarray (n, n), read-only
        ``matrix`` with missing pairs filled with ``w_i / w_j`` (Harker).
    priorities : ndarray (n,), read-only
        Group priorities (sum 1).
    cr : float or None
        Consistency ratio of ``completed`` (default RI table) under AIJ;
        ``None`` under AIP, where the group matrix is built from priorities
        (``w_i / w_j``, consistent by construction), so no group CR applies.
    judged_by : ndarray (n, n) of int, read-only
        How many experts (with weight > 0) judged each pair.
    experts : tuple of ExpertResult
    consensus : Consensus or None
        ``None`` with fewer than two experts that have priorities.
    disagreements : tuple of PairSpread
        Pairs judged by two or more experts, largest spread first.
    """

    method: Method
    labels: tuple[str, ...]
    matrix: FloatArray
    completed: FloatArray
    priorities: FloatArray
    cr: float | None
    judged_by: IntArray
    experts: tuple[ExpertResult, ...]
    consensus: Consensus | None
    disagreements: tuple[PairSpread, ...]

    @property
    def n(self) -> int:
        """Number of compared elements."""
        return len(self.labels)

    @property
    def missing_pairs(self) -> tuple[tuple[int, int], ...]:
        """Pairs ``(i, j)``, ``i < j``, that no weighted expert judged."""
        iu = np.triu_indices(self.n, 1)
        return tuple((int(i), int(j)) for i, j in zip(*iu, strict=True) if self.judged_by[i, j] == 0)

    @property
    def most_disputed(self) -> PairSpread | None:
        """The pair the experts disagree on most, or None when they agree on every pair (spread ~1)."""
        top = self.disagreements[0] if self.disagreements else None
        return top if top is not None and top.disputed else None

    def upper_values(self) -> list[list[float | None]]:
        """Return ``matrix`` as nested lists with ``None`` for a missing pair (JSON-ready)."""
        return [[None if math.isnan(v) else float(v) for v in row] for row in self.matrix.tolist()]


def _as_matrix(values: object, k: int, n: int | None) -> FloatArray:
    if isinstance(values, PairwiseMatrix):
        return np.array(values.values, dtype=float)
    try:
        rows = [[math.nan if v is None else v for v in row] for row in values]  # type: ignore[attr-defined]
        arr = np.array(rows, dtype=float)
    except (TypeError, ValueError) as exc:
        msg = f"expert {k + 1}: judgments must be numbers or None ({exc})"
        raise InvalidJudgmentError(msg) from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        msg = f"expert {k + 1}: a pairwise matrix must be square and non-empty, got shape {arr.shape}"
        raise InvalidJudgmentError(msg)
    if n is not None and arr.shape[0] != n:
        msg = f"expert {k + 1}: {arr.shape[0]} x {arr.shape[0]} matrix, the others are {n} x {n}"
        raise InvalidJudgmentError(msg)
    return arr


def complete_harker(values: npt.ArrayLike, labels: Sequence[str] | None = None) -> FloatArray:
    r"""Return an incomplete reciprocal matrix completed by Harker's method (a new array).

    Missing judgments (NaN or None) become :math:`a_{ij} = w_i / w_j` with
    :math:`w` Harker's priorities (:meth:`anp_core.PairwiseMatrix.completed`);
    the completed matrix has the same priorities, and its CR is the one
    reported for an incomplete matrix.

    Raises
    ------
    InvalidJudgmentError
        On a bad judgment, or when the given pairs do not connect every
        element (the message names the pairs still needed).

    References
    ----------
    Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
    hierarchy process. Mathematical Modelling 9(11), 837-848.

    Examples
    --------
    >>> nan = float("nan")
    >>> A = complete_harker([[1, 2, nan], [0.5, 1, 2], [nan, 0.5, 1]])
    >>> round(float(A[0, 2]), 6)
    4.0
    """
    return PairwiseMatrix(values, labels).completed()


def _aij(stack: FloatArray, lam: FloatArray) -> tuple[FloatArray, IntArray]:
    known = ~np.isnan(stack) & (lam[:, None, None] > 0)
    wk = np.where(known, lam[:, None, None], 0.0)
    total = wk.sum(axis=0)
    logs = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_log = (wk * logs).sum(axis=0) / total
    group = np.where(total > 0, np.exp(mean_log), np.nan)
    # exact reciprocity, exact unit diagonal
    iu = np.triu_indices(group.shape[0], 1)
    group.T[iu] = 1.0 / group[iu]
    np.fill_diagonal(group, 1.0)
    return group, known.sum(axis=0).astype(np.int64)


def aggregate(
    matrices: Sequence[object],
    method: str = "aij",
    weights: npt.ArrayLike | None = None,
    *,
    labels: Sequence[str] | None = None,
    name: str = "matrix",
    scale_max: float = SCALE_MAX,
) -> Aggregate:
    """Aggregate several experts' judgments of one pairwise matrix.

    Parameters
    ----------
    matrices : sequence of array_like (n, n) or PairwiseMatrix
        One matrix per expert, same elements in the same order. A missing
        judgment is ``None`` or NaN (in both ``a_ij`` and ``a_ji``); an expert
        who judged nothing is kept with a note and contributes nothing.
    method : {"aij", "aip"}
        ``aij`` (default): weighted geometric mean of the judgments, pair by
        pair, over the experts who judged the pair. ``aip``: weighted
        geometric mean of the experts' priority vectors, normalised.
    weights : array_like (K,), optional
        Expert weights (>= 0; equal by default). They are renormalised over
        the experts who contribute to each pair (AIJ) or who have priorities
        (AIP).
    labels : sequence of str, optional
        Element names (default "1".."n").
    name : str
        Matrix name used in messages.
    scale_max : float
        Largest value of the judgment scale, for the consensus (9).

    Returns
    -------
    Aggregate

    Raises
    ------
    InvalidJudgmentError
        On a bad judgment (named by expert and pair), no experts, matrices of
        different sizes, an unknown method, bad weights, or when the pooled
        judgments do not connect every element.

    References
    ----------
    Forman, E., Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. EJOR 108(1), 165-169.

    Examples
    --------
    >>> g = aggregate([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]])
    >>> round(float(g.matrix[0, 1]), 6), [round(float(x), 4) for x in g.priorities]
    (2.0, [0.6667, 0.3333])
    >>> round(float(aggregate([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]], "aip").priorities[0]), 4)
    0.6667
    """
    if method not in ("aij", "aip"):
        msg = f"unknown aggregation method {method!r}; choose 'aij' or 'aip'"
        raise InvalidJudgmentError(msg)
    if len(matrices) == 0:
        msg = f"{name}: no expert matrices to aggregate"
        raise InvalidJudgmentError(msg)
    arrays: list[FloatArray] = []
    size: int | None = None
    for k, m in enumerate(matrices):
        arr = _as_matrix(m, k, size)
        size = arr.shape[0]
        arrays.append(arr)
    assert size is not None
    names = tuple(str(x) for x in labels) if labels is not None else tuple(str(i + 1) for i in range(size))
    if len(names) != size:
        msg = f"{name}: {len(names)} labels for a {size} x {size} matrix"
        raise InvalidJudgmentError(msg)
    for k, arr in enumerate(arrays):
        check_judgments(arr, names, f"{name}, expert {k + 1}")
    lam_all = normalised_weights(weights, len(arrays))
    stack = np.stack(arrays)
    n_pairs = size * (size - 1) // 2
    iu = np.triu_indices(size, 1)

    individual: list[tuple[FloatArray | None, float | None, str]] = []
    for arr in arrays:
        given = int((~np.isnan(arr[iu])).sum())
        if n_pairs and given == 0:
            individual.append((None, None, "no judgments"))
            continue
        try:
            pm = PairwiseMatrix(arr, names, name=name)
        except InvalidJudgmentError as exc:  # values were checked above: the judgments are disconnected
            individual.append((None, None, str(exc)))
            continue
        individual.append((pm.priorities(), pm.cr, "" if given == n_pairs else "incomplete (Harker)"))

    if method == "aij":
        group, judged = _aij(stack, lam_all)
        group_known = ~np.isnan(group)
        if n_pairs and not group_known[iu].any():
            msg = f"{name}: no expert with weight > 0 judged any pair"
            raise InvalidJudgmentError(msg)
        pm = PairwiseMatrix(group, names, name=name)
        completed = pm.completed()
        prio = pm.priorities()
        group_cr: float | None = float(pm.cr)
    else:
        have = np.array([p is not None and lam_all[k] > 0 for k, (p, _, _) in enumerate(individual)])
        if not have.any():
            msg = f"{name}: no expert with weight > 0 has judgments that connect every element"
            raise InvalidJudgmentError(msg)
        lam = np.where(have, lam_all, 0.0)
        lam = lam / lam.sum()
        logs = np.stack([np.log(p) if p is not None else np.zeros(size) for p, _, _ in individual])
        g = np.exp(lam @ logs)
        prio = g / g.sum()
        group = consistent_matrix(prio)
        completed = group.copy()
        judged = (~np.isnan(stack) & (lam_all[:, None, None] > 0)).sum(axis=0).astype(np.int64)
        group_cr = None  # w_i / w_j is consistent by construction: a group CR would always be 0

    with_prio = [k for k, (p, _, _) in enumerate(individual) if p is not None and lam_all[k] > 0]
    cons = None
    if len(with_prio) >= 2:
        cons = consensus(
            np.stack([individual[k][0] for k in with_prio]),  # type: ignore[misc]
            lam_all[with_prio],
            scale_max=scale_max,
        )
    experts = tuple(
        ExpertResult(
            index=k,
            weight=float(lam_all[k]),
            n_judgments=int((~np.isnan(arrays[k][iu])).sum()),
            n_pairs=n_pairs,
            priorities=frozen(np.array(p, dtype=float)) if p is not None else None,
            cr=cr,
            compatibility=(
                compatibility_index(arrays[k], prio)
                if (~np.isnan(arrays[k][iu])).any() or size == 1
                else None
            ),
            note=note,
        )
        for k, (p, cr, note) in enumerate(individual)
    )
    judged_ro = np.array(judged, dtype=np.int64)
    judged_ro.setflags(write=False)
    return Aggregate(
        method="aij" if method == "aij" else "aip",
        labels=names,
        matrix=frozen(np.array(group, dtype=float)),
        completed=frozen(np.array(completed, dtype=float)),
        priorities=frozen(np.array(prio, dtype=float)),
        cr=group_cr,
        judged_by=judged_ro,
        experts=experts,
        consensus=cons,
        disagreements=pair_spreads(stack, lam_all, names),
    )
