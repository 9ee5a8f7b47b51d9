"""What no lesson file can know alone, checked across the lessons of a folder:

- two lessons with one slug, or with one number in a unit: which would come first?
- a `next` that names a lesson that exists by another title than its own: the link would say
  one thing and lead to another. A `next` lesson not written yet is fine (it is upcoming).

The first of two clashing lessons (in course order, then by file name) keeps its place; the
other is reported at its own line, with the file and line of the one it clashes with.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.lessons.errors import LessonFormatError
from steepest.lessons.model import Lesson

Fault = tuple[Lesson, LessonFormatError]


def course_faults(ordered: Sequence[Lesson]) -> tuple[list[Lesson], list[Fault]]:
    """The lessons that keep to the rules, in the order given, and each one that does not."""
    by_slug: dict[str, Lesson] = {}
    by_place: dict[tuple[str, str, int], Lesson] = {}
    placed: list[Lesson] = []
    faults: list[Fault] = []
    for lesson in ordered:
        place = (lesson.course, lesson.unit, lesson.number)
        clash = _clash(lesson, by_slug.get(lesson.slug), by_place.get(place))
        if clash is not None:
            faults.append((lesson, clash))
            continue
        by_slug[lesson.slug] = lesson
        by_place[place] = lesson
        placed.append(lesson)
    kept: list[Lesson] = []
    for lesson in placed:
        wrong_title = _next_title(lesson, by_slug)
        if wrong_title is None:
            kept.append(lesson)
        else:
            faults.append((lesson, wrong_title))
    return kept, faults


def _clash(
    lesson: Lesson, same_slug: Lesson | None, same_place: Lesson | None
) -> LessonFormatError | None:
    path = lesson.source_path
    if same_slug is not None:
        return LessonFormatError(
            path,
            lesson.slug_line,
            f"slug '{lesson.slug}' is used twice: here and in "
            f"{same_slug.source_path}:{same_slug.slug_line}",
        )
    if same_place is not None:
        return LessonFormatError(
            path,
            lesson.number_line,
            f"number {lesson.number} is used twice in unit '{lesson.unit}': here and in "
            f"{same_place.source_path}:{same_place.number_line}",
        )
    return None


def _next_title(lesson: Lesson, by_slug: dict[str, Lesson]) -> LessonFormatError | None:
    following = lesson.next
    named = None if following is None else by_slug.get(following.slug)
    if following is None or named is None or named.title == following.title:
        return None
    return LessonFormatError(
        lesson.source_path,
        following.line,
        f"'next' calls lesson '{following.slug}' \"{following.title}\", but its title is "
        f'"{named.title}" ({named.source_path})',
    )
