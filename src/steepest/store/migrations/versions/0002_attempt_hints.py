"""Each attempt records how many of the question's hints had been revealed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Attempts stored before hints existed were made with none revealed.
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("hints", sa.SmallInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("hints")
