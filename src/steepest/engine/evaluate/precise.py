"""Evaluation in intervals of arbitrary precision: values that are certain, not estimated.

Floats cannot tell `10^20 + sin(x) + 1` from `10^20 + sin(x)`, nor `cos(x) + 10^-13` from
`cos(x)`. Here every sub-expression is an interval `(lo, hi)` of mpmath's binary floats, at a
working precision the caller chooses, that certainly holds the exact value (each operation
rounds outwards). Two intervals that do not overlap prove a difference; an interval that is
too wide to decide is evaluated again at a higher precision.

The SymPy tree is compiled once into closures, like the bounded float evaluator (bounded.py),
so no code is generated from learner input. Each function's rule comes from the table of
functions (functions/interval_rules.py). Where there is no value, evaluation raises `NotReal`,
`Singular` or `Unresolved` (a straddled edge, worth a higher precision).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from fractions import Fraction

import sympy
from mpmath.libmp import (
    from_float,
    from_int,
    from_rational,
    fzero,
    mpf_e,
    mpf_gt,
    mpf_lt,
    round_ceiling,
    round_floor,
    to_int,
)
from mpmath.libmp.libmpf import mpf_min_max
from mpmath.libmp.libmpi import mpi_add, mpi_mul, mpi_pi, mpi_pow_int, mpi_sqrt

from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.interval_rules import (
    EXP_ARGUMENT_BITS,
    Interval,
    Unresolved,
    check_nonzero,
    exp_rule,
    is_finite,
    log_rule,
    magnitude_bits,
    widened,
)
from steepest.engine.functions.table import function_of

PreciseEvaluator = Callable[[Sequence[Interval], int], Interval]
"""Maps (the coordinates' intervals, working precision in bits) to the value's interval."""
Coordinate = Fraction | float

# An integer power whose result would need more bits of exponent than this is only "too large".
_POWER_RESULT_BITS = 2**32
_ZERO: Interval = (fzero, fzero)


def compile_precise(expr: sympy.Expr, variables: Sequence[str]) -> PreciseEvaluator:
    """A function from the coordinates' intervals (in the order of `variables`) to the value's.

    Symbols are matched by name, so assumptions on the caller's symbols do not matter.
    """
    index = {name: i for i, name in enumerate(variables)}
    return _compile(expr, index)


def point_intervals(point: Sequence[Coordinate], prec: int) -> tuple[Interval, ...]:
    """Each coordinate as an interval: exact for floats and dyadic fractions, else rounded out."""
    return tuple(_coordinate(c, prec) for c in point)


def _coordinate(value: Coordinate, prec: int) -> Interval:
    if isinstance(value, float):
        exact = from_float(value)
        return exact, exact
    return (
        from_rational(value.numerator, value.denominator, prec, round_floor),
        from_rational(value.numerator, value.denominator, prec, round_ceiling),
    )


def _compile(expr: sympy.Expr, index: dict[str, int]) -> PreciseEvaluator:
    if expr.is_Symbol:
        i = index[expr.name]
        return lambda point, prec: point[i]
    if expr.is_Number or expr.is_NumberSymbol or not expr.args:
        return _constant(expr)
    if expr.is_Pow:
        return _power(expr, index)
    parts = [_compile(arg, index) for arg in expr.args]
    if expr.is_Add:
        return _folded(parts, mpi_add)
    if expr.is_Mul:
        return _folded(parts, mpi_mul)
    if isinstance(expr, sympy.Max | sympy.Min):
        return _extreme(parts, isinstance(expr, sympy.Max))
    function = function_of(expr)
    if function is not None and len(parts) == 1:
        rule, (argument,) = function.precise, parts
        return lambda point, prec: rule(argument(point, prec), prec)
    return _unknown(expr)


def _constant(expr: sympy.Expr) -> PreciseEvaluator:
    if expr.is_Integer:
        exact = from_int(int(expr))
        return lambda point, prec: (exact, exact)
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return lambda point, prec: _coordinate(value, prec)
    if expr.is_Float and expr.is_finite:
        exact = expr._mpf_
        return lambda point, prec: (exact, exact)
    if expr is sympy.E:
        return lambda point, prec: (mpf_e(prec, round_floor), mpf_e(prec, round_ceiling))
    if expr is sympy.pi:
        return lambda point, prec: mpi_pi(prec)
    # zoo, oo, nan, I and anything else without a real value.
    return _always(NotReal(f"{expr!s} is not a real number"))


def _always(error: Singular | NotReal) -> PreciseEvaluator:
    def fail(point: Sequence[Interval], prec: int) -> Interval:
        raise error

    return fail


def _folded(
    parts: list[PreciseEvaluator], operation: Callable[[Interval, Interval, int], Interval]
) -> PreciseEvaluator:
    def evaluate(point: Sequence[Interval], prec: int) -> Interval:
        values = (part(point, prec) for part in parts)
        result: Interval = functools.reduce(lambda a, b: operation(a, b, prec), values)
        if not is_finite(result):
            raise Singular("overflow")
        return result

    return evaluate


def _extreme(parts: list[PreciseEvaluator], largest: bool) -> PreciseEvaluator:
    def evaluate(point: Sequence[Interval], prec: int) -> Interval:
        values = [part(point, prec) for part in parts]
        lows = mpf_min_max([v[0] for v in values])
        highs = mpf_min_max([v[1] for v in values])
        return (lows[1], highs[1]) if largest else (lows[0], highs[0])

    return evaluate


def _power(expr: sympy.Expr, index: dict[str, int]) -> PreciseEvaluator:
    base, exponent = (_compile(arg, index) for arg in expr.args)
    if expr.base is sympy.E:
        return lambda point, prec: exp_rule(exponent(point, prec), prec)
    power = expr.exp
    if power.is_Integer:
        n = int(power)
        return lambda point, prec: _integer_power(base(point, prec), n, prec)
    if power.is_Rational:
        p = Fraction(int(power.p), int(power.q))
        return lambda point, prec: _rational_power(base(point, prec), p, prec)
    return lambda point, prec: _variable_power(base(point, prec), exponent(point, prec), prec)


def _integer_power(x: Interval, n: int, prec: int) -> Interval:
    if n < 0:
        check_nonzero(x)
    size = max(abs(magnitude_bits(end)) for end in x if end != fzero) if x != _ZERO else 0
    if abs(n) * (size + 1) > _POWER_RESULT_BITS:
        raise Singular("a power too large to compute")
    result: Interval = mpi_pow_int(x, n, prec)
    return result


def _rational_power(x: Interval, p: Fraction, prec: int) -> Interval:
    # A negative number to a fractional power has no real value in Steepest (x^(1/3) included).
    lo, hi = x
    if mpf_lt(hi, fzero):
        raise NotReal("a negative number raised to a fractional power")
    if not mpf_gt(lo, fzero):
        if x == _ZERO and p > 0:
            return _ZERO
        if x == _ZERO:
            raise Singular("division by zero")
        raise Unresolved("a fractional power too close to zero")
    if p == Fraction(1, 2):
        return widened(mpi_sqrt(x, prec), prec)
    exponent = _coordinate(p, prec + 20)
    return _exp_of_product(x, exponent, prec)


def _exp_of_product(x: Interval, exponent: Interval, prec: int) -> Interval:
    """x^t as e^(t ln x), for x > 0."""
    logarithm = log_rule(x, prec + 20)
    return exp_rule(mpi_mul(logarithm, exponent, prec + 20), prec)


def _variable_power(x: Interval, t: Interval, prec: int) -> Interval:
    """A variable exponent: defined for a positive base, and for any base at integer values."""
    t_lo, t_hi = t
    if t_lo == t_hi and is_finite(t) and t_lo == from_int(to_int(t_lo)):
        n = to_int(t_lo)
        if abs(n) <= EXP_ARGUMENT_BITS**2 or not mpf_gt(x[0], fzero):
            return _integer_power(x, n, prec)
    lo, hi = x
    if mpf_gt(lo, fzero):
        return _exp_of_product(x, t, prec)
    if x == _ZERO:
        if mpf_gt(t_lo, fzero):
            return _ZERO
        if mpf_lt(t_hi, fzero):
            raise Singular("division by zero")
        raise Unresolved("0 to a power too close to 0")
    floor = to_int(t_lo, round_floor)
    if mpf_lt(hi, fzero) and t_lo != from_int(floor) and floor == to_int(t_hi, round_floor):
        raise NotReal("a negative number raised to a non-integer power")
    raise Unresolved("a variable power of a number too close to zero")


def _unknown(expr: sympy.Expr) -> PreciseEvaluator:
    """A node the parser cannot produce (Heaviside, Piecewise …): no value here, so the point
    gives no verdict rather than a guess."""
    return _always(Singular(f"{type(expr).__name__} has no interval rule"))
