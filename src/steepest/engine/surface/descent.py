"""Plain gradient descent, w ← w − η∇L(w): the ball's path, and what happened to it in words.

Steps are evaluated from the compiled trees of L and its partials (the same data the browser
gets), one scalar at a time with `tree.evaluate_tree`, which is several times faster than
numpy for single points. The explanation uses the curvature at the start: along a direction
where L curves like λ·w²/2, a step multiplies the distance to the valley floor by (1 − ηλ),
so the ball zig-zags once η > 1/λ and flies off once η > 2/λ.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, assert_type

import numpy as np
import sympy

from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.points import Coordinate, read_point
from steepest.engine.calculus.real_results import require_real, require_workable
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, VariableError
from steepest.engine.evaluate.tree import Tree, evaluate_tree, to_tree
from steepest.engine.limits import MAX_DESCENT_STEPS, MAX_LEARNING_RATE
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.level_sets import MAX_COORDINATE, format_number
from steepest.engine.surface.surface_types import (
    CONVERGED_OUTCOMES,
    DIVERGED_OUTCOMES,
    DescentJson,
    DescentOutcome,
)

# Beyond this distance the ball has left any window worth drawing.
ESCAPE = 1e6
# L risen this many times the scale of the walk above the lowest value seen: flying off.
BLOW_UP = 1e3
# |∇L| this small relative to the start's slope: settled.
SETTLED = 1e-6


@dataclass(frozen=True)
class DescentReport:
    variables: tuple[str, ...]
    points: list[tuple[float, ...]]
    losses: list[float]
    outcome: DescentOutcome
    rate_limit: float | None
    """2 / (the largest curvature of L at the start): rates above it overshoot ever more."""
    message: str

    @property
    def diverged(self) -> bool:
        """L grew without bound or overflowed."""
        return self.outcome in DIVERGED_OUTCOMES

    @property
    def converged(self) -> bool:
        """The ball settled where ∇L ≈ 0 (or had no slope to begin with)."""
        return self.outcome in CONVERGED_OUTCOMES

    def to_json(self) -> DescentJson:
        return {
            "points": [dict(zip(self.variables, p, strict=True)) for p in self.points],
            "losses": self.losses,
            "diverged": self.diverged,
            "converged": self.converged,
            "rate_limit": self.rate_limit,
            "message": self.message,
        }


def descent_json(
    expression: str, start: Mapping[str, Coordinate], rate: float, steps: int
) -> DescentJson:
    """The web API's entry point: text in, JSON-ready path out. Runs in a compute worker."""
    expr = require_workable(parse(expression), "L")
    return descend(expr, order_variables(expr.free_symbols), start, rate, steps).to_json()


def descend(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Mapping[str, Coordinate],
    rate: float,
    steps: int,
) -> DescentReport:
    names = tuple(v.name for v in variables)
    _check(expr, variables, rate, steps)
    point = read_point(start, variables)
    position = [float(point[v]) for v in variables]
    if max(abs(c) for c in position) > MAX_COORDINATE:
        raise LimitExceeded(f"the start must lie within ±{MAX_COORDINATE:g} in every variable")
    slopes = [
        require_real(d, f"∂L/∂{v.name}")
        for v, d in zip(variables, gradient(expr, variables), strict=True)
    ]
    walk = _Walk(to_tree(expr), [to_tree(d) for d in slopes], names)
    walk.begin(position)
    curvature = _curvature(expr, variables, walk)
    limit = 2 / curvature[0] if curvature is not None and curvature[0] > 0 else None
    if limit is not None and not math.isfinite(limit):
        limit = None  # a curvature below 2/1.8e308: no rate a float can hold overshoots
    outcome = walk.run(rate, steps)
    message = _message(walk, outcome, rate, curvature)
    return DescentReport(
        names,
        walk.points,
        walk.losses,
        outcome,
        limit,
        message,
    )


def _check(expr: sympy.Expr, variables: Sequence[sympy.Symbol], rate: float, steps: int) -> None:
    if not variables:
        raise VariableError("L has no variables, so there is nothing to descend along")
    unknown = sorted(s.name for s in expr.free_symbols if s not in variables)
    if unknown:
        raise VariableError(f"L uses {', '.join(unknown)}, which is not a variable here")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0:
        raise EngineError("the learning rate must be a positive number")
    if not math.isfinite(rate) or rate > MAX_LEARNING_RATE:
        raise LimitExceeded(f"the learning rate must be at most {MAX_LEARNING_RATE:g}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise EngineError("the number of steps must be a whole number, at least 1")
    if steps > MAX_DESCENT_STEPS:
        raise LimitExceeded(f"at most {MAX_DESCENT_STEPS} steps at a time")


class _Walk:
    """The ball's state while it rolls: every point and loss so far, and the current slope."""

    def __init__(self, loss: Tree, partials: list[Tree], names: tuple[str, ...]) -> None:
        self.loss, self.partials, self.names = loss, partials, names
        self.points: list[tuple[float, ...]] = []
        self.losses: list[float] = []
        self.slope: list[float] = []
        self.first_slope = 0.0
        self.blocked: tuple[float, ...] | None = None  # where the last, refused step led

    def value(self, tree: Tree, position: Sequence[float]) -> float:
        try:
            result = evaluate_tree(tree, dict(zip(self.names, position, strict=True)))
        except OverflowError:
            return math.inf
        except (ArithmeticError, ValueError, TypeError):
            # Domain errors (log of a negative), division by zero, and complex powers, which
            # `float()` refuses with a TypeError: all mean "no real value here".
            return math.nan
        return result

    def begin(self, position: list[float]) -> None:
        loss = self.value(self.loss, position)
        self.slope = [self.value(p, position) for p in self.partials]
        where = self.point_text(position)
        if not math.isfinite(loss):
            raise EvaluationError(f"L has no finite value at the start {where}")
        if any(math.isnan(s) for s in self.slope):
            raise EvaluationError(f"the slope of L is undefined at the start {where}")
        self.first_slope = math.hypot(*self.slope)
        if math.isinf(self.first_slope):
            # An overflow, not a pole: a pole has no float value at all (NaN above).
            raise EvaluationError(f"the slope of L at the start {where} is too large for a float")
        self.points.append(tuple(position))
        self.losses.append(loss)

    def run(self, rate: float, steps: int) -> DescentOutcome:
        tolerance = SETTLED * self.first_slope
        if self.first_slope == 0:
            return "flat at start"
        # How much L should change in a step: the first step's predicted drop, η|∇L|².
        scale = rate * self.first_slope * self.first_slope  # inf, not an error, on overflow
        for _ in range(steps):
            if math.hypot(*self.slope) <= tolerance:
                return "settled"
            position = tuple(c - rate * s for c, s in zip(self.points[-1], self.slope, strict=True))
            if not all(math.isfinite(c) and abs(c) <= ESCAPE for c in position):
                self.blocked = position
                return "blew up" if self._rising() or self._rises_to(position) else "escaped"
            loss = self.value(self.loss, position)
            if math.isnan(loss):
                self.blocked = position
                return "left the domain"
            if loss == math.inf:
                self.blocked = position
                return "overflowed"
            self.points.append(position)
            self.losses.append(loss)
            if loss - min(self.losses) > BLOW_UP * scale:
                return "blew up"
            self.slope = [self.value(p, position) for p in self.partials]
            if not all(math.isfinite(s) for s in self.slope):
                return "slope undefined"
        return "settled" if math.hypot(*self.slope) <= tolerance else "unfinished"

    def _rising(self) -> bool:
        return len(self.losses) > 1 and self.losses[-1] > self.losses[-2]

    def _rises_to(self, position: Sequence[float]) -> bool:
        """Whether L is higher where a step leaps out of bounds: an overshoot, not an escape."""
        if not all(math.isfinite(c) for c in position):
            return False
        return self.value(self.loss, position) > self.losses[-1]  # inf counts; NaN does not

    def point_text(self, position: Sequence[float]) -> str:
        # Coordinates to a ten-thousandth of the start's scale: 1e-9 away from 0 reads as 0.
        start = self.points[0] if self.points else position
        place = 1e-4 * max(1.0, *(abs(c) for c in start))
        pairs = zip(self.names, position, strict=False)
        return "(" + ", ".join(f"{n} = {format_number(c, place)}" for n, c in pairs) + ")"


def _curvature(
    expr: sympy.Expr, variables: Sequence[sympy.Symbol], walk: _Walk
) -> tuple[float, list[float]] | None:
    """The largest eigenvalue of the Hessian at the start, and its direction (a unit vector).

    From SymPy's exact second derivatives: for a quadratic the limit 2/λ is then exact.
    """
    start = walk.points[0]
    rows = hessian(expr, variables).tolist()
    matrix = np.array([[walk.value(to_tree(entry), start) for entry in row] for row in rows])
    if not np.isfinite(matrix).all():
        return None
    eigenvalues, vectors = np.linalg.eigh(matrix)
    direction = vectors[:, -1]
    # An eigenvector's sign is arbitrary; show the one whose largest component is positive.
    direction = direction * np.sign(direction[np.argmax(np.abs(direction))])
    return float(eigenvalues[-1]), direction.tolist()


# -- words --------------------------------------------------------------------------------------


def _message(
    walk: _Walk, outcome: DescentOutcome, rate: float, curvature: tuple[float, list[float]] | None
) -> str:
    count = len(walk.points) - 1
    steps = f"{count} step" + ("" if count == 1 else "s")
    # Digits finer than a millionth of where the walk began are rounding noise, not news.
    place = 1e-6 * max(1e-12, abs(walk.losses[0]))
    first, last = format_number(walk.losses[0]), format_number(walk.losses[-1], place)
    where = walk.point_text(walk.points[-1])
    rule = _rate_rule(walk.names, rate, curvature)
    if outcome == "flat at start":
        return f"∇L = 0 at the start {where}, so the ball has no slope to roll down."
    if outcome == "settled":
        return f"The ball settled at {where} after {steps}, where L = {last}. {rule}".strip()
    if outcome == "blew up" and count == 0:
        blocked = walk.point_text(walk.blocked or ())
        text = f"The ball flew off: its first step leaps to {blocked}, where L is larger."
        return f"{text} {rule or 'A smaller rate would keep it in the valley.'}"
    if outcome == "blew up":
        text = f"The ball flew off: L grew from {first} to {last} in {steps}."
        return f"{text} {rule or 'A smaller rate would keep it in the valley.'}"
    if outcome == "overflowed":
        text = f"The ball flew off: after {steps} L became too large for a float to hold."
        return f"{text} {rule or 'A smaller rate would keep it in the valley.'}"
    if outcome == "escaped":
        return (
            f"L kept falling without bound: after {steps} the ball is at {where}, where"
            f" L = {last}. This L has no lowest point in that direction, so descent never settles."
        )
    if outcome == "left the domain":
        step = "The first step" if count == 0 else f"After {steps} the next step"
        blocked = walk.point_text(walk.blocked or ())
        return f"{step}, to {blocked}, leaves the region where L is defined."
    if outcome == "slope undefined":
        return f"After {steps} the ball reached {where}, where the slope of L is undefined."
    assert_type(outcome, Literal["unfinished"])
    text = (
        f"After {steps} the ball is at {where}, where L = {last}, still moving"
        f" (|∇L| = {format_number(math.hypot(*walk.slope))})."
    )
    if walk.losses[-1] >= walk.losses[-2]:
        return f"{text} L has stopped falling: the ball bounces across the valley. {rule}".strip()
    if curvature is not None and curvature[0] > 0 and rate < 1 / curvature[0]:
        larger = f"or a rate up to {format_number(2 / curvature[0])}, "
        return f"{text} More steps, {larger}would take it further."
    return f"{text} More steps would take it further."


def _rate_rule(
    names: tuple[str, ...], rate: float, curvature: tuple[float, list[float]] | None
) -> str:
    """Why the rate zig-zags or overshoots, from the largest curvature λ at the start."""
    if curvature is None or curvature[0] <= 0 or not math.isfinite(2 / curvature[0]):
        return ""
    largest, direction = curvature
    along = _direction_text(names, direction)
    shown = format_number(largest)
    limit = f"2/{shown} ≈ {format_number(2 / largest)}"
    if math.isclose(rate, 2 / largest, rel_tol=1e-9):
        return (
            f"The rate {format_number(rate)} is exactly {limit}, where λ = {shown} is how"
            f" steeply L curves {along}: each step lands as far past the valley floor as it"
            " started, so the ball bounces between the same two points forever."
        )
    if rate > 2 / largest:
        return (
            f"The rate {format_number(rate)} is above {limit}: L curves most steeply {along}"
            f" (curvature {shown} at the start), and there each step overshoots the valley"
            f" floor by more than the ball started from it, so the swings grow."
            f" Rates below {format_number(2 / largest)} shrink them."
        )
    if rate > 1 / largest:
        return (
            f"The path zig-zags {along}, where L curves most steeply (curvature {shown} at the"
            f" start): a rate above 1/{shown} ≈ {format_number(1 / largest)} carries the ball"
            f" past the valley floor, but below {limit} each overshoot is smaller than the last."
        )
    return ""


def _direction_text(names: tuple[str, ...], direction: list[float]) -> str:
    strongest = max(range(len(names)), key=lambda i: abs(direction[i]))
    if abs(direction[strongest]) >= 0.95:
        return f"along {names[strongest]}"
    parts = ", ".join(format_number(c) for c in direction)
    return f"in the direction ({parts})"
