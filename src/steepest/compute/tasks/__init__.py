"""The engine work that the web app, the `steepest` command and `steepest check` hand the compute
workers: one typed handle per task, `pool.call(GRADIENT_REPORT, GradientQuery("x^2"))`.

Importing this module loads no SymPy: a handle only names its function, and the requests and
results are SymPy-free (`messages`, and the engine's `*_types` modules). The modules the handles
name (`gradients`, `answers`, `practice`, `surface`, `checks`) import the engine at the top,
and only compute workers import them: a pool lists them in `preload` (see `task_modules`), so
its forkserver imports them once and every worker starts with them loaded.

Each handle is declared with its request and result types; `tests/compute/test_tasks.py` checks
them against the type hints of the function it names.
"""

from __future__ import annotations

from typing import Any

from steepest.compute.task import Task
from steepest.compute.tasks.messages import (
    ClaimQuery,
    DescentQuery,
    EquivalenceQuery,
    GradientQuery,
    NamesQuery,
    PracticeAnswer,
    PracticeKey,
    PracticeOutcome,
    PreviewQuery,
    QuestionAnswer,
    SurfaceQuery,
    WidgetCheck,
    WorkedExample,
)
from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.engine.explain.report_types import GradientReportJson
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.problem_types import PublicProblemJson, QuestionFields
from steepest.engine.surface.surface_types import DescentJson, SurfaceJson

_GRADIENTS = f"{__name__}.gradients"
_ANSWERS = f"{__name__}.answers"
_PRACTICE = f"{__name__}.practice"
_SURFACE = f"{__name__}.surface"
_CHECKS = f"{__name__}.checks"

GRADIENT_REPORT: Task[GradientQuery, GradientReportJson] = Task(_GRADIENTS, "gradient_report")
GRADIENT_TEXT: Task[GradientQuery, str] = Task(_GRADIENTS, "gradient_text")
WORKED_EXAMPLE: Task[GradientQuery, WorkedExample] = Task(_GRADIENTS, "worked_example")

EQUIVALENCE: Task[EquivalenceQuery, TypedVerdictJson] = Task(_ANSWERS, "equivalence")
# Parsing and typesetting at most a few hundred characters: milliseconds, so the quick lane.
PREVIEW: Task[PreviewQuery, str] = Task(_ANSWERS, "preview", lane="quick")
QUESTION_FEEDBACK: Task[QuestionAnswer, FeedbackJson] = Task(_ANSWERS, "question_feedback")
TYPED_ANSWER_COMPONENTS: Task[QuestionFields, int] = Task(_ANSWERS, "typed_answer_components")

PRACTICE_PROBLEM: Task[PracticeKey, PublicProblemJson] = Task(_PRACTICE, "practice_problem")
PRACTICE_FEEDBACK: Task[PracticeAnswer, PracticeOutcome] = Task(_PRACTICE, "practice_feedback")

LEVEL_SETS: Task[SurfaceQuery, SurfaceJson] = Task(_SURFACE, "level_sets")
DESCENT_PATH: Task[DescentQuery, DescentJson] = Task(_SURFACE, "descent_path")

CLAIM_MISMATCH: Task[ClaimQuery, str | None] = Task(_CHECKS, "claim_mismatch")
DECLARED_NAMES_FAULT: Task[NamesQuery, str | None] = Task(_CHECKS, "declared_names_fault")
TYPED_QUESTION_FAULT: Task[QuestionFields, None] = Task(_CHECKS, "typed_question_fault")
WORKED_EXAMPLE_FAULT: Task[GradientQuery, None] = Task(_CHECKS, "worked_example_fault")
WIDGET_FAULT: Task[WidgetCheck, str | None] = Task(_CHECKS, "widget_fault")


def task_modules(*tasks: Task[Any, Any]) -> tuple[str, ...]:
    """The modules `tasks` live in, each once, in order: a pool's `preload`, so that its
    forkserver imports them (and the engine with them) once, before any worker starts."""
    return tuple(dict.fromkeys(task.module for task in tasks))
