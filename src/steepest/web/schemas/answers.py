"""Pydantic models of the answer-checking, practice and progress routes (OpenAPI documented)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from steepest.engine.answer_kinds import DomainKind, ProblemKind, VerdictKind
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.problems.deal import SPREAD
from steepest.engine.problems.topics import DEFAULT_TOPIC, TOPICS
from steepest.lessons.directive_blocks import MAX_HINTS
from steepest.web.schemas.bounds import MAX_VARIABLES, Parameters, VariableName, Variables
from steepest.web.schemas.hints import StepHelp

# What the learner types: long enough for any honest answer, short enough to parse quickly.
MAX_ANSWER = 1000
# An attempt id the client picks, so a retried request is recorded once.
ATTEMPT_ID = r"^[A-Za-z0-9_-]{8,64}$"


class ToleranceSpec(BaseModel):
    """How close a number must be; give `figures` or `relative`, not both."""

    model_config = ConfigDict(extra="forbid")

    figures: int | None = Field(
        default=None,
        ge=1,
        le=30,
        description="Significant figures a decimal answer must show when the value has no"
        " finite decimal (1/3, π); 3 when not given",
    )
    relative: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Any answer within this fraction of the expected value is right",
    )

    @model_validator(mode="after")
    def _one_rule(self) -> ToleranceSpec:
        if self.figures is not None and self.relative is not None:
            raise ValueError("give figures or relative, not both")
        return self


class EquivalentRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"expected": "6w2", "answer": "2*3*w2", "variables": ["w1", "w2"]}]
        },
    )

    expected: str = Field(
        max_length=DEFAULT_LIMITS.max_length, description="The right answer, as text"
    )
    answer: str = Field(max_length=MAX_ANSWER, description="What the learner typed")
    variables: Variables = Field(description="The variables both may use")
    parameters: Parameters = Field(
        default_factory=list,
        description="Constants both may use, such as eta: the answer must be right whatever"
        " their values",
    )
    domain: dict[VariableName, DomainKind] | None = Field(
        default=None,
        max_length=MAX_VARIABLES,
        description="Where each variable lives; `real` when not given",
    )
    tolerance: ToleranceSpec | None = Field(
        default=None, description="For numbers: significant figures or a relative tolerance"
    )


class Counterexample(BaseModel):
    model_config = ConfigDict(extra="allow")


class ComponentVerdict(BaseModel):
    equivalent: bool
    verdict: VerdictKind
    message: str = Field(description="A sentence for the learner")
    column: int | None = Field(description="For `invalid`: where the parser stopped (1-based)")
    counterexample: dict[str, Any] | None = Field(
        description="A point where the two differ, when the engine found one"
    )


class EquivalentResult(ComponentVerdict):
    components: list[ComponentVerdict] = Field(
        description="For a vector: the verdict on each component, in order; else empty"
    )


class PreviewRequest(BaseModel):
    """Give the question the text answers (`lesson` and `question`, or a practice `problem`)
    and the preview reads it as that question's check does; or give neither, and `variables`
    and `parameters` say which names it may use."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "2(w1, 3w2)",
                    "lesson": "partial-derivatives-and-the-gradient",
                    "question": "typed-gradient-at",
                },
                {"text": "x^2 + 0.5y", "variables": ["x", "y"]},
            ]
        },
    )

    text: str = Field(max_length=MAX_ANSWER, description="What the learner has typed so far")
    variables: Variables | None = Field(
        default=None, description="Without a question: names allowed as variables; any if none"
    )
    parameters: Parameters = Field(
        default_factory=list, description="Without a question: constants the text may use"
    )
    lesson: str | None = Field(default=None, max_length=200, description="The lesson of `question`")
    question: str | None = Field(
        default=None, max_length=200, description="A typed question of `lesson`, by its id"
    )
    problem: str | None = Field(
        default=None, max_length=200, description="A practice problem's id, instead of a question"
    )

    @model_validator(mode="after")
    def _one_context(self) -> PreviewRequest:
        if (self.lesson is None) != (self.question is None):
            raise ValueError("give lesson and question together")
        asked = self.question is not None or self.problem is not None
        if self.question is not None and self.problem is not None:
            raise ValueError("give a question or a problem, not both")
        if asked and (self.variables is not None or self.parameters):
            raise ValueError("a question or problem declares its own names: drop variables")
        return self


class PreviewResult(BaseModel):
    mathml: str = Field(
        description="How the engine read the text, as a MathML <math> element in the form typed"
    )


class TypedAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(max_length=MAX_ANSWER, description="The typed answer")
    id: str | None = Field(default=None, pattern=ATTEMPT_ID, description="Client attempt id")
    hints: int = Field(
        default=0,
        ge=0,
        le=MAX_HINTS,
        description="How many hints the learner has revealed; recorded with the attempt",
    )


class Feedback(BaseModel):
    """The engine's diagnosis of one answer."""

    verdict: VerdictKind
    correct: bool
    message: str = Field(description="Names the mistake when the engine recognised one")
    column: int | None
    mistake: str | None = Field(description="A code such as `sign` or `swapped_components`")
    hint: str | None = Field(
        description="Names the mistake without giving the answer away: shown before the solution"
    )
    components: list[dict[str, Any]] = Field(description="For a vector: a verdict per entry")
    component_mistakes: list[str | None]
    counterexample: dict[str, Any] | None


class TypedResult(StepHelp):
    feedback: Feedback
    explanation_html: str | None = Field(
        description="The author's explanation: with a right answer, else only once the"
        " solution is out (asked for, or after the third wrong try); until then `message`,"
        " `components` and `counterexample` of a wrong answer are left empty, as they may hold"
        " the right answer"
    )


class PracticeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(
        default=DEFAULT_TOPIC,
        max_length=32,
        description=f"A practice topic: {', '.join(TOPICS)}",
    )
    level: Literal[1, 2, 3] = Field(description="1, 2 or 3; what each holds depends on the topic")
    kind: ProblemKind | None = Field(
        default=None, description="What to ask, one of the topic's kinds; varied if not given"
    )
    recent: list[Annotated[StrictInt, Field(ge=0, le=99)]] = Field(
        default_factory=list,
        max_length=SPREAD - 1,
        description="The templates of the latest problems of this topic and level, oldest"
        " first (each problem's `template`): the new problem is drawn from none of them",
    )

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, topic: str) -> str:
        if topic not in TOPICS:
            raise ValueError(f"there is no practice topic {topic!r} (one of {', '.join(TOPICS)})")
        return topic

    @model_validator(mode="after")
    def _kind_of_the_topic(self) -> PracticeRequest:
        asked = TOPICS[self.topic].kinds
        if self.kind is not None and self.kind not in asked:
            raise ValueError(f"the topic {self.topic!r} asks {', '.join(asked)}, not {self.kind}")
        return self


class PracticeProblem(BaseModel):
    problem: str = Field(description="Opaque id of the problem, to send back with the answer")
    template: int = Field(description="Which of the level's templates the problem is drawn from")
    question: Mapping[str, Any] = Field(
        description="The problem as the page shows it: prompt, function, point; never the answer"
    )


class PracticeAttempt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    problem: str = Field(max_length=200, description="The id from /api/practice/problems")
    answer: str = Field(max_length=MAX_ANSWER)
    id: str | None = Field(default=None, pattern=ATTEMPT_ID, description="Client attempt id")


class Mastery(BaseModel):
    model_config = ConfigDict(extra="allow")

    topic: str = Field(description="The practice topic this mastery counts")
    levels: list[dict[str, Any]]
    recommended_level: int
    required: int = Field(description="Right answers in a row that master a level")
    message: str


class PracticeResult(BaseModel):
    feedback: Feedback
    solution: dict[str, Any] | None = Field(
        description="The answer and the worked solution, once the learner has no try left;"
        " none after unreadable input or a wrong first answer"
    )
    solution_html: str | None = Field(
        description="The worked solution as the page shows it, steps and rules, as HTML"
    )
    try_number: int = Field(description="Which try at this problem the answer was: 1 or 2")
    can_retry: bool = Field(description="Whether the problem may be answered again")
    mastery: Mastery


class ProgressDocument(BaseModel):
    """Progress through one lesson; see `steepest.store.progress` for the merge rules."""

    model_config = ConfigDict(extra="allow")

    sections: dict[str, int] = Field(default_factory=dict)
    widgets: dict[str, int] = Field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    cleared_at: int = 0


class ImportResult(BaseModel):
    model_config = ConfigDict(extra="allow")
