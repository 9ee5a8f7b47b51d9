"""A one-lesson course holding the momentum lab (tests/fixtures/momentum-course), for the tests
that check, serve, export and drive the widget before a shipped lesson uses it."""

from __future__ import annotations

import shutil
from pathlib import Path

COURSE = Path(__file__).with_name("fixtures") / "momentum-course"
SLUG = "momentum-lab"
LESSON_FILE = COURSE / f"{SLUG}.md"
# The lab's settings in the lesson, as the tests check them.
CURVATURES = (1, 10)
RATE, BETA = "0.15", "0.5"
START = (1, 1)
STEPS = 40
TOLERANCE = "0.001"


def write_momentum_course(folder: Path) -> Path:
    """A copy of the course in `folder` (made if missing), for a test to change; returns it."""
    shutil.copytree(COURSE, folder, dirs_exist_ok=True)
    return folder
