"""The guards that keep complex, infinite and undefined values out of every result, and towers
too tall to print out of the engine's work.

Steepest works over the reals: a result holding `I`, `zoo`, `oo` or `nan` would teach something
false (SymPy writes sqrt(-1)·x as I·x, and log(0)·x as zoo·x). Such a result is refused with the
words "no real value" instead, wherever it is about to be returned.
"""

from __future__ import annotations

import sympy

from steepest.engine.errors import EvaluationError, LimitExceeded
from steepest.engine.evaluate.float_value import TOWER_DIGITS_LIMIT, is_too_tall

_NOT_REAL = (sympy.I, sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def has_no_real_value(expr: sympy.Expr) -> bool:
    """Whether the expression holds a complex, infinite or undefined constant anywhere."""
    return bool(expr.has(*_NOT_REAL)) or bool(expr.atoms(sympy.AccumBounds))


def require_real(expr: sympy.Expr, what: str) -> sympy.Expr:
    """`expr` itself, or an EvaluationError saying that `what` has no real value."""
    if has_no_real_value(expr):
        raise EvaluationError(f"{what} has no real value: {_culprit(expr)}")
    return expr


def require_workable(expr: sympy.Expr, what: str) -> sympy.Expr:
    """`require_real`, after refusing a constant such as e^e^e^e^e that SymPy cannot even print
    in time (it orders a sum's terms by their values)."""
    if is_too_tall(expr):
        raise LimitExceeded(
            f"{what} holds a constant too large to work with: a tower of powers with more than"
            f" 10^(10^{TOWER_DIGITS_LIMIT}) digits"
        )
    return require_real(expr, what)


def _culprit(expr: sympy.Expr) -> str:
    if expr.has(sympy.I):
        return "it holds the square root of a negative number"
    if expr.has(sympy.nan):
        return "it holds an undefined constant, such as 0/0"
    return "it holds an infinite constant, such as log(0) or 1/0"
