"""Where Newton's method stands after a number of steps, w ← w − H(w)⁻¹·∇L(w), for a lesson to
state.

Newton's step jumps to the lowest (or highest) point of the quadratic model of L at w, the
Taylor polynomial of degree 2, so on a quadratic it lands on the critical point in one step.
Like gradient descent's positions (descent_steps.py), it is worked out exactly while the
gradient is a polynomial, and with 60 significant digits once exact numbers grow too long or
for any other loss. A step where the Hessian is singular has no Newton step: it is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.descent_steps import DIGITS, FLOWN_OFF, MAX_EXACT_CHARACTERS
from steepest.engine.calculus.points import Point, evaluate_at, format_point
from steepest.engine.calculus.real_results import has_no_real_value
from steepest.engine.errors import EvaluationError


def newton_position(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Point,
    steps: int,
) -> tuple[sympy.Expr, ...]:
    """The coordinates, in the order of `variables`, after `steps` Newton steps from `start`."""
    slopes = sympy.Matrix(gradient(expr, variables))
    curvatures = hessian(expr, variables)
    exact = all(slope.is_polynomial(*variables) for slope in slopes)
    # A start where the loss itself has no value would make up a step from nowhere.
    evaluate_at(expr, dict(start))
    position = [start[v] for v in variables]
    for step in range(1, steps + 1):
        point = dict(zip(variables, position, strict=True))
        matrix = curvatures.xreplace(point)
        if not exact:
            matrix = matrix.evalf(DIGITS)
        if _singular(matrix, exact):
            raise EvaluationError(
                f"Newton's step {step} has no value: the Hessian at {format_point(point)} is"
                " singular (an eigenvalue is 0), so it has no inverse"
            )
        move = matrix.LUsolve(slopes.xreplace(point))
        if exact:
            position = [sympy.simplify(c - m) for c, m in zip(position, move, strict=True)]
            if any(len(str(c)) > MAX_EXACT_CHARACTERS for c in position):
                exact = False
                position = [sympy.N(c, DIGITS) for c in position]
        else:
            position = [sympy.N(c - m, DIGITS) for c, m in zip(position, move, strict=True)]
        _require_finite(position, point, step)
    return tuple(position)


def _singular(matrix: sympy.Matrix, exact: bool) -> bool:
    determinant = sympy.simplify(matrix.det())
    if exact or not determinant.is_number:
        return bool(determinant == 0)
    # In 60-digit floats a determinant this small is zero lost in rounding.
    return bool(abs(determinant) < sympy.Float(10) ** (10 - DIGITS))


def _require_finite(position: Sequence[sympy.Expr], before: Point, step: int) -> None:
    if any(has_no_real_value(c) for c in position):
        raise EvaluationError(
            f"Newton's step {step} has no real value: the loss is undefined near"
            f" {format_point(before)}"
        )
    numbers = [c for c in position if not c.free_symbols]
    if any(abs(c) > FLOWN_OFF for c in numbers):
        raise EvaluationError(
            f"after {step} Newton steps a coordinate is beyond 10^300: the walk has flown off"
        )
