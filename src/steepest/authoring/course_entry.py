"""Adding a new lesson to its unit in `course.yaml`, for `steepest new`.

The file is edited as text, at the place its YAML nodes say, so the author's comments, order and
layout stay as they were: the slug goes at the end of the unit's `lessons` (a flow list
`[a, b]` or a block list of `- a` lines), or a `lessons` field is added to the unit, or a new
unit is added at the end of its course, or a new course at the end of `courses`. The result is
read back as a course file, and must list the lesson in its unit; anything else is a
ScaffoldError that asks the author to add the slug by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from steepest.errors import SteepestError
from steepest.lessons.course_file import parse_course_file
from steepest.lessons.errors import LessonFormatError


class CourseEntryError(SteepestError, ValueError):
    """The course file cannot be edited safely: the author adds the lesson by hand."""


# Where a text goes: (line, column) in the file, both from 0, with the text to put there.
Insertion = tuple[int, int, str]


def with_lesson(text: str, path: Path, slug: str, course: str, unit: str) -> str:
    """`text`, the course file at `path`, with `slug` listed last in `unit` of `course`."""
    try:
        edited = _insert(text, _where(yaml.compose(text), slug, course, unit))
        placed = parse_course_file(edited, path)
    except (yaml.YAMLError, LessonFormatError, CourseEntryError) as error:
        raise CourseEntryError(
            f"could not add '{slug}' to {path} ({error}): list it under unit '{unit}' by hand"
        ) from error
    units = [u for c in placed.courses if c.title == course for u in c.units if u.title == unit]
    if not units or slug not in [listed.slug for listed in units[0].lessons]:
        raise CourseEntryError(f"could not add '{slug}' to {path}: list it under unit '{unit}'")
    return edited


def _where(root: yaml.Node | None, slug: str, course: str, unit: str) -> Insertion:
    if not isinstance(root, yaml.MappingNode):
        raise CourseEntryError("the file is not a mapping")
    courses = _value(root, "courses")
    if courses is None:
        # A file that only extends the shipped course, so far.
        return (_after(root), 0, "courses:\n" + _course_lines(2, course, unit, slug))
    if not isinstance(courses, yaml.SequenceNode) or courses.flow_style:
        raise CourseEntryError("'courses' is not a list of '- title:' lines")
    found = next((c for c in courses.value if _title(c) == course), None)
    if found is None:
        return (_after(courses), 0, _course_lines(_indent(courses.value[0]), course, unit, slug))
    units = _value(found, "units")
    if not isinstance(units, yaml.SequenceNode) or units.flow_style:
        raise CourseEntryError(f"the units of '{course}' are not a list of '- title:' lines")
    known = next((u for u in units.value if _title(u) == unit), None)
    if known is None:
        return (_after(units), 0, _unit_lines(_indent(units.value[0]), unit, slug))
    return _into_unit(known, slug)


def _into_unit(unit: yaml.Node, slug: str) -> Insertion:
    assert isinstance(unit, yaml.MappingNode)
    lessons = _value(unit, "lessons")
    if lessons is None:
        if unit.flow_style:
            end = unit.end_mark
            return (end.line, end.column - 1, f", lessons: [{slug}]")
        return (_after(unit), 0, f"{' ' * unit.start_mark.column}lessons: [{slug}]\n")
    if not isinstance(lessons, yaml.SequenceNode):
        raise CourseEntryError("'lessons' is not a list")
    if lessons.flow_style:
        # Just before the closing bracket.
        end = lessons.end_mark
        return (end.line, end.column - 1, f", {slug}" if lessons.value else slug)
    last = lessons.value[-1]
    return (_after(last), 0, f"{' ' * (last.start_mark.column - 2)}- {slug}\n")


def _course_lines(dash: int, course: str, unit: str, slug: str) -> str:
    return (
        f"{' ' * dash}- title: {json.dumps(course, ensure_ascii=False)}\n"
        f"{' ' * (dash + 2)}units:\n{_unit_lines(dash + 4, unit, slug)}"
    )


def _unit_lines(dash: int, unit: str, slug: str) -> str:
    return (
        f"{' ' * dash}- title: {json.dumps(unit, ensure_ascii=False)}\n"
        f"{' ' * (dash + 2)}lessons: [{slug}]\n"
    )


def _value(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for name, value in mapping.value if name.value == key), None)


def _title(item: yaml.Node) -> str | None:
    title = _value(item, "title")
    return title.value if isinstance(title, yaml.ScalarNode) else None


def _indent(item: yaml.Node) -> int:
    """The column of the `-` that opens a block list's item: two before its first key."""
    return item.start_mark.column - 2


def _after(node: yaml.Node) -> int:
    """The line just after the last line holding any of `node`'s text."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and node.value
        and not (node.flow_style)
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    # A block scalar (`>-`) ends at the start of the line after it.
    return end.line if end.column == 0 else end.line + 1


def _insert(text: str, where: Insertion) -> str:
    line, column, addition = where
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if line >= len(lines):
        return "".join(lines) + addition
    lines[line] = lines[line][:column] + addition + lines[line][column:]
    return "".join(lines)
