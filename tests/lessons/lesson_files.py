"""Writing small lesson files for tests: standard front matter plus a body."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FRONT_MATTER = """\
---
slug: {slug}
title: A test lesson
course: Math for ML
unit: {unit}
number: {number}
difficulty: Easy
summary: A summary with $x$.
---
"""
# The front matter above is 9 lines, so a body's first line is line 10 of the file.
BODY_FIRST_LINE = 10
SUMMARY_LINE = 8

WriteLesson = Callable[..., Path]


def lesson_writer(directory: Path) -> WriteLesson:
    """A function writing `body` under the standard front matter (or `text` verbatim) to
    `directory/<slug>.md` and returning the path."""

    def write(
        body: str = "",
        *,
        text: str | None = None,
        slug: str = "test-lesson",
        unit: str = "Unit A",
        number: int = 1,
    ) -> Path:
        path = directory / f"{slug}.md"
        front = FRONT_MATTER.format(slug=slug, unit=unit, number=number)
        path.write_text(front + body if text is None else text, encoding="utf-8")
        return path

    return write


def section(body: str, section_id: str = "s") -> str:
    """`body` wrapped in a minimal section."""
    ending = "" if body.endswith("\n") or not body else "\n"
    return f":::: section {section_id}\n## Title of {section_id}\n\n{body}{ending}::::\n"


def line_holding(path: Path, text: str) -> int:
    """The 1-based line of `path` that holds `text`, which must be on exactly one line."""
    (line,) = (n for n, found in enumerate(path.read_text().splitlines(), 1) if text in found)
    return line
