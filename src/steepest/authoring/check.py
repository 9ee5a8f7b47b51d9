"""Check lesson files the way `steepest check` does: their format, their formulas, and every
mathematical claim they make, confirmed by the engine.

What is checked, each mistake reported as `path:line: message`:

- the format of each file (front matter, sections, boxes, directives), as loading it does; every
  formula that cannot be typeset is reported, not only the first;
- that no two lessons share a slug, or a number within a unit;
- every claim (see `steepest.lessons.claims`), including a question's `check` and its answer key;
- that the engine can build each typed question's problem, derive each worked example, and
  compute each widget's numbers from its parameters.

This runs in the command's own process, which never imports SymPy: every engine call goes to
one ComputePool, each under a time limit, and what comes back is plain text.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from steepest.compute import ComputeError, ComputePool
from steepest.engine.errors import EngineError
from steepest.lessons.catalogue import Catalogue
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import parse_lesson
from steepest.lessons.model import Lesson, TypedQuestionBlock, WidgetBlock, WorkedExampleBlock
from steepest.widgets import UnknownWidget, WidgetParamsError, get_widget

WORKER_PRELOAD = (
    "steepest.engine.claims.verify",
    "steepest.engine.problems.problem",
    "steepest.engine.explain.report",
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


@dataclass(frozen=True)
class _EngineCheck:
    """One call for the compute pool; `function` returns None when all is well, else what is
    wrong. `what` names the thing checked, for a call that fails outright."""

    path: str
    line: int
    what: str
    function: Callable[..., str | None]
    args: tuple[Any, ...]


def lesson_files(path: Path) -> list[Path]:
    """The lesson files a check covers: `path` itself, or every `*.md` in the folder."""
    return [path] if path.is_file() else sorted(path.glob("*.md"))


def check_lessons(paths: Sequence[Path], *, timeout: float = 10.0) -> CheckReport:
    """Check the lesson files at `paths`; every engine call may take `timeout` seconds."""
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
        checks: list[_EngineCheck] = []
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
        problems=tuple(sorted(problems)),
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


def _claim_checks(lesson: Lesson) -> Iterator[_EngineCheck]:
    for claim in lesson.claims:
        yield _EngineCheck(
            str(lesson.source_path),
            claim.line,
            f'{claim.label} "{claim.statement}"',
            claim_mismatch,
            (claim.statement, claim.shown, claim.label, claim.holds),
        )


def _block_checks(lesson: Lesson) -> Iterator[_EngineCheck | CheckProblem]:
    """The engine work of each directive. A widget's parameters are read here, in-process, as
    the web app reads them, so a mistake in them is a problem at once."""
    path = str(lesson.source_path)
    for block in (b for section in lesson.sections for b in section.blocks):
        if isinstance(block, TypedQuestionBlock):
            what = f"typed question '{block.id}'"
            fields = (block.problem_fields(),)
            yield _EngineCheck(path, block.line, what, typed_question_fault, fields)
        elif isinstance(block, WorkedExampleBlock):
            example = (block.expression, dict(block.at))
            yield _EngineCheck(
                path, block.line, "the worked example", worked_example_fault, example
            )
        elif isinstance(block, WidgetBlock):
            what = f"the {block.name} widget"
            try:
                widget = get_widget(block.name)
                params = widget.read_params(block.params)
            except (UnknownWidget, WidgetParamsError) as error:
                yield CheckProblem(path, block.line, f"{what}: {error.args[0]}")
                continue
            spec = (what, widget.compute_spec, params)
            yield _EngineCheck(path, block.line, what, widget_fault, spec)


def _outcome(pool: ComputePool, check: _EngineCheck) -> str | None:
    try:
        return pool.run(check.function, *check.args)
    except EngineError as error:
        return f"{check.what} cannot be checked: {error}"
    except ComputeError as error:
        return f"{check.what} could not be checked: {error.message}"


# The functions below run in compute workers. Each imports the engine when called, so that
# naming them here (to send them to a worker) never loads SymPy into this process.


def claim_mismatch(statement: str, shown: str, label: str, holds: bool = True) -> str | None:
    """What is wrong with a claim, or None when the engine confirms it (or, for a claim that
    must not hold, such as a quiz's wrong option, confirms that it does not)."""
    from steepest.engine.claims.verify import verify_claim

    verdict = verify_claim(statement, shown)
    if verdict.ok == holds:
        return None
    if not holds:
        return (
            f'{label} is offered as wrong, but {verdict.said} is "{statement}" after all:'
            f" the engine finds {verdict.got}"
        )
    return f'{label} "{statement}" says {verdict.said}, but the engine finds {verdict.got}'


def typed_question_fault(fields: Mapping[str, Any]) -> str | None:
    """Build the question's problem, answer key included, as the web app does for each answer."""
    from steepest.engine.problems.problem import problem_from_text

    problem_from_text(
        fields["kind"], fields["function"], respect=fields["respect"], at=fields["at"]
    )
    return None


def worked_example_fault(expression: str, at: Mapping[str, str]) -> str | None:
    from steepest.engine.explain.report import gradient_report

    gradient_report(expression, at)
    return None


def widget_fault(what: str, compute_spec: Callable[[Any], object], params: Any) -> str | None:
    """Compute the widget's numbers as its page would; a widget says what is wrong with a
    ValueError (the best box: no single maximum between its slider's ends)."""
    try:
        compute_spec(params)
    except ValueError as error:
        return f"the engine cannot compute {what}'s numbers: {error}"
    return None
