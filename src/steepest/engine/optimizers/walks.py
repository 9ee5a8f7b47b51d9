"""Where an optimizer's steps lead: every point of its walk from a start, for a lesson to state
or a widget to draw.

The gradient comes from the engine (calculus/derivatives.py), on the whole loss or, for
stochastic gradient descent, on the step's minibatch (minibatch.py). Values are carried as
calculus/descent_steps.py carries gradient descent's: rational numbers stay exact and a
symbolic rate (η, β) gives formulas in it; a number that is not rational (a root taken by an
adaptive rule) or that grows too long goes on with 60 significant digits, far finer than any
decimal a lesson shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.descent_steps import DIGITS, FLOWN_OFF, MAX_EXACT_CHARACTERS
from steepest.engine.calculus.points import Point
from steepest.engine.calculus.real_results import has_no_real_value
from steepest.engine.errors import EvaluationError, LimitExceeded
from steepest.engine.limits import MAX_DESCENT_STEPS
from steepest.engine.optimizers.rules import Rule, State, Vector, initial_state

Gradient = Callable[[Vector, int], Vector]
"""The gradient at the given weights for the step of the given index (0 for the first)."""


def loss_gradient(
    expr: sympy.Expr, variables: Sequence[sympy.Symbol], symbolic: bool = False
) -> Gradient:
    """The gradient of the whole loss, the same at every step. `symbolic`: the walk's settings
    hold parameters, so its points are formulas, which needs a polynomial gradient."""
    slopes = gradient(expr, variables)
    if symbolic and not all(slope.is_polynomial(*variables) for slope in slopes):
        raise EvaluationError(
            "with a symbolic rate or setting the position is a formula, which Steepest works out"
            " only when the gradient is a polynomial; give the settings as numbers"
        )
    return slopes_at(slopes, variables)


def slopes_at(slopes: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol]) -> Gradient:
    """A Gradient from formulas for its components."""

    def at(weights: Vector, _index: int) -> Vector:
        point = dict(zip(variables, weights, strict=True))
        return tuple(slope.xreplace(point) for slope in slopes)

    return at


def walk(rule: Rule, gradient_at: Gradient, start: Vector, steps: int) -> list[Vector]:
    """The start and the weights after each of `steps` steps of `rule`."""
    if steps > MAX_DESCENT_STEPS:
        raise LimitExceeded(f"a walk takes at most {MAX_DESCENT_STEPS} steps")
    weights = tuple(carried(c) for c in start)
    state = initial_state(len(weights))
    points = [weights]
    for index in range(steps):
        slope = gradient_at(weights, index)
        if any(has_no_real_value(g) for g in slope):
            where = ", ".join(f"{float(c):.6g}" if c.is_number else str(c) for c in weights)
            raise EvaluationError(
                f"step {index + 1} has no slope to take: it is undefined at ({where})"
            )
        weights, state = rule.step(weights, tuple(carried(g) for g in slope), state)
        weights, state = _carried_all(weights, state)
        _require_finite(weights, index + 1)
        points.append(weights)
    return points


def optimizer_path(
    rule: Rule,
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Point,
    steps: int,
    symbolic: bool = False,
) -> list[Vector]:
    """The walk of `rule` down the loss `expr` from `start`, coordinates in the order of
    `variables`."""
    gradient_at = loss_gradient(expr, variables, symbolic)
    return walk(rule, gradient_at, tuple(start[v] for v in variables), steps)


def carried(value: sympy.Expr) -> sympy.Expr:
    """A value as the walk carries it: exact while rational or a short formula, else 60 digits."""
    if isinstance(value, sympy.Float):
        return value
    if value.is_Rational and len(str(value)) <= MAX_EXACT_CHARACTERS:
        return value
    if value.free_symbols:
        expanded = sympy.expand(value)
        if len(str(expanded)) > MAX_EXACT_CHARACTERS:
            raise LimitExceeded(
                f"a coordinate of the walk is a formula of more than {MAX_EXACT_CHARACTERS}"
                " characters: claim fewer steps"
            )
        return expanded
    return sympy.Float(sympy.N(value, DIGITS), DIGITS)


def _carried_all(weights: Vector, state: State) -> tuple[Vector, State]:
    def each(vector: Vector) -> Vector:
        return tuple(carried(c) for c in vector)

    return each(weights), replace(state, first=each(state.first), second=each(state.second))


def _require_finite(weights: Vector, step: int) -> None:
    if any(has_no_real_value(c) for c in weights):
        raise EvaluationError(f"step {step} of the walk has no real value")
    if any(not c.free_symbols and abs(c) > FLOWN_OFF for c in weights):
        raise EvaluationError(
            f"after {step} steps a coordinate is beyond 10^300: the walk has flown off"
        )
