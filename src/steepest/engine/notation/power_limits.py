"""Bounds on the size of a power, checked as the parser builds it, however it is written.

The exponent limit (limits.py) holds for `sin^n`, `**`, superscripts and nesting alike: SymPy
combines (x^9)^9^9 into one power, so the product of the exponents is what is checked. A whole
power of a number is held to its digits instead (9^999 is worked out exactly), and a power of e
or a constant exponent to the size of a tower, since SymPy never works out its digits.
"""

from __future__ import annotations

import math

import sympy

from steepest.engine.errors import LimitExceeded
from steepest.engine.functions.domain import bounded_evalf
from steepest.engine.limits import Limits


def check_exact_power_digits(
    base: sympy.Expr, exponent: sympy.Expr, limits: Limits, column: int
) -> None:
    """Refuse a whole power of a number that would have more than `max_power_digits` digits."""
    if not (base.is_Number and base != 0 and exponent.is_Integer):
        return
    magnitude = max(abs(base.p), abs(base.q)) if base.is_Rational else 10
    # b^e has floor(e·log10 b) + 1 digits: 10^1000 has 1001.
    digits = math.floor(abs(int(exponent)) * math.log10(max(magnitude, 2))) + 1
    if digits > limits.max_power_digits:
        raise LimitExceeded(
            f"exponent too large (the number would have about {int(digits)} digits)", column
        )


def check_constant_exponent(
    base: sympy.Expr, exponent: sympy.Expr, limits: Limits, column: int
) -> None:
    """A constant exponent that is not a number (e^e^e, 2^pi), or any power of e, may pass the
    exponent limit: SymPy never works out such a power's digits, and e^1001 or e^e^e^e is a
    real number, only too large for a float. Past `max_tower_digits` it cannot be worked with
    at all (e^e^e^e^e): refused."""
    if exponent.free_symbols or (exponent.is_Number and base is not sympy.E):
        return
    size = bounded_evalf(sympy.Abs(exponent))
    if size is None or size > sympy.Integer(10) ** limits.max_tower_digits:
        raise LimitExceeded(
            "exponent too large to work with (its value has more than"
            f" 10^{limits.max_tower_digits} digits, or it is too costly to tell)",
            column,
        )


def effective_exponent_check(
    base: sympy.Expr, exponent: sympy.Expr, limit: int, column: int
) -> None:
    """(x^9)^9^9 and (sin^999 x)^999 are single powers once SymPy combines them: the product
    of the exponents is held to the limit before SymPy computes anything."""
    if not exponent.is_Number:
        return
    for factor in sympy.Mul.make_args(base):
        power = factor.exp if isinstance(factor, sympy.Pow) else None
        if power is not None and power.is_Number and abs(power * exponent) > limit:
            raise LimitExceeded(f"exponent too large (more than {limit})", column)


def largest_exponent(expr: sympy.Expr, shallow: bool = False) -> sympy.Expr:
    """The largest numeric exponent of a power of a variable in `expr`, or of `expr` itself
    when `shallow` (numbers are held to their digits instead)."""
    powers = [expr] if shallow else expr.atoms(sympy.Pow)
    exponents = [abs(p.exp) for p in powers if p.exp.is_Number and p.base.free_symbols]
    return max(exponents, default=sympy.Integer(0))
