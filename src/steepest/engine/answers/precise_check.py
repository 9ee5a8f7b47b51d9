"""One point, decided in intervals of rising precision: do two expressions agree there?

Floats blur `cos(x) + 10^-13` into `cos(x)`. Here the difference (expected − answer, as SymPy
has already simplified it: `10^20 + sin(x) + 1 − (10^20 + sin(x))` is just 1) is evaluated in
intervals (evaluate/precise.py). An interval that excludes 0 proves a difference. One that holds
0 counts as agreement only once it is narrower than 2^-AGREEMENT_BITS relative to the answers'
size (absolute below size 1); until then the working precision is raised, by as many bits as
the interval is too wide, up to MAX_PRECISION. There is no float tolerance anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mpmath.libmp import fnan, fzero, mpf_gt, mpf_lt, mpf_sub, round_up, to_str
from mpmath.libmp.libmpi import mpi_mid

from steepest.engine.evaluate.precise import Coordinate, PreciseEvaluator, point_intervals
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.interval_rules import (
    Interval,
    Unresolved,
    is_finite,
    magnitude_bits,
)

START_PRECISION = 80
MAX_PRECISION = 4096
AGREEMENT_BITS = 96
GUARD_BITS = 32
# A counterexample's value is shown to 6 significant digits, or to as many more as it takes
# (up to this) to differ visibly from the expected value.
SHOWN_DIGITS = 6
MOST_SHOWN_DIGITS = 30
_SHOWN_PRECISION = 8 * MOST_SHOWN_DIGITS

Outcome = Literal["agree", "differ", "no verdict"]


@dataclass(frozen=True)
class Undefined:
    """No real value at the point (NotReal), or none that can be computed (Singular)."""

    reason: str
    not_real: bool


def value_at(
    evaluator: PreciseEvaluator, point: Sequence[Coordinate], prec: int = START_PRECISION
) -> Interval | Undefined:
    """The value's interval, at the lowest precision (from `prec`) that settles every edge."""
    while True:
        try:
            found = evaluator(point_intervals(point, prec), prec)
        except Unresolved as error:
            if prec >= MAX_PRECISION:
                return Undefined(error.message, not_real=False)
            prec = min(2 * prec, MAX_PRECISION)
            continue
        except NotReal as error:
            return Undefined(error.message, not_real=True)
        except Singular as error:
            return Undefined(error.message, not_real=False)
        if not is_finite(found) or fnan in found:
            return Undefined("no finite value", not_real=False)
        return found


def compare_at(difference: PreciseEvaluator, point: Sequence[Coordinate], size: int) -> Outcome:
    """Whether the difference is nonzero at `point`, where the answers are about 2^`size`
    (a size below 1 asks for as many more bits; 0 stands for "unknown", so absolute)."""
    wanted_bits = AGREEMENT_BITS + max(0, -size)
    # Enough bits for the answers' size and the agreement wanted, so that one evaluation
    # settles most points; cancellation asks for more below.
    prec = AGREEMENT_BITS + max(0, size) + GUARD_BITS
    while prec <= MAX_PRECISION:
        found = value_at(difference, point, prec)
        if isinstance(found, Undefined):
            return "no verdict"
        lo, hi = found
        if mpf_gt(lo, fzero) or mpf_lt(hi, fzero):
            return "differ"
        width = mpf_sub(hi, lo, 30, round_up)
        if width == fzero or magnitude_bits(width) <= -wanted_bits:
            return "agree"
        if prec == MAX_PRECISION:
            break
        # As many more bits as the interval is too wide, and a margin; the last try at the cap.
        wider = prec + max(magnitude_bits(width) + wanted_bits + 16, 32)
        prec = MAX_PRECISION if prec < MAX_PRECISION < wider else wider
    return "no verdict"  # resolving the difference would take more than MAX_PRECISION bits


def shown_value(
    answer: PreciseEvaluator, expected: PreciseEvaluator, point: Sequence[Coordinate]
) -> str | None:
    """The answer's value to 6 digits, or to enough digits to tell it from the expected one."""
    given = _narrow_value(answer, point)
    if isinstance(given, Undefined):
        return None
    wanted = _narrow_value(expected, point)
    digits = SHOWN_DIGITS
    if not isinstance(wanted, Undefined):
        while digits < MOST_SHOWN_DIGITS and _text(given, digits) == _text(wanted, digits):
            digits += 2
        if _text(given, digits) == _text(wanted, digits):
            digits = SHOWN_DIGITS
    return _text(given, digits)


def _narrow_value(evaluator: PreciseEvaluator, point: Sequence[Coordinate]) -> Interval | Undefined:
    """The value, at a precision where its interval is narrow enough for MOST_SHOWN_DIGITS
    (cosh(202)² − sinh(202)² needs some 600 bits before its 2 shows)."""
    prec = _SHOWN_PRECISION
    while True:
        found = value_at(evaluator, point, prec)
        if isinstance(found, Undefined):
            return found
        lo, hi = found
        width = mpf_sub(hi, lo, 30, round_up)
        size = max(magnitude_bits(end) for end in found)
        if (
            width == fzero
            or magnitude_bits(width) <= size - _SHOWN_PRECISION
            or prec >= MAX_PRECISION
        ):
            return found
        prec = min(prec + magnitude_bits(width) - size + _SHOWN_PRECISION, MAX_PRECISION)


def _text(value: Interval, digits: int) -> str:
    lo, hi = value
    middle = lo if lo == hi else mpi_mid(value, MAX_PRECISION)
    text: str = to_str(middle, digits)
    return text.removesuffix(".0")
