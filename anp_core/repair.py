"""Consistency repair on Saaty's 1-9 scale: the single judgment change that lowers CR most.

:meth:`anp_core.pairwise.PairwiseMatrix.repair_suggestions` gives, for each
judgment, the value exactly consistent with the other judgments; on a badly
inconsistent matrix that value leaves the scale (``1/81``), which no one
can enter as a judgment. :func:`scale_repairs` keeps that value as
information and suggests instead the value of the fundamental scale
(``1/9 .. 9``, integers and their reciprocals) that gives the lowest CR.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anp_core import cache
from anp_core.kernel import principal_eigen
from anp_core.pairwise import DEFAULT_RI_TABLE, PairwiseMatrix, random_index

__all__ = ["SAATY_SCALE", "ScaleRepair", "scale_repairs"]

#: Saaty's fundamental scale: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9.
SAATY_SCALE: tuple[float, ...] = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])


@dataclass(frozen=True)
class ScaleRepair:
    """Changing one judgment ``a_ij`` to a value of Saaty's scale.

    ``value`` is the current judgment; ``suggested`` the scale value that
    gives the lowest CR with every other judgment kept; ``cr_after`` that
    CR and ``cr_drop = cr - cr_after``. ``consistent`` is the value that
    agrees exactly with the other judgments (``w_i / w_j`` of the matrix
    solved without this judgment), which may lie off the scale, or ``None``
    when removing the judgment would disconnect the matrix.
    """

    row: int
    col: int
    row_label: str
    col_label: str
    value: float
    suggested: float
    cr_after: float
    cr_drop: float
    consistent: float | None

    @property
    def consistent_on_scale(self) -> bool:
        """Whether the exactly consistent value lies within ``1/9 .. 9``."""
        return self.consistent is not None and 1 / 9 - 1e-9 <= self.consistent <= 9 + 1e-9


def scale_repairs(pm: PairwiseMatrix, ri_table: str = DEFAULT_RI_TABLE) -> list[ScaleRepair]:
    """Each given judgment changed alone to its best value on Saaty's scale, best first.

    For every given judgment ``a_ij`` (i < j) each scale value ``s`` is tried
    (``a_ij = s``, ``a_ji = 1/s``, the other judgments kept; missing ones
    completed by Harker's method as in :class:`PairwiseMatrix`) and the one
    with the lowest ``CR = CI / RI(n)`` is kept if it lowers CR. Sorted by
    ``cr_drop`` (largest first). Empty for n <= 2.

    Examples
    --------
    >>> A = PairwiseMatrix([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], labels="NSE")
    >>> best = scale_repairs(A)[0]
    >>> best.suggested in SAATY_SCALE, best.cr_after < A.cr, round(best.consistent or 0, 6)
    (True, True, 0.012346)
    """
    if pm.n <= 2:
        return []
    key = ("scale_repairs", pm.values.tobytes(), pm.labels, pm.name, ri_table)
    return list(cache.matrices.get_or_compute(key, lambda: tuple(_scale_repairs(pm, ri_table))))


def _trial_crs(pm: PairwiseMatrix, i: int, j: int, ri_table: str) -> list[float]:
    """CR of ``pm`` with ``a_ij`` set to each scale value in turn."""
    n = pm.n
    if pm.is_complete:
        trials = np.broadcast_to(pm.values, (len(SAATY_SCALE), n, n)).copy()
        scale = np.asarray(SAATY_SCALE)
        trials[:, i, j], trials[:, j, i] = scale, 1.0 / scale
        lam = np.maximum(np.asarray(principal_eigen(trials)[1], dtype=float), n)
        ri = random_index(n, ri_table)
        return [float(x) for x in (lam - n) / (n - 1) / ri]
    out = []
    for s in SAATY_SCALE:
        trial = pm.values.copy()
        trial[i, j], trial[j, i] = s, 1.0 / s
        out.append(PairwiseMatrix(trial, pm.labels, name=pm.name).consistency_ratio(ri_table))
    return out


def _scale_repairs(pm: PairwiseMatrix, ri_table: str) -> list[ScaleRepair]:
    cr = pm.consistency_ratio(ri_table)
    consistent = {(s.row, s.col): s.suggested for s in pm.repair_suggestions(ri_table)}
    out = []
    for i, j in zip(*(x.tolist() for x in np.triu_indices(pm.n, 1)), strict=True):
        current = float(pm.values[i, j])
        if np.isnan(current):
            continue
        best: tuple[float, float] | None = None
        for s, after in zip(SAATY_SCALE, _trial_crs(pm, i, j, ri_table), strict=True):
            if abs(s - current) <= 1e-9 * max(s, current):
                continue
            if best is None or after < best[1] - 1e-12:
                best = (s, after)
        if best is None or best[1] >= cr - 1e-12:
            continue
        out.append(
            ScaleRepair(
                row=i,
                col=j,
                row_label=pm.labels[i],
                col_label=pm.labels[j],
                value=current,
                suggested=best[0],
                cr_after=best[1],
                cr_drop=cr - best[1],
                consistent=consistent.get((i, j)),
            )
        )
    out.sort(key=lambda r: -r.cr_drop)
    return out
