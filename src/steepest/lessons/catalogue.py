"""All the lessons a server offers, loaded once at startup and shared read-only after that."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson
from steepest.lessons.model import Lesson

SHIPPED_LESSONS = Path(__file__).with_name("content")


@dataclass(frozen=True)
class Catalogue:
    """Lessons in course order (course, then unit, then number), and by slug.

    Immutable, so a server builds it once and every request reads the same object.
    """

    lessons: tuple[Lesson, ...]
    by_slug: Mapping[str, Lesson]
    image_files: Mapping[str, Path]
    """The files the lessons show, by their path under `/lessons/` (`bowl-loss/bowl.svg`):
    the only files of the lesson folder a server or an export hands out."""

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
        image_files = {
            path: lesson.source_path.parent / path for lesson in ordered for path in lesson.images
        }
        return cls(
            lessons=ordered,
            by_slug=MappingProxyType(by_slug),
            image_files=MappingProxyType(image_files),
        )

    def get(self, slug: str) -> Lesson | None:
        """The lesson with this slug, or None (e.g. a `next` lesson not written yet)."""
        return self.by_slug.get(slug)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self.lessons)

    def __len__(self) -> int:
        return len(self.lessons)


def load_catalogue(directory: str | Path | None = None) -> Catalogue:
    """Load every `*.md` lesson in `directory` (default: the lessons shipped in the package).

    Parsing, MathML and all checks happen here, once; call it at startup, not per request.
    """
    folder = SHIPPED_LESSONS if directory is None else Path(directory)
    return Catalogue.from_lessons(load_lesson(path) for path in sorted(folder.glob("*.md")))
