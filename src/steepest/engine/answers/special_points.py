"""Where two answers are most likely to part: the kinks, edges and bumps of their functions.

`abs(x - 4)` and `4 - x` agree for every x below 4, and `x^2 + e^(-10000(x-1)^2)` differs from
`x^2` only within 0.03 of x = 1: random points rarely land there. So the checker also samples at
the zeros of the arguments of abs and sign (the kinks of ReLU, hinge and L1 losses), of max and
min (where the two sides meet), of roots' radicands and logarithms' arguments (domain edges),
of asin and acos ± 1, and at the zeros of the arguments of exp and of their derivatives (where a
bump is centred), each at the zero and on both sides of it.

Zeros are found exactly for polynomial arguments of low degree: in one variable directly, in
several by fixing the other variables at the coordinates of a nice point. Everything is capped,
so a hostile answer with 500 abs() costs no more than one with 12.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from steepest.engine.answer_kinds import DomainKind

MAX_ARGUMENTS = 12
MAX_POINTS = 40
MAX_DEGREE = 4
# Each zero z is sampled at z, z ± 1 (a readable counterexample) and z ± a little: a kink shows
# on one side, a narrow bump only right at its centre.
_OFFSETS = (Fraction(0), Fraction(-1), Fraction(1), Fraction(-1, 1000), Fraction(1, 1000))
# Irrational zeros are sampled at a rational this close, which is as good for a kink.
_ROOT_PRECISION = Fraction(1, 10**12)


def special_points(
    expressions: Iterable[sympy.Expr],
    variables: Sequence[str],
    domains: Sequence[DomainKind],
    base: Sequence[Fraction],
) -> list[tuple[Fraction, ...]]:
    """Points at and beside the zeros of the special arguments, inside the domains; variables
    not solved for keep their coordinates from `base`."""
    symbols = {name: sympy.Symbol(name, real=True) for name in variables}
    points: dict[tuple[Fraction, ...], None] = {}
    for argument in _special_arguments(expressions):
        renamed = argument.xreplace({s: symbols[s.name] for s in argument.free_symbols})
        for i, name in enumerate(variables):
            if symbols[name] not in renamed.free_symbols:
                continue
            fixed = {
                symbols[n]: sympy.Rational(c.numerator, c.denominator)
                for n, c in zip(variables, base, strict=True)
                if n != name
            }
            for zero in _real_zeros(renamed.xreplace(fixed), symbols[name]):
                for offset in _OFFSETS:
                    point = (*base[:i], zero + offset, *base[i + 1 :])
                    if _inside(point, domains):
                        points[point] = None
            break  # one variable solved for is enough per argument
        if len(points) >= MAX_POINTS:
            break
    for centre in _bump_centres(expressions, variables, base):
        if _inside(centre, domains):
            points[centre] = None
    return list(points)[:MAX_POINTS]


def _bump_centres(
    expressions: Iterable[sympy.Expr], variables: Sequence[str], base: Sequence[Fraction]
) -> list[tuple[Fraction, ...]]:
    """Where e^u peaks for a quadratic u of several variables (e^(-1000((x-2)² + (y-5)²))):
    the one point where u's gradient, a linear system, vanishes."""
    centres = []
    for expr in expressions:
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, sympy.exp) and len(node.args[0].free_symbols) >= 2:
                centre = _stationary_point(node.args[0])
                if centre is not None:
                    coordinates = dict(zip(variables, base, strict=True)) | centre
                    centres.append(tuple(coordinates[name] for name in variables))
            if len(centres) >= MAX_ARGUMENTS:
                return centres
    return centres


def _stationary_point(exponent: sympy.Expr) -> dict[str, Fraction] | None:
    symbols = sorted(exponent.free_symbols, key=lambda s: s.name)
    gradient = [exponent.diff(s) for s in symbols]
    if any(second.free_symbols for g in gradient for s in symbols for second in [g.diff(s)]):
        return None  # not quadratic: no linear system to solve
    solutions = sympy.linsolve(gradient, symbols)
    if len(solutions) != 1:
        return None
    (solution,) = solutions
    if not all(value.is_Rational for value in solution):
        return None  # a line or plane of peaks, or an irrational centre
    return {
        s.name: Fraction(int(value.p), int(value.q))
        for s, value in zip(symbols, solution, strict=True)
    }


def _special_arguments(expressions: Iterable[sympy.Expr]) -> list[sympy.Expr]:
    found: dict[sympy.Expr, None] = {}
    for expr in expressions:
        for node in sympy.preorder_traversal(expr):
            for argument in _arguments_of(node):
                if argument.free_symbols:
                    found[argument] = None
            if len(found) >= MAX_ARGUMENTS:
                return list(found)
    return list(found)


def _arguments_of(node: sympy.Basic) -> list[sympy.Expr]:
    if isinstance(node, sympy.Abs | sympy.sign | sympy.log):
        return [node.args[0]]
    if isinstance(node, sympy.Max | sympy.Min) and len(node.args) == 2:
        return [node.args[0] - node.args[1]]
    if isinstance(node, sympy.asin | sympy.acos):
        return [node.args[0] - 1, node.args[0] + 1]
    if isinstance(node, sympy.exp):
        exponent = node.args[0]
        variables = sorted(exponent.free_symbols, key=lambda s: s.name)
        slope = [exponent.diff(variables[0])] if len(variables) == 1 else []
        return [exponent, *slope]
    if isinstance(node, sympy.Pow) and node.exp.is_Rational and not node.exp.is_Integer:
        return [node.base]
    return []


def _real_zeros(expr: sympy.Expr, symbol: sympy.Symbol) -> list[Fraction]:
    """The real zeros of a polynomial of low degree with rational coefficients; else none."""
    if expr.free_symbols != {symbol}:
        return []
    slope = expr.diff(symbol)
    at_zero = expr.xreplace({symbol: sympy.S.Zero})
    if not slope.free_symbols:  # linear, by far the most common: no polynomial machinery
        if slope.is_Rational and slope != 0 and at_zero.is_Rational:
            return [_fraction(-at_zero / slope)]
        return []
    curvature = slope.diff(symbol)
    if not curvature.free_symbols:  # quadratic: by the formula
        slope_at_zero = slope.xreplace({symbol: sympy.S.Zero})
        if not (curvature.is_Rational and slope_at_zero.is_Rational and at_zero.is_Rational):
            return []
        return _quadratic_zeros(
            _fraction(curvature) / 2, _fraction(slope_at_zero), _fraction(at_zero)
        )
    if not expr.is_polynomial(symbol):
        return []
    try:
        poly = sympy.Poly(expr, symbol, domain="QQ")
        if not 1 <= poly.degree() <= MAX_DEGREE:
            return []
        intervals = poly.intervals(eps=_ROOT_PRECISION)
    except BasePolynomialError:
        return []
    zeros = []
    for (low, high), _multiplicity in intervals:
        # An exact rational zero comes back as a degenerate interval; else the midpoint.
        middle = (sympy.Rational(low) + sympy.Rational(high)) / 2
        zeros.append(Fraction(int(middle.p), int(middle.q)))
    return zeros


def _fraction(value: sympy.Expr) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _quadratic_zeros(a: Fraction, b: Fraction, c: Fraction) -> list[Fraction]:
    """Zeros of a x² + b x + c (a ≠ 0): exact when the discriminant is a rational square, else
    rationals within about 10^-15 relative, as good for sampling beside a kink."""
    discriminant = b * b - 4 * a * c
    if discriminant < 0:
        return []
    numerator, denominator = discriminant.numerator, discriminant.denominator
    exact = math.isqrt(numerator) ** 2 == numerator and math.isqrt(denominator) ** 2 == denominator
    if exact:
        root = Fraction(math.isqrt(numerator), math.isqrt(denominator))
    else:
        root = Fraction(math.sqrt(discriminant))
    return sorted({(-b - root) / (2 * a), (-b + root) / (2 * a)})


def _inside(point: Sequence[Fraction], domains: Sequence[DomainKind]) -> bool:
    return all(
        (kind != "positive" or c > 0) and (kind != "nonzero" or c != 0)
        for c, kind in zip(point, domains, strict=True)
    )
