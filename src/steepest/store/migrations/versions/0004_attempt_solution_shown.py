"""Each attempt at a lesson question records whether the question's solution had been shown.

A request to see the solution is itself stored as an attempt with no answer (verdict
`invalid`, which costs nothing) and this flag set, so the help a later answer gets, and whether
it counts as right first time, follow from the stored attempts alone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Attempts stored before the solution could be asked for were made without it.
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(
            sa.Column("solution_shown", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("solution_shown")
