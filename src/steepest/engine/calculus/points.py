"""Points: a typed point read into exact values, and an expression's value there."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import sympy

from steepest.engine.errors import EvaluationError, MathSyntaxError, VariableError
from steepest.engine.evaluate.float_value import (
    LARGEST_FLOAT,
    float_value,
    is_too_large,
    log10_size,
    size_text,
)
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name

Point = Mapping[sympy.Symbol, sympy.Expr]
Coordinate = int | float | str


def read_point(at: Mapping[str, Coordinate], variables: Sequence[sympy.Symbol]) -> Point:
    """Turn {"w1": 1, "w2": "1/2"} into symbols and exact (or float) SymPy numbers.

    Every variable needs a value and no other name may appear. Integers and typed fractions
    stay exact; floats stay floats, so the value at the point is exact only when the point is.
    """
    by_name = {v.name: v for v in variables}
    point: dict[sympy.Symbol, sympy.Expr] = {}
    for raw_name, raw_value in at.items():
        name = canonical_variable_name(raw_name)
        if name not in by_name:
            listed = ", ".join(by_name) or "none"
            raise VariableError(f"the point names {raw_name!r}, which is not a variable ({listed})")
        if by_name[name] in point:
            # `w_1` and `w1` are one variable: a second value would silently replace the first.
            raise VariableError(f"{name} is given twice")
        point[by_name[name]] = _coordinate(name, raw_value)
    missing = [v.name for v in variables if v not in point]
    if missing:
        raise VariableError(f"the point gives no value for {', '.join(missing)}")
    return point


def _coordinate(name: str, value: Coordinate) -> sympy.Expr:
    if isinstance(value, bool):
        raise VariableError(f"the value of {name} must be a number, not {value}")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise VariableError(f"the value of {name} must be a finite number")
        return sympy.Float(value)
    try:
        number = parse(value, variables=[])
    except (MathSyntaxError, VariableError) as error:
        raise VariableError(f"the value of {name} is not a number: {error}") from None
    # Screened in floats first: SymPy would work out exp(exp(exp(100))) digit by digit.
    if number.is_number and is_too_large(number):
        raise VariableError(f"the value of {name} must be a real number between ±1e308")
    if not number.is_number or not number.is_extended_real or not number.is_finite:
        raise VariableError(f"the value of {name} must be a finite real number")
    return number


def evaluate_at(expr: sympy.Expr, point: Point) -> sympy.Expr:
    """Exact where the point is exact, a float otherwise; an error where there is no real value,
    or where the value is too large for a float (which names its size: it is not undefined)."""
    where = format_point(point)
    try:
        value = expr.xreplace(dict(point))
    except OverflowError:
        # SymPy builds (1e300)^(1e300) as an integer before anything can size it.
        raise EvaluationError(f"the value at {where} is too large for a float") from None
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        raise EvaluationError(f"Steepest could not work out a value at {where}") from None
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.atoms(sympy.AccumBounds):
        raise EvaluationError(f"{expr} is undefined at {where}")
    # Screened in floats first: SymPy would work out a tower such as e^e^e^e digit by digit.
    if value.free_symbols == set() and _overflows(value):
        raise _too_large(value, point)
    try:
        if any(isinstance(c, sympy.Float) for c in point.values()):
            value = value.evalf()
        if value.free_symbols == set():
            _require_real_and_sized(expr, value, point)
    except OverflowError:
        raise _too_large(value, point) from None
    except (TypeError, ValueError, RecursionError):
        raise EvaluationError(f"{expr} is undefined at {where}") from None
    return value


def _require_real_and_sized(expr: sympy.Expr, value: sympy.Expr, point: Point) -> None:
    """Refuse a constant with no real value, or too large for a float. SymPy's own floats carry
    the parts: a float's range would lose an imaginary part of 10^-670 (sin of a complex root,
    to the 700th), and call it real."""
    approximate = value.evalf(20)
    real, imaginary = (abs(part) for part in approximate.as_real_imag())
    if not (real.is_finite and imaginary.is_finite):
        if value.is_extended_real and value.is_finite:
            raise _too_large(value, point)
        raise EvaluationError(f"{expr} is undefined at {format_point(point)}")
    # An imaginary part is rounding noise only in a value SymPy knows to be real: asin(e) is not,
    # however small its part is beside a sum of 10^302.
    if imaginary != 0 and (imaginary > 1e-12 * (real + imaginary) or not value.is_extended_real):
        raise EvaluationError(f"{expr} has no real value at {format_point(point)}")
    if real > LARGEST_FLOAT:
        raise _too_large(value, point)


# Below 10^this a value that overflows in floats is cheap for SymPy to pin down exactly, which
# tells a true giant from terms that cancel (exp(800) - exp(800)·(1 - 1/10^9) is small).
_EXACT_SIZE_LIMIT = 10_000


def _overflows(value: sympy.Expr) -> bool:
    """Whether a constant is beyond the largest float, told in floats where SymPy would be slow."""
    screened = float_value(value)
    if screened is None or not math.isinf(screened):
        return False
    size = log10_size(value)
    if size is not None and size < _EXACT_SIZE_LIMIT:
        try:
            return not abs(complex(value.evalf(20))) <= LARGEST_FLOAT
        except OverflowError:
            return True
    return True


def _too_large(value: sympy.Expr, point: Point) -> EvaluationError:
    return EvaluationError(
        # The value, not the expression: printing a sum sorts its terms by value, which for a
        # tower of powers is the very computation that cannot be done in time.
        f"the value at {format_point(point)} is {size_text(value)}: a real number, but too"
        " large for a float (at most about 1.8·10^308)"
    )


def format_point(point: Point) -> str:
    return "(" + ", ".join(f"{v.name} = {c}" for v, c in point.items()) + ")"
