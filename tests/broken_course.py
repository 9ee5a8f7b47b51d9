"""A course folder of three small lessons, the last one broken: for the tests that serve it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from steepest.lessons import LessonFormatError, load_lesson
from steepest.web.app import create_app
from steepest.web.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LESSON = """\
---
slug: {slug}
title: {title}
course: Calculus by hand
unit: Slopes
number: {number}
difficulty: Easy
summary: {summary}
---
:::: section intuition
## Build the intuition

{body}
::::
"""

FIRST_BODY = """\
The slope of $x^2$ at $x = 3$ is [$6$]{claim="slope x^2 wrt x at x = 3"}.
"""
SECOND_BODY = """\
Twice $x$, at $x = 4$, is [8]{claim="value 2x at x = 4"}.
"""
# The note is never closed: its closing line closes it before the concept, which is left open.
BROKEN_BODY = """\
::: note
A slope is a rate.

::: concept
### Rates

A rate compares two changes.
:::
"""


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    path: Path


@dataclass(frozen=True)
class BrokenCourse:
    folder: Path
    good: tuple[Lesson, Lesson]
    broken: Lesson

    @property
    def error(self) -> str:
        """The broken lesson's error as the loader words it: `file:line: message`."""
        with pytest.raises(LessonFormatError) as caught:
            load_lesson(self.broken.path)
        return str(caught.value)


def write_course(folder: Path) -> BrokenCourse:
    folder.mkdir(parents=True, exist_ok=True)
    lessons = []
    for number, (slug, title, body) in enumerate(
        [
            ("first-slopes", "First slopes", FIRST_BODY),
            ("second-slopes", "Second slopes", SECOND_BODY),
            ("broken-slopes", "Broken slopes", BROKEN_BODY),
        ],
        start=1,
    ):
        path = folder / f"{slug}.md"
        summary = f"Lesson {number} of three."
        text = LESSON.format(slug=slug, title=title, number=number, summary=summary, body=body)
        path.write_text(text, encoding="utf-8")
        lessons.append(Lesson(slug, title, path))
    return BrokenCourse(folder, (lessons[0], lessons[1]), lessons[2])


def serve(course: BrokenCourse, tmp_path: Path, *, reload: bool) -> TestClient:
    """An in-process client of a server of the course, with a store of its own in `tmp_path`
    (enter it, `with serve(...) as client`, to start the app)."""
    settings = Settings(
        lesson_dir=course.folder,
        workers=1,
        timeout=10.0,
        database=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        rate_limit=0,
        reload=reload,
    )
    return TestClient(create_app(settings))
