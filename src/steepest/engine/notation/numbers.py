"""Numbers as typed, read exactly (0.5 is 1/2, 1e-3 is 1/1000) and held to the limits: the
engine is a CAS, and points decide exactness."""

from __future__ import annotations

import sympy

from steepest.engine.errors import LimitExceeded
from steepest.engine.limits import Limits


def read_number(text: str, limits: Limits, column: int) -> sympy.Expr:
    """A number token's exact value: an integer, a decimal, or either times a power of ten."""
    mantissa, _, exponent = text.lower().replace("−", "-").partition("e")
    digits = mantissa.replace(".", "").lstrip("0")
    if len(digits) > limits.max_integer_digits:
        raise LimitExceeded(f"number longer than {limits.max_integer_digits} digits", column)
    if exponent:
        # Read exactly (1e-3 is 1/1000), so the power of ten is held to the same limits.
        power = int(exponent)
        if len(digits) + abs(power) > limits.max_power_digits:
            raise LimitExceeded(
                f"exponent too large (the number would have about {abs(power)} digits)", column
            )
        return sympy.Rational(mantissa) * sympy.Rational(10) ** power
    if "." in mantissa:
        return sympy.Rational(mantissa)
    return sympy.Integer(int(mantissa))


def read_integer(text: str, limits: Limits, column: int) -> sympy.Integer:
    """A whole number written as an exponent (a superscript, or after sin^)."""
    if len(text.lstrip("-")) > limits.max_integer_digits:
        raise LimitExceeded(f"number longer than {limits.max_integer_digits} digits", column)
    return sympy.Integer(int(text))
