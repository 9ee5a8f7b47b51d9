"""How each function maps an interval to an interval, in mpmath's arbitrary precision.

The precise evaluator (evaluate/precise.py) carries, for every sub-expression, an interval
`(lo, hi)` of mpmath's raw binary floats that certainly holds the exact value: each rule rounds
its ends outwards at the working precision. So two intervals that do not overlap prove that two
expressions differ at a point, with no tolerance anywhere.

Where there is no interval to give, a rule raises, as the bounded float rules do
(error_bounds.py): `NotReal` when the whole interval lies outside the function's real domain,
`Singular` at a pole or when a value is too large to compute, and `Unresolved` when the interval
straddles a domain edge, a pole or a jump: the same point at a higher precision may resolve it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mpmath.libmp import (
    finf,
    fninf,
    fnone,
    fone,
    from_man_exp,
    fzero,
    mpf_asinh,
    mpf_atanh,
    mpf_cosh,
    mpf_ge,
    mpf_gt,
    mpf_le,
    mpf_lt,
    mpf_mul,
    mpf_neg,
    mpf_shift,
    mpf_sign,
    mpf_sinh,
    mpf_sqrt,
    mpf_sub,
    mpf_tanh,
    round_ceiling,
    round_floor,
)
from mpmath.libmp.libelefun import mpf_acos, mpf_asin
from mpmath.libmp.libmpi import (
    mpi_abs,
    mpi_atan,
    mpi_cos,
    mpi_div,
    mpi_exp,
    mpi_log,
    mpi_one,
    mpi_sin,
)

from steepest.engine.functions.error_bounds import NotReal, Singular

Bound = Any
"""One end of an interval: mpmath's raw binary float, a tuple (sign, mantissa, exponent, bits)."""
Interval = tuple[Bound, Bound]
IntervalRule = Callable[[Interval, int], Interval]
"""Maps (argument's interval, working precision in bits) to the value's interval, or raises."""

# exp(2^32) already has a four-billion-bit exponent; beyond, a value is only "too large".
EXP_ARGUMENT_BITS = 32
# Reducing a trigonometric argument modulo π needs as many bits of π as the argument has.
TRIG_ARGUMENT_BITS = 1100


class Unresolved(Singular):
    """The interval straddles an edge (of the domain, a pole, a jump): too close to tell."""


def magnitude_bits(bound: Bound) -> int:
    """The position of the leading bit of a finite nonzero end (its size as a power of 2)."""
    _sign, mantissa, exponent, bits = bound
    return int(exponent + bits) if mantissa else -(10**9)


def is_finite(interval: Interval) -> bool:
    return not (finf in interval or fninf in interval)


def widened(interval: Interval, prec: int) -> Interval:
    """Outwards by a few units in the last place: mpmath's elementary functions are accurate
    to within an ulp or so in the requested direction, not guaranteed to the last bit."""
    more = from_man_exp((1 << prec) + 8, -prec)
    less = from_man_exp((1 << prec) - 8, -prec)
    lo, hi = interval
    lo = mpf_mul(lo, less if mpf_sign(lo) >= 0 else more, prec, round_floor)
    hi = mpf_mul(hi, more if mpf_sign(hi) >= 0 else less, prec, round_ceiling)
    return lo, hi


def increasing_rule(function: Callable[[Bound, int, str], Bound]) -> IntervalRule:
    """The rule of an increasing function: each end mapped, rounded outwards, then widened."""

    def rule(x: Interval, prec: int) -> Interval:
        lo, hi = x
        return widened((function(lo, prec, round_floor), function(hi, prec, round_ceiling)), prec)

    return rule


def _fits(x: Interval, bits: int) -> bool:
    return is_finite(x) and all(magnitude_bits(end) <= bits for end in x)


def exp_rule(x: Interval, prec: int) -> Interval:
    if not _fits(x, EXP_ARGUMENT_BITS):
        raise Singular("a power of e too large to compute")
    return widened(mpi_exp(x, prec), prec)


def log_rule(x: Interval, prec: int) -> Interval:
    lo, hi = x
    if mpf_lt(hi, fzero):
        raise NotReal("ln of a negative number")
    if lo == hi == fzero:
        raise Singular("ln of 0")
    if mpf_le(lo, fzero):
        raise Unresolved("ln too close to zero")
    return widened(mpi_log(x, prec), prec)


def _trigonometric(function: Callable[[Interval, int], Interval]) -> IntervalRule:
    def rule(x: Interval, prec: int) -> Interval:
        if not _fits(x, TRIG_ARGUMENT_BITS):
            raise Singular("an angle too large to reduce")
        return widened(function(x, prec), prec)

    return rule


sin_rule = _trigonometric(mpi_sin)
cos_rule = _trigonometric(mpi_cos)


def check_nonzero(x: Interval) -> None:
    """Raises at a pole (x exactly 0), or as unresolved where x only straddles 0."""
    lo, hi = x
    if lo == hi == fzero:
        raise Singular("division by zero")
    if not mpf_gt(lo, fzero) and not mpf_lt(hi, fzero):
        raise Unresolved("division by a number too close to zero")


def quotient_rule(numerator: IntervalRule, denominator: IntervalRule) -> IntervalRule:
    """tan, cot, sec and csc, as quotients of sin, cos and 1."""

    def rule(x: Interval, prec: int) -> Interval:
        bottom = denominator(x, prec + 10)
        check_nonzero(bottom)
        result: Interval = mpi_div(numerator(x, prec + 10), bottom, prec)
        return result

    return rule


def one(x: Interval, prec: int) -> Interval:
    """The constant 1, the numerator of sec and csc."""
    result: Interval = mpi_one
    return result


def _inverse_sine(
    name: str, function: Callable[[Bound, int, str], Bound], increasing: bool
) -> IntervalRule:
    """asin and acos, and asec and acsc as acos and asin of 1/u."""

    def rule(x: Interval, prec: int) -> Interval:
        lo, hi = x
        if mpf_lt(hi, fnone) or mpf_gt(lo, fone):
            raise NotReal(f"{name} of a number outside [−1, 1]")
        if mpf_lt(lo, fnone) or mpf_gt(hi, fone):
            raise Unresolved(f"{name} too close to ±1")
        if increasing:
            return widened(
                (function(lo, prec, round_floor), function(hi, prec, round_ceiling)), prec
            )
        return widened((function(hi, prec, round_floor), function(lo, prec, round_ceiling)), prec)

    return rule


asin_rule = _inverse_sine("asin", mpf_asin, increasing=True)
acos_rule = _inverse_sine("acos", mpf_acos, increasing=False)


def atan_rule(x: Interval, prec: int) -> Interval:
    return widened(mpi_atan(x, prec), prec)


def _hyperbolic_guard(rule: IntervalRule) -> IntervalRule:
    def guarded(x: Interval, prec: int) -> Interval:
        if not _fits(x, EXP_ARGUMENT_BITS):
            raise Singular("a hyperbolic function too large to compute")
        return rule(x, prec)

    return guarded


sinh_rule = _hyperbolic_guard(increasing_rule(mpf_sinh))
tanh_rule = _hyperbolic_guard(increasing_rule(mpf_tanh))


def _cosh(x: Interval, prec: int) -> Interval:
    lo, hi = x
    if mpf_sign(lo) >= 0:
        return increasing_rule(mpf_cosh)(x, prec)
    if mpf_sign(hi) <= 0:
        return increasing_rule(mpf_cosh)((mpf_neg(hi), mpf_neg(lo)), prec)
    far = mpf_neg(lo) if mpf_lt(hi, mpf_neg(lo)) else hi
    return fone, widened((fone, mpf_cosh(far, prec, round_ceiling)), prec)[1]


cosh_rule = _hyperbolic_guard(_cosh)


sech_rule = quotient_rule(one, cosh_rule)
csch_rule = quotient_rule(one, sinh_rule)
coth_rule = quotient_rule(cosh_rule, sinh_rule)
asinh_rule = increasing_rule(mpf_asinh)


def _acosh(x: Bound, prec: int, rnd: str) -> Bound:
    """acosh x as 2·asinh(√((x − 1)/2)): mpf_acosh rounds x² − 1, which near x = 1 loses more
    bits than `widened` allows for. Each step increases with x and rounds the same way."""
    half_excess = mpf_shift(mpf_sub(x, fone, prec + 10, rnd), -1)
    return mpf_shift(mpf_asinh(mpf_sqrt(half_excess, prec + 10, rnd), prec, rnd), 1)


_acosh_increasing = increasing_rule(_acosh)


def acosh_rule(x: Interval, prec: int) -> Interval:
    lo, hi = x
    if mpf_lt(hi, fone):
        raise NotReal("acosh of a number below 1")
    if mpf_lt(lo, fone):
        raise Unresolved("acosh too close to 1")
    return _acosh_increasing(x, prec)


def _inside_unit(name: str) -> IntervalRule:
    """atanh, and acoth (as atanh of 1/u): real between −1 and 1, with poles at both."""
    increasing = increasing_rule(mpf_atanh)

    def rule(x: Interval, prec: int) -> Interval:
        lo, hi = x
        if mpf_lt(hi, fnone) or mpf_gt(lo, fone):
            raise NotReal(f"{name} of a number outside [−1, 1]")
        if x in ((fone, fone), (fnone, fnone)):
            raise Singular(f"{name} of ±1")
        if mpf_le(lo, fnone) or mpf_ge(hi, fone):
            raise Unresolved(f"{name} too close to ±1")
        return increasing(x, prec)

    return rule


atanh_rule = _inside_unit("atanh")


def _reciprocal(x: Interval, prec: int) -> Interval:
    """1/x for an interval the caller has found clear of 0, rounded outwards with guard bits.

    The inverse reciprocal functions are worked out of it (asech u = acosh(1/u)): 1/u is
    monotonic on each side of 0, so the function of its interval encloses theirs."""
    result: Interval = mpi_div(mpi_one, x, prec + 10)
    return result


def _outside_unit(name: str, of_reciprocal: IntervalRule) -> IntervalRule:
    """asec, acsc and acoth, as acos, asin and atanh of 1/u: real where |u| ≥ 1 (acoth: > 1).
    The rule of 1/u still refuses what is too close to ±1 to tell, and acoth's pole there."""

    def rule(x: Interval, prec: int) -> Interval:
        lo, hi = x
        if mpf_gt(lo, fnone) and mpf_lt(hi, fone):
            raise NotReal(f"{name} of a number in (−1, 1)")
        if not (mpf_ge(lo, fone) or mpf_le(hi, fnone)):
            raise Unresolved(f"{name} too close to ±1")
        return of_reciprocal(_reciprocal(x, prec), prec)

    return rule


asec_rule = _outside_unit("asec", _inverse_sine("asec", mpf_acos, increasing=False))
acsc_rule = _outside_unit("acsc", _inverse_sine("acsc", mpf_asin, increasing=True))
acoth_rule = _outside_unit("acoth", _inside_unit("acoth"))


def asech_rule(x: Interval, prec: int) -> Interval:
    lo, hi = x
    if mpf_lt(hi, fzero) or mpf_gt(lo, fone):
        raise NotReal("asech of a number outside (0, 1]")
    if lo == hi == fzero:
        raise Singular("asech of 0")
    if not mpf_gt(lo, fzero) or mpf_gt(hi, fone):
        raise Unresolved("asech too close to 0 or 1")
    # 1/u ≥ 1 here, however rounded: 1 is a float.
    return _acosh_increasing(_reciprocal(x, prec), prec)


def acsch_rule(x: Interval, prec: int) -> Interval:
    check_nonzero(x)
    return asinh_rule(_reciprocal(x, prec), prec)


def abs_rule(x: Interval, prec: int) -> Interval:
    result: Interval = mpi_abs(x)
    return result


def sign_rule(x: Interval, prec: int) -> Interval:
    lo, hi = x
    if mpf_gt(lo, fzero):
        return fone, fone
    if mpf_lt(hi, fzero):
        return fnone, fnone
    if lo == hi == fzero:
        return fzero, fzero
    raise Unresolved("sign of a number too close to zero")
