"""Pydantic models of the JSON API: they validate requests and document the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from steepest.engine.limits import DEFAULT_LIMITS
from steepest.lessons.directive_blocks import MAX_HINTS
from steepest.web.schemas.answers import ATTEMPT_ID
from steepest.web.schemas.bounds import Parameters, Point, Variables
from steepest.web.schemas.hints import StepHelp


class GradientRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"expression": "w1^2 + 3w2^2", "at": {"w1": 1, "w2": 1}}]},
    )

    expression: str = Field(
        max_length=DEFAULT_LIMITS.max_length,
        description="The function, typed as a learner would: w1^2 + 3w2^2",
    )
    at: Point | None = Field(
        default=None, description="A point to evaluate the gradient at, one value per variable"
    )
    variables: Variables | None = Field(
        default=None, description="The variables and their order; by default every name found"
    )
    parameters: Parameters = Field(default_factory=list)


class KinkDetail(BaseModel):
    """One partial at a kink, where L has no gradient: its two one-sided slopes."""

    variable: str
    left: str = Field(description="The slope just left of the point, as SymPy text")
    right: str = Field(description="The slope just right of the point, as SymPy text")
    functions: list[str] = Field(description="The abs(u) whose u is 0 at the point")


class GradientReport(BaseModel):
    """The same JSON `steepest grad --json` prints."""

    model_config = ConfigDict(extra="allow")

    expression: str
    variables: list[str]
    partials: dict[str, str]
    gradient: list[str]
    at: dict[str, int | float] | None
    gradient_at: dict[str, int | float | str] | None = Field(
        description="The gradient at the point; null without a point, and at a kink (see kinks)."
        " A component that holds parameters is SymPy text (1 - 4*eta)"
    )
    kinks: list[KinkDetail] = Field(
        description="At a kink of L (abs(u) with u = 0 at the point), each partial whose slopes"
        " from the left and from the right differ; empty where L has a gradient"
    )
    steps: list[dict[str, Any]] = Field(
        description="Derivation steps: kind, title, text, mathml; partial steps add their rules"
    )


class QuizAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(max_length=100, description="The id of the chosen option")
    id: str | None = Field(default=None, pattern=ATTEMPT_ID, description="Client attempt id")
    hints: int = Field(
        default=0,
        ge=0,
        le=MAX_HINTS,
        description="How many hints the learner has revealed; recorded with the attempt",
    )


class QuizResult(StepHelp):
    correct: bool
    explanation_html: str | None = Field(
        description="The author's explanation: with a right answer, else only once the"
        " solution is out (asked for, or after the third wrong try)"
    )
    feedback_html: str | None = Field(
        description="What is wrong with the chosen wrong option, when the author wrote it"
    )


class ErrorDetail(BaseModel):
    message: str
    column: int | None = Field(description="1-based column in the typed text, when known")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_response(description: str) -> dict[str, Any]:
    """An error status as the OpenAPI document lists it: the shared body and what it means."""
    return {"model": ErrorResponse, "description": description}


# What every route that runs the engine may answer besides its own errors.
ENGINE_ERRORS: dict[int | str, dict[str, Any]] = {
    422: error_response("Input the engine cannot work with"),
    429: error_response("This client's engine calls ran out for now; see Retry-After"),
    503: error_response("The server is busy; see Retry-After"),
}
