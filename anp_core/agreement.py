"""How far experts agree: Goepel's consensus S*, Saaty's compatibility index, the spread of each pair.

* **Consensus** is Goepel's AHP consensus indicator S* (Goepel 2013, 2018),
  based on the partition of Shannon diversity of the experts' priority
  vectors into alpha (within) and beta (between) parts; see
  :func:`consensus`, and :func:`consensus_word` for its word scale.
* **Compatibility** of one expert's judgments with the group priorities is
  Saaty's compatibility index (Saaty & Peniwati 2008); see
  :func:`compatibility_index`.
* **Disagreement** on one pair is the weighted standard deviation of the
  log judgments of the experts who judged it; see :func:`pair_spreads`.

Expert weights are checked and normalised by :func:`normalised_weights`.
:func:`anp_core.aggregation.aggregate` reports all of these beside the
group judgments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from anp_core.errors import InvalidJudgmentError

__all__ = [
    "AGREEMENT_SPREAD",
    "COMPATIBILITY_THRESHOLD",
    "SCALE_MAX",
    "Consensus",
    "PairSpread",
    "compatibility_index",
    "consensus",
    "consensus_word",
    "normalised_weights",
    "pair_spreads",
]

FloatArray = npt.NDArray[np.float64]

#: Largest value of Saaty's fundamental scale (enters Goepel's correction).
SCALE_MAX = 9.0
#: Saaty's threshold for the compatibility index (Saaty & Peniwati 2008).
COMPATIBILITY_THRESHOLD = 1.1

# Goepel's word scale for S* (bpmsg.com, "AHP consensus indicator", 2015).
_CONSENSUS_WORDS: tuple[tuple[float, str], ...] = (
    (0.5, "very low"),
    (0.625, "low"),
    (0.75, "moderate"),
    (0.875, "high"),
)


@dataclass(frozen=True)
class Consensus:
    """Goepel's AHP consensus of a set of priority vectors (see :func:`consensus`).

    ``s_star`` is the consensus indicator S* (0 = none, 1 = all experts have
    the same priorities); ``homogeneity`` is the uncorrected relative
    homogeneity S; ``h_alpha``, ``h_beta``, ``h_gamma`` are the Shannon
    entropies (natural log) and ``d_beta = exp(h_beta)``.
    """

    s_star: float
    homogeneity: float
    h_alpha: float
    h_beta: float
    h_gamma: float
    d_beta: float
    n_experts: int

    @property
    def word(self) -> str:
        """Goepel's word for the value of S* (very low … very high)."""
        return consensus_word(self.s_star)


@dataclass(frozen=True)
class PairSpread:
    """How much the experts disagree on one pair ``(row, col)``, ``row < col``.

    ``log_sd`` is the weighted standard deviation of ``ln a_ij`` over the
    experts who judged the pair; ``geometric_sd = exp(log_sd)`` (1 = all
    agree, 3 = typical factor of 3 between an expert and the group value).
    ``low`` and ``high`` are the smallest and largest judgment given.
    """

    row: int
    col: int
    row_label: str
    col_label: str
    n_judgments: int
    log_sd: float
    geometric_sd: float
    low: float
    high: float

    @property
    def disputed(self) -> bool:
        """Whether the experts differ on the pair: ``geometric_sd`` above :data:`AGREEMENT_SPREAD`."""
        return self.geometric_sd > AGREEMENT_SPREAD


#: Largest geometric spread still counted as "every expert agrees". Two distinct
#: points of Saaty's scale (9 and 8) already give a spread of about 1.06; 1.01
#: only absorbs rounding, so equal answers are never named as a dispute.
AGREEMENT_SPREAD = 1.01


def consensus_word(s_star: float) -> str:
    """Return Goepel's word for an AHP consensus value.

    Below 0.5 "very low", then "low" (to 0.625), "moderate" (to 0.75),
    "high" (to 0.875) and "very high" (Goepel, bpmsg.com 2015, from 140 nodes
    of 35 AHP group projects).

    Examples
    --------
    >>> consensus_word(0.4), consensus_word(0.7), consensus_word(0.95)
    ('very low', 'moderate', 'very high')
    """
    for bound, word in _CONSENSUS_WORDS:
        if s_star < bound:
            return word
    return "very high"


def consensus(
    priorities: npt.ArrayLike,
    weights: npt.ArrayLike | None = None,
    *,
    scale_max: float = SCALE_MAX,
) -> Consensus:
    r"""Return Goepel's AHP consensus indicator S* of K experts' priority vectors.

    With :math:`w^{(k)}` the experts' priorities (n elements) and
    :math:`\lambda_k` the expert weights (normalised; equal by default):

    .. math::

        H_\alpha = \sum_k \lambda_k H(w^{(k)}), \quad
        H_\gamma = H\Big(\sum_k \lambda_k w^{(k)}\Big), \quad
        H_\beta = H_\gamma - H_\alpha, \quad D_\beta = e^{H_\beta}

    with the Shannon entropy :math:`H(p) = -\sum_j p_j \ln p_j`. Goepel's
    correction uses the least alpha entropy reachable on a scale with maximum
    :math:`M` (one element M times each other one) and the largest gamma
    entropy :math:`\ln n`:

    .. math::

        H_{\alpha,min} = -\tfrac{M}{n+M-1}\ln\tfrac{M}{n+M-1}
            - (n-1)\tfrac{1}{n+M-1}\ln\tfrac{1}{n+M-1}, \quad
        c = e^{\ln n - H_{\alpha,min}}, \quad
        S^* = \frac{1/D_\beta - 1/c}{1 - 1/c}.

    :math:`S^* = 1` when every expert has the same priorities. Judgments
    beyond the scale (above M) can push it below 0. The relative homogeneity
    :math:`S = (1/D_\beta - 1/K)/(1 - 1/K)` is reported beside it. With
    unequal weights the averages are weighted (Goepel's are plain means).

    Parameters
    ----------
    priorities : array_like (K, n)
        One priority vector per row, each positive and summing to 1.
    weights : array_like (K,), optional
        Expert weights (>= 0, not all 0).
    scale_max : float
        Largest judgment of the scale used (9 for Saaty's).

    Raises
    ------
    InvalidJudgmentError
        With fewer than two experts, or a vector that is not positive.

    References
    ----------
    Goepel, K. D. (2013). Implementing the analytic hierarchy process as a
    standard method for multi-criteria decision making in corporate
    enterprises. Proc. ISAHP 2013, Kuala Lumpur.
    Goepel, K. D. (2018). Implementation of an online software tool for the
    analytic hierarchy process (AHP-OS). IJAHP 10(3), 469-487.

    Examples
    --------
    >>> round(consensus([[0.5, 0.3, 0.2], [0.5, 0.3, 0.2]]).s_star, 6)
    1.0
    >>> round(consensus([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]).s_star, 3)
    0.321
    """
    p = np.asarray(priorities, dtype=float)
    if p.ndim != 2 or p.shape[0] < 2:
        msg = "consensus needs the priorities of at least two experts"
        raise InvalidJudgmentError(msg)
    if not np.all(np.isfinite(p)) or np.any(p <= 0):
        msg = "consensus: every priority must be finite and > 0"
        raise InvalidJudgmentError(msg)
    k, n = p.shape
    lam = normalised_weights(weights, k)
    p = p / p.sum(axis=1, keepdims=True)
    h_each = -(p * np.log(p)).sum(axis=1)
    h_alpha = float(lam @ h_each)
    pooled = lam @ p
    h_gamma = float(-(pooled * np.log(pooled)).sum())
    h_beta = max(h_gamma - h_alpha, 0.0)
    d_beta = math.exp(h_beta)
    m = float(scale_max)
    big, small = m / (n + m - 1.0), 1.0 / (n + m - 1.0)
    h_alpha_min = -big * math.log(big) - (n - 1) * small * math.log(small)
    cor = math.exp(math.log(n) - h_alpha_min)
    s_star = (1.0 / d_beta - 1.0 / cor) / (1.0 - 1.0 / cor) if cor > 1.0 else 1.0
    k_eff = 1.0 / float(np.sum(lam**2))  # equals K for equal weights
    homogeneity = (1.0 / d_beta - 1.0 / k_eff) / (1.0 - 1.0 / k_eff) if k_eff > 1.0 else 1.0
    return Consensus(
        s_star=float(s_star),
        homogeneity=float(homogeneity),
        h_alpha=h_alpha,
        h_beta=h_beta,
        h_gamma=h_gamma,
        d_beta=d_beta,
        n_experts=k,
    )


def compatibility_index(values: npt.ArrayLike, priorities: npt.ArrayLike) -> float:
    r"""Return Saaty's compatibility index of judgments with a priority vector.

    :math:`S = \frac{1}{|K|}\sum_{(i,j) \in K} a_{ij}\, w_j / w_i` over the
    known cells :math:`K` (diagonal included); for a complete matrix this is
    :math:`e^T (A \circ W^T) e / n^2` (Saaty & Peniwati 2008, ch. 5). It is 1
    when the judgments are exactly the ratios of ``priorities``; Saaty takes
    up to 1.1 as compatible.

    Examples
    --------
    >>> compatibility_index([[1, 2], [0.5, 1]], [2 / 3, 1 / 3])
    1.0
    """
    a = np.asarray(values, dtype=float)
    w = np.asarray(priorities, dtype=float)
    ratio = a * np.outer(1.0 / w, w)
    known = ~np.isnan(ratio)
    return float(ratio[known].mean())


def normalised_weights(weights: npt.ArrayLike | None, k: int) -> FloatArray:
    """Return ``k`` expert weights divided by their sum (equal weights when ``weights`` is None).

    Raises
    ------
    InvalidJudgmentError
        Not ``k`` weights, a weight that is negative or not finite, or all 0.

    Examples
    --------
    >>> normalised_weights([1, 3], 2).tolist(), normalised_weights(None, 4).tolist()
    ([0.25, 0.75], [0.25, 0.25, 0.25, 0.25])
    """
    if weights is None:
        return np.full(k, 1.0 / k)
    w = np.asarray(weights, dtype=float)
    if w.shape != (k,):
        msg = f"{w.size} weights for {k} experts"
        raise InvalidJudgmentError(msg)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        msg = "expert weights must be finite and >= 0"
        raise InvalidJudgmentError(msg)
    total = float(w.sum())
    if total <= 0:
        msg = "at least one expert weight must be > 0"
        raise InvalidJudgmentError(msg)
    return w / total


def pair_spreads(stack: FloatArray, lam: FloatArray, labels: Sequence[str]) -> tuple[PairSpread, ...]:
    r"""Return how much the experts disagree on each pair judged by two or more, largest spread first.

    For pair :math:`(i, j)`, :math:`i < j`, over the experts :math:`k` with
    weight > 0 who judged it (weights :math:`\lambda_k` renormalised over
    them): :math:`\bar x = \sum_k \lambda_k \ln a^{(k)}_{ij}` and
    :math:`sd = \sqrt{\sum_k \lambda_k (\ln a^{(k)}_{ij} - \bar x)^2}`.

    Parameters
    ----------
    stack : ndarray (K, n, n)
        The experts' matrices, NaN where a pair was not judged.
    lam : ndarray (K,)
        Expert weights (normalised, see :func:`normalised_weights`).
    labels : sequence of str
        Element names.
    """
    out: list[PairSpread] = []
    n = stack.shape[1]
    for i in range(n):
        for j in range(i + 1, n):
            col = stack[:, i, j]
            use = ~np.isnan(col) & (lam > 0)
            if use.sum() < 2:
                continue
            x = np.log(col[use])
            wts = lam[use] / lam[use].sum()
            mean = float(wts @ x)
            sd = math.sqrt(max(float(wts @ (x - mean) ** 2), 0.0))
            out.append(
                PairSpread(
                    row=i,
                    col=j,
                    row_label=labels[i],
                    col_label=labels[j],
                    n_judgments=int(use.sum()),
                    log_sd=sd,
                    geometric_sd=math.exp(sd),
                    low=float(col[use].min()),
                    high=float(col[use].max()),
                )
            )
    out.sort(key=lambda s: (-s.log_sd, s.row, s.col))
    return tuple(out)
