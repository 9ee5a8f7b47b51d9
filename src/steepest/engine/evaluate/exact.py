"""Exact evaluation of rational functions (polynomials and their quotients) at rational points.

Two rational functions that agree at a handful of random integer points drawn from a large
range are equal with overwhelming probability (the Schwartz–Zippel lemma: a nonzero polynomial
of degree d vanishes at a uniformly random point of Sᴺ with probability at most d/|S|), and one
point where they differ is a proof that they do. Exact arithmetic leaves no tolerance to tune,
which matters most for the answers learners type most: polynomials.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

import sympy

ExactEvaluator = Callable[[Sequence[Fraction]], Fraction]


def is_rational_function(expr: sympy.Expr) -> bool:
    """Only sums, products, integer powers, rational numbers and variables."""
    if expr.is_Symbol or expr.is_Rational:
        return True
    if expr.is_Add or expr.is_Mul:
        return all(is_rational_function(arg) for arg in expr.args)
    if expr.is_Pow:
        return bool(expr.exp.is_Integer) and is_rational_function(expr.base)
    return False


def degree_bound(expr: sympy.Expr) -> int:
    """An upper bound on the total degree of numerator plus denominator of a rational function."""
    if expr.is_Symbol:
        return 1
    if expr.is_Rational:
        return 0
    if expr.is_Add:
        return max(degree_bound(arg) for arg in expr.args)
    if expr.is_Mul:
        return sum(degree_bound(arg) for arg in expr.args)
    # Only integer powers reach here (see is_rational_function).
    return abs(int(expr.exp)) * degree_bound(expr.base)


def compile_exact(expr: sympy.Expr, variables: Sequence[str]) -> ExactEvaluator:
    """Coordinates in the order of `variables` to the exact value; ZeroDivisionError at a pole."""
    index = {name: i for i, name in enumerate(variables)}
    return _compile(expr, index)


def _compile(expr: sympy.Expr, index: dict[str, int]) -> ExactEvaluator:
    if expr.is_Symbol:
        i = index[expr.name]
        return lambda point: point[i]
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return lambda point: value
    if expr.is_Pow:
        base = _compile(expr.base, index)
        n = int(expr.exp)
        return lambda point: base(point) ** n
    parts = [_compile(arg, index) for arg in expr.args]
    if expr.is_Add:
        return lambda point: sum((part(point) for part in parts), Fraction(0))
    return lambda point: math.prod((part(point) for part in parts), start=Fraction(1))
