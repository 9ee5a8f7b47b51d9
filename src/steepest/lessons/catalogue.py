"""All the lessons a server offers, loaded once at startup and shared read-only after that.

A lesson file that fails to load breaks only itself: the catalogue keeps the others and notes
the broken one (with its error) under the slug its file name gives, so a server can answer
every other page and say, at the broken lesson's own address, that it is unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from steepest.lessons.course_folder import SHIPPED_LESSONS, read_course_folder
from steepest.lessons.course_rules import course_faults
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson
from steepest.lessons.model import Lesson
from steepest.lessons.syllabus import Syllabus

__all__ = ["SHIPPED_LESSONS", "BrokenLesson", "Catalogue", "load_catalogue"]


@dataclass(frozen=True)
class BrokenLesson:
    """A lesson file that cannot be offered, and why."""

    slug: str
    """Where its page would be: the file name without `.md`."""
    error: LessonFormatError


@dataclass(frozen=True)
class Catalogue:
    """Lessons in course order, and by slug: the order of the course file when there is one
    (as `load_catalogue` builds it), else course, then unit, then number; and the lesson files
    left out as broken.

    Immutable, so a server builds it once and every request reads the same object.
    """

    lessons: tuple[Lesson, ...]
    by_slug: Mapping[str, Lesson]
    broken: tuple[BrokenLesson, ...] = ()
    image_files: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    """The files the lessons show, by their path under `/lessons/` (`bowl-loss/bowl.svg`):
    the only files of the lesson folder a server or an export hands out."""
    syllabus: Syllabus | None = None
    """How the index shows them (see syllabus.py); set by `load_catalogue`, and None only for
    a catalogue made from lessons alone, as `steepest check` makes one to find clashes."""

    @classmethod
    def from_lessons(
        cls, lessons: Iterable[Lesson], broken: Iterable[BrokenLesson] = ()
    ) -> Catalogue:
        """Order `lessons`; one that clashes with another (one slug, or one number in a unit)
        or names its next lesson by a wrong title joins `broken` (see `course_rules`)."""
        ordered = sorted(lessons, key=lambda lesson: (lesson.course, lesson.unit, lesson.number))
        kept, faults = course_faults(ordered)
        left_out = (BrokenLesson(lesson.source_path.stem, error) for lesson, error in faults)
        image_files = {
            path: lesson.source_path.parent / path for lesson in kept for path in lesson.images
        }
        return cls(
            lessons=tuple(kept),
            by_slug=MappingProxyType({lesson.slug: lesson for lesson in kept}),
            broken=(*broken, *left_out),
            image_files=MappingProxyType(image_files),
        )

    def get(self, slug: str) -> Lesson | None:
        """The lesson with this slug, or None (e.g. a `next` lesson not written yet)."""
        return self.by_slug.get(slug)

    def broken_lesson(self, slug: str) -> BrokenLesson | None:
        """The broken lesson file whose page would be at this slug, if any."""
        return next((broken for broken in self.broken if broken.slug == slug), None)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self.lessons)

    def __len__(self) -> int:
        return len(self.lessons)


def load_catalogue(directory: str | Path | None = None, *, mark_claims: bool = False) -> Catalogue:
    """Load every `*.md` lesson in `directory` (default: the lessons shipped in the package),
    laid out as its course file says (see course_folder.py), the shipped lessons included when
    that file extends the shipped course.

    Parsing, MathML and all checks happen here, once; call it at startup, not per request.
    A file that fails to load, or clashes with another, is in `broken` instead; it never stops
    the others loading. A mistake of the course file (its format, or a lesson it places where
    the lesson's front matter does not) is the site's: the first is raised, as a
    LessonFormatError at `course.yaml:LINE`.
    `mark_claims` wraps each claim's shown text in a numbered span (see `load_lesson`).
    """
    course = read_course_folder(SHIPPED_LESSONS if directory is None else Path(directory))
    lessons: list[Lesson] = []
    broken: list[BrokenLesson] = []
    for path in course.lesson_paths():
        try:
            lessons.append(load_lesson(path, mark_claims=mark_claims))
        except LessonFormatError as error:
            broken.append(BrokenLesson(path.stem, error))
    catalogue = Catalogue.from_lessons(lessons, broken)
    errors: list[LessonFormatError] = []
    left_out = {lesson.slug for lesson in catalogue.broken}
    syllabus = course.syllabus(catalogue.lessons, errors, left_out)
    if errors:
        raise errors[0]
    return replace(catalogue, lessons=tuple(syllabus.lessons()), syllabus=syllabus)
