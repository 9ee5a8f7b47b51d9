"""How the web app is configured: one frozen dataclass, read from `STEEPEST_*` variables.

STEEPEST_HOST         interface to listen on              127.0.0.1
STEEPEST_PORT         TCP port                            8000
STEEPEST_LESSON_DIR   folder of lesson Markdown files     the lessons shipped in the package
STEEPEST_WORKERS      compute worker processes            2
STEEPEST_PROCESSES    server processes sharing the port   1
STEEPEST_TIMEOUT      seconds one computation may run     2.0
STEEPEST_DATABASE_URL where learners' progress is kept    a SQLite file in the user data folder
STEEPEST_TRUST_FORWARDED_PROTO  "1": believe a proxy's X-Forwarded-Proto (Secure cookies)  off
STEEPEST_SECRET       key that signs practice problems    a random key for each start
STEEPEST_RATE_LIMIT   engine requests a minute per client (0: no limit)    120
STEEPEST_MAX_BODY     largest request body, in bytes      1048576 (1 MiB)
STEEPEST_RELOAD       "1": re-read a lesson file when it is saved (authoring)    off
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
            host=env.get("STEEPEST_HOST", cls.host),
            port=_read(env, "STEEPEST_PORT", int, cls.port),
            lesson_dir=_read(env, "STEEPEST_LESSON_DIR", Path, None),
            workers=_read(env, "STEEPEST_WORKERS", int, cls.workers),
            processes=_read(env, "STEEPEST_PROCESSES", int, cls.processes),
            timeout=_read(env, "STEEPEST_TIMEOUT", float, cls.timeout),
            database=env.get("STEEPEST_DATABASE_URL") or None,
            trust_forwarded_proto=_read(env, "STEEPEST_TRUST_FORWARDED_PROTO", _flag, False),
            secret=env.get("STEEPEST_SECRET") or None,
            rate_limit=_read(env, "STEEPEST_RATE_LIMIT", int, cls.rate_limit),
            max_body=_read(env, "STEEPEST_MAX_BODY", int, cls.max_body),
            reload=_read(env, "STEEPEST_RELOAD", _flag, False),
        )
        settings = replace(settings, **overrides)
        if settings.workers < 1 or settings.processes < 1 or settings.timeout <= 0:
            raise SettingsError(
                "STEEPEST_WORKERS and STEEPEST_PROCESSES must be at least 1,"
                " and STEEPEST_TIMEOUT above 0"
            )
        if settings.rate_limit < 0 or settings.max_body < 1024:
            raise SettingsError(
                "STEEPEST_RATE_LIMIT must be 0 or more and STEEPEST_MAX_BODY at least 1024"
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
