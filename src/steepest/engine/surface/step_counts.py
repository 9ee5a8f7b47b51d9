"""Gradient descent and Newton's method from one start, in floats on the compiled expression
trees, counted in steps until |∇L| falls below a tolerance.

The browser runs these same loops on the same trees (js/widgets/curvature/walks.js), operation
for operation, so that the counts it shows are the ones worked out here for the page without
JavaScript. Gradient descent steps w ← w − η∇L(w); Newton's method w ← w − H(w)⁻¹∇L(w), with
the 2×2 inverse written out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from steepest.engine.evaluate.tree import Tree, evaluate_tree

# A coordinate this far out has left any map worth drawing: the walk has flown off.
ESCAPE = 1e6

WalkEnd = Literal["reached", "out of steps", "flown off", "singular"]
"""Why a walk stopped: |∇L| fell below the tolerance; it took every step it may; a coordinate
passed ±ESCAPE or stopped being a number; the Hessian had no inverse (Newton's method only)."""

Point2 = tuple[float, float]
# One step of a method: where it goes from a point with this slope, or None where it cannot go.
Stepper = Callable[[Point2, Point2], Point2 | None]


@dataclass(frozen=True)
class Walk:
    points: list[tuple[float, float]]
    slopes: list[float]
    """|∇L| at each point."""
    end: WalkEnd

    @property
    def steps(self) -> int:
        return len(self.points) - 1


@dataclass(frozen=True)
class Trees:
    """A loss of two weights as the browser gets it: its partials and its Hessian's entries
    H11, H12, H22, with `constants` (such as κ) set."""

    names: tuple[str, str]
    partials: tuple[Tree, Tree]
    hessian: tuple[Tree, Tree, Tree]
    constants: Mapping[str, float]

    def at(self, point: tuple[float, float]) -> dict[str, float]:
        return {**self.constants, self.names[0]: point[0], self.names[1]: point[1]}

    def slope(self, point: tuple[float, float]) -> tuple[float, float]:
        at = self.at(point)
        return evaluate_tree(self.partials[0], at), evaluate_tree(self.partials[1], at)


def descent_walk(
    trees: Trees, start: tuple[float, float], rate: float, tolerance: float, most: int
) -> Walk:
    def step(point: tuple[float, float], slope: tuple[float, float]) -> tuple[float, float] | None:
        return point[0] - rate * slope[0], point[1] - rate * slope[1]

    return _walk(trees, start, tolerance, most, step)


def newton_walk(trees: Trees, start: tuple[float, float], tolerance: float, most: int) -> Walk:
    def step(point: tuple[float, float], slope: tuple[float, float]) -> tuple[float, float] | None:
        at = trees.at(point)
        a, b, c = (evaluate_tree(tree, at) for tree in trees.hessian)
        det = a * c - b * b
        if det == 0 or not math.isfinite(det):
            return None
        return (
            point[0] - (c * slope[0] - b * slope[1]) / det,
            point[1] - (a * slope[1] - b * slope[0]) / det,
        )

    return _walk(trees, start, tolerance, most, step)


def _walk(
    trees: Trees,
    start: tuple[float, float],
    tolerance: float,
    most: int,
    step: Stepper,
) -> Walk:
    points: list[tuple[float, float]] = []
    slopes: list[float] = []
    point = start
    end: WalkEnd = "out of steps"
    for k in range(most + 1):
        slope = trees.slope(point)
        # Not math.hypot: its last bit differs from the browser's Math.hypot; a square root
        # is rounded the same everywhere.
        size = math.sqrt(slope[0] * slope[0] + slope[1] * slope[1])
        points.append(point)
        slopes.append(size)
        if size < tolerance:
            end = "reached"
            break
        if k == most:
            break
        following = step(point, slope)
        if following is None:
            end = "singular"
            break
        if not all(math.isfinite(c) and abs(c) <= ESCAPE for c in following):
            end = "flown off"
            break
        point = following
    return Walk(points, slopes, end)
