"""An expression with the domain conditions of what the learner wrote, and the checks on constants.

SymPy simplifies as it builds: exp(ln x) is x, sqrt(x)^2 is x, ln(x)/ln(x) is 1. Each would be
accepted where the expected answer is defined but what the learner typed is not. So the parser
records, node by node, the condition each operation needs (`power_conditions` for powers and
roots, the function table's `Requirement`s for functions, a nonzero denominator for quotients);
`Written` returns them beside the expression.

A condition on constants alone is decided at once (`require`): `ln(0)`, `tan(pi/2)`,
`sqrt(-1)` and `(-5)^(1/3)` have no real value, and are refused with the column of the
operation, as the shared rule says: a negative number to a non-integer power has no real value
in Steepest (x^(1/3) is undefined for x < 0, and -5^(1/3) is the negative root −(5^(1/3))).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy

from steepest.engine.errors import LimitExceeded, MathSyntaxError
from steepest.engine.functions.domain import (
    ARGUMENT_LIMIT,
    PERIODIC,
    Condition,
    evaluable_in_bounds,
    is_integer_constant,
    sign_of,
    status_at,
)

FRACTIONAL_POWER = "a negative number to a fractional power"
ZERO_TO_NEGATIVE = "division by zero (0 to a negative power)"


@dataclass(frozen=True)
class Written:
    """A parsed expression and the conditions, as written, under which it has a real value."""

    expr: sympy.Expr
    conditions: tuple[Condition, ...]


def power_conditions(base: sympy.Expr, exponent: sympy.Expr) -> list[Condition]:
    """What base^exponent needs: see the shared rule in the module's docstring."""
    if not exponent.free_symbols:
        if is_integer_constant(exponent):
            if sign_of(exponent) == -1:
                return [Condition("nonzero", base, ZERO_TO_NEGATIVE)]
            return []
        if exponent == sympy.Rational(1, 2):
            return [Condition("nonnegative", base, "square root of a negative number")]
        if sign_of(exponent) == -1:
            return [Condition("positive", base, FRACTIONAL_POWER, ZERO_TO_NEGATIVE, exponent)]
        return [Condition("nonnegative", base, FRACTIONAL_POWER, exponent=exponent)]
    if not base.free_symbols and sign_of(base) == 1:
        return []  # 2^x, e^x: a positive base takes any real exponent
    return [
        Condition(
            "positive_or_integer",
            base,
            "a negative number to a power that is not an integer",
            "0 to a power that is not a positive integer",
            exponent=exponent,
        )
    ]


def require(condition: Condition, column: int) -> Condition | None:
    """The condition placed at `column`, or None once decided true; refuses a false constant."""
    placed = replace(condition, column=column)
    if condition.free_symbols:
        return placed
    status = status_at(condition)
    if status == "holds":
        return None
    if status == "unknown":
        raise MathSyntaxError(
            "cannot tell in bounded work whether this constant has a real value (it may be"
            " exactly 0, or need too many digits): simplify it",
            column,
        )
    message = f"no real value: {condition.why(status)}"
    if condition.reason == FRACTIONAL_POWER and condition.expr.is_Rational:
        root = f"{-condition.expr}^({condition.exponent})"
        message += f"; for the negative real root write -{root}, which means −({root})"
    raise MathSyntaxError(message, column)


def check_periodic_argument(value: sympy.Expr, column: int) -> None:
    """Refuse sin(exp(10^10)): no digit of it is known without all ten billion of the
    argument's, and SymPy would try (atan(sin(exp(10^10))) hung the worker)."""
    if isinstance(value, PERIODIC) and not value.free_symbols and not evaluable_in_bounds(value):
        raise LimitExceeded(
            f"the argument of {type(value).__name__} is too large to evaluate"
            f" (more than {ARGUMENT_LIMIT:.0e})",
            column,
        )
