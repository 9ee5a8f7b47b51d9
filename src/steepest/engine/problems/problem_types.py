"""Problems as text and JSON: the fields of an author's typed question, a problem as a page may
show it, and the worked solution shown after an attempt.

TypedDicts and no SymPy, so that lessons, the web process and the compute workers' callers name
these shapes without importing the CAS; `problem` and `solutions` build them.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from steepest.engine.answer_kinds import DomainKind, Goal, ProblemKind, TypedKind
from steepest.engine.explain.report_types import DerivationStepJson, ExplainedStepJson


class QuestionFields(TypedDict):
    """What the engine needs to rebuild an author's typed question: a `statement` in the claims'
    language, or a `kind` with its `function` (and `respect` or `at`), which stands for one
    (see `engine/questions`)."""

    statement: str | None
    kind: TypedKind | None
    function: str | None
    respect: str | None
    at: dict[str, str] | None
    parameters: list[str]
    """The constants the lesson declares (eta): read whole, never differentiated."""
    figures: int | None
    """Significant figures a decimal answer must show (answers/tolerance.py); 3 when None."""
    relative: float | None
    """A relative tolerance instead: any number this close to the value is right."""


AnswerShape = Literal["scalar", "vector", "matrix", "choice"]
"""How an answer is given: typed as `2w`, `(a, b)` or `[a, b; c, d]` (a matrix, row by row), or
chosen from `choices`."""


class PublicProblemJson(TypedDict):
    """Everything a page needs to ask the question, and nothing that gives the answer away."""

    kind: ProblemKind
    level: int | None
    prompt: str
    prompt_html: str
    """The prompt with the function as MathML: what a page shows, once."""
    name: str
    function: str
    function_mathml: str
    variables: list[str]
    respect: str | None
    point: list[str] | None
    point_mathml: str | None
    interval: list[str] | None
    goal: Goal | None
    domain: dict[str, DomainKind]
    components: int
    shape: AnswerShape
    choices: list[str] | None
    """For a `choice`: what the learner picks from; the answer is one of them, as written."""


class OptimumStepJson(TypedDict):
    """A step that finds or classifies the critical points of an optimum problem."""

    kind: Literal["critical", "classify", "answer"]
    title: str
    text: str
    formula: str
    mathml: str


CurvatureStepKind = Literal[
    "second_derivatives", "hessian", "eigenvalues", "stable_rate", "classify_point"
]


class CurvatureStepJson(ExplainedStepJson):
    """A step of a curvature problem: the second derivatives, the Hessian's eigenvalues, the
    largest stable learning rate."""

    kind: CurvatureStepKind


OptimizerStepKind = Literal[
    "slope",
    "heavy_ball_step",
    "moments",
    "bias_correction",
    "adaptive_step",
    "residuals",
    "batch_gradient",
]


class OptimizerStepJson(ExplainedStepJson):
    """A step of an optimizer's worked steps: the gradient, a heavy-ball step with its velocity,
    Adam's or RMSProp's averages and the step they scale."""

    kind: OptimizerStepKind


SolutionStepJson = DerivationStepJson | OptimumStepJson | CurvatureStepJson | OptimizerStepJson


class WorkedSolutionJson(TypedDict):
    answer: list[str]
    answer_mathml: str
    steps: list[SolutionStepJson]
