"""How the web app is configured: one frozen dataclass, read from `STEEPEST_*` variables.

STEEPEST_HOST         interface to listen on              127.0.0.1
STEEPEST_PORT         TCP port                            8000
STEEPEST_LESSON_DIR   folder of lesson Markdown files     the lessons shipped in the package
STEEPEST_WORKERS      compute worker processes            2
STEEPEST_TIMEOUT      seconds one computation may run     2.0
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """An environment variable holds a value the server cannot use."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    # None means the lessons that ship inside the package.
    lesson_dir: Path | None = None
    workers: int = 2
    timeout: float = 2.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then `STEEPEST_*` variables, then keyword overrides (from the command line)."""
        env = os.environ if environ is None else environ
        settings = cls(
            host=env.get("STEEPEST_HOST", cls.host),
            port=_read(env, "STEEPEST_PORT", int, cls.port),
            lesson_dir=_read(env, "STEEPEST_LESSON_DIR", Path, None),
            workers=_read(env, "STEEPEST_WORKERS", int, cls.workers),
            timeout=_read(env, "STEEPEST_TIMEOUT", float, cls.timeout),
        )
        settings = replace(settings, **overrides)
        if settings.workers < 1 or settings.timeout <= 0:
            raise SettingsError("STEEPEST_WORKERS must be at least 1 and STEEPEST_TIMEOUT above 0")
        return settings


def _read(env: Mapping[str, str], name: str, convert: Callable[[str], T], default: T) -> T:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return convert(raw.strip())
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a valid value") from None
