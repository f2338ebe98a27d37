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
from scipy.sparse import csgraph

from anp_core import cache
from anp_core.errors import InvalidJudgmentError
from anp_core.i18n import N_
from anp_core.kernel import harker_matrix, llsm_priorities, principal_eigen
from anp_core.messages import Join, message

__all__ = [
    "CR_THRESHOLD",
    "DEFAULT_RI_TABLE",
    "RI_TABLES",
    "InconsistentJudgment",
    "PairwiseMatrix",
    "RepairSuggestion",
    "check_judgments",
    "consistent_matrix",
    "eigen_priorities",
    "pairs_to_connect",
    "random_index",
    "validated_matrix",
]

FloatArray = npt.NDArray[np.float64]

RECIPROCAL_RTOL = 1e-6
CR_THRESHOLD = 0.10
#: Judgments outside this range are refused: beyond it the eigenvector loses
#: its precision (a priority rounds to 0) and no comparison means anything.
JUDGMENT_MIN, JUDGMENT_MAX = 1e-6, 1e6
#: Saaty's fundamental scale; values beyond it are allowed but flagged.
SAATY_MIN, SAATY_MAX = 1 / 9, 9.0

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
    r"""Return the principal right eigenvector (sum 1) and :math:`\lambda_{max}` of one matrix.

    The single-matrix form of :func:`anp_core.kernel.principal_eigen`.

    Examples
    --------
    >>> w, lam = eigen_priorities(np.array([[1.0, 3.0], [1 / 3, 1.0]]))
    >>> np.round(w, 2).tolist(), round(lam, 6)
    ([0.75, 0.25], 2.0)
    """
    w, lam = principal_eigen(matrix)
    return w, float(lam)


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


@dataclass(frozen=True)
class RepairSuggestion:
    """Changing one judgment to the value consistent with the other judgments.

    ``value`` is the current judgment ``a_ij``; ``suggested`` the value that
    agrees with the priorities of the matrix without that judgment
    (``w_i / w_j`` of its Harker completion); ``cr_after`` the CR once it is
    applied, and ``cr_drop = cr - cr_after``.
    """

    row: int
    col: int
    row_label: str
    col_label: str
    value: float
    suggested: float
    cr_after: float
    cr_drop: float


PRIORITY_METHODS = ("eigen", "geometric")
INCOMPLETE_METHODS = ("harker", "llsm")


class PairwiseMatrix:
    """A validated reciprocal pairwise comparison matrix, possibly incomplete.

    Parameters
    ----------
    values : array_like, shape (n, n)
        Judgments ``a_ij``: how much more element i dominates element j.
        ``None`` or NaN marks a missing judgment (``a_ij`` and ``a_ji`` both
        missing); the given judgments must connect every element.
    labels : sequence of str, optional
        Element names used in messages and results (default ``"1".."n"``).
    name : str, optional
        Name of the matrix, used in error messages.
    incomplete : {"harker", "llsm"}
        How priorities are found when judgments are missing: Harker's
        eigenvector method (default, as Super Decisions and pyanp) or the
        logarithmic least-squares completion. The consistency figures are
        those of the matrix completed with ``a_ij = w_i / w_j``.

    Raises
    ------
    InvalidJudgmentError
        If the matrix is not square, holds a non-finite or non-positive value,
        has a diagonal entry other than 1, breaks reciprocity
        (``|a_ij * a_ji - 1| > 1e-6``), misses only one of ``a_ij``/``a_ji``,
        or its given judgments leave elements unconnected. The message names
        the cell by labels.

    Examples
    --------
    >>> A = PairwiseMatrix([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], labels="abc")
    >>> np.round(A.priorities(), 4).tolist()
    [0.5714, 0.2857, 0.1429]
    >>> round(A.cr, 12)
    0.0
    >>> B = PairwiseMatrix([[1, 2, None], [1 / 2, 1, 2], [None, 1 / 2, 1]], labels="abc")
    >>> B.missing_pairs, np.round(B.priorities(), 4).tolist()
    (((0, 2),), [0.5714, 0.2857, 0.1429])
    """

    def __init__(
        self,
        values: npt.ArrayLike,
        labels: Sequence[str] | None = None,
        *,
        name: str = "matrix",
        incomplete: str = "harker",
    ) -> None:
        self.name = name
        if incomplete not in INCOMPLETE_METHODS:
            msg = f"unknown method for missing judgments {incomplete!r}; choose 'harker' or 'llsm'"
            raise InvalidJudgmentError(msg)
        self.incomplete = incomplete
        arr = _as_float_array(values, name)
        if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
            text = message(
                N_("{name}: a pairwise matrix must be square and non-empty, got shape {shape}"),
                name=name,
                shape=str(arr.shape),
            )
            raise InvalidJudgmentError(text)
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
    def nbytes(self) -> int:
        """Memory held: the judgments, the eigenvector once computed, the labels (for the cache)."""
        return 3 * self.values.nbytes + sum(len(x) for x in self.labels) + 512

    @property
    def n(self) -> int:
        """Number of compared elements."""
        return int(self.values.shape[0])

    def __repr__(self) -> str:
        return f"PairwiseMatrix({self.name!r}, n={self.n}, cr={self.cr:.4f})"

    @cached_property
    def missing_pairs(self) -> tuple[tuple[int, int], ...]:
        """Index pairs ``(i, j)``, ``i < j``, whose judgment is missing."""
        i, j = np.nonzero(np.triu(np.isnan(self.values), 1))
        return tuple(zip(i.tolist(), j.tolist(), strict=True))

    @cached_property
    def outside_saaty_scale(self) -> tuple[tuple[int, int], ...]:
        """Index pairs ``(i, j)``, ``i < j``, whose judgment lies outside Saaty's 1/9 … 9 (allowed, flagged)."""
        v = np.triu(self.values, 1)
        tol = 1e-9
        i, j = np.nonzero((v > SAATY_MAX * (1 + tol)) | ((v > 0) & (v < SAATY_MIN * (1 - tol))))
        return tuple(zip(i.tolist(), j.tolist(), strict=True))

    @property
    def is_complete(self) -> bool:
        """Whether every judgment is given."""
        return not self.missing_pairs

    @cached_property
    def _eigen(self) -> tuple[FloatArray, float]:
        if self.is_complete:
            w, lam = eigen_priorities(self.values)
        else:
            if self.incomplete == "harker":
                w = principal_eigen(harker_matrix(self.values))[0]
            else:
                w = llsm_priorities(self.values)
            lam = float(principal_eigen(self._complete_with(w))[1])
        if not (np.isfinite(w).all() and (w >= 0).all() and np.isfinite(lam)):
            text = message(
                N_("{name}: the priority vector could not be computed reliably from these judgments"),
                name=self.name,
            )
            raise InvalidJudgmentError(text)
        w.setflags(write=False)
        return w, lam

    def _complete_with(self, w: FloatArray) -> FloatArray:
        return np.where(np.isnan(self.values), np.outer(w, 1.0 / w), self.values)

    def completed(self) -> FloatArray:
        """Return the matrix with each missing judgment filled by ``w_i / w_j`` (a copy)."""
        return self._complete_with(self._eigen[0]) if not self.is_complete else self.values.copy()

    def priorities(self, method: str = "eigen") -> FloatArray:
        """Return the priority vector (sums to 1, a new array).

        Parameters
        ----------
        method : {"eigen", "geometric"}
            ``eigen``: principal right eigenvector (Saaty, the default; for an
            incomplete matrix, the method chosen by ``incomplete``).
            ``geometric``: normalised geometric means of the rows (Crawford &
            Williams 1985; for an incomplete matrix, the logarithmic
            least-squares solution), equal to ``eigen`` for a consistent
            matrix.
        """
        if method == "eigen":
            return self._eigen[0].copy()
        if method == "geometric":
            return llsm_priorities(self.values)
        msg = f"unknown priority method {method!r}; choose 'eigen' or 'geometric'"
        raise InvalidJudgmentError(msg)

    @property
    def lambda_max(self) -> float:
        """Principal eigenvalue of the (completed) matrix (``>= n``; ``== n`` iff consistent)."""
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
        """Return the given judgment with the largest ``|log(a_ij w_j / w_i)|``.

        Saaty (2003) suggests revising first the judgment whose ratio to the
        derived priorities ``w_i / w_j`` departs most from 1. Returns ``None``
        for n <= 2 (always consistent).
        """
        if self.n <= 2:
            return None
        w = self._eigen[0]
        err = self.values * np.outer(1.0 / w, w)
        dev = np.abs(np.log(err))
        dev[np.tril_indices(self.n)] = -1.0
        dev[np.isnan(dev)] = -1.0
        flat = np.unravel_index(int(np.argmax(dev)), dev.shape)
        i, j = int(flat[0]), int(flat[1])
        return InconsistentJudgment(
            row=i,
            col=j,
            row_label=self.labels[i],
            col_label=self.labels[j],
            value=float(self.values[i, j]),
            consistent_value=float(w[i] / w[j]),
            error=float(err[i, j]),
        )

    def repair_suggestions(self, ri_table: str = DEFAULT_RI_TABLE) -> list[RepairSuggestion]:
        """Each given judgment changed alone to its consistent value, best first.

        For judgment ``(i, j)`` the matrix is solved without it (Harker), and
        ``a_ij = w_i / w_j`` of that solution is the value that agrees with
        every other judgment; ``cr_after`` is the CR once it is set. Sorted by
        how much the CR falls. Judgments whose removal would disconnect the
        matrix (no other path between i and j) are skipped. Empty for n <= 2.
        """
        if self.n <= 2:
            return []
        cr = self.consistency_ratio(ri_table)
        out = []
        for i, j in zip(*(x.tolist() for x in np.triu_indices(self.n, 1)), strict=True):
            if np.isnan(self.values[i, j]):
                continue
            without = self.values.copy()
            without[i, j] = without[j, i] = np.nan
            if not _connected(~np.isnan(without)):
                continue
            w = principal_eigen(harker_matrix(without))[0]
            suggested = float(w[i] / w[j])
            trial = self.values.copy()
            trial[i, j], trial[j, i] = suggested, 1.0 / suggested
            after = PairwiseMatrix(trial, self.labels, name=self.name).consistency_ratio(ri_table)
            out.append(
                RepairSuggestion(
                    row=i,
                    col=j,
                    row_label=self.labels[i],
                    col_label=self.labels[j],
                    value=float(self.values[i, j]),
                    suggested=suggested,
                    cr_after=after,
                    cr_drop=cr - after,
                )
            )
        out.sort(key=lambda s: -s.cr_drop)
        return out

    def pairs_to_connect(self) -> list[tuple[int, int]]:
        """Return a smallest set of missing pairs that would connect the given judgments.

        Always empty for a valid matrix (which must be connected); used on
        draft judgments, see :func:`pairs_to_connect`.
        """
        return pairs_to_connect(~np.isnan(self.values))

    def with_judgment(self, row: int, col: int, value: float | None) -> PairwiseMatrix:
        """Return a copy with ``a[row, col] = value`` and its reciprocal (None: missing)."""
        if row == col:
            raise InvalidJudgmentError(message(N_("{name}: the diagonal is fixed at 1"), name=self.name))
        arr = self.values.copy()
        arr[row, col] = np.nan if value is None else value
        arr[col, row] = np.nan if value is None else (1.0 / value if value != 0 else 0.0)
        return PairwiseMatrix(arr, self.labels, name=self.name, incomplete=self.incomplete)

    @classmethod
    def from_priorities(
        cls, weights: Sequence[float] | FloatArray, labels: Sequence[str] | None = None
    ) -> PairwiseMatrix:
        """Build the consistent matrix ``a_ij = w_i / w_j`` of a weight vector."""
        return cls(consistent_matrix(weights), labels)


def validated_matrix(
    matrix: tuple[tuple[float | None, ...], ...], labels: tuple[str, ...], name: str
) -> PairwiseMatrix:
    """Return the :class:`PairwiseMatrix` of a model's matrix, validated once per content.

    Models hold judgments as tuples; the model checks, the engine and the
    pages all ask for a comparison's matrix through this function, so a
    matrix is validated (and its eigenvector found) once however many
    callers look at it. Instances are immutable, so sharing them is safe
    (:data:`anp_core.cache.matrices`).
    """
    return cache.matrices.get_or_compute(
        (matrix, labels, name),
        lambda: PairwiseMatrix(matrix, labels, name=name),  # type: ignore[arg-type]  # None = missing
    )


def pairs_to_connect(given: npt.ArrayLike) -> list[tuple[int, int]]:
    """Return a smallest set of pairs whose judgments would connect every element.

    ``given`` is a boolean n x n mask of the judgments present. With ``k``
    connected groups of elements, ``k - 1`` pairs are needed: one joining the
    first element of each group to the first of the next.

    Examples
    --------
    >>> g = np.eye(4, dtype=bool)
    >>> g[0, 1] = g[1, 0] = True
    >>> pairs_to_connect(g)
    [(0, 2), (0, 3)]
    """
    mask = np.asarray(given, dtype=bool)
    k, comp = csgraph.connected_components(mask, directed=False)
    firsts = [int(np.flatnonzero(comp == c)[0]) for c in range(k)]
    return [(firsts[0], f) for f in firsts[1:]]


def _connected(given: npt.NDArray[np.bool_]) -> bool:
    return int(csgraph.connected_components(given, directed=False)[0]) == 1


def _as_float_array(values: npt.ArrayLike, name: str) -> FloatArray:
    try:
        rows = [[np.nan if x is None else x for x in row] for row in values]  # type: ignore[union-attr]
        return np.array(rows, dtype=float)
    except (TypeError, ValueError) as exc:
        try:
            return np.array(values, dtype=float)
        except (TypeError, ValueError):
            text = message(N_("{name}: judgments must be numbers ({detail})"), name=name, detail=str(exc))
            raise InvalidJudgmentError(text) from None


def _validate(arr: FloatArray, labels: Sequence[str], name: str) -> None:
    """Raise InvalidJudgmentError naming the first bad cell; the given judgments must connect every element."""
    check_judgments(arr, labels, name)
    missing = np.isnan(arr)
    if missing.any() and not _connected(~missing):
        need = pairs_to_connect(~missing)
        text = message(
            N_(
                "{name}: the given judgments do not connect every element, so priorities are undetermined — give at least: {pairs}"
            ),
            name=name,
            pairs=Join(tuple(f"({labels[a]}, {labels[b]})" for a, b in need)),
        )
        raise InvalidJudgmentError(text)


def check_judgments(arr: FloatArray, labels: Sequence[str], name: str) -> None:
    """Raise InvalidJudgmentError naming the first bad cell, row-major (connection not checked).

    The diagonal must be 1 within 1e-6 (it is then set to exactly 1, in
    place); a judgment may be missing (NaN) only together with its
    reciprocal; given judgments must be finite, within 1e-6 … 1e6 and
    reciprocal within 1e-6.
    """
    n = arr.shape[0]
    diag = np.diag(arr)
    bad_diag = ~(np.abs(diag - 1.0) <= RECIPROCAL_RTOL)
    if bad_diag.any():
        i = int(np.argmax(bad_diag))
        shown = message(N_("missing")) if np.isnan(diag[i]) else f"{float(diag[i]):g}"
        text = message(
            N_("{name}: diagonal judgment ({row}, {row}) = {value} — must be 1"),
            name=name,
            row=labels[i],
            value=shown,
        )
        raise InvalidJudgmentError(text)
    arr[np.diag_indices(n)] = 1.0
    missing = np.isnan(arr)
    bad = ~missing & (~np.isfinite(arr) | (arr <= 0))
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        text = message(
            N_(
                "{name}: judgment ({row}, {col}) = {value} — judgments must be finite and > 0 (Saaty scale 1/9 … 9)"
            ),
            name=name,
            row=labels[i],
            col=labels[j],
            value=f"{float(arr[i, j]):g}",
        )
        raise InvalidJudgmentError(text)
    extreme = ~missing & ((arr < JUDGMENT_MIN) | (arr > JUDGMENT_MAX))
    if extreme.any():
        i, j = (int(k) for k in np.argwhere(extreme)[0])
        text = message(
            N_(
                "{name}: judgment ({row}, {col}) = {value} is outside {low} … {high} — Saaty's scale runs from 1/9 to 9"
            ),
            name=name,
            row=labels[i],
            col=labels[j],
            value=f"{float(arr[i, j]):g}",
            low=f"{JUDGMENT_MIN:g}",
            high=f"{JUDGMENT_MAX:g}",
        )
        raise InvalidJudgmentError(text)
    half = missing != missing.T
    if half.any():
        i, j = (int(k) for k in np.argwhere(half)[0])
        given, absent = (i, j) if not missing[i, j] else (j, i)
        text = message(
            N_(
                "{name}: judgment ({row}, {col}) is given but its reciprocal ({col}, {row}) is missing — a missing judgment must be missing on both sides"
            ),
            name=name,
            row=labels[given],
            col=labels[absent],
        )
        raise InvalidJudgmentError(text)
    with np.errstate(invalid="ignore"):
        off = np.triu(np.abs(arr * arr.T - 1.0) > RECIPROCAL_RTOL, 1)
    if off.any():
        i, j = (int(k) for k in np.argwhere(off)[0])
        text = message(
            N_(
                "{name}: judgments ({row}, {col}) = {value} and ({col}, {row}) = {back} are not reciprocal — expected {expected}"
            ),
            name=name,
            row=labels[i],
            col=labels[j],
            value=f"{arr[i, j]:.6g}",
            back=f"{arr[j, i]:.6g}",
            expected=f"{1.0 / arr[i, j]:.6g}",
        )
        raise InvalidJudgmentError(text)
