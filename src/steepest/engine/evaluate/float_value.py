"""A constant's value in plain floats, found in microseconds, before SymPy is asked for digits.

SymPy computes a constant to the digits asked for however large it is: exp(exp(exp(exp(100))))
has about 10^(10^43) digits before the point, and evaluating it would run until the worker is
killed. A float walk meets such a number as an overflow at once, so callers refuse it in time.
The walk only screens: a constant it calls finite still gets SymPy's exact or 20-digit value.
"""

from __future__ import annotations

import math

import sympy

from steepest.engine.functions.table import function_of


def float_value(expr: sympy.Expr) -> float | None:
    """The constant's value as a float: inf where it overflows, NaN where it is undefined or not
    real, None for a node this walk does not know (then only SymPy can tell)."""
    try:
        return _walk(expr)
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan
    except _Unknown:
        return None


def is_too_large(expr: sympy.Expr) -> bool:
    """Whether the constant overflows a float, or has no finite real value at all."""
    value = float_value(expr)
    return value is not None and not math.isfinite(value)


class _Unknown(Exception):
    pass


def _walk(expr: sympy.Expr) -> float:
    if expr.is_Rational:
        return int(expr.p) / int(expr.q)  # correctly rounded; OverflowError beyond 1e308
    if expr.is_Number or expr.is_NumberSymbol:
        return float(expr)
    if expr.is_Add:
        return math.fsum(_walk(a) for a in expr.args)
    if expr.is_Mul:
        return math.prod(_walk(a) for a in expr.args)
    if expr.is_Pow:
        base, exponent = (_walk(a) for a in expr.args)
        value = base**exponent  # OverflowError, or a complex number for a negative base
        if isinstance(value, complex):
            raise ValueError("not real")
        return float(value)
    function = function_of(expr)
    if function is None or len(expr.args) != 1:
        raise _Unknown
    return function.scalar(_walk(expr.args[0]))
