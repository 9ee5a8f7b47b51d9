"""How the web app is configured: one frozen dataclass, read from `STEEPEST_*` variables.

`SETTINGS` is the one list of them: for each field of `Settings`, its variable, how its text is
read, the `steepest serve` option that beats it, and what it means. The README's Settings table
is checked against it, row by row (tests/test_docs.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from steepest.errors import SteepestError

T = TypeVar("T")


class SettingsError(SteepestError, ValueError):
    """An environment variable holds a value the server cannot use."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    # None means the lessons that ship inside the package.
    lesson_dir: Path | None = None
    workers: int = 2
    # Each server process has its own event loop, page cache and pool of `workers`.
    processes: int = 1
    timeout: float = 2.0
    # None: STEEPEST_DATABASE_URL is not set either, so the store picks its default file.
    database: str | None = None
    # Only a proxy that sets X-Forwarded-Proto itself may be believed, so it is off by default.
    trust_forwarded_proto: bool = False
    secret: str | None = None
    # Engine calls a minute per client address; 0 turns the limit off (a classroom's own
    # grading scripts, or a proxy that limits already). Pages and static files are not counted.
    rate_limit: int = 120
    # Engine calls one client address may have running or waiting at once, in each lane; 0
    # turns the limit off (and lets one address use every worker: a classroom behind one NAT).
    client_calls: int = 4
    # A progress import of a long history is the largest body a learner sends: far below this.
    max_body: int = 1024 * 1024
    # For authors: each page request looks at the lesson files and re-reads any that changed.
    # One process only, since each process would keep its own copy of the lessons.
    reload: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then `STEEPEST_*` variables, then keyword overrides (from the command line)."""
        env = os.environ if environ is None else environ
        settings = cls(
            **{s.field: _read(env, s.variable, s.read, getattr(cls, s.field)) for s in SETTINGS}
        )
        settings = replace(settings, **overrides)
        if settings.workers < 1 or settings.processes < 1 or settings.timeout <= 0:
            raise SettingsError(
                "STEEPEST_WORKERS and STEEPEST_PROCESSES must be at least 1,"
                " and STEEPEST_TIMEOUT above 0"
            )
        if settings.rate_limit < 0 or settings.client_calls < 0 or settings.max_body < 1024:
            raise SettingsError(
                "STEEPEST_RATE_LIMIT and STEEPEST_CLIENT_CALLS must be 0 or more,"
                " and STEEPEST_MAX_BODY at least 1024"
            )
        if settings.reload and settings.processes > 1:
            raise SettingsError(
                "--reload (STEEPEST_RELOAD) works with one server process only:"
                " leave out --processes (STEEPEST_PROCESSES)"
            )
        return settings


def _read(env: Mapping[str, str], name: str, convert: Callable[[str], T], default: T) -> T:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return convert(raw.strip())
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a valid value") from None


def _flag(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


@dataclass(frozen=True)
class Setting:
    """One row of SETTINGS: how a field of `Settings` is read and what it means."""

    field: str
    variable: str
    # Turns the variable's text (stripped, not empty) into the field's value; ValueError if not.
    read: Callable[[str], Any]
    # In Markdown, as the README's table shows it.
    meaning: str
    # The `steepest serve` option that beats the variable, if there is one.
    option: str | None = None
    # What the default means, when it is not the field's own default value.
    default_text: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "STEEPEST_HOST", str, "the interface to listen on", option="--host"),
    Setting("port", "STEEPEST_PORT", int, "the TCP port", option="--port"),
    Setting(
        "database",
        "STEEPEST_DATABASE_URL",
        str,
        "where progress and attempts are kept",
        option="--database",
        default_text="a SQLite file in the user data folder",
    ),
    Setting(
        "lesson_dir",
        "STEEPEST_LESSON_DIR",
        Path,
        "a folder of lesson Markdown files to serve instead of the shipped ones, or beside"
        " them when its `course.yaml` says `extends: shipped`",
        option="--lessons",
        default_text="the shipped lessons",
    ),
    Setting(
        "workers",
        "STEEPEST_WORKERS",
        int,
        "compute worker processes, each running one engine call at a time",
    ),
    Setting(
        "processes",
        "STEEPEST_PROCESSES",
        int,
        "server processes sharing the port, each with its own `STEEPEST_WORKERS`;"
        " one per core suits a busy server",
        option="--processes",
    ),
    Setting(
        "reload",
        "STEEPEST_RELOAD",
        _flag,
        "`1`: re-read a lesson file when it is saved, for authors; one server process only",
        option="--reload",
        default_text="off",
    ),
    Setting(
        "timeout",
        "STEEPEST_TIMEOUT",
        float,
        "seconds one engine call may run before its worker is killed and replaced",
    ),
    Setting(
        "rate_limit",
        "STEEPEST_RATE_LIMIT",
        int,
        "engine requests a minute per client address; beyond it, 429 with `Retry-After`;"
        " `0` turns it off",
    ),
    Setting(
        "client_calls",
        "STEEPEST_CLIENT_CALLS",
        int,
        "engine calls one client address may have running or waiting at once (and it runs on"
        " at most half the workers); beyond it, 429 with `Retry-After`; `0` turns it off",
    ),
    Setting(
        "max_body",
        "STEEPEST_MAX_BODY",
        int,
        "the largest request body in bytes; a larger one gets 413",
    ),
    Setting(
        "secret",
        "STEEPEST_SECRET",
        str,
        "the key that signs practice problems; set it when several servers share the work",
        default_text="a random key at each start",
    ),
    Setting(
        "trust_forwarded_proto",
        "STEEPEST_TRUST_FORWARDED_PROTO",
        _flag,
        "`1`: believe a proxy's `X-Forwarded-Proto`, so cookies are `Secure` behind TLS",
        default_text="off",
    ),
)
