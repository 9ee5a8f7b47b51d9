"""What callers send the compute tasks, and the results that are not the engine's own JSON.

Frozen dataclasses of plain values: picklable, and free of SymPy, because the web process, the
command's parent and `steepest check` build them. Each task of `steepest.compute.tasks` takes
one of these; what comes back is the engine's JSON (TypedDicts of the engine's `*_types`
modules) or one of the results below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from steepest.compute.task import Task
from steepest.engine.answer_kinds import DomainKind, ProblemKind
from steepest.engine.explain.report_types import GradientReportJson
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.problem_types import QuestionFields, WorkedSolutionJson

Coordinate = int | float | str
"""A coordinate as typed: numbers as they are; text ("1/2", "pi") is read exactly by the engine."""


@dataclass(frozen=True)
class GradientQuery:
    """Differentiate `expression` in every variable (in the order `variables` gives, else as
    found) and, given `at`, evaluate the gradient there. `parameters` are constants."""

    expression: str
    at: Mapping[str, Coordinate] | None = None
    variables: Sequence[str] | None = None
    parameters: Sequence[str] = ()


@dataclass(frozen=True)
class EquivalenceQuery:
    """Is `answer` the same function as `expected` where the variables live?"""

    expected: str
    answer: str
    variables: Sequence[str]
    domain: Mapping[str, DomainKind] | None = None
    figures: int | None = None
    """Significant figures a decimal answer must show (answers/tolerance.py); 3 if not given."""
    relative: float | None = None
    """A relative tolerance instead: any answer this close is right."""
    parameters: Sequence[str] = ()
    """Constants both may use (η): the answer must be right whatever their values."""


@dataclass(frozen=True)
class PreviewQuery:
    """Typeset what the engine reads from `text`, as a learner types it: as the check of
    `question` or `problem` reads it when one is given, else with `variables` and
    `parameters`."""

    text: str
    variables: Sequence[str] | None = None
    parameters: Sequence[str] = ()
    question: QuestionFields | None = None
    """An author's typed question, whose check the preview reads as."""
    problem: PracticeKey | None = None
    """A generated practice problem, whose check the preview reads as."""


@dataclass(frozen=True)
class QuestionAnswer:
    """A learner's answer to an author's typed question."""

    question: QuestionFields
    answer: str


@dataclass(frozen=True)
class PracticeKey:
    """A generated practice problem: the engine rebuilds it, answer key included, from these."""

    topic: str
    level: int
    kind: ProblemKind
    seed: int


@dataclass(frozen=True)
class PracticeAnswer:
    problem: PracticeKey
    answer: str


@dataclass(frozen=True)
class SurfaceQuery:
    """Trace `levels` level lines (a count, or the values) of a loss over `window`."""

    expression: str
    window: Sequence[float] | None
    levels: int | Sequence[float]


@dataclass(frozen=True)
class DescentQuery:
    """Take up to `steps` steps of gradient descent at `rate` from `start`."""

    expression: str
    start: Mapping[str, Coordinate]
    rate: float
    steps: int


@dataclass(frozen=True)
class ClaimQuery:
    """A lesson's claim: `statement` says what the engine must find where the reader sees
    `shown`; `holds` is False for a quiz's wrong option, which the engine must refute. Both are
    read with the names the lesson declares: `variables` (None: any name) and `parameters`."""

    statement: str
    shown: str
    label: str
    holds: bool = True
    variables: tuple[str, ...] | None = None
    """The variables the lesson declares; None: any name is a variable."""
    parameters: tuple[str, ...] = ()
    """The constants the lesson declares (eta), which the statement may use."""


@dataclass(frozen=True)
class NamesQuery:
    """The names a lesson declares in its front matter, for the engine to confirm."""

    variables: Sequence[str] | None
    parameters: Sequence[str]


@dataclass(frozen=True)
class WidgetCheck:
    """Compute a widget's spec from its parameters, as its page would; `what` names it."""

    what: str
    spec: Task[Any, object]
    params: object


@dataclass(frozen=True)
class WorkedExample:
    """An author's worked example: the report, and the task typeset as `L(w1, w2) = …`."""

    report: GradientReportJson
    function_mathml: str
    point_mathml: str | None


class PracticeOutcome(TypedDict):
    """The diagnosis of an answer to a practice problem, and its worked solution."""

    feedback: FeedbackJson
    solution: WorkedSolutionJson
