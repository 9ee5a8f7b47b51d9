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
from steepest.engine.limits import DEFAULT_LIMITS


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


LARGEST_FLOAT = 1.7976931348623157e308
"""The largest finite float (sys.float_info.max; the engine imports no sys)."""


def size_text(expr: sympy.Expr) -> str:
    """How large a constant too large for a float is, as a reader can take it in: "about 10^434",
    "about 10^(10^1656520)" for a tower, or "a tower of powers too tall to write" beyond that.

    Found in floats from the logarithms of the parts, so a tower costs microseconds; a sum is as
    large as its largest term, which is what "about" promises.
    """
    try:
        digits = _log10_size(expr)
        if math.isfinite(digits):
            return f"about 10^{math.floor(digits)}"
        digits_of_digits = _log10_log10_size(expr)
        if math.isfinite(digits_of_digits):
            return f"about 10^(10^{math.floor(digits_of_digits)})"
    except (_Unknown, ValueError, ZeroDivisionError, OverflowError):
        pass
    return "a tower of powers too tall to write"


TOWER_DIGITS_LIMIT = DEFAULT_LIMITS.max_tower_digits
"""A constant whose count of digits has more digits than this cannot even be put in order with
other terms: SymPy sorts a sum's terms by value (see limits.py)."""


def is_too_tall(expr: sympy.Expr) -> bool:
    """Whether the expression holds a tower past 10^(10^TOWER_DIGITS_LIMIT), such as e^e^e^e^e;
    screened in floats, in microseconds."""
    for node in sympy.preorder_traversal(expr):
        if not (isinstance(node, sympy.Expr) and node.is_number and not node.is_Atom):
            continue
        try:
            too_tall = not math.isfinite(_log10_size(node)) and not (
                _log10_log10_size(node) <= TOWER_DIGITS_LIMIT
            )
        except OverflowError:
            too_tall = True
        except (_Unknown, ValueError, ZeroDivisionError):
            too_tall = False  # not a tower this walk can size: SymPy's limits apply
        if too_tall:
            return True
    return False


def log10_size(expr: sympy.Expr) -> float | None:
    """log10 of the constant's magnitude, inf beyond the floats; None where it cannot be told."""
    try:
        return _log10_size(expr)
    except (_Unknown, ValueError, ZeroDivisionError, OverflowError):
        return None


def _float_or_inf(expr: sympy.Expr) -> float:
    try:
        return _walk(expr)
    except OverflowError:
        return math.inf


def _log10_size(expr: sympy.Expr) -> float:
    """log10 |expr|, found from logarithms where the value itself overflows (inf beyond them)."""
    if expr.is_Rational:
        return math.log10(abs(int(expr.p))) - math.log10(int(expr.q)) if expr else -math.inf
    if expr.is_Float:
        # SymPy's floats (mpmath's) reach far beyond a float's exponent; their log does not.
        return float(sympy.log(abs(expr), 10)) if expr else -math.inf
    value = _float_or_inf(expr)
    if math.isfinite(value):
        return math.log10(abs(value)) if value else -math.inf
    if expr.is_Mul:
        return math.fsum(_log10_size(a) for a in expr.args)
    if expr.is_Add:
        return max(_log10_size(a) for a in expr.args)
    if expr.is_Pow:
        base, exponent = expr.args
        return _float_or_inf(exponent) * _log10_size(base)
    if isinstance(expr, sympy.exp | sympy.cosh | sympy.sinh):
        return abs(_float_or_inf(expr.args[0])) / math.log(10)
    raise _Unknown


def _log10_log10_size(expr: sympy.Expr) -> float:
    """log10 log10 |expr| for a constant whose log10 overflows too: towers of exp and powers."""
    if expr.is_Mul or expr.is_Add:
        return max(_log10_log10_size(a) for a in expr.args if not _is_small(a))
    if expr.is_Pow:
        base, exponent = expr.args
        return _log10_size(exponent) + math.log10(_log10_size(base))
    if isinstance(expr, sympy.exp | sympy.cosh | sympy.sinh):
        return _log10_size(expr.args[0]) - math.log10(math.log(10))
    raise _Unknown


def _is_small(expr: sympy.Expr) -> bool:
    return math.isfinite(_float_or_inf(expr))
