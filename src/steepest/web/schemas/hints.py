"""Pydantic models of the hint and solution routes, and the help an answer gets (OpenAPI
documented)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from steepest.lessons.directive_blocks import MAX_HINTS


class HintRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"index": 0}]})

    index: int = Field(
        ge=0, lt=MAX_HINTS, description="Which hint, from 0: the number already revealed"
    )


class HintResult(BaseModel):
    index: int = Field(description="The hint's place, from 0")
    total: int = Field(description="How many hints the question has")
    hint_html: str = Field(description="The hint, as the lesson's HTML")


class StepHelp(BaseModel):
    """The help in an answer's verdict, decided from the learner's stored attempts."""

    hint_html: str | None = Field(
        default=None,
        description="After a wrong answer while the solution waits: the slip named, the"
        " question's first hint, then a stronger one; never the answer",
    )
    after_solution: bool = Field(
        default=False,
        description="The answer came after the solution was shown: it does not count as right"
        " first time",
    )


class SolutionResult(BaseModel):
    explanation_html: str = Field(description="The worked solution, as the lesson's HTML")
