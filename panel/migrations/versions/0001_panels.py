"""Panels, matrices, experts, assignments and answers.

Revision ID: 0001_panels
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_panels"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the panel tables."""
    op.create_table(
        "panels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("model_json", sa.Text(), nullable=False),
        sa.Column("model_name", sa.String(200), nullable=False),
        sa.Column("method", sa.String(3), nullable=False),
        sa.Column("facilitator_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("deadline", TZ, nullable=True),
        sa.Column("closed_at", TZ, nullable=True),
        sa.CheckConstraint("method IN ('aij', 'aip')", name="ck_panels_method"),
        sa.PrimaryKeyConstraint("id", name="pk_panels"),
        sa.UniqueConstraint("public_id", name="uq_panels_public_id"),
        sa.UniqueConstraint("facilitator_hash", name="uq_panels_facilitator_hash"),
    )
    op.create_table(
        "panel_matrices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("title", sa.String(600), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint("n >= 2", name="ck_panel_matrices_n"),
        sa.ForeignKeyConstraint(
            ["panel_id"], ["panels.id"], name="fk_panel_matrices_panel_id_panels", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_panel_matrices"),
        sa.UniqueConstraint("panel_id", "key", name="uq_panel_matrices_panel_key"),
    )
    op.create_index("ix_panel_matrices_panel_id", "panel_matrices", ["panel_id"])
    op.create_table(
        "experts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.CheckConstraint("weight >= 0 AND weight <= 1000", name="ck_experts_weight"),
        sa.ForeignKeyConstraint(
            ["panel_id"], ["panels.id"], name="fk_experts_panel_id_panels", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_experts"),
        sa.UniqueConstraint("token_hash", name="uq_experts_token_hash"),
    )
    op.create_index("ix_experts_panel_id", "experts", ["panel_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("matrix_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", TZ, nullable=True),
        sa.Column("submitted_cr", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["expert_id"], ["experts.id"], name="fk_assignments_expert_id_experts", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["matrix_id"],
            ["panel_matrices.id"],
            name="fk_assignments_matrix_id_panel_matrices",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        sa.UniqueConstraint("expert_id", "matrix_id", name="uq_assignments_expert_matrix"),
    )
    op.create_index("ix_assignments_expert_id", "assignments", ["expert_id"])
    op.create_index("ix_assignments_matrix_id", "assignments", ["matrix_id"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("col", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.CheckConstraint("row >= 0 AND row < col", name="ck_answers_pair"),
        sa.CheckConstraint("value >= 0.1111 AND value <= 9.0001", name="ck_answers_scale"),
        sa.CheckConstraint("source IN ('web', 'workbook')", name="ck_answers_source"),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name="fk_answers_assignment_id_assignments",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.UniqueConstraint("assignment_id", "row", "col", name="uq_answers_assignment_pair"),
    )
    op.create_index("ix_answers_assignment_id", "answers", ["assignment_id"])


def downgrade() -> None:
    """Drop the panel tables."""
    op.drop_table("answers")
    op.drop_table("assignments")
    op.drop_table("experts")
    op.drop_table("panel_matrices")
    op.drop_table("panels")
