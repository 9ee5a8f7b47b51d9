"""Bring a database's tables up to date, safely even when several servers start at once.

The web app calls `upgrade(url)` at startup. All of it runs in one transaction (both SQLite
and PostgreSQL have transactional DDL), so a failed migration leaves the database as it was,
and that transaction first takes a lock that a second process starting at the same moment
waits for: a PostgreSQL advisory lock, or SQLite's write lock (`BEGIN IMMEDIATE`). The second
process then finds the database already at head and has nothing to do.
"""

from __future__ import annotations

import threading

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from steepest.store.database import create_database_engine

# Alembic keeps the running migration's environment in module globals: one at a time per process.
_ONE_AT_A_TIME = threading.Lock()
# Any fixed 64-bit number: it names this lock among all advisory locks on the server.
_POSTGRES_LOCK_KEY = 0x5354_4545_5045_5354  # "STEEPEST" in ASCII


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "steepest.store:migrations")
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Create or update every table to the newest revision (or to `revision`: for tests of a
    migration, which start from the revision before it)."""
    _run(url, "upgrade", revision)


def downgrade(url: str, revision: str = "base") -> None:
    """Undo revisions down to `revision` (`base` drops every table): for developers and tests."""
    _run(url, "downgrade", revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _run(url: str, direction: str, revision: str) -> None:
    engine = create_database_engine(url, pool_size=1)
    try:
        # On SQLite `begin()` is BEGIN IMMEDIATE (see database.py): the write lock, taken first.
        with _ONE_AT_A_TIME, engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(_POSTGRES_LOCK_KEY)))
            config = alembic_config()
            config.attributes["connection"] = connection
            if direction == "upgrade":
                command.upgrade(config, revision)
            else:
                command.downgrade(config, revision)
    finally:
        engine.dispose()
