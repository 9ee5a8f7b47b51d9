"""Partial derivatives, gradients and Hessians, straight from SymPy."""

from __future__ import annotations

from collections.abc import Sequence

import sympy


def partial(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    return sympy.diff(expr, variable)


def gradient(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> tuple[sympy.Expr, ...]:
    return tuple(sympy.diff(expr, v) for v in variables)


def hessian(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Matrix:
    return sympy.hessian(expr, list(variables))
