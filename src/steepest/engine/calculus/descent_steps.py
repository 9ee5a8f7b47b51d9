"""Where gradient descent stands after a number of steps, w ← w − η·∇L(w), for a lesson to state.

The surface explorer walks in floats (`surface/descent.py`); a claim needs the position itself.
It is worked out exactly while the gradient is a polynomial: rational numbers stay rational,
and with a symbolic rate η every coordinate is a polynomial in η. Exact numbers that grow too
long (a cubic loss squares the digits each step) and every other gradient are carried with
60 significant digits instead, far finer than any decimal a lesson shows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import Point, format_point
from steepest.engine.calculus.real_results import has_no_real_value
from steepest.engine.errors import EvaluationError, LimitExceeded

# Characters of one exact coordinate beyond which exact numbers go on as 60-digit floats and a
# formula in a symbolic rate is refused.
MAX_EXACT_CHARACTERS = 3000
DIGITS = 60
# A coordinate this large means the walk has flown off; no lesson states where it went.
FLOWN_OFF = sympy.Integer(10) ** 300


def descent_position(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Point,
    rate: sympy.Expr,
    steps: int,
) -> tuple[sympy.Expr, ...]:
    """The coordinates, in the order of `variables`, after `steps` steps from `start`.

    `rate` is a positive number, or an expression in parameters (η), when the position is a
    formula in them; that needs a polynomial gradient.
    """
    slopes = gradient(expr, variables)
    polynomial = all(slope.is_polynomial(*variables) for slope in slopes)
    symbolic = bool(rate.free_symbols)
    if symbolic and not polynomial:
        raise EvaluationError(
            "with a symbolic rate the position is a formula, which Steepest works out only when"
            " the gradient is a polynomial; give the rate as a number"
        )
    position = [start[v] for v in variables]
    exact = polynomial
    for step in range(1, steps + 1):
        point = dict(zip(variables, position, strict=True))
        moves = [slope.xreplace(point) for slope in slopes]
        if exact:
            position = [sympy.expand(c - rate * m) for c, m in zip(position, moves, strict=True)]
            if any(len(str(c)) > MAX_EXACT_CHARACTERS for c in position):
                if symbolic:
                    raise LimitExceeded(
                        f"the position after {step} steps is a formula of more than"
                        f" {MAX_EXACT_CHARACTERS} characters: claim fewer steps"
                    )
                exact = False
                position = [sympy.N(c, DIGITS) for c in position]
        else:
            position = [sympy.N(c - rate * m, DIGITS) for c, m in zip(position, moves, strict=True)]
        _require_finite(position, point, step)
    return tuple(position)


def _require_finite(position: Sequence[sympy.Expr], before: Point, step: int) -> None:
    if any(has_no_real_value(c) for c in position):
        raise EvaluationError(
            f"step {step} of gradient descent has no real value: the slope is undefined at"
            f" {format_point(before)}"
        )
    numbers = [c for c in position if not c.free_symbols]
    if any(abs(c) > FLOWN_OFF for c in numbers):
        raise EvaluationError(
            f"after {step} steps of gradient descent a coordinate is beyond 10^300: the walk has"
            " flown off"
        )
