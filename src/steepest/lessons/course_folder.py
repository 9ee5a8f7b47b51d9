"""A folder of lessons as a course: which lesson files it holds, and how its course file (if
any) lays them out, the shipped course included when the file extends it.

    the shipped folder          its own course.yaml, and its lessons
    a folder with course.yaml   that file (laid over the shipped course with `extends: shipped`,
                                whose lessons then come too); title and intro default to the
                                shipped course's
    a folder without one        its lessons, grouped by their front matter; the shipped title
                                and intro
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from steepest.lessons.course_file import COURSE_FILE, CourseFile, read_course_file
from steepest.lessons.course_order import next_faults
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.model import Lesson
from steepest.lessons.syllabus import Syllabus, extended, syllabus_by_front_matter, syllabus_of

SHIPPED_LESSONS = Path(__file__).with_name("content")


@dataclass(frozen=True)
class CourseFolder:
    folder: Path
    course_file: CourseFile | None
    """The course file that applies, already laid over the shipped one when it extends it."""
    title: str
    intro_html: str

    @property
    def lesson_folders(self) -> tuple[Path, ...]:
        """Where the course's lesson files are: the shipped folder first when extending."""
        if self.course_file is not None and self.course_file.extends_shipped:
            return (SHIPPED_LESSONS, self.folder)
        return (self.folder,)

    def lesson_paths(self) -> list[Path]:
        return [path for folder in self.lesson_folders for path in sorted(folder.glob("*.md"))]

    def syllabus(
        self,
        lessons: Sequence[Lesson],
        errors: list[LessonFormatError],
        broken: Collection[str] = (),
    ) -> Syllabus:
        """How the index shows `lessons`; mistakes of the course file go to `errors` (see
        `syllabus_of` for `broken`)."""
        if self.course_file is None:
            return syllabus_by_front_matter(lessons, self.title, self.intro_html)
        return syllabus_of(self.course_file, lessons, errors, broken)

    def next_faults(
        self, syllabus: Syllabus, lessons: Sequence[Lesson], broken: Collection[str] = ()
    ) -> list[LessonFormatError]:
        """Each lesson's `next` that the course file's order contradicts (see course_order.py);
        none without a course file, whose order the lessons' own front matter makes. A `next`
        naming a lesson the syllabus left out is not judged: why is reported already."""
        if self.course_file is None:
            return []
        shipped = SHIPPED_LESSONS if self.course_file.extends_shipped else None
        placed = {lesson.slug for lesson in syllabus.lessons()}
        unplaced = {lesson.slug for lesson in lessons} - placed
        return list(next_faults(syllabus, fixed=shipped, broken={*broken, *unplaced}))


def read_course_folder(folder: Path) -> CourseFolder:
    """The course of `folder`; a LessonFormatError at `course.yaml:LINE` for a broken file."""
    shipped = _shipped_course_file()
    own = shipped if folder.resolve() == SHIPPED_LESSONS.resolve() else read_course_file(folder)
    title, intro_html = shipped.title or "", shipped.intro_html or ""
    if own is None:
        return CourseFolder(folder, None, title, intro_html)
    if own.extends_shipped:
        if own is shipped:
            raise LessonFormatError(shipped.path, 1, "the shipped course extends nothing")
        own = extended(shipped, own)
    own = replace(own, title=own.title or title, intro_html=own.intro_html or intro_html)
    return CourseFolder(folder, own, own.title or "", own.intro_html or "")


def check_listed_files(course: CourseFolder) -> None:
    """A LessonFormatError at `course.yaml:LINE` for the first lesson the course file lists
    without a file. `steepest serve` calls this before it starts: the lessons load after, in the
    background, and a missing one would otherwise turn every page into an error. (`load_catalogue`
    finds the same mistake among all the others, for `steepest check`.)"""
    if course.course_file is None:
        return
    present = {path.stem for path in course.lesson_paths()}
    for plan in course.course_file.courses:
        for unit in plan.units:
            for entry in unit.lessons:
                if entry.slug not in present:
                    problem = f"no lesson '{entry.slug}' ({entry.slug}.md) in this course's folders"
                    raise LessonFormatError(entry.path, entry.line, problem)


def _shipped_course_file() -> CourseFile:
    found = read_course_file(SHIPPED_LESSONS)
    if found is None:
        raise LessonFormatError(
            SHIPPED_LESSONS / COURSE_FILE, 1, "the shipped course file is missing"
        )
    return found
