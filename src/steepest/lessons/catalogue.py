"""All the lessons a server offers, loaded once at startup and shared read-only after that.

A lesson file that fails to load breaks only itself: the catalogue keeps the others and notes
the broken one (with its error) under the slug its file name gives, so a server can answer
every other page and say, at the broken lesson's own address, that it is unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from steepest.lessons.course_rules import course_faults
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson
from steepest.lessons.model import Lesson

SHIPPED_LESSONS = Path(__file__).with_name("content")


@dataclass(frozen=True)
class BrokenLesson:
    """A lesson file that cannot be offered, and why."""

    slug: str
    """Where its page would be: the file name without `.md`."""
    error: LessonFormatError


@dataclass(frozen=True)
class Catalogue:
    """Lessons in course order (course, then unit, then number), and by slug; and the lesson
    files left out as broken.

    Immutable, so a server builds it once and every request reads the same object.
    """

    lessons: tuple[Lesson, ...]
    by_slug: Mapping[str, Lesson]
    broken: tuple[BrokenLesson, ...] = ()
    image_files: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    """The files the lessons show, by their path under `/lessons/` (`bowl-loss/bowl.svg`):
    the only files of the lesson folder a server or an export hands out."""

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
    """Load every `*.md` lesson in `directory` (default: the lessons shipped in the package).

    Parsing, MathML and all checks happen here, once; call it at startup, not per request.
    A file that fails to load is in `broken` instead; it never stops the others loading.
    `mark_claims` wraps each claim's shown text in a numbered span (see `load_lesson`).
    """
    folder = SHIPPED_LESSONS if directory is None else Path(directory)
    lessons: list[Lesson] = []
    broken: list[BrokenLesson] = []
    for path in sorted(folder.glob("*.md")):
        try:
            lessons.append(load_lesson(path, mark_claims=mark_claims))
        except LessonFormatError as error:
            broken.append(BrokenLesson(path.stem, error))
    return Catalogue.from_lessons(lessons, broken)
