"""A loss's landscape as JSON: its level sets and critical points, and a descent path with what
happened to the ball, as `POST /api/surface` and `POST /api/descent` answer.

TypedDicts and Literals and no SymPy or numpy, so that the web process can name these shapes
without importing either; `level_sets.SurfaceReport` and `descent.DescentReport` build them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict, get_args

from steepest.engine.answer_kinds import ClassifiedKind

if TYPE_CHECKING:
    # Only named: an expression tree is free-form nested JSON, and its module needs SymPy.
    from steepest.engine.evaluate.tree import Tree

Spacing = Literal["even", "geometric", "given"]
"""How the level values were chosen: evenly, in equal ratios, or as given."""

# What happened to the ball, in the words the message is chosen by.
DivergedOutcome = Literal["blew up", "overflowed"]
ConvergedOutcome = Literal["settled", "flat at start"]
DescentOutcome = Literal[
    DivergedOutcome,
    ConvergedOutcome,
    "escaped",
    "left the domain",
    "slope undefined",
    "unfinished",
]
DIVERGED_OUTCOMES: tuple[DivergedOutcome, ...] = get_args(DivergedOutcome)
CONVERGED_OUTCOMES: tuple[ConvergedOutcome, ...] = get_args(ConvergedOutcome)


class LevelSetJson(TypedDict):
    value: float
    lines: list[list[list[float]]]
    """Polylines, each a list of [x, y] points."""


class CriticalPointJson(TypedDict):
    point: dict[str, float]
    kind: ClassifiedKind
    value: float


class SurfaceJson(TypedDict):
    expression: str
    variables: list[str]
    window: list[float]
    levels: list[LevelSetJson]
    spacing: Spacing
    range: list[float]
    function: Tree
    partials: dict[str, Tree]
    partials_text: dict[str, str]
    critical_points: list[CriticalPointJson]
    description: str


class DescentJson(TypedDict):
    points: list[dict[str, float]]
    losses: list[float]
    diverged: bool
    converged: bool
    rate_limit: float | None
    message: str
