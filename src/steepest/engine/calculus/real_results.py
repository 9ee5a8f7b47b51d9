"""The guard that keeps complex, infinite and undefined values out of every result.

Steepest works over the reals: a result holding `I`, `zoo`, `oo` or `nan` would teach something
false (SymPy writes sqrt(-1)·x as I·x, and log(0)·x as zoo·x). Such a result is refused with the
words "no real value" instead, wherever it is about to be returned.
"""

from __future__ import annotations

import sympy

from steepest.engine.errors import EvaluationError

_NOT_REAL = (sympy.I, sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def has_no_real_value(expr: sympy.Expr) -> bool:
    """Whether the expression holds a complex, infinite or undefined constant anywhere."""
    return bool(expr.has(*_NOT_REAL)) or bool(expr.atoms(sympy.AccumBounds))


def require_real(expr: sympy.Expr, what: str) -> sympy.Expr:
    """`expr` itself, or an EvaluationError saying that `what` has no real value."""
    if has_no_real_value(expr):
        raise EvaluationError(f"{what} has no real value: {_culprit(expr)}")
    return expr


def _culprit(expr: sympy.Expr) -> str:
    if expr.has(sympy.I):
        return "it holds the square root of a negative number"
    if expr.has(sympy.nan):
        return "it holds an undefined constant, such as 0/0"
    return "it holds an infinite constant, such as log(0) or 1/0"
