"""An expert's answers: each judgment checked against Saaty's scale, saved all or nothing, submitted when complete.

Both functions run inside the caller's write transaction (see
:class:`panel.store.PanelStore`), after the caller has checked the link and
that the panel is open. A judgment is stored for ``row < col`` as
``a_row,col``; saving it again updates it (an upsert, PostgreSQL or SQLite)
and re-opens a submitted matrix whose answers changed.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from anp_core import PairwiseMatrix
from panel.errors import AnswerRejectedError
from panel.records import Saved, utc_now
from panel.scale import SCALE_VALUES, is_scale_value
from panel.schema import Answer, Assignment, Expert, PanelMatrix

__all__ = ["Item", "check_value", "save_items", "submit_matrix"]

#: One judgment as sent by a page or a workbook: (matrix key, row, col, value), ``row < col``.
Item = tuple[str, int, int, object]


def check_value(value: object) -> float:
    """Return ``value`` as a point of Saaty's scale (1/9 … 9) or raise AnswerRejectedError naming the problem.

    Examples
    --------
    >>> check_value(5), check_value("1/3") == 1 / 3
    (5.0, True)
    """
    if isinstance(value, bool) or value is None:
        msg = f"{value!r} is not a judgment; choose a point of the scale (1/9 … 9)"
        raise AnswerRejectedError(msg)
    if isinstance(value, str):
        text = value.strip()
        try:
            num, _, den = text.partition("/")
            v = float(num) / float(den) if den else float(num)
        except (ValueError, ZeroDivisionError):
            msg = f"{text[:40]!r} is not a number; choose a point of the scale (1/9 … 9)"
            raise AnswerRejectedError(msg) from None
    elif isinstance(value, int | float):
        v = float(value)
    else:
        msg = f"a {type(value).__name__} is not a judgment; choose a point of the scale (1/9 … 9)"
        raise AnswerRejectedError(msg)
    if not math.isfinite(v) or v <= 0:
        msg = f"{v:g} is not allowed: judgments are positive, from 1/9 to 9"
        raise AnswerRejectedError(msg)
    if not is_scale_value(v):
        msg = f"{v:g} is not a point of Saaty's scale (1, 2, … 9 or 1/2 … 1/9)"
        raise AnswerRejectedError(msg)
    return min(SCALE_VALUES, key=lambda s: abs(s - v))


def save_items(s: Session, expert: Expert, items: list[Item], source: str) -> Saved:
    """Validate and write judgments of ``expert``; all or nothing.

    Parameters
    ----------
    s : Session
        The caller's write transaction.
    expert : Expert
        The expert whose answers these are (already checked by the caller).
    items : list of (str, int, int, object)
        ``(matrix key, row, col, value)``; the value is checked by :func:`check_value`.
    source : str
        Where the answers come from (``web``, ``workbook``), stored with each.

    Raises
    ------
    AnswerRejectedError
        A matrix that is not the expert's, a pair outside it, or a value off
        the scale; nothing is written.
    """
    rows = s.execute(
        select(Assignment, PanelMatrix)
        .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
        .where(Assignment.expert_id == expert.id)
    ).all()
    mine = {m.key: (a, m) for a, m in rows}
    clean: dict[tuple[int, int, int], float] = {}
    for key, i, j, raw in items:
        if key not in mine:
            msg = "that matrix is not one of yours"
            raise AnswerRejectedError(msg)
        n = mine[key][1].n
        if not (isinstance(i, int) and isinstance(j, int) and 0 <= i < j < n):
            msg = f"pair ({i}, {j}) is not a pair of this matrix"
            raise AnswerRejectedError(msg)
        clean[(mine[key][0].id, i, j)] = check_value(raw)
    if not clean:
        return Saved(0, utc_now())
    now = utc_now()
    old = {
        (a.assignment_id, a.row, a.col): a.value
        for a in s.scalars(select(Answer).where(Answer.assignment_id.in_({k[0] for k in clean}))).all()
    }
    ins = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    for (aid, i, j), v in clean.items():
        stmt = ins(Answer).values(
            assignment_id=aid, row=i, col=j, value=v, source=source, revision=1, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["assignment_id", "row", "col"],
            set_={
                "value": stmt.excluded.value,
                "source": stmt.excluded.source,
                "updated_at": stmt.excluded.updated_at,
                "revision": Answer.revision + 1,
            },
        )
        s.execute(stmt)
    changed = {aid for (aid, i, j), v in clean.items() if old.get((aid, i, j)) != v}
    reopened: list[str] = []
    for key, (a, _m) in mine.items():
        if a.id in changed and a.submitted_at is not None:
            s.execute(
                update(Assignment).where(Assignment.id == a.id).values(submitted_at=None, submitted_cr=None)
            )
            reopened.append(key)
    return Saved(len(clean), now, tuple(reopened))


def submit_matrix(s: Session, expert: Expert, key: str) -> tuple[datetime, float]:
    """Mark the expert's matrix ``key`` submitted; return the time and its consistency ratio.

    The CR is Saaty's, of the matrix the stored answers make (``a_ji = 1 / a_ij``),
    computed here so that what the facilitator sees is always the CR of what was stored
    (0 for a 2 x 2 matrix).

    Raises
    ------
    AnswerRejectedError
        The matrix is not the expert's, or a pair is still unanswered.
    """
    row = s.execute(
        select(Assignment, PanelMatrix)
        .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
        .where(Assignment.expert_id == expert.id, PanelMatrix.key == key)
    ).first()
    if row is None:
        msg = "that matrix is not one of yours"
        raise AnswerRejectedError(msg)
    a, m = row
    answers = s.execute(
        select(Answer.row, Answer.col, Answer.value).where(Answer.assignment_id == a.id)
    ).all()
    if len(answers) < m.n * (m.n - 1) // 2:
        msg = f"{m.n * (m.n - 1) // 2 - len(answers)} pair(s) are still unanswered"
        raise AnswerRejectedError(msg)
    values = np.ones((m.n, m.n))
    for i, j, v in answers:
        values[i, j], values[j, i] = v, 1.0 / v
    cr = float(PairwiseMatrix(values).cr)
    now = utc_now()
    a.submitted_at = now
    a.submitted_cr = cr if math.isfinite(cr) else None
    return now, cr
