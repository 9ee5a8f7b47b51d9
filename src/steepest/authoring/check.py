"""Check lesson files the way `steepest check` does: their format, their formulas, and every
mathematical claim they make, confirmed by the engine.

What is checked, each mistake reported as `path:line: message`:

- the format of each file (front matter, sections, boxes, directives), as loading it does; every
  formula that cannot be typeset is reported, not only the first;
- that no two lessons share a slug, or a number within a unit;
- the folder's course file (`course.yaml`), when it has one: its format, and that it lists every
  lesson once, under the course and unit the lesson's front matter names, in number order (with
  `extends: shipped`, the shipped lessons are loaded for this, but their claims not checked);
- every claim (see `steepest.lessons.claims`), including a question's `check` and its answer key;
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
from steepest.compute.tasks.messages import ClaimQuery, GradientQuery, WidgetCheck
from steepest.engine.errors import EngineError
from steepest.lessons.catalogue import Catalogue
from steepest.lessons.course_folder import read_course_folder
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson, parse_lesson
from steepest.lessons.model import Lesson, TypedQuestionBlock, WidgetBlock, WorkedExampleBlock
from steepest.widgets import UnknownWidget, WidgetParamsError, get_widget

# The checks' module imports the engine parts they need; a widget's spec loads on first use.
WORKER_PRELOAD = tasks.task_modules(
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
        if folder is not None:
            problems.extend(_course_problems(folder, lessons, paths))
        checks: list[_EngineCheck[Any]] = []
        for lesson in lessons:
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
    try:
        Catalogue.from_lessons(lessons)
    except LessonFormatError as error:
        problems.append(CheckProblem(error.path, error.line, error.message))
    return lessons, problems


def _course_problems(
    folder: Path, lessons: list[Lesson], paths: Sequence[Path]
) -> list[CheckProblem]:
    """What is wrong with the folder's course file, and with the lessons' place in it."""
    errors: list[LessonFormatError] = []
    mine = {path.resolve() for path in paths}
    broken = {path.stem for path in paths} - {lesson.slug for lesson in lessons}
    try:
        course = read_course_folder(folder)
        # The shipped lessons, when the course extends them: known good, loaded to be placed.
        others = [load_lesson(p) for p in course.lesson_paths() if p.resolve() not in mine]
        if others:
            Catalogue.from_lessons([*others, *lessons])
        course.syllabus([*others, *lessons], errors, broken)
    except LessonFormatError as error:
        errors.append(error)
    return [CheckProblem(error.path, error.line, error.message) for error in errors]


def _claim_checks(lesson: Lesson) -> Iterator[_EngineCheck[ClaimQuery]]:
    for claim in lesson.claims:
        yield _EngineCheck(
            str(lesson.source_path),
            claim.line,
            f'{claim.label} "{claim.statement}"',
            tasks.CLAIM_MISMATCH,
            ClaimQuery(claim.statement, claim.shown, claim.label, claim.holds),
        )


def _block_checks(lesson: Lesson) -> Iterator[_EngineCheck[Any] | CheckProblem]:
    """The engine work of each directive. A widget's parameters are read here, in-process, as
    the web app reads them, so a mistake in them is a problem at once."""
    path = str(lesson.source_path)
    for block in (b for section in lesson.sections for b in section.blocks):
        if isinstance(block, TypedQuestionBlock):
            what = f"typed question '{block.id}'"
            fields = block.problem_fields()
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
