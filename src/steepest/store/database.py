"""Engines configured for durability and for one database's way of handling concurrency.

SQLite (one writer at a time):
- WAL journal, so readers never wait for the writer and the writer never waits for readers;
- `synchronous=FULL`, so a commit is on disk before it returns: an acknowledged write survives
  a crash of the process or of the machine;
- every writing transaction starts with `BEGIN IMMEDIATE`, taking the write lock before it reads,
  so a read-modify-write (merging progress) cannot interleave with another process's; a waiting
  writer retries for `busy_timeout`;
- foreign keys on (SQLite leaves them off unless asked).
A small pool is enough: one writer at a time (Store also queues its own threads on a lock),
plus a few readers, which WAL lets run alongside it.

PostgreSQL: the server's defaults are already durable (`synchronous_commit=on`); writers lock the
rows they change (`SELECT ... FOR UPDATE`). Up to 20 connections per process (10 kept open):
mind the server's `max_connections` (100 by default) when several processes share it.
`pool_pre_ping` survives a server restart.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from steepest.store.location import checked_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
# The execution option a reading session sets, so SQLite opens a deferred (shared) transaction.
READ_ONLY_OPTION = "steepest_read_only"


def create_database_engine(url: str, pool_size: int | None = None) -> Engine:
    parsed = checked_url(url)
    if parsed.get_backend_name() == "sqlite":
        size = 4 if pool_size is None else pool_size
        engine = create_engine(parsed, pool_size=size, max_overflow=size)
        _configure_sqlite(engine)
        return engine
    size = 10 if pool_size is None else pool_size
    return create_engine(
        parsed,
        pool_size=size,
        max_overflow=size,
        pool_pre_ping=True,
        # An unreachable server becomes an error in seconds rather than a hung request.
        connect_args={"connect_timeout": 10},
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below: pysqlite's own implicit
        # BEGIN is deferred, which lets two writers read the same row before either writes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
