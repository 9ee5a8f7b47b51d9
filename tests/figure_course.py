"""A small course of two lessons with figures, footnotes, a table and links between them
(tests/fixtures/figure-course), for the tests that check, serve, export and draw those parts.
Every number in it is a claim."""

from __future__ import annotations

import shutil
from pathlib import Path

COURSE = Path(__file__).with_name("fixtures") / "figure-course"
FIRST = "level-sets"
SECOND = "one-step-downhill"


def write_figure_course(folder: Path) -> Path:
    """A copy of the course in `folder` (made if missing), for a test to change; returns it."""
    shutil.copytree(COURSE, folder, dirs_exist_ok=True)
    return folder
