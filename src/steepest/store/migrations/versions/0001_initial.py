"""Learners, their progress through each lesson, and their attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learners")),
    )
    op.create_table(
        "lesson_progress",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("lesson", sa.String(length=100), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_lesson_progress_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "lesson", name=op.f("pk_lesson_progress")),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lesson", sa.String(length=100), nullable=True),
        sa.Column("question", sa.String(length=100), nullable=True),
        sa.Column("level", sa.SmallInteger(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("mistake", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "verdict IN ('correct', 'incorrect', 'invalid')", name=op.f("ck_attempts_verdict")
        ),
        sa.CheckConstraint(
            "question IS NOT NULL OR (level IS NOT NULL AND kind IS NOT NULL AND seed IS NOT NULL)",
            name=op.f("ck_attempts_question_or_problem"),
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_attempts_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
        sa.UniqueConstraint("learner_id", "uid", name=op.f("uq_attempts_learner_id_uid")),
    )
    op.create_index(
        op.f("ix_attempts_learner_id_created_at_id"),
        "attempts",
        ["learner_id", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_attempts_learner_id_created_at_id"), table_name="attempts")
    op.drop_table("attempts")
    op.drop_table("lesson_progress")
    op.drop_table("learners")
