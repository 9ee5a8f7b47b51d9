"""What the index page shows: the site's title and intro, and the courses with their units in
order, each unit's lessons in order and the lessons coming next in it.

With a course file (`course_file.py`) the file decides, and the lessons must agree with it:
every lesson is listed once, under the course and unit its front matter names, with numbers
that increase down the unit. A course file that extends the shipped course is laid over the
shipped one (`extended`). Without a course file, lessons are grouped by their front matter's
course and unit, ordered by name, then by number, and a unit's "coming next" lists the `next`
lessons its lessons name that are not written yet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from operator import attrgetter

from steepest.lessons.course_file import CourseFile, CoursePlan, UnitPlan
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.model import Lesson


@dataclass(frozen=True)
class Upcoming:
    """A lesson of a unit not written yet, numbered after the unit's written ones."""

    number: int
    title: str

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class Unit:
    title: str
    lessons: tuple[Lesson, ...]
    coming_next: tuple[str, ...]
    """Titles of the unit's lessons not written yet."""

    @property
    def upcoming(self) -> tuple[Upcoming, ...]:
        """The lessons coming next, numbered on from the unit's last written lesson: the
        course file gives them in order, so 05, 06, 07 after a lesson 04."""
        last = self.lessons[-1].number if self.lessons else 0
        return tuple(
            Upcoming(number, title) for number, title in enumerate(self.coming_next, last + 1)
        )


@dataclass(frozen=True)
class Course:
    title: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Syllabus:
    title: str
    intro_html: str
    courses: tuple[Course, ...]

    def lessons(self) -> Iterator[Lesson]:
        """Every lesson, in the order the index shows them."""
        for course in self.courses:
            for unit in course.units:
                yield from unit.lessons


def extended(shipped: CourseFile, own: CourseFile) -> CourseFile:
    """`own` laid over the shipped course: its title and intro when given; its units added to
    the shipped course of the same title, lessons after the shipped unit's of the same title
    (with its `coming_next`, when given, instead of the shipped unit's); new units and courses
    after the shipped ones."""
    courses = {course.title: course for course in shipped.courses}
    for course in own.courses:
        before = courses.get(course.title)
        courses[course.title] = course if before is None else _merged(before, course)
    return CourseFile(
        path=own.path,
        title=own.title if own.title is not None else shipped.title,
        intro_html=own.intro_html if own.intro_html is not None else shipped.intro_html,
        extends_shipped=True,
        courses=tuple(courses.values()),
        courses_line=own.courses_line,
    )


def _merged(shipped: CoursePlan, own: CoursePlan) -> CoursePlan:
    units = {unit.title: unit for unit in shipped.units}
    for unit in own.units:
        before = units.get(unit.title)
        if before is not None:
            unit = UnitPlan(
                title=unit.title,
                lessons=before.lessons + unit.lessons,
                coming_next=before.coming_next if unit.coming_next is None else unit.coming_next,
            )
        units[unit.title] = unit
    return replace(shipped, units=tuple(units.values()))


def syllabus_of(
    course_file: CourseFile,
    lessons: Sequence[Lesson],
    errors: list[LessonFormatError],
    broken: Collection[str] = (),
) -> Syllabus:
    """The course as the file lays it out, with `lessons` placed; what disagrees is added to
    `errors` (and left out of the syllabus), so a check can report every mistake at once.
    `broken` are the slugs of lesson files that did not load: their own errors say why, so
    they are not reported missing too."""
    by_slug = {lesson.slug: lesson for lesson in lessons}
    listed = {entry.slug for entry in course_file.listed()}
    for lesson in lessons:
        if lesson.slug not in listed:
            errors.append(
                LessonFormatError(
                    course_file.path,
                    course_file.courses_line,
                    f"lesson '{lesson.slug}' ({lesson.source_path.name}) is in no unit:"
                    " add its slug to a unit's lessons",
                )
            )
    courses = tuple(
        Course(plan.title, tuple(_unit(plan, unit, by_slug, errors, broken) for unit in plan.units))
        for plan in course_file.courses
    )
    return Syllabus(course_file.title or "", course_file.intro_html or "", courses)


def _unit(
    course: CoursePlan,
    plan: UnitPlan,
    by_slug: dict[str, Lesson],
    errors: list[LessonFormatError],
    broken: Collection[str],
) -> Unit:
    placed: list[Lesson] = []
    for entry in plan.lessons:
        lesson = by_slug.get(entry.slug)
        problem = None
        if lesson is None and entry.slug in broken:
            continue
        if lesson is None:
            problem = f"no lesson '{entry.slug}' ({entry.slug}.md) in this course's folders"
        elif (lesson.course, lesson.unit) != (course.title, plan.title):
            problem = (
                f"'{entry.slug}' is listed under course '{course.title}', unit '{plan.title}',"
                f" but its front matter says course '{lesson.course}', unit '{lesson.unit}'"
            )
        elif placed and lesson.number <= placed[-1].number:
            before = placed[-1]
            problem = (
                f"'{entry.slug}' ({lesson.number_label}) comes after '{before.slug}'"
                f" ({before.number_label}) in unit '{plan.title}': numbers increase down a unit"
            )
        if problem is not None:
            errors.append(LessonFormatError(entry.path, entry.line, problem))
        elif lesson is not None:
            placed.append(lesson)
    written = {lesson.title for lesson in placed}
    coming_next = tuple(title for title in plan.coming_next or () if title not in written)
    return Unit(plan.title, tuple(placed), coming_next)


def syllabus_by_front_matter(lessons: Sequence[Lesson], title: str, intro_html: str) -> Syllabus:
    """The course of a folder without a course file: grouped by the lessons' own front matter."""
    ordered = sorted(lessons, key=lambda lesson: (lesson.course, lesson.unit, lesson.number))
    slugs = {lesson.slug for lesson in lessons}
    courses = []
    for course, in_course in groupby(ordered, attrgetter("course")):
        units = []
        for unit, in_unit in groupby(in_course, attrgetter("unit")):
            placed = tuple(in_unit)
            # Each lesson not written yet once, in the order the unit's lessons name them.
            upcoming = dict.fromkeys(
                lesson.next.title
                for lesson in placed
                if lesson.next is not None and lesson.next.slug not in slugs
            )
            units.append(Unit(unit, placed, tuple(upcoming)))
        courses.append(Course(course, tuple(units)))
    return Syllabus(title, intro_html, tuple(courses))
