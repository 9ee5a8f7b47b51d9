"""Pydantic models of the surface explorer's API: level sets, and gradient-descent paths."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from steepest.engine.answer_kinds import ClassifiedKind
from steepest.engine.limits import (
    DEFAULT_LIMITS,
    MAX_DESCENT_STEPS,
    MAX_LEARNING_RATE,
)
from steepest.engine.surface.surface_types import Spacing
from steepest.web.schemas.bounds import Levels, Number, Point


class SurfaceRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"expression": "w1^2 + 3w2^2", "window": [-2, 2, -2, 2], "levels": 12}]
        },
    )

    expression: str = Field(
        max_length=DEFAULT_LIMITS.max_length,
        description="A loss of exactly two variables, typed: w1^2 + 3w2^2",
    )
    window: tuple[Number, Number, Number, Number] | None = Field(
        default=None,
        description="[xmin, xmax, ymin, ymax] in the loss's two variables; by default ±2",
    )
    levels: Levels = Field(
        default=12,
        description="How many level lines (chosen to suit L's range), or exactly which levels",
    )


class LevelSetModel(BaseModel):
    value: float
    lines: list[list[tuple[float, float]]] = Field(
        description="Polylines of the level set, each a list of [x, y] points"
    )


class CriticalPointModel(BaseModel):
    point: dict[str, float]
    kind: ClassifiedKind
    value: float


class SurfaceReply(BaseModel):
    """The engine's level sets, the compiled trees of L and its partials, and a description."""

    expression: str = Field(description="L as the engine prints it")
    variables: tuple[str, str]
    window: tuple[float, float, float, float]
    levels: list[LevelSetModel]
    spacing: Spacing
    range: tuple[float, float] = Field(description="The lowest and highest L in the window")
    function: dict[str, Any] = Field(description="L as an expression tree, for the browser")
    partials: dict[str, dict[str, Any]] = Field(description="∂L/∂v as expression trees, per v")
    partials_text: dict[str, str]
    critical_points: list[CriticalPointModel]
    description: str = Field(description="The map in words, for screen readers")


class DescentRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "expression": "w1^2 + 3w2^2",
                    "start": {"w1": -1.8, "w2": 1},
                    "rate": 0.3,
                    "steps": 100,
                }
            ]
        },
    )

    expression: str = Field(
        max_length=DEFAULT_LIMITS.max_length, description="The loss, typed: w1^2 + 3w2^2"
    )
    start: Point = Field(description="Where the ball is dropped, one value a var")
    rate: Number = Field(
        description="The learning rate η of w ← w − η∇L(w)",
        json_schema_extra={"exclusiveMinimum": 0, "maximum": MAX_LEARNING_RATE},
    )
    steps: StrictInt = Field(
        default=100,
        description=f"The most steps to take (1 to {MAX_DESCENT_STEPS})",
        json_schema_extra={"minimum": 1, "maximum": MAX_DESCENT_STEPS},
    )


class DescentReply(BaseModel):
    points: list[dict[str, float]] = Field(description="The start, then the point after each step")
    losses: list[float] = Field(description="L at each point")
    diverged: bool = Field(description="L grew without bound or overflowed")
    converged: bool = Field(description="The ball settled where ∇L ≈ 0")
    rate_limit: float | None = Field(
        description="2 / (largest curvature at the start): larger rates overshoot ever more"
    )
    message: str = Field(description="What happened, in words")
