"""Partial derivatives, gradients, Hessians and directional derivatives, straight from SymPy."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.calculus.points import Point, evaluate_at
from steepest.engine.errors import EvaluationError, VariableError


def partial(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    return sympy.diff(expr, variable)


def gradient(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> tuple[sympy.Expr, ...]:
    return tuple(sympy.diff(expr, v) for v in variables)


def hessian(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Matrix:
    return sympy.hessian(expr, list(variables))


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
