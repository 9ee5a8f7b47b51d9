"""Check lesson files the way `steepest check` does: their format, their formulas, and every
mathematical claim they make, confirmed by the engine.

What is checked, each mistake reported as `path:line: message`:

- the format of each file (front matter, sections, boxes, directives), as loading it does; every
  formula that cannot be typeset is reported, not only the first;
- that no two lessons share a slug, or a number within a unit, and that a `next` lesson that
  exists has the title `next` gives it;
- that every link to a lesson (or a section) leads to one the course has: the course is every
  lesson file in the folders checked (and the shipped lessons when the course file extends
  them), so one file checked alone may link to its neighbours;
- that every image a lesson shows is there, and every footnote cited has its note (as loading
  does);
- that the names a lesson declares (`variables`, `parameters`) are names the engine reads whole;
- the folder's course file (`course.yaml`), when it has one: its format, and that it lists every
  lesson once, under the course and unit the lesson's front matter names, in number order (with
  `extends: shipped`, the shipped lessons are loaded for this, but their claims not checked),
  and that each lesson's `next` agrees with the order it gives (see lessons/course_order.py);
- every claim (see `steepest.lessons.claims`), including a question's `check` and its answer key,
  read with those names (a lesson whose names are wrong has its claims skipped);
- that the engine can build each typed question's problem, derive each worked example, and
  compute each widget's numbers from its parameters.

This runs in the command's own process, which never imports SymPy: every engine call goes to
one ComputePool, each under a time limit, and what comes back is plain text.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from steepest.compute import ComputeError, ComputePool, Task, tasks
from steepest.compute.tasks.messages import ClaimQuery, GradientQuery, NamesQuery, WidgetCheck
from steepest.engine.errors import EngineError
from steepest.lessons.catalogue import Catalogue
from steepest.lessons.course_folder import read_course_folder
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.links import SectionIds, broken_links
from steepest.lessons.loader import load_lesson, parse_lesson
from steepest.lessons.model import Lesson, TypedQuestionBlock, WidgetBlock, WorkedExampleBlock
from steepest.web.course.claim_review import claim_query
from steepest.widgets import UnknownWidget, WidgetParamsError, get_widget

# The checks' module imports the engine parts they need; a widget's spec loads on first use.
WORKER_PRELOAD = tasks.task_modules(
    tasks.DECLARED_NAMES_FAULT,
    tasks.CLAIM_MISMATCH,
    tasks.TYPED_QUESTION_FAULT,
    tasks.WORKED_EXAMPLE_FAULT,
    tasks.WIDGET_FAULT,
)
MAX_WORKERS = 4
LESSONS_PER_WORKER = 2


@dataclass(frozen=True, order=True)
class CheckProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    lessons: int
    claims: int
    problems: tuple[CheckProblem, ...]
    """Sorted by file and line."""


Request = TypeVar("Request")


@dataclass(frozen=True)
class _EngineCheck(Generic[Request]):
    """One call for the compute pool; `task` returns None when all is well, else what is
    wrong. `what` names the thing checked, for a call that fails outright."""

    path: str
    line: int
    what: str
    task: Task[Request, str | None]
    request: Request


def lesson_files(path: Path) -> list[Path]:
    """The lesson files a check covers: `path` itself, or every `*.md` in the folder."""
    return [path] if path.is_file() else sorted(path.glob("*.md"))


def check_lessons(
    paths: Sequence[Path], *, timeout: float = 10.0, folder: Path | None = None
) -> CheckReport:
    """Check the lesson files at `paths`; every engine call may take `timeout` seconds. With
    `folder`, the folder they come from, its course file is checked with them."""
    # A worker takes longer to start than one lesson's checks take to run.
    wanted = math.ceil(len(paths) / LESSONS_PER_WORKER)
    workers = max(1, min(MAX_WORKERS, os.cpu_count() or 1, wanted))
    with (
        ComputePool(workers=workers, timeout=timeout, preload=WORKER_PRELOAD) as pool,
        ThreadPoolExecutor(max_workers=workers) as threads,
    ):
        # The workers import SymPy while this process reads the lessons.
        threads.submit(pool.start)
        lessons, problems = _load_all(paths)
        others: list[Lesson] = []
        if folder is not None:
            course_problems, others = _course_problems(folder, lessons, paths)
            problems.extend(course_problems)
        problems.extend(_link_problems(lessons, paths, others))
        named = _names_problems(pool, threads, lessons)
        problems.extend(named.values())
        checks: list[_EngineCheck[Any]] = []
        for lesson in lessons:
            if str(lesson.source_path) not in named:
                checks.extend(_claim_checks(lesson))
            for check in _block_checks(lesson):
                if isinstance(check, CheckProblem):
                    problems.append(check)
                else:
                    checks.append(check)
        messages = threads.map(lambda check: _outcome(pool, check), checks)
        problems.extend(
            CheckProblem(check.path, check.line, message)
            for check, message in zip(checks, messages, strict=True)
            if message is not None
        )
    return CheckReport(
        lessons=len(paths),
        claims=sum(len(lesson.claims) for lesson in lessons),
        # A clash between two lessons of the folder is found with and without the course's.
        problems=tuple(sorted(set(problems))),
    )


def _load_all(paths: Sequence[Path]) -> tuple[list[Lesson], list[CheckProblem]]:
    """The lessons that load, and the problems of all files, clashes between lessons included."""
    lessons: list[Lesson] = []
    problems: list[CheckProblem] = []
    for path in paths:
        deferred: list[LessonFormatError] = []
        try:
            text = path.read_text(encoding="utf-8")
            lessons.append(parse_lesson(text, path, deferred_errors=deferred))
        except UnicodeDecodeError:
            deferred.append(LessonFormatError(path, 1, "a lesson file must be UTF-8 text"))
        except LessonFormatError as error:
            deferred.append(error)
        problems.extend(CheckProblem(e.path, e.line, e.message) for e in deferred)
    for broken in Catalogue.from_lessons(lessons).broken:
        problems.append(CheckProblem(broken.error.path, broken.error.line, broken.error.message))
    return lessons, problems


def _link_problems(
    lessons: Sequence[Lesson], paths: Sequence[Path], others: Sequence[Lesson]
) -> Iterator[CheckProblem]:
    """Links to a lesson or section the course lacks; the course is every lesson file in the
    folders of `paths` (a file's slug is its name), loaded or not, and the `others` the course
    file brings (the shipped lessons, when it extends them)."""
    course: dict[str, SectionIds] = {
        lesson.slug: tuple(section.id for section in lesson.sections)
        for lesson in (*others, *lessons)
    }
    for folder in {path.parent for path in paths}:
        for neighbour in sorted(folder.glob("*.md")):
            if neighbour.stem not in course:
                course[neighbour.stem] = _section_ids(neighbour)
    for lesson in lessons:
        for error in broken_links(lesson, course):
            yield CheckProblem(error.path, error.line, error.message)


def _section_ids(path: Path) -> SectionIds:
    """The sections of a lesson not being checked; None when it does not load (its own check
    reports why), so that only its name is known."""
    try:
        return tuple(section.id for section in load_lesson(path).sections)
    except (LessonFormatError, UnicodeDecodeError):
        return None


def _names_problems(
    pool: ComputePool, threads: ThreadPoolExecutor, lessons: Sequence[Lesson]
) -> dict[str, CheckProblem]:
    """The problem with each lesson's declared names, by file: checked before the claims, which
    are read with them and would each report the same mistake."""
    checks = [
        _EngineCheck(
            str(lesson.source_path),
            lesson.names_line,
            "the declared names",
            tasks.DECLARED_NAMES_FAULT,
            NamesQuery(lesson.variables, lesson.parameters),
        )
        for lesson in lessons
        if lesson.variables is not None or lesson.parameters
    ]
    messages = threads.map(lambda check: _outcome(pool, check), checks)
    return {
        check.path: CheckProblem(check.path, check.line, message)
        for check, message in zip(checks, messages, strict=True)
        if message is not None
    }


def _course_problems(
    folder: Path, lessons: list[Lesson], paths: Sequence[Path]
) -> tuple[list[CheckProblem], list[Lesson]]:
    """What is wrong with the folder's course file, and with the lessons' place in it; and the
    course's lessons besides `lessons` (the shipped ones, when the course extends them)."""
    errors: list[LessonFormatError] = []
    mine = {path.resolve() for path in paths}
    broken = {path.stem for path in paths} - {lesson.slug for lesson in lessons}
    others: list[Lesson] = []
    try:
        course = read_course_folder(folder)
        # The shipped lessons, when the course extends them: known good, loaded to be placed.
        others = [load_lesson(p) for p in course.lesson_paths() if p.resolve() not in mine]
        # Clashes with them too; a lesson left out by one is not reported missing as well.
        catalogue = Catalogue.from_lessons([*others, *lessons])
        errors.extend(left_out.error for left_out in catalogue.broken)
        broken |= {left_out.slug for left_out in catalogue.broken}
        syllabus = course.syllabus(catalogue.lessons, errors, broken)
        # Only a check holds `next` to the course order: the pages' links follow the order alone.
        errors.extend(course.next_faults(syllabus, catalogue.lessons, broken))
    except LessonFormatError as error:
        errors.append(error)
    problems = [CheckProblem(error.path, error.line, error.message) for error in errors]
    return problems, others


def _claim_checks(lesson: Lesson) -> Iterator[_EngineCheck[ClaimQuery]]:
    for claim in lesson.claims:
        query = claim_query(claim, lesson.parameters, lesson.variables)
        what = f'{claim.label} "{claim.statement}"'
        yield _EngineCheck(str(lesson.source_path), claim.line, what, tasks.CLAIM_MISMATCH, query)


def _block_checks(lesson: Lesson) -> Iterator[_EngineCheck[Any] | CheckProblem]:
    """The engine work of each directive. A widget's parameters are read here, in-process, as
    the web app reads them, so a mistake in them is a problem at once."""
    path = str(lesson.source_path)
    for block in (b for section in lesson.sections for b in section.blocks):
        if isinstance(block, TypedQuestionBlock):
            what = f"typed question '{block.id}'"
            fields = block.question_fields(lesson.parameters)
            yield _EngineCheck(path, block.line, what, tasks.TYPED_QUESTION_FAULT, fields)
        elif isinstance(block, WorkedExampleBlock):
            example = GradientQuery(block.expression, dict(block.at))
            what = "the worked example"
            yield _EngineCheck(path, block.line, what, tasks.WORKED_EXAMPLE_FAULT, example)
        elif isinstance(block, WidgetBlock):
            what = f"the {block.name} widget"
            try:
                widget = get_widget(block.name)
                params = widget.read_params(block.params)
            except (UnknownWidget, WidgetParamsError) as error:
                yield CheckProblem(path, block.line, f"{what}: {error.args[0]}")
                continue
            spec = WidgetCheck(what, widget.spec, params)
            yield _EngineCheck(path, block.line, what, tasks.WIDGET_FAULT, spec)


def _outcome(pool: ComputePool, check: _EngineCheck[Any]) -> str | None:
    try:
        return pool.call(check.task, check.request)
    except EngineError as error:
        return f"{check.what} cannot be checked: {error}"
    except ComputeError as error:
        return f"{check.what} could not be checked: {error.message}"
