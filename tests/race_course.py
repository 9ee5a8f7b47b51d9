"""A one-lesson course holding the optimizer race (tests/fixtures/race-course), for the tests
that check, serve, export and drive the widget before lesson 08 uses it."""

from __future__ import annotations

import shutil
from pathlib import Path

COURSE = Path(__file__).with_name("fixtures") / "race-course"
SLUG = "optimizer-race"
LESSON_FILE = COURSE / f"{SLUG}.md"
# The race's settings in the lesson, as the tests check them.
PRESETS = ["ravine", "rosenbrock", "saddle", "two-valleys"]
PARAMS = {
    "landscapes": PRESETS,
    "expression": "w1^4/4 - w1 + w2^2",
    "window": [-2, 2, -2, 2],
    "start": {"w1": -1.5, "w2": 1.5},
    "rates": {"sgd": 0.05, "momentum": 0.02, "rmsprop": 0.05, "adam": 0.1},
    "beta": 0.9,
    "rho": 0.9,
    "beta1": 0.9,
    "beta2": 0.999,
    "steps": 60,
}
STEPS = 60


def write_race_course(folder: Path) -> Path:
    """A copy of the course in `folder` (made if missing), for a test to change; returns it."""
    shutil.copytree(COURSE, folder, dirs_exist_ok=True)
    return folder
