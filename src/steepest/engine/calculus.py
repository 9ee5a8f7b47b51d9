"""Partial derivatives, gradients and what follows from them, as plain functions on SymPy."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy

from steepest.engine.errors import EvaluationError, MathSyntaxError, VariableError
from steepest.engine.float_value import is_too_large
from steepest.engine.parser import parse
from steepest.engine.symbols import canonical_variable_name, make_symbol

Point = Mapping[sympy.Symbol, sympy.Expr]
Coordinate = int | float | str


def partial(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    return sympy.diff(expr, variable)


def gradient(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> tuple[sympy.Expr, ...]:
    return tuple(sympy.diff(expr, v) for v in variables)


def hessian(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Matrix:
    return sympy.hessian(expr, list(variables))


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
    """Exact where the point is exact, a float otherwise; an error where there is no real value."""
    value = expr.xreplace(dict(point))
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise EvaluationError(f"{expr} is undefined at {format_point(point)}")
    if any(isinstance(c, sympy.Float) for c in point.values()):
        value = value.evalf()
    numeric = complex(value.evalf(20)) if value.free_symbols == set() else None
    if numeric is not None:
        if not (math.isfinite(numeric.real) and math.isfinite(numeric.imag)):
            raise EvaluationError(f"{expr} is undefined at {format_point(point)}")
        if abs(numeric.imag) > 1e-12 * max(1.0, abs(numeric.real)):
            raise EvaluationError(f"{expr} has no real value at {format_point(point)}")
    return value


def format_point(point: Point) -> str:
    return "(" + ", ".join(f"{v.name} = {c}" for v, c in point.items()) + ")"


def descent_direction(gradient_value: Sequence[sympy.Expr]) -> tuple[sympy.Expr, ...]:
    return tuple(-g for g in gradient_value)


def directional_derivative(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    direction: Sequence[sympy.Expr],
    point: Point | None = None,
) -> sympy.Expr:
    """The rate of change of expr along the unit vector in `direction`: ∇L · u / |u|."""
    if len(direction) != len(variables):
        raise VariableError(f"the direction needs {len(variables)} components")
    length = sympy.sqrt(sum(d**2 for d in direction))
    if length == 0:
        raise EvaluationError("the direction must not be the zero vector")
    rate = sum(g * d for g, d in zip(gradient(expr, variables), direction, strict=True)) / length
    return evaluate_at(rate, point) if point is not None else rate


CriticalKind = Literal["minimum", "maximum", "saddle", "inconclusive"]


def classify_critical_point(
    expr: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point
) -> CriticalKind:
    """Second-derivative test: the Hessian's eigenvalue signs at a point where ∇L = 0."""
    matrix = hessian(expr, variables).xreplace(dict(point))
    eigenvalues = [complex(sympy.N(ev)).real for ev in matrix.eigenvals(multiple=True)]
    if any(abs(ev) < 1e-12 for ev in eigenvalues):
        return "inconclusive"
    if all(ev > 0 for ev in eigenvalues):
        return "minimum"
    if all(ev < 0 for ev in eigenvalues):
        return "maximum"
    return "saddle"


@dataclass(frozen=True)
class Extremum:
    location: sympy.Expr
    value: sympy.Expr
    kind: CriticalKind


def extrema_on_interval(
    expr: sympy.Expr, variable: sympy.Symbol, low: sympy.Expr, high: sympy.Expr
) -> list[Extremum]:
    """Critical points of a one-variable function strictly inside (low, high), classified."""
    found = []
    for location in critical_points(expr, variable, sympy.Interval.open(low, high)):
        point = {variable: location}
        kind = classify_critical_point(expr, [variable], point)
        found.append(Extremum(location, sympy.simplify(expr.xreplace(point)), kind))
    return found


def critical_points(
    expr: sympy.Expr, variable: sympy.Symbol, interval: sympy.Interval
) -> list[sympy.Expr]:
    """Where a one-variable function's slope is zero within `interval`, in increasing order;
    EvaluationError when SymPy cannot list them (infinitely many, or not solved)."""
    solutions = sympy.solveset(sympy.diff(expr, variable), variable, domain=interval)
    if solutions is sympy.S.EmptySet:  # SymPy's empty FiniteSet: no critical point in there
        return []
    if not isinstance(solutions, sympy.FiniteSet):
        raise EvaluationError(f"cannot list the critical points of {expr} on {interval}")
    return sorted(solutions, key=lambda s: float(s))


def symbols_named(names: Sequence[str]) -> list[sympy.Symbol]:
    return [make_symbol(canonical_variable_name(n)) for n in names]
