"""Derivatives taken with one of the classic slips, to recognise them in a learner's answer.

Each slip is a habit applied everywhere it can bite: the power rule without its coefficient
(d/dx x³ → x²), a constant factor lost (d/dx 3x² → 2x), or the chain rule without the inner
derivative (d/dx sin 2x → cos 2x). Everything else is differentiated correctly, so the result
is the answer of a learner who makes exactly that one mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import SlipKind


@dataclass(frozen=True)
class Slipped:
    result: sympy.Expr
    sites: tuple[sympy.Expr, ...]
    """The sub-expressions where the slip changed something, for the feedback to point at."""


def slipped_derivative(expr: sympy.Expr, variable: sympy.Symbol, slip: SlipKind) -> Slipped:
    sites: list[sympy.Expr] = []
    result = _derivative(expr, variable, slip, sites)
    return Slipped(result, tuple(dict.fromkeys(sites)))


def _derivative(
    expr: sympy.Expr, v: sympy.Symbol, slip: SlipKind, sites: list[sympy.Expr]
) -> sympy.Expr:
    if not expr.has(v):
        return sympy.Integer(0)
    if expr == v:
        return sympy.Integer(1)
    if expr.is_Add:
        return sympy.Add(*(_derivative(term, v, slip, sites) for term in expr.args))
    if expr.is_Mul:
        return _product(expr, v, slip, sites)
    if expr.is_Pow and expr.base is not sympy.E and not expr.exp.has(v):
        return _power(expr, v, slip, sites)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        return _function(expr, v, slip, sites)
    return sympy.diff(expr, v)


def _product(
    expr: sympy.Expr, v: sympy.Symbol, slip: SlipKind, sites: list[sympy.Expr]
) -> sympy.Expr:
    constant, varying = expr.as_independent(v, as_Add=False)
    if constant != 1:
        inner = _derivative(varying, v, slip, sites)
        # Losing a factor −1 is a sign error, which feedback names on its own.
        if slip == "constant_factor" and constant != -1:
            sites.append(expr)
            return inner
        return constant * inner
    factors = varying.args if varying.is_Mul else (varying,)
    terms = []
    for i, factor in enumerate(factors):
        others = sympy.Mul(*(f for j, f in enumerate(factors) if j != i))
        terms.append(others * _derivative(factor, v, slip, sites))
    return sympy.Add(*terms)


def _power(
    expr: sympy.Expr, v: sympy.Symbol, slip: SlipKind, sites: list[sympy.Expr]
) -> sympy.Expr:
    base, n = expr.base, expr.exp
    inner = _derivative(base, v, slip, sites)
    coefficient = n
    if slip == "power_coefficient" and n != 1:
        sites.append(expr)
        coefficient = sympy.Integer(1)
    if slip == "chain_factor" and inner != 1:
        sites.append(expr)
        inner = sympy.Integer(1)
    return coefficient * base ** (n - 1) * inner


def _function(
    expr: sympy.Expr, v: sympy.Symbol, slip: SlipKind, sites: list[sympy.Expr]
) -> sympy.Expr:
    (argument,) = expr.args
    placeholder = sympy.Dummy("u", real=True)
    outer = sympy.diff(expr.func(placeholder), placeholder).xreplace({placeholder: argument})
    inner = _derivative(argument, v, slip, sites)
    if slip == "chain_factor" and inner != 1:
        sites.append(expr)
        return outer
    return outer * inner
