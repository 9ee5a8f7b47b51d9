"""The server process stays light: SymPy is imported by compute workers, never by the web app,
and SQLAlchemy only when the store opens in the background, so `steepest serve` answers its
first request quickly."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
from steepest.web.app import create_app
create_app()
print(sorted(m for m in sys.argv[1:] if m in sys.modules))
"""


@pytest.mark.parametrize(
    "modules", [("sympy", "mpmath"), ("sqlalchemy", "alembic")], ids=["sympy", "sqlalchemy"]
)
def test_web_app_does_not_import_heavy_modules(modules: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *modules], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
