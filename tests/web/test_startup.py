"""The server process stays light: SymPy is imported by compute workers, never by the web app,
so `steepest serve` answers its first request quickly."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
from steepest.web.app import create_app
create_app()
print(sorted(m for m in ("sympy", "mpmath") if m in sys.modules))
"""


def test_web_app_does_not_import_sympy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
