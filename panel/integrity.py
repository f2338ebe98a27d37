"""Consistency checks of the panel tables, beyond what their constraints enforce.

Run after load tests and migrations: every answer's pair lies inside its
matrix and on the scale, every submitted assignment is complete, and every
assignment joins an expert and a matrix of the same panel.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from panel.scale import is_scale_value
from panel.schema import Answer, Assignment, Expert, PanelMatrix

__all__ = ["integrity_problems"]


def integrity_problems(engine: Engine) -> list[str]:
    """Return what is inconsistent in the panel tables (empty when the database is consistent).

    Checks every answer's pair against its matrix size and the scale, that
    every submitted assignment is complete, and that every assignment joins
    an expert and a matrix of the same panel.
    """
    out: list[str] = []
    with Session(engine) as s:
        bad_pair = s.scalar(
            select(func.count())
            .select_from(Answer)
            .join(Assignment, Answer.assignment_id == Assignment.id)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .where((Answer.col >= PanelMatrix.n) | (Answer.row >= Answer.col) | (Answer.row < 0))
        )
        if bad_pair:
            out.append(f"{bad_pair} answer(s) outside their matrix")
        off = [v for v in s.scalars(select(Answer.value)).all() if not is_scale_value(v)]
        if off:
            out.append(f"{len(off)} answer(s) off the scale")
        cross = s.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(Expert, Assignment.expert_id == Expert.id)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .where(Expert.panel_id != PanelMatrix.panel_id)
        )
        if cross:
            out.append(f"{cross} assignment(s) join an expert and a matrix of different panels")
        counts = (
            select(Answer.assignment_id, func.count().label("k")).group_by(Answer.assignment_id).subquery()
        )
        incomplete = s.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .outerjoin(counts, counts.c.assignment_id == Assignment.id)
            .where(
                Assignment.submitted_at.is_not(None),
                func.coalesce(counts.c.k, 0) < PanelMatrix.n * (PanelMatrix.n - 1) / 2,
            )
        )
        if incomplete:
            out.append(f"{incomplete} submitted matrix(es) with unanswered pairs")
    return out
