"""A lesson's place in the course: the lessons before and after it in the order the index shows,
and, at the end of its unit, the unit's lessons still being written.

The course order is the one source of "what comes next": the lesson page's links follow it, and
`steepest check` holds a lesson's `next` front matter to it (`next_faults`), so that the page,
the index and the front matter never name two different next lessons. A server does not: a
contradicting `next` changes nothing on a page.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from steepest.lessons.errors import LessonFormatError
from steepest.lessons.model import Lesson
from steepest.lessons.syllabus import Syllabus, Unit, Upcoming


@dataclass(frozen=True)
class CoursePlace:
    previous: Lesson | None = None
    next: Lesson | None = None
    upcoming: tuple[Upcoming, ...] = ()
    """The lessons of its unit not written yet, when it is the last written one there."""


def course_place(syllabus: Syllabus | None, slug: str) -> CoursePlace:
    """Where the lesson `slug` sits in `syllabus`; nowhere (no links) when it is not placed."""
    if syllabus is None:
        return CoursePlace()
    ordered = list(syllabus.lessons())
    units = {lesson.slug: unit for unit in _units(syllabus) for lesson in unit.lessons}
    index = next((i for i, lesson in enumerate(ordered) if lesson.slug == slug), None)
    if index is None:
        return CoursePlace()
    unit = units[slug]
    return CoursePlace(
        previous=ordered[index - 1] if index > 0 else None,
        next=ordered[index + 1] if index + 1 < len(ordered) else None,
        upcoming=unit.upcoming if unit.lessons[-1].slug == slug else (),
    )


def next_faults(
    syllabus: Syllabus, fixed: Path | None = None, broken: Collection[str] = ()
) -> Iterator[LessonFormatError]:
    """Each `next` that disagrees with the course order, at its line: it must name the lesson
    that follows in the unit, or, for the unit's last lesson, one of the unit's lessons coming
    next (or, at a unit's end, the first lesson of the next unit). The lessons of the folder
    `fixed` are left alone: a course that extends the shipped one may put a lesson after a
    shipped lesson, whose file it cannot change. A `next` naming one of the `broken` slugs (left
    out of the syllabus, with errors of their own) is not judged either."""
    ordered = list(syllabus.lessons())
    following = dict(zip((lesson.slug for lesson in ordered), ordered[1:], strict=False))
    for unit in _units(syllabus):
        for index, lesson in enumerate(unit.lessons):
            named = lesson.next
            if named is None or named.slug in broken:
                continue
            if fixed is not None and lesson.source_path.parent == fixed:
                continue
            after = unit.lessons[index + 1] if index + 1 < len(unit.lessons) else None
            if after is None and named.title in unit.coming_next:
                continue
            # At the unit's end, the lesson that follows is the next unit's first.
            follows = after if after is not None else following.get(lesson.slug)
            if follows is None:
                problem = (
                    f"'next' names \"{named.title}\", which unit '{unit.title}' does not list"
                    " in its coming_next"
                )
            elif named.slug != follows.slug:
                problem = (
                    f"'next' names '{named.slug}', but the course puts '{follows.slug}'"
                    f" ({follows.number_label}) after this lesson"
                )
            else:
                continue
            yield LessonFormatError(lesson.source_path, named.line, problem)


def _units(syllabus: Syllabus) -> Iterator[Unit]:
    for course in syllabus.courses:
        yield from course.units
