"""Alembic's environment: runs migrations on the connection `steepest.store.migrate` hands over.

For writing a new revision by hand from the command line (developers only):

    alembic -c src/steepest/store/alembic.ini -x url=sqlite:///dev.sqlite3 \
        revision --autogenerate -m "what changed"

Without `-x url=...` the usual database (`STEEPEST_DATABASE_URL` or the default file) is used.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from steepest.store.database import create_database_engine
from steepest.store.location import database_url
from steepest.store.schema import Base, UtcDateTime


def render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    # Revisions spell out the stored type, so an old revision never depends on today's Python.
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_item=render_item,
        # SQLite alters a table by copying it; Alembic's batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    if context.is_offline_mode():
        raise SystemExit("Steepest's migrations run against a live database only (no --sql)")
    given = context.config.attributes.get("connection")
    if given is not None:
        run_on(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_database_engine(database_url(url))
    try:
        with engine.begin() as connection:
            run_on(connection)
    finally:
        engine.dispose()


run()
