"""How each function bounds the rounding error it passes on, and where it has no value.

The bounded evaluator (evaluate/bounded.py) carries `(value, error)` through an expression: for
a function applied to an argument known only to within `e`, a rule here gives the function's
value and a first-order bound on its error, or raises when there is no trustworthy value.

Two ways to have no value are kept apart, because the answer checker treats them differently:
`Singular` is an isolated problem (division by zero, a pole, overflow, or too close to a domain
edge to tell), after which the checker just picks another point; `NotReal` means the point is
firmly outside the expression's real domain (ln of a negative number), which is a real
difference between two expressions when only one of them has it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from steepest.engine.errors import EngineError

UNIT_ROUNDOFF = 2.0**-53
# exp(709.78) is the largest double; beyond it the value is not wrong, just unrepresentable.
EXP_LIMIT = 709.0

Evaluation = tuple[float, float]
BoundRule = Callable[[float, float], Evaluation]
"""Maps (argument, argument's error) to (value, error), or raises Singular or NotReal."""


class Singular(EngineError):
    """No trustworthy value at this point, but nearby points are fine."""


class NotReal(EngineError):
    """The point lies outside the expression's real domain; `message` says which operation."""


def exp_bound(a: float, e: float) -> Evaluation:
    if a > EXP_LIMIT:
        raise Singular("overflow")
    value = math.exp(a)
    return value, value * e


def log_bound(a: float, e: float) -> Evaluation:
    if a < -e:
        raise NotReal("ln of a negative number")
    if a <= 2 * e:
        raise Singular("ln too close to zero")
    return math.log(a), e / a


def sin_bound(a: float, e: float) -> Evaluation:
    return math.sin(a), e + UNIT_ROUNDOFF


def cos_bound(a: float, e: float) -> Evaluation:
    return math.cos(a), e + UNIT_ROUNDOFF


def reciprocal_bound(rule: BoundRule) -> BoundRule:
    """sec and csc share one danger with tan and cot: a denominator that is zero within its
    error."""

    def reciprocal(a: float, e: float) -> Evaluation:
        d, de = rule(a, e)
        if abs(d) <= 2 * de:
            raise Singular("division by zero")
        return 1 / d, de / (d * d)

    return reciprocal


def tan_bound(a: float, e: float) -> Evaluation:
    c, ce = cos_bound(a, e)
    if abs(c) <= 2 * ce:
        raise Singular("tan at a pole")
    value = math.sin(a) / c
    return value, (1 + value * value) * e


def cot_bound(a: float, e: float) -> Evaluation:
    s, se = sin_bound(a, e)
    if abs(s) <= 2 * se:
        raise Singular("cot at a pole")
    value = math.cos(a) / s
    return value, (1 + value * value) * e


def inverse_sine_bound(function: Callable[[float], float], name: str) -> BoundRule:
    """asin and acos: real only on [−1, 1], and infinitely steep at its ends."""

    def rule(a: float, e: float) -> Evaluation:
        if abs(a) > 1 + e:
            raise NotReal(f"{name} of a number outside [−1, 1]")
        if abs(a) >= 1 - 2 * e:
            raise Singular(f"{name} too close to ±1")
        return function(a), e / math.sqrt(1 - a * a)

    return rule


def atan_bound(a: float, e: float) -> Evaluation:
    return math.atan(a), e / (1 + a * a)


def hyperbolic_bound(
    function: Callable[[float], float], slope: Callable[[float], float]
) -> BoundRule:
    """sinh and cosh, which overflow where exp does."""

    def rule(a: float, e: float) -> Evaluation:
        if abs(a) > EXP_LIMIT:
            raise Singular("overflow")
        return function(a), abs(slope(a)) * e

    return rule


def tanh_bound(a: float, e: float) -> Evaluation:
    value = math.tanh(a)
    return value, (1 - value * value) * e


def abs_bound(a: float, e: float) -> Evaluation:
    return abs(a), e


def sign_bound(a: float, e: float) -> Evaluation:
    if abs(a) <= 2 * e and a != 0:
        raise Singular("sign too close to zero")
    return float((a > 0) - (a < 0)), 0.0
