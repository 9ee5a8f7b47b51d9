"""`course.yaml`: the course file of a lesson folder, read and checked line by line.

    title: Learn the calculus behind machine learning    # the index page's heading
    intro: >-                                            # Markdown under it
      Short lessons you can play with.
    extends: shipped          # a --lessons folder: add to the shipped course (default: replace it)
    courses:
      - title: Math for ML
        units:
          - title: Optimization & gradient descent
            lessons: [partial-derivatives-and-the-gradient, backpropagation]   # by slug, in order
            coming_next:                                 # lessons not written yet
              - Gradient descent, step by step

Every field but `courses` is optional, and `courses` may be left out of a file that extends the
shipped course. A mistake is a LessonFormatError at `course.yaml:LINE`. Whether the lessons it
names exist, and agree with it, is for `syllabus.py` to check once the lessons are loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it.utils import EnvType

from steepest.lessons.errors import LessonFormatError, error_at, fragment_env
from steepest.lessons.front_matter import SLUG
from steepest.lessons.markdown import lesson_markdown
from steepest.lessons.yaml_fields import YamlMapping, parse_yaml_mapping

COURSE_FILE = "course.yaml"
EXTENDS_SHIPPED = "shipped"
FILE_FIELDS = ("title", "intro", "extends", "courses")
COURSE_FIELDS = ("title", "units")
UNIT_FIELDS = ("title", "lessons", "coming_next")
# Container and directive tokens: a lesson's parts, which the index's intro has no place for.
_LESSON_PARTS = ("container_", "directive")


@dataclass(frozen=True)
class ListedLesson:
    """A lesson as a unit lists it: its slug, and where, for messages about it."""

    slug: str
    path: Path
    line: int


@dataclass(frozen=True)
class UnitPlan:
    title: str
    lessons: tuple[ListedLesson, ...]
    coming_next: tuple[str, ...] | None
    """Titles of lessons not written yet; None when not given (an extending file then keeps the
    shipped unit's list)."""


@dataclass(frozen=True)
class CoursePlan:
    title: str
    units: tuple[UnitPlan, ...]


@dataclass(frozen=True)
class CourseFile:
    path: Path
    title: str | None
    intro_html: str | None
    """The intro, rendered: block HTML with typeset math, raw HTML escaped."""
    extends_shipped: bool
    courses: tuple[CoursePlan, ...]
    courses_line: int
    """Where `courses` is (else the top of the file), for messages about the course as a whole."""

    def listed(self) -> Iterator[ListedLesson]:
        for course in self.courses:
            for unit in course.units:
                yield from unit.lessons


def read_course_file(folder: Path) -> CourseFile | None:
    """The course file of `folder`, checked; None when the folder has none."""
    path = folder / COURSE_FILE
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise LessonFormatError(path, 1, "a course file must be UTF-8 text") from err
    return parse_course_file(text, path)


def parse_course_file(text: str, path: Path) -> CourseFile:
    """The course file `text`, which came from `path` (named in errors)."""
    env: EnvType = {"lesson_path": str(path), "claims": []}
    fields = parse_yaml_mapping(text, env, 1, COURSE_FILE)
    fields.reject_unknown(FILE_FIELDS, COURSE_FILE)
    extends = fields.optional_text("extends")
    if extends is not None and extends != EXTENDS_SHIPPED:
        raise error_at(
            env,
            fields.line_of("extends"),
            f"extends is '{EXTENDS_SHIPPED}' (add to the shipped course) or left out (replace it)",
        )
    if "courses" not in fields.fields() and extends is None:
        raise error_at(env, fields.line, "missing field 'courses': the courses, with their units")
    intro = fields.optional_text("intro")
    return CourseFile(
        path=path,
        title=fields.optional_text("title"),
        intro_html=None if intro is None else _intro_html(intro, env, fields.line_of("intro")),
        extends_shipped=extends is not None,
        courses=tuple(_courses(fields, env, path)),
        courses_line=fields.line_of("courses"),
    )


def _intro_html(intro: str, env: EnvType, line: int) -> str:
    """The intro as HTML: Markdown with math, as in a lesson, but no sections, boxes,
    directives or claims (a claim here would never be checked)."""
    md = lesson_markdown()
    fragment = fragment_env(env, line)
    tokens = md.parse(intro, fragment)
    if fragment["claims"] or any(t.type.startswith(_LESSON_PARTS) for t in tokens):
        raise error_at(
            env, line, "the intro is plain Markdown: no sections, boxes, directives or claims"
        )
    html: str = md.renderer.render(tokens, md.options, fragment)
    return html


def _courses(fields: YamlMapping, env: EnvType, path: Path) -> Iterator[CoursePlan]:
    if "courses" not in fields.fields():
        return
    courses = fields.mappings("courses")
    if not courses:
        raise error_at(env, fields.line_of("courses"), "'courses' lists at least one course")
    titles: set[str] = set()
    slugs: set[str] = set()
    for course in courses:
        course.reject_unknown(COURSE_FIELDS, "a course")
        title = course.text("title")
        if title in titles:
            raise error_at(env, course.line_of("title"), f"course '{title}' is listed twice")
        titles.add(title)
        units = course.mappings("units")
        if not units:
            raise error_at(env, course.line_of("units"), f"course '{title}' has no units")
        yield CoursePlan(title, tuple(_units(units, env, path, slugs)))


def _units(
    units: list[YamlMapping], env: EnvType, path: Path, slugs: set[str]
) -> Iterator[UnitPlan]:
    """Each unit, in order; `slugs` collects the lessons listed so far in the whole file."""
    titles: set[str] = set()
    for unit in units:
        unit.reject_unknown(UNIT_FIELDS, "a unit")
        title = unit.text("title")
        if title in titles:
            raise error_at(env, unit.line_of("title"), f"unit '{title}' is listed twice")
        titles.add(title)
        listed = unit.optional_word_lines("lessons") or ()
        for slug, line in listed:
            if not SLUG.fullmatch(slug):
                raise error_at(env, line, f"'{slug}' is not a lesson slug such as chain-rule")
            if slug in slugs:
                raise error_at(env, line, f"lesson '{slug}' is listed twice")
            slugs.add(slug)
        coming_next = unit.optional_words("coming_next")
        if not listed and not coming_next:
            raise error_at(env, unit.line, f"unit '{title}' lists no lessons and none coming next")
        yield UnitPlan(
            title=title,
            lessons=tuple(ListedLesson(slug, path, line) for slug, line in listed),
            coming_next=coming_next,
        )
