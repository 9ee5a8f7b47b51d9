"""Decimal answers to values that have no finite decimal: π, √2, 1/3.

A learner who types 3.14 for π, or 0.333 for 1/3, has given the value to the precision they
wrote. One rule serves both: a decimal is right when it is the exact value rounded to the
figures it shows, and it must show at least the figures the question asks for (3 unless the
question says otherwise). A decimal right to fewer figures gets a message saying how many to
give. An answer typed exactly (1/3, pi/4) is compared exactly, as is any value with a finite
decimal: 1/4 wants 0.25, not 0.3.

A question may instead give a relative tolerance, for values measured or read off a plot: then
any answer within that fraction of the exact value is right, however it is typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import sympy

DEFAULT_FIGURES = 3
# Digits worked to when comparing: far more than any typed decimal, so rounding is never ours.
_WORKING_DIGITS = 60
# One decimal number, as the lexer reads one: 3.14, -0.333, .5, 1.5e-3, 2.50E+2.
_DECIMAL = re.compile(r"\s*(?P<sign>[-+−]?)\s*(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][-+−]?\d+)?)\s*")

NumberJudgement = Literal["right", "too_few_figures", "misrounded", "wrong"]
"""`misrounded`: within one unit of the last figure, but not the value rounded (0.666 for 2/3)."""


MISROUNDED = (
    "Close, but not rounded right: round the exact value to the figures you give (0.667 for"
    " 2/3, not 0.666), or give it exactly, as a fraction such as 2/3 or an expression such as"
    " sqrt(2)."
)


@dataclass(frozen=True)
class Tolerance:
    """How close a number must be: `figures` significant figures, or within `relative`."""

    figures: int = DEFAULT_FIGURES
    relative: float | None = None


@dataclass(frozen=True)
class Judgement:
    outcome: NumberJudgement
    message: str


def written_decimal(text: str) -> Decimal | None:
    """The decimal the text is, with its written figures kept (2.50 is not 2.5), or None when the
    text is not one decimal number with a decimal point or an exponent."""
    found = _DECIMAL.fullmatch(text)
    if found is None:
        return None
    number = found.group("number")
    if "." not in number and "e" not in number.lower():
        return None  # an integer is exact, and compared exactly
    sign = "-" if found.group("sign") in ("-", "−") else ""
    return Decimal(sign + number.replace("−", "-"))


def judge_number(
    expected: sympy.Expr, given: sympy.Expr, typed: str, tolerance: Tolerance | None = None
) -> Judgement | None:
    """The judgement of a number typed as `typed` (parsed: `given`) against an exact number, or
    None when no tolerance applies (no relative tolerance, and the text is not a decimal or the
    value has a finite decimal) and the answer is compared exactly instead."""
    if not (expected.is_number and given.is_number):
        return None
    chosen = tolerance or Tolerance()
    if chosen.relative is not None:
        return _within_relative(expected, given, chosen.relative)
    decimal = written_decimal(typed)
    if decimal is None or _has_finite_decimal(expected):
        return None
    exact = sympy.N(expected, _WORKING_DIGITS)
    if not exact.is_real or not exact.is_finite:
        return None
    # Right to its precision: within half a unit of its last written digit.
    last_digit = Decimal(1).scaleb(decimal.as_tuple().exponent)  # type: ignore[arg-type]
    gap = abs(sympy.Float(str(decimal), _WORKING_DIGITS) - exact)
    if gap > sympy.Float(str(last_digit / 2), _WORKING_DIGITS):
        if gap < sympy.Float(str(last_digit), _WORKING_DIGITS):
            return Judgement("misrounded", MISROUNDED)
        return Judgement("wrong", "That is not the value rounded to the figures shown.")
    figures = _significant_figures(decimal)
    if figures < chosen.figures:
        return Judgement(
            "too_few_figures",
            f"Right, but give {chosen.figures} significant figures: you gave {figures}.",
        )
    return Judgement("right", "Correct: right to the figures you gave.")


def _within_relative(expected: sympy.Expr, given: sympy.Expr, relative: float) -> Judgement | None:
    exact, answer = sympy.N(expected, _WORKING_DIGITS), sympy.N(given, _WORKING_DIGITS)
    if not (exact.is_real and answer.is_real and exact.is_finite and answer.is_finite):
        return None
    if abs(answer - exact) <= sympy.Float(relative, _WORKING_DIGITS) * abs(exact):
        return Judgement("right", f"Correct: within {relative:g} of the exact value, relatively.")
    return Judgement("wrong", f"That is more than {relative:g} away, relatively.")


def _has_finite_decimal(value: sympy.Expr) -> bool:
    """True for 1/4 and 7, false for 1/3 and π: a rational whose denominator has no prime
    factors but 2 and 5."""
    if not value.is_Rational:
        return False
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    return q == 1


def _significant_figures(decimal: Decimal) -> int:
    """Figures from the first nonzero digit to the last written: 0.0330 has 3, 3.14 has 3."""
    digits = decimal.as_tuple().digits
    leading = next((i for i, d in enumerate(digits) if d != 0), len(digits))
    return max(len(digits) - leading, 1)
