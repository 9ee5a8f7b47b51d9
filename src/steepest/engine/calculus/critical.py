"""Critical points: where a slope is zero, and what kind of point each one is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import CriticalKind
from steepest.engine.calculus.derivatives import hessian
from steepest.engine.calculus.points import Point
from steepest.engine.errors import EvaluationError


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
