"""Which database to use: `--database`, then `STEEPEST_DATABASE_URL`, then a SQLite file in the
user's data directory.

Two kinds of URL are accepted: `sqlite:///path/to/file.sqlite3` and
`postgresql+psycopg://user:password@host/dbname` (plain `postgresql://` means the same: psycopg 3
is the driver installed).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from steepest.store.errors import DatabaseURLError

ENVIRONMENT_VARIABLE = "STEEPEST_DATABASE_URL"
DEFAULT_FILE_NAME = "steepest.sqlite3"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("steepest")) / DEFAULT_FILE_NAME


def database_url(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The URL to open: `explicit` if given, else the environment's, else the default file
    (whose folder is created here, so a first run needs no setup)."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get(ENVIRONMENT_VARIABLE)):
        if candidate is not None and candidate.strip():
            return checked_url(candidate.strip()).render_as_string(hide_password=False)
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def checked_url(text: str) -> URL:
    """Parse a URL and make sure it names a database and driver the store supports."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseURLError(
            f"{display_url(text)} is not a database URL; write sqlite:///path/to/file.sqlite3"
            " or postgresql+psycopg://user:password@host/dbname"
        ) from None
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite" or url.drivername == "sqlite+pysqlite":
        if url.database in (None, "", ":memory:"):
            raise DatabaseURLError(
                "an in-memory SQLite database would vanish with each connection;"
                " give a file path: sqlite:///path/to/file.sqlite3"
            )
        return url
    if url.drivername == "postgresql+psycopg":
        if not url.database:
            raise DatabaseURLError("a PostgreSQL URL must name its database: .../dbname")
        return url
    raise DatabaseURLError(
        f"the store works with SQLite (sqlite:///...) or PostgreSQL through psycopg 3"
        f" (postgresql+psycopg://...), not {url.drivername!r}"
    )


def display_url(text: str) -> str:
    """The URL with any password masked, for logs and messages."""
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return "the given URL"
