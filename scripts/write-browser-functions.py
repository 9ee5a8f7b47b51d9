"""Writes static/js/expr-functions.js, the browser's copy of the engine's table of functions.

Run it after changing src/steepest/engine/functions/table.py (a test fails while the file is
stale):

    .venv/bin/python scripts/write-browser-functions.py
"""

from __future__ import annotations

from steepest.engine.evaluate.tree import browser_functions_module
from steepest.web.app import STATIC_DIR

TARGET = STATIC_DIR / "js" / "expr-functions.js"


def main() -> None:
    TARGET.write_text(browser_functions_module(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
