"""Where an answer's written domain is smaller than the expected answer's: a point to show.

The parser records what each operation of a typed answer needs (ln u: u > 0; see
functions/domain.py). An answer that SymPy simplified to the expected expression (exp(ln x) to
x) is still wrong where the expected answer has a value and one of those conditions fails.
`find_domain_gap` looks for such a point, from the conditions themselves, in bounded work:

- the boundary of each condition, solved exactly when its expression is a polynomial of low
  degree in one variable, with points a little to each side (√(x − 500) fails at 499.5);
- small probes of both signs, and for exponents integers and unit fractions, since a variable
  exponent on a negative base is defined exactly at integers ((a^b)^c at a = −2, b = 3, c = 1/3).

Only a firm violation counts (ln of a negative number, an even root of one, arcsin of 2). A
condition that fails on an isolated point alone (a pole, ln of 0, a removable division by zero
as in (x² − 1)/(x − 1)) is not held against an answer, as the sampler never holds a singular
point against one; an answer valid on a larger domain than the expected one is always fine.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, product

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from steepest.engine.answer_kinds import DomainKind
from steepest.engine.functions.domain import (
    Condition,
    evaluable_in_bounds,
    sign_of,
    status_at,
)

MAX_CONDITIONS = 8
"""Conditions of one answer searched; the rest are let be (the search is bounded, not total)."""
MAX_POINTS_PER_CONDITION = 300
"""Points where one condition is evaluated (a substitution into a small expression each)."""
MAX_VALUES_PER_VARIABLE = 8
MAX_ROOT_DEGREE = 4
_R = sympy.Rational
_PROBES = (_R(2), _R(-2), _R(1, 2), _R(-1, 2), _R(1), _R(-1), _R(3), _R(-3), _R(1, 3), _R(0))
_NEGATIVE_FIRST = (_R(-2), _R(-1), _R(-1, 2), _R(-3), _R(2), _R(1, 2), _R(1), _R(0))
_EXPONENTS = (_R(1, 3), _R(3), _R(1, 2), _R(2), _R(-1), _R(-1, 3), _R(1), _R(-2))
_FILLER = _R(2)
_ROOT_OFFSETS = (_R(1, 2), _R(1, 10), _R(1))


@dataclass(frozen=True)
class DomainGap:
    """Values of the variables (in order) where the answer, as written, has no real value."""

    point: tuple[sympy.Rational, ...]
    reason: str


def find_domain_gap(
    expected: sympy.Expr,
    expected_conditions: Sequence[Condition],
    answer_conditions: Sequence[Condition],
    variables: Sequence[str],
    domains: Sequence[DomainKind],
) -> DomainGap | None:
    """A point where `expected` (under its own conditions) has a real value and one of
    `answer_conditions` is firmly violated; None when the bounded search finds none."""
    symbols = _symbols(expected, [*expected_conditions, *answer_conditions], variables)
    exponent_symbols = {
        s for c in answer_conditions if c.exponent is not None for s in c.exponent.free_symbols
    }
    searched = [
        c
        for c in answer_conditions
        if c.kind != "nonzero"
        and not any(c.same_need(e) for e in expected_conditions)
        # SymPy's assumptions and polynomials evaluate constants such as cos(exp(10^10))
        # without bound: such a condition is let be.
        and evaluable_in_bounds(c.expr)
        and (c.exponent is None or evaluable_in_bounds(c.exponent))
        and not _always_holds(c, symbols, domains)
    ]
    for condition in searched[:MAX_CONDITIONS]:
        for values in _points(condition, symbols, domains, exponent_symbols):
            if status_at(condition.substituted(values)) != "violated":
                continue
            if _defined(expected, expected_conditions, values):
                return DomainGap(tuple(values[s] for s in symbols), condition.reason)
    return None


def _symbols(
    expected: sympy.Expr, conditions: Sequence[Condition], variables: Sequence[str]
) -> list[sympy.Symbol]:
    """The variables' symbols as the parser made them (real), in the caller's order."""
    found = set(expected.free_symbols)
    for condition in conditions:
        found |= condition.free_symbols
    by_name = {s.name: s for s in found if isinstance(s, sympy.Symbol)}
    return [by_name.get(name) or sympy.Symbol(name, real=True) for name in variables]


def _allowed(value: sympy.Rational, kind: DomainKind) -> bool:
    return value > 0 if kind == "positive" else value != 0 if kind == "nonzero" else True


def _always_holds(
    condition: Condition, symbols: Sequence[sympy.Symbol], domains: Sequence[DomainKind]
) -> bool:
    """SymPy's assumptions prove the condition for every point of the domain (x² + 1 ≥ 0)."""
    assumed = {
        s: sympy.Dummy(s.name, real=True, positive=True if kind == "positive" else None)
        for s, kind in zip(symbols, domains, strict=True)
    }
    expr = condition.expr.xreplace(assumed)
    if condition.kind == "nonnegative":
        return expr.is_nonnegative is True
    if condition.kind in ("positive", "positive_or_integer"):
        return expr.is_positive is True
    return False


def _points(
    condition: Condition,
    symbols: Sequence[sympy.Symbol],
    domains: Sequence[DomainKind],
    exponent_symbols: set[sympy.Symbol],
) -> Iterator[dict[sympy.Symbol, sympy.Expr]]:
    kinds = dict(zip(symbols, domains, strict=True))
    involved = [s for s in symbols if s in condition.free_symbols]
    lists = []
    for symbol in involved:
        if symbol in exponent_symbols:
            probes: Sequence[sympy.Rational] = _EXPONENTS
        elif condition.kind == "unit":
            probes = _PROBES
        else:
            probes = _NEGATIVE_FIRST
        values = [*_near_boundary(condition, symbol), *probes]
        unique = list(dict.fromkeys(v for v in values if _allowed(v, kinds[symbol])))
        lists.append(unique[:MAX_VALUES_PER_VARIABLE])
    # Variables the condition does not involve take one value every domain allows.
    filler: dict[sympy.Symbol, sympy.Expr] = {s: _FILLER for s in symbols if s not in involved}
    for combo in islice(product(*lists), MAX_POINTS_PER_CONDITION):
        yield {**filler, **dict(zip(involved, combo, strict=True))}


def _near_boundary(condition: Condition, symbol: sympy.Symbol) -> list[sympy.Rational]:
    """Rational points on each side of the real roots of the condition's boundary."""
    if condition.free_symbols != {symbol}:
        return []
    edges = (
        [condition.expr - 1, condition.expr + 1] if condition.kind == "unit" else [condition.expr]
    )
    points: list[sympy.Rational] = []
    for edge in edges:
        for root in _real_roots(edge, symbol):
            centre = _R(round(root * 10), 10)
            for offset in _ROOT_OFFSETS:
                points.extend((centre - offset, centre + offset))
    return points


def _real_roots(expr: sympy.Expr, symbol: sympy.Symbol) -> list[float]:
    try:
        poly = sympy.Poly(expr, symbol)
    except BasePolynomialError:  # not a polynomial in `symbol` (ln x, x^x, |x|)
        return []
    rational = poly.domain.is_QQ or poly.domain.is_ZZ
    if not rational or not 1 <= poly.degree() <= MAX_ROOT_DEGREE:
        return []
    roots = [float(r) for r in poly.real_roots()]
    return [r for r in roots if math.isfinite(r) and abs(r) < 1e9]


def _defined(
    expected: sympy.Expr,
    conditions: Sequence[Condition],
    values: dict[sympy.Symbol, sympy.Expr],
) -> bool:
    """The expected answer has a real value here, under its own written conditions."""
    if any(status_at(c.substituted(values)) != "holds" for c in conditions):
        return False
    return sign_of(expected.xreplace(values)) is not None
