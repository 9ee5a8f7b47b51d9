"""Kinks: where abs(u) has u = 0 at the point, L may have no derivative, only one-sided slopes.

SymPy differentiates abs(u) to sign(u)·u′ and evaluates sign(0) to 0, so at a kink it reports a
plain number (0 for abs(x) at 0) as the derivative. Here each partial is worked out from each
side instead: moving along a variable by a small h > 0 (or h < 0), every sign(u) whose argument is
0 at the point takes the sign that u takes there, the sign of its first non-zero derivative along
that variable (times (±1)^k for the k-th). Where the two sides differ, L is not differentiable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.points import evaluate_at
from steepest.engine.errors import EvaluationError

# How many derivatives of u along a variable are tried for its sign near a zero: u = x^4 needs 4.
_ORDERS = 4


@dataclass(frozen=True)
class OneSidedSlopes:
    """∂L/∂variable just left and just right of the point, which differ."""

    variable: sympy.Symbol
    left: sympy.Expr
    right: sympy.Expr


@dataclass(frozen=True)
class Kink:
    """L has no gradient at the point: `functions` (abs(u), ...) have u = 0 there."""

    functions: tuple[sympy.Expr, ...]
    slopes: tuple[OneSidedSlopes, ...]


def find_kink(
    expr: sympy.Expr, variables: Sequence[sympy.Symbol], point: Mapping[sympy.Symbol, sympy.Expr]
) -> Kink | None:
    """The kink of `expr` at `point`, or None where every partial is the same from both sides."""
    at_zero = tuple(
        node
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, sympy.Abs | sympy.sign) and _is_zero(node.args[0], point)
    )
    if not at_zero:
        return None
    _require_continuous(expr, at_zero, point)
    slopes = []
    for variable in variables:
        partial = sympy.diff(expr, variable)
        left, right = (_one_sided(partial, variable, point, side) for side in (-1, 1))
        if sympy.simplify(left - right) != 0:
            slopes.append(OneSidedSlopes(variable, left, right))
    unique = tuple(dict.fromkeys(node for node in at_zero if isinstance(node, sympy.Abs)))
    return Kink(unique or at_zero, tuple(slopes)) if slopes else None


def _is_zero(argument: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr]) -> bool:
    value = argument.xreplace(dict(point))
    return bool(value.is_zero) or (value.is_Float and abs(float(value)) < 1e-12)


def _require_continuous(
    expr: sympy.Expr, at_zero: Sequence[sympy.Expr], point: Mapping[sympy.Symbol, sympy.Expr]
) -> None:
    """A sign(u) with u = 0 may make L jump there: then L has no slope, not even one-sided."""
    signs = [node for node in at_zero if isinstance(node, sympy.sign)]
    if not signs:
        return
    values = {
        sympy.simplify(evaluate_at(expr.xreplace(dict.fromkeys(signs, s)), point))
        for s in (sympy.Integer(-1), sympy.Integer(0), sympy.Integer(1))
    }
    if len(values) > 1:
        shown = ", ".join(str(node) for node in signs)
        raise EvaluationError(
            f"L jumps at this point, where {shown} changes sign: it has no slope there"
        )


def _one_sided(
    partial: sympy.Expr,
    variable: sympy.Symbol,
    point: Mapping[sympy.Symbol, sympy.Expr],
    side: int,
) -> sympy.Expr:
    """The partial just to one side (`side` = ±1) of the point along `variable`."""
    replaced: dict[sympy.Basic, sympy.Expr] = {}
    for node in sympy.preorder_traversal(partial):
        if isinstance(node, sympy.DiracDelta):
            replaced[node] = sympy.Integer(0)  # zero off the kink, on either side of it
        elif isinstance(node, sympy.sign) and _is_zero(node.args[0], point):
            replaced[node] = _side_sign(node.args[0], variable, point, side)
    return evaluate_at(partial.xreplace(replaced), point)


def _side_sign(
    argument: sympy.Expr,
    variable: sympy.Symbol,
    point: Mapping[sympy.Symbol, sympy.Expr],
    side: int,
) -> sympy.Expr:
    derivative = argument
    for order in range(1, _ORDERS + 1):
        derivative = sympy.diff(derivative, variable)
        value = derivative.xreplace(dict(point))
        if not value.is_zero:
            return sympy.sign(value) * sympy.Integer(side) ** order
    return sympy.Integer(0)  # u stays 0 along this variable: so does sign(u)
