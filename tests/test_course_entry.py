"""`steepest new` adds a lesson to its unit in course.yaml by editing the text where the YAML
says: the file reads back with the lesson last in its unit, and every line it had is kept."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest

from steepest.authoring.course_entry import CourseEntryError, with_lesson
from steepest.lessons.course_file import parse_course_file

PATH = Path("course.yaml")
BLOCK = """\
# kept
title: T
courses:
  - title: A
    units:
      - title: U
        lessons:
          - a
          - b   # two
        coming_next:
          - X
  - title: B
    units:
      - {title: V, lessons: [c]}
"""
FLOW = """\
courses:
  - title: A
    units:
      - title: U
        lessons: [a, b]  # flow
      - title: W
        coming_next: [Y]
      - title: Empty
        lessons: []
        coming_next: [Z]
"""
EXTENDING = "extends: shipped   # for now\n"


def units(text: str) -> dict[tuple[str, str], list[str]]:
    read = parse_course_file(text, PATH)
    return {
        (course.title, unit.title): [listed.slug for listed in unit.lessons]
        for course in read.courses
        for unit in course.units
    }


@pytest.mark.parametrize(
    ("text", "course", "unit"),
    [
        (BLOCK, "A", "U"),
        (BLOCK, "B", "V"),
        (BLOCK, "A", "New: unit #1"),
        (BLOCK, "C", "Fresh"),
        (FLOW, "A", "U"),
        (FLOW, "A", "W"),
        (FLOW, "A", "Empty"),
        (FLOW, "New", "Fresh"),
        (EXTENDING, "Math for ML", "Optimization & gradient descent"),
    ],
)
def test_the_lesson_goes_last_in_its_unit_and_nothing_else_changes(
    text: str, course: str, unit: str
) -> None:
    before = units(text) if "courses" in text else {}
    edited = with_lesson(text, PATH, "new-one", course, unit)
    after = units(edited)
    assert after.pop((course, unit)) == [*before.pop((course, unit), []), "new-one"]
    assert after == before
    # Only insertions: every character of the file, comments included, stays where it was.
    changes = SequenceMatcher(None, text, edited, autojunk=False).get_opcodes()
    assert {change[0] for change in changes} <= {"equal", "insert"}


def test_a_layout_it_cannot_edit_safely_is_left_to_the_author() -> None:
    flow_units = "courses:\n  - title: A\n    units: [{title: U, lessons: [a]}]\n"
    with pytest.raises(CourseEntryError, match="list it under unit 'U' by hand"):
        with_lesson(flow_units, PATH, "new-one", "A", "U")
