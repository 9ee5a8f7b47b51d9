"""The guards that keep complex, infinite and undefined values out of every result, and towers
too tall to print out of the engine's work.

Steepest works over the reals: a result holding `I`, `zoo`, `oo` or `nan` would teach something
false (SymPy writes sqrt(-1)·x as I·x, and log(0)·x as zoo·x). Such a result is refused with the
words "no real value" instead, wherever it is about to be returned.
"""

from __future__ import annotations

import sympy

from steepest.engine.errors import EvaluationError, LimitExceeded
from steepest.engine.evaluate.float_value import (
    TOWER_DIGITS_LIMIT,
    is_too_large,
    is_too_tall,
    size_text,
)
from steepest.engine.notation.printing import to_text

_NOT_REAL = (sympy.I, sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def has_no_real_value(expr: sympy.Expr) -> bool:
    """Whether the expression holds a complex, infinite or undefined constant anywhere."""
    return bool(expr.has(*_NOT_REAL)) or bool(expr.atoms(sympy.AccumBounds))


def require_real(expr: sympy.Expr, what: str) -> sympy.Expr:
    """`expr` itself, or an EvaluationError saying that `what` has no real value."""
    if has_no_real_value(expr):
        raise EvaluationError(f"{what} has no real value: {_culprit(expr)}")
    return expr


def require_slope(expr: sympy.Expr, what: str) -> None:
    """Refuse a variable power of a negative base, such as (-2)^x: it has a value at whole
    exponents only (the shared rule), so it changes by jumps and has no slope anywhere. SymPy's
    slope would hold log(-2) = log 2 + iπ."""
    for power in expr.atoms(sympy.Pow):
        base, exponent = power.args
        if base.is_number and base.is_extended_negative and not exponent.is_number:
            raise EvaluationError(
                f"{what} has no slope: {to_text(power)} has a value only where"
                f" {to_text(exponent)} is a whole"
                " number (its base is negative), so it does not change smoothly"
            )


def require_workable(expr: sympy.Expr, what: str) -> sympy.Expr:
    """`require_real`, after refusing a constant such as e^e^e^e^e that SymPy cannot even print
    in time (it orders a sum's terms by their values)."""
    if is_too_tall(expr):
        raise LimitExceeded(
            f"{what} holds a constant too large to work with: a tower of powers with more than"
            f" 10^(10^{TOWER_DIGITS_LIMIT}) digits"
        )
    return require_real(expr, what)


def require_float_constants(expr: sympy.Expr, what: str) -> sympy.Expr:
    """Refuse a constant beyond the floats, such as 10^330, in work done in floats (a surface is
    drawn from float trees, which would carry it as inf, and JSON cannot)."""
    # Innermost first: 1/10^330 is small, and only its denominator is beyond the floats.
    for node in sympy.postorder_traversal(expr):
        if isinstance(node, sympy.Expr) and node.is_number and is_too_large(node):
            raise LimitExceeded(
                f"{what} holds {to_text(node)}, which is {size_text(node)}: too large for the"
                " floats this is worked out in (at most about 1.8·10^308)"
            )
    return expr


def _culprit(expr: sympy.Expr) -> str:
    if expr.has(sympy.I):
        return "it holds the square root of a negative number, or another complex value"
    if expr.has(sympy.nan):
        return "it holds an undefined constant, such as 0/0"
    return "it holds an infinite constant, such as ln(0) or 1/0"
