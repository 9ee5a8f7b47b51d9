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


def sech(u: float) -> float:
    """1/cosh u without cosh's overflow: beyond EXP_LIMIT, sech u is 2e^−|u| to the last bit."""
    return 1 / math.cosh(u) if abs(u) <= EXP_LIMIT else 2 * math.exp(-abs(u))


def csch(u: float) -> float:
    """1/sinh u without sinh's overflow, as `sech`; ZeroDivisionError at its pole, 0."""
    return 1 / math.sinh(u) if abs(u) <= EXP_LIMIT else math.copysign(2 * math.exp(-abs(u)), u)


def sech_bound(a: float, e: float) -> Evaluation:
    value = sech(a)
    # cosh's own rounding is a relative error of the quotient, like the division's.
    return value, value * (abs(math.tanh(a)) * e + UNIT_ROUNDOFF)


def csch_bound(a: float, e: float) -> Evaluation:
    if abs(a) <= 2 * e:
        raise Singular("csch at a pole")
    value = csch(a)
    return value, abs(value) * (e / abs(math.tanh(a)) + UNIT_ROUNDOFF)


def coth_bound(a: float, e: float) -> Evaluation:
    if abs(a) <= 2 * e:
        raise Singular("coth at a pole")
    value = 1 / math.tanh(a)
    # d/du coth u = 1 − coth² u; tanh's rounding is a relative error of the quotient.
    return value, abs(value * value - 1) * e + UNIT_ROUNDOFF * abs(value)


def asinh_bound(a: float, e: float) -> Evaluation:
    return math.asinh(a), e / math.hypot(1.0, a)


def acosh_bound(a: float, e: float) -> Evaluation:
    """Real from 1 up, and infinitely steep at 1."""
    if a < 1 - e:
        raise NotReal("acosh of a number below 1")
    if a <= 1 + 2 * e:
        raise Singular("acosh too close to 1")
    return math.acosh(a), e / math.sqrt((a - 1) * (a + 1))


def atanh_bound(a: float, e: float) -> Evaluation:
    """Real between −1 and 1, with poles at both."""
    if abs(a) > 1 + e:
        raise NotReal("atanh of a number outside [−1, 1]")
    if abs(a) >= 1 - 2 * e:
        raise Singular("atanh too close to ±1")
    return math.atanh(a), e / ((1 - a) * (1 + a))


# The inverses of the reciprocal functions are worked out as g(1/u), acosh(1/u) for asech: the
# division's rounding is a relative error of u, which adds |f′(u)|·|u| units of roundoff.


def outside_unit_bound(
    function: Callable[[float], float], slope: Callable[[float], float], name: str
) -> BoundRule:
    """asec, acsc and acoth: real where |u| ≥ 1 (acoth: > 1), and steep or infinite at ±1."""

    def rule(a: float, e: float) -> Evaluation:
        if abs(a) < 1 - e:
            raise NotReal(f"{name} of a number in (−1, 1)")
        if abs(a) <= 1 + 2 * e:
            raise Singular(f"{name} too close to ±1")
        return function(a), slope(a) * (e + UNIT_ROUNDOFF * abs(a))

    return rule


def asech_bound(a: float, e: float) -> Evaluation:
    """Real on (0, 1]: a pole at 0, infinitely steep at 1."""
    if a < -e or a > 1 + e:
        raise NotReal("asech of a number outside (0, 1]")
    if a <= 2 * e or a >= 1 - 2 * e:
        raise Singular("asech too close to 0 or 1")
    slope = 1 / (a * math.sqrt((1 - a) * (1 + a)))
    return math.acosh(1 / a), slope * (e + UNIT_ROUNDOFF * a)


def acsch_bound(a: float, e: float) -> Evaluation:
    if abs(a) <= 2 * e:
        raise Singular("acsch at a pole")
    slope = 1 / (abs(a) * math.hypot(1.0, a))
    return math.asinh(1 / a), slope * (e + UNIT_ROUNDOFF * abs(a))
