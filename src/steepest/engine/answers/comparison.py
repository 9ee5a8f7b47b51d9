"""What comparing two expressions gives: a verdict with how it was reached, and a point to show.

Shared by the exact, float and interval searches (equivalence.py, numeric_search.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import sympy

from steepest.engine.answer_kinds import DomainKind
from steepest.engine.answers.verdict_types import CounterexampleJson
from steepest.engine.notation.vocabulary import shown_name

Method = Literal["identical", "exact", "numeric", "precise", "symbolic", "undecided"]
"""How a comparison was decided: equal trees, exact rationals, floats with error bounds,
intervals, SymPy's assumptions (a difference proven never zero), or not at all."""

# Exact values longer than this are shown rounded in counterexamples.
_LONGEST_EXACT_TEXT = 15


@dataclass(frozen=True)
class Counterexample:
    """A point where the answer differs from the expected one, for the learner to look at.

    The expected value is deliberately absent: for a question whose answer is a number it
    would be the answer itself.
    """

    point: tuple[tuple[str, str], ...]
    answer_value: str | None
    """The answer's value there; None when it has no real value (see `reason`)."""
    reason: str | None = None

    def describe(self) -> str:
        return ", ".join(f"{shown_name(name)} = {value}" for name, value in self.point)

    def to_json(self) -> CounterexampleJson:
        return {
            "point": dict(self.point),
            "answer_value": self.answer_value,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Comparison:
    equivalent: bool
    method: Method
    counterexample: Counterexample | None = None


@dataclass(frozen=True)
class ComparedPair:
    """Two expressions to compare, where to sample them, and whether either has a variable."""

    expected: sympy.Expr
    answer: sympy.Expr
    variables: Sequence[str]
    domains: Sequence[DomainKind]
    rng: np.random.Generator
    constant: bool


def counterexample_at(
    variables: Sequence[str],
    point: Sequence[Fraction | float],
    answer_value: str | None,
    reason: str | None = None,
) -> Counterexample:
    coordinates = tuple(
        (name, fraction_text(c) if isinstance(c, Fraction) else f"{c:.4g}")
        for name, c in zip(variables, point, strict=True)
    )
    return Counterexample(coordinates, answer_value, reason)


def fraction_text(value: Fraction) -> str:
    text = str(value.numerator) if value.denominator == 1 else str(value)
    if len(text) <= _LONGEST_EXACT_TEXT:
        return text
    try:
        return f"{float(value):.6g}"
    except OverflowError:
        return f"a number with {len(str(abs(value.numerator) // value.denominator))} digits"
