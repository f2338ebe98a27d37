"""Database tables of expert panels (SQLAlchemy 2, declarative).

``panels`` (one per panel: the model as JSON, the facilitator secret's hash),
``panel_matrices`` (the matrices asked), ``experts`` (name, weight, token
hash), ``assignments`` (which expert answers which matrix, and when they
submitted it) and ``answers`` (one row per expert and pair, ``row < col``,
``value = a_row,col`` on Saaty's scale). The Alembic migrations in
``panel/migrations`` create exactly these tables (a test compares them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Answer", "Assignment", "Base", "Expert", "Panel", "PanelMatrix"]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention (stable constraint names for migrations)."""

    metadata = MetaData(naming_convention=NAMING)


class Panel(Base):
    """A panel: the model its experts judge, its settings and the facilitator's secret (hashed)."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    model_json: Mapped[str] = mapped_column(Text)
    model_name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(3), default="aij")
    facilitator_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    matrices: Mapped[list[PanelMatrix]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="PanelMatrix.position"
    )
    experts: Mapped[list[Expert]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="Expert.position"
    )

    __table_args__ = (CheckConstraint("method IN ('aij', 'aip')", name="method"),)


class PanelMatrix(Base):
    """One pairwise matrix the panel asks about (key text, title, elements as JSON)."""

    __tablename__ = "panel_matrices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(600))
    n: Mapped[int] = mapped_column(Integer)

    panel: Mapped[Panel] = relationship(back_populates="matrices")

    __table_args__ = (
        UniqueConstraint("panel_id", "key", name="uq_panel_matrices_panel_key"),
        CheckConstraint("n >= 2", name="n"),
    )


class Expert(Base):
    """An expert of a panel: display name, weight and the hash of their private token."""

    __tablename__ = "experts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    panel: Mapped[Panel] = relationship(back_populates="experts")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="expert", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("weight >= 0 AND weight <= 1000", name="weight"),)


class Assignment(Base):
    """Expert ``expert_id`` answers matrix ``matrix_id``; ``submitted_at`` once they submit it."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    matrix_id: Mapped[int] = mapped_column(ForeignKey("panel_matrices.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    submitted_cr: Mapped[float | None] = mapped_column(Float, nullable=True)

    expert: Mapped[Expert] = relationship(back_populates="assignments")
    matrix: Mapped[PanelMatrix] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="assignment", cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("expert_id", "matrix_id", name="uq_assignments_expert_matrix"),)


class Answer(Base):
    """One judgment: ``value = a_row,col`` (``row < col``) of an assignment's matrix."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(10), default="web")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    assignment: Mapped[Assignment] = relationship(back_populates="answers")

    __table_args__ = (
        UniqueConstraint("assignment_id", "row", "col", name="uq_answers_assignment_pair"),
        CheckConstraint("row >= 0 AND row < col", name="pair"),
        CheckConstraint("value >= 0.1111 AND value <= 9.0001", name="scale"),
        CheckConstraint("source IN ('web', 'workbook')", name="source"),
    )
