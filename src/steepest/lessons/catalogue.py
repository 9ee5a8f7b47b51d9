"""All the lessons a server offers, loaded once at startup and shared read-only after that."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from steepest.lessons.course_folder import SHIPPED_LESSONS, read_course_folder
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson
from steepest.lessons.model import Lesson
from steepest.lessons.syllabus import Syllabus

__all__ = ["SHIPPED_LESSONS", "Catalogue", "load_catalogue"]


@dataclass(frozen=True)
class Catalogue:
    """Lessons in course order, and by slug: the order of the course file when there is one
    (as `load_catalogue` builds it), else course, then unit, then number.

    Immutable, so a server builds it once and every request reads the same object.
    """

    lessons: tuple[Lesson, ...]
    by_slug: Mapping[str, Lesson]
    syllabus: Syllabus | None = None
    """How the index shows them (see syllabus.py); set by `load_catalogue`, and None only for
    a catalogue made from lessons alone, as `steepest check` makes one to find clashes."""

    @classmethod
    def from_lessons(cls, lessons: Iterable[Lesson]) -> Catalogue:
        """Order `lessons`; two lessons with one slug, or one number in a unit, are an error."""
        ordered = tuple(
            sorted(lessons, key=lambda lesson: (lesson.course, lesson.unit, lesson.number))
        )
        by_slug: dict[str, Lesson] = {}
        by_place: dict[tuple[str, str, int], Lesson] = {}
        for lesson in ordered:
            place = (lesson.course, lesson.unit, lesson.number)
            for clash in (by_slug.get(lesson.slug), by_place.get(place)):
                if clash is not None:
                    raise LessonFormatError(
                        lesson.source_path,
                        1,
                        f"lesson {lesson.number_label} '{lesson.slug}' clashes with "
                        f"{clash.source_path}: same slug, or same number in '{lesson.unit}'",
                    )
            by_slug[lesson.slug] = lesson
            by_place[place] = lesson
        return cls(lessons=ordered, by_slug=MappingProxyType(by_slug))

    def get(self, slug: str) -> Lesson | None:
        """The lesson with this slug, or None (e.g. a `next` lesson not written yet)."""
        return self.by_slug.get(slug)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self.lessons)

    def __len__(self) -> int:
        return len(self.lessons)


def load_catalogue(directory: str | Path | None = None) -> Catalogue:
    """Load every `*.md` lesson in `directory` (default: the lessons shipped in the package),
    laid out as its course file says (see course_folder.py), the shipped lessons included when
    that file extends the shipped course.

    Parsing, MathML and all checks happen here, once; call it at startup, not per request.
    """
    course = read_course_folder(SHIPPED_LESSONS if directory is None else Path(directory))
    catalogue = Catalogue.from_lessons(load_lesson(path) for path in course.lesson_paths())
    errors: list[LessonFormatError] = []
    syllabus = course.syllabus(catalogue.lessons, errors)
    if errors:
        raise errors[0]
    return Catalogue(tuple(syllabus.lessons()), catalogue.by_slug, syllabus)
