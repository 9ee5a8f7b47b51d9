"""Practice attempts name their topic, so that each topic has a mastery of its own.

An attempt made before topics existed gets the topic made for its kind of problem (the rule of
`steepest.engine.problems.topics.topic_before_topics`, spelled out here because a migration
must keep meaning what it meant when it was written): its level, kind, seed and verdict stay
as they were, so nothing stored is lost.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TOPIC_OF_KIND = """
    CASE kind
        WHEN 'partial' THEN 'partial'
        WHEN 'gradient' THEN 'gradient'
        WHEN 'gradient_at' THEN 'gradient'
        WHEN 'descent' THEN 'descent'
        WHEN 'optimum' THEN 'optimum'
    END
"""


def upgrade() -> None:
    op.add_column("attempts", sa.Column("topic", sa.String(length=100), nullable=True))
    op.execute(f"UPDATE attempts SET topic = {_TOPIC_OF_KIND} WHERE kind IS NOT NULL")


def downgrade() -> None:
    # SQLite drops a column in place (3.35 and later), keeping the table's constraints.
    op.drop_column("attempts", "topic")
