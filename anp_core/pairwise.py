"""Pairwise comparison matrices: validation, priorities and consistency.

Conventions follow ``ANP_METHOD.md`` section 1 and Saaty (1980, 2001): a
judgment matrix ``A`` is square, finite, positive, has a unit diagonal and is
reciprocal (``a_ji = 1 / a_ij`` within a relative error of 1e-6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from anp_core.errors import InvalidJudgmentError

__all__ = [
    "CR_THRESHOLD",
    "DEFAULT_RI_TABLE",
    "RI_TABLES",
    "InconsistentJudgment",
    "PairwiseMatrix",
    "consistent_matrix",
    "eigen_priorities",
    "random_index",
]

FloatArray = npt.NDArray[np.float64]

RECIPROCAL_RTOL = 1e-6
CR_THRESHOLD = 0.10

_RI_VALUES: dict[str, tuple[float, ...]] = {
    # RI(n) for n = 3 .. 15
    "superdecisions": (0.52, 0.89, 1.12, 1.25, 1.35, 1.40, 1.45, 1.49, 1.51, 1.54, 1.56, 1.57, 1.58),
    "saaty1980": (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59),
}


def _alonso_lamata(n: int) -> float:
    """Alonso & Lamata (2006) linear fit ``RI = (1.7699 n - 4.3513) / (n - 1)``."""
    return (1.7699 * n - 4.3513) / (n - 1)


#: Human-readable names of the random-index tables, shown wherever a CR is shown.
RI_TABLES: dict[str, str] = {
    "superdecisions": "Super Decisions RI table (n = 3-15)",
    "saaty1980": "Saaty (1980) RI table (n = 3-15)",
    "alonso_lamata2006": "Alonso-Lamata (2006) linear fit (1.7699 n - 4.3513)/(n - 1)",
}
DEFAULT_RI_TABLE = "superdecisions"


def random_index(n: int, table: str = DEFAULT_RI_TABLE) -> float:
    """Return the random consistency index RI(n) of the named table.

    ``RI = 0`` for ``n <= 2``. The ``superdecisions`` and ``saaty1980`` tables
    cover n = 3-15; above 15 both fall back to the Alonso & Lamata (2006)
    linear fit ``(1.7699 n - 4.3513) / (n - 1)``, which agrees with the tables
    to about 1 % at n = 15. ``alonso_lamata2006`` uses the fit for every n.

    Examples
    --------
    >>> random_index(3), random_index(3, "saaty1980")
    (0.52, 0.58)
    >>> round(random_index(20), 4)
    1.634
    """
    if table not in RI_TABLES:
        allowed = ", ".join(RI_TABLES)
        msg = f"unknown RI table {table!r}; choose one of: {allowed}"
        raise InvalidJudgmentError(msg)
    if n <= 2:
        return 0.0
    if table == "alonso_lamata2006" or n > 15:
        return _alonso_lamata(n)
    return _RI_VALUES[table][n - 3]


def eigen_priorities(matrix: FloatArray) -> tuple[FloatArray, float]:
    r"""Return the principal right eigenvector (sum 1) and :math:`\lambda_{max}`.

    For a positive matrix the Perron root is real, simple and has a positive
    eigenvector (Perron-Frobenius); Saaty (1980, ch. 3) takes it as the
    priority vector. Computed with ``numpy.linalg.eig``.

    Examples
    --------
    >>> w, lam = eigen_priorities(np.array([[1.0, 3.0], [1 / 3, 1.0]]))
    >>> np.round(w, 2).tolist(), round(lam, 6)
    ([0.75, 0.25], 2.0)
    """
    n = matrix.shape[0]
    if n == 1:
        return np.ones(1), 1.0
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def consistent_matrix(weights: Sequence[float] | FloatArray) -> FloatArray:
    """Return the perfectly consistent matrix ``a_ij = w_i / w_j``.

    Examples
    --------
    >>> np.round(consistent_matrix([0.6, 0.2, 0.2]), 4).tolist()
    [[1.0, 3.0, 3.0], [0.3333, 1.0, 1.0], [0.3333, 1.0, 1.0]]
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or not np.all(np.isfinite(w)) or np.any(w <= 0):
        msg = "weights must be a 1-D vector of finite values > 0"
        raise InvalidJudgmentError(msg)
    return np.outer(w, 1.0 / w)


@dataclass(frozen=True)
class InconsistentJudgment:
    """The judgment that departs most from the matrix's own priorities.

    ``error = a_ij * w_j / w_i`` (Saaty's e_ij, 1 for a consistent judgment);
    ``consistent_value = w_i / w_j`` is the value that would agree with the
    current priorities.
    """

    row: int
    col: int
    row_label: str
    col_label: str
    value: float
    consistent_value: float
    error: float


class PairwiseMatrix:
    """A validated reciprocal pairwise comparison matrix.

    Parameters
    ----------
    values : array_like, shape (n, n)
        Judgments ``a_ij``: how much more element i dominates element j.
    labels : sequence of str, optional
        Element names used in messages and results (default ``"1".."n"``).
    name : str, optional
        Name of the matrix, used in error messages.

    Raises
    ------
    InvalidJudgmentError
        If the matrix is not square, holds a non-finite or non-positive value,
        has a diagonal entry other than 1, or breaks reciprocity
        (``|a_ij * a_ji - 1| > 1e-6``). The message names the cell by labels.

    Examples
    --------
    >>> A = PairwiseMatrix([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], labels="abc")
    >>> np.round(A.priorities(), 4).tolist()
    [0.5714, 0.2857, 0.1429]
    >>> round(A.cr, 12)
    0.0
    """

    def __init__(
        self,
        values: npt.ArrayLike,
        labels: Sequence[str] | None = None,
        *,
        name: str = "matrix",
    ) -> None:
        self.name = name
        try:
            arr = np.array(values, dtype=float)
        except (TypeError, ValueError) as exc:
            msg = f"{name}: judgments must be numbers ({exc})"
            raise InvalidJudgmentError(msg) from None
        if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
            msg = f"{name}: a pairwise matrix must be square and non-empty, got shape {arr.shape}"
            raise InvalidJudgmentError(msg)
        n = arr.shape[0]
        if labels is None:
            labels = [str(i + 1) for i in range(n)]
        labels = [str(x) for x in labels]
        if len(labels) != n:
            msg = f"{name}: {len(labels)} labels for a {n} x {n} matrix"
            raise InvalidJudgmentError(msg)
        self.labels: tuple[str, ...] = tuple(labels)
        _validate(arr, self.labels, name)
        arr.setflags(write=False)
        self.values: FloatArray = arr

    @property
    def n(self) -> int:
        """Number of compared elements."""
        return int(self.values.shape[0])

    def __repr__(self) -> str:
        return f"PairwiseMatrix({self.name!r}, n={self.n}, cr={self.cr:.4f})"

    @cached_property
    def _eigen(self) -> tuple[FloatArray, float]:
        return eigen_priorities(self.values)

    def priorities(self, method: str = "eigen") -> FloatArray:
        """Return the priority vector (sums to 1).

        Parameters
        ----------
        method : {"eigen", "geometric"}
            ``eigen``: principal right eigenvector (Saaty, the default).
            ``geometric``: normalised geometric means of the rows
            (Crawford & Williams 1985), equal to ``eigen`` for a consistent
            matrix.
        """
        if method == "eigen":
            return self._eigen[0].copy()
        if method == "geometric":
            g = np.exp(np.log(self.values).mean(axis=1))
            return g / g.sum()
        msg = f"unknown priority method {method!r}; choose 'eigen' or 'geometric'"
        raise InvalidJudgmentError(msg)

    @property
    def lambda_max(self) -> float:
        """Principal eigenvalue (``>= n``; ``== n`` iff consistent)."""
        return max(self._eigen[1], float(self.n))

    @property
    def ci(self) -> float:
        """Consistency index ``CI = (lambda_max - n) / (n - 1)`` (0 for n <= 2)."""
        if self.n <= 2:
            return 0.0
        return (self.lambda_max - self.n) / (self.n - 1)

    def consistency_ratio(self, ri_table: str = DEFAULT_RI_TABLE) -> float:
        """Return ``CR = CI / RI(n)`` with the named RI table (0 for n <= 2)."""
        ri = random_index(self.n, ri_table)
        return 0.0 if ri == 0 else self.ci / ri

    @property
    def cr(self) -> float:
        """Consistency ratio with the default RI table (Super Decisions)."""
        return self.consistency_ratio()

    def is_consistent(self, ri_table: str = DEFAULT_RI_TABLE) -> bool:
        """Return whether ``CR <= 0.10`` (Saaty's acceptance threshold)."""
        return self.consistency_ratio(ri_table) <= CR_THRESHOLD

    def most_inconsistent(self) -> InconsistentJudgment | None:
        """Return the judgment with the largest ``|log(a_ij w_j / w_i)|``.

        Saaty (2003) suggests revising first the judgment whose ratio to the
        derived priorities ``w_i / w_j`` departs most from 1. Returns ``None``
        for n <= 2 (always consistent).
        """
        if self.n <= 2:
            return None
        w = self.priorities()
        err = self.values * np.outer(1.0 / w, w)
        dev = np.abs(np.log(err))
        dev[np.tril_indices(self.n)] = -1.0
        i, j = np.unravel_index(int(np.argmax(dev)), dev.shape)
        i, j = int(i), int(j)
        return InconsistentJudgment(
            row=i,
            col=j,
            row_label=self.labels[i],
            col_label=self.labels[j],
            value=float(self.values[i, j]),
            consistent_value=float(w[i] / w[j]),
            error=float(err[i, j]),
        )

    def with_judgment(self, row: int, col: int, value: float) -> PairwiseMatrix:
        """Return a copy with ``a[row, col] = value`` and its reciprocal set."""
        if row == col:
            msg = f"{self.name}: the diagonal is fixed at 1"
            raise InvalidJudgmentError(msg)
        arr = self.values.copy()
        arr[row, col] = value
        arr[col, row] = 1.0 / value if value != 0 else 0.0
        return PairwiseMatrix(arr, self.labels, name=self.name)

    @classmethod
    def from_priorities(
        cls, weights: Sequence[float] | FloatArray, labels: Sequence[str] | None = None
    ) -> PairwiseMatrix:
        """Build the consistent matrix ``a_ij = w_i / w_j`` of a weight vector."""
        return cls(consistent_matrix(weights), labels)


def _validate(arr: FloatArray, labels: Sequence[str], name: str) -> None:
    """Raise InvalidJudgmentError naming the first bad cell, row-major."""
    bad = ~np.isfinite(arr) | (arr <= 0)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        msg = (
            f"{name}: judgment ({labels[i]}, {labels[j]}) = {float(arr[i, j]):g} — "
            "judgments must be finite and > 0 (Saaty scale 1/9 … 9)"
        )
        raise InvalidJudgmentError(msg)
    diag = np.abs(np.diag(arr) - 1.0) > RECIPROCAL_RTOL
    if diag.any():
        i = int(np.argmax(diag))
        msg = f"{name}: diagonal judgment ({labels[i]}, {labels[i]}) = {float(arr[i, i]):g} — must be 1"
        raise InvalidJudgmentError(msg)
    prod = arr * arr.T
    off = np.abs(prod - 1.0) > RECIPROCAL_RTOL
    if off.any():
        i, j = (int(k) for k in np.argwhere(np.triu(off, 1))[0])
        msg = (
            f"{name}: judgments ({labels[i]}, {labels[j]}) = {arr[i, j]:.6g} and "
            f"({labels[j]}, {labels[i]}) = {arr[j, i]:.6g} are not reciprocal — "
            f"expected {1.0 / arr[i, j]:.6g}"
        )
        raise InvalidJudgmentError(msg)
