"""Is the learner's answer the same function as the expected one? Decided quickly, never by
`simplify`.

In order of cost:
1. identical trees (SymPy has already put both into a canonical form while parsing);
2. rational functions: exact evaluation at a few small points and then at random integers;
3. anything else: floating-point evaluation with error bounds at small points and then at
   random points of mixed scale inside each variable's domain.

A point where either expression is singular (a pole, an overflow) gives no verdict. A point where
the expected answer is defined but the learner's has no real value is a difference: ln(x⁴) is
not 4 ln x when x may be negative. A point where the expected answer has no value gives no
verdict either, so a learner may answer with a formula valid on a larger domain.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from typing import Literal

import numpy as np
import sympy

from steepest.engine.answer_kinds import DomainKind, VerdictKind
from steepest.engine.answers.sampling import (
    nice_points,
    random_float_points,
    random_integer_points,
    read_domains,
)
from steepest.engine.answers.verdict_types import CounterexampleJson, VerdictJson
from steepest.engine.errors import EngineError, VariableError
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.evaluate.conditions import find_domain_gap
from steepest.engine.evaluate.exact import compile_exact, degree_bound, is_rational_function
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.notation.parser import parse_written
from steepest.engine.notation.symbols import canonical_variable_name
from steepest.engine.notation.written import Written

Method = Literal["identical", "exact", "numeric", "undecided"]

NICE_POINTS = 3
EXACT_RANDOM_POINTS = 6
FLOAT_RANDOM_POINTS = 8
# Exact arithmetic on x^1000 at x ≈ 10⁶ is slow; beyond this degree the float check takes over.
MAX_EXACT_DEGREE = 400
MAX_ATTEMPTS = 80
# Two floats agree when they differ by less than SAFETY times their combined error bound
# (a first-order estimate), plus a relative slack far below any meaningful difference.
SAFETY = 16.0
# Exact values longer than this are shown rounded in counterexamples.
_LONGEST_EXACT_TEXT = 15
RELATIVE_SLACK = 1e-12


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
        return ", ".join(f"{name} = {value}" for name, value in self.point)

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
class Verdict:
    verdict: VerdictKind
    equivalent: bool
    message: str
    column: int | None = None
    counterexample: Counterexample | None = None

    def to_json(self) -> VerdictJson:
        return {
            "verdict": self.verdict,
            "equivalent": self.equivalent,
            "message": self.message,
            "column": self.column,
            "counterexample": None
            if self.counterexample is None
            else self.counterexample.to_json(),
        }


def invalid_verdict(error: EngineError) -> Verdict:
    """Input that does not parse: the parser's message, with its column, and no penalty."""
    return Verdict("invalid", False, str(error), error.column)


def check_equivalent(
    expected: str | sympy.Expr,
    answer: str,
    variables: Sequence[str],
    domain: Mapping[str, str] | None = None,
    seed: int = 0,
) -> Verdict:
    """The learner's `answer` against `expected`, over `variables` in their `domain`.

    A learner's text that does not parse gives the verdict "invalid"; an `expected` that does
    not parse, or a bad domain, is the caller's mistake and raises the EngineError.
    """
    names = [canonical_variable_name(v) for v in variables]
    domains = read_domains(domain, names)
    written = parse_written(expected, names) if isinstance(expected, str) else Written(expected, ())
    try:
        given = parse_written(answer, names)
    except EngineError as error:
        return invalid_verdict(error)
    comparison = compare_expressions(written.expr, given.expr, names, domains, seed)
    if comparison.equivalent:
        comparison = domain_difference(written, given, names, domains) or comparison
    return verdict_of(comparison)


def domain_difference(
    expected: Written, answer: Written, variables: Sequence[str], domains: Sequence[DomainKind]
) -> Comparison | None:
    """A difference of domains as written, for answers SymPy made equal to the expected one:
    exp(ln x) is x only where x > 0 (evaluate/conditions.py)."""
    gap = find_domain_gap(expected.expr, expected.conditions, answer.conditions, variables, domains)
    if gap is None:
        return None
    point = [Fraction(int(v.p), int(v.q)) for v in gap.point]
    return Comparison(False, "exact", _counterexample(variables, point, None, gap.reason))


def verdict_of(comparison: Comparison) -> Verdict:
    if comparison.equivalent:
        return Verdict("correct", True, "Correct: your answer is equivalent to the expected one.")
    return Verdict(
        "incorrect", False, difference_message(comparison), None, comparison.counterexample
    )


def difference_message(comparison: Comparison) -> str:
    found = comparison.counterexample
    if comparison.method == "undecided":
        return (
            "Not accepted: the checker found too few points where both answers are defined"
            " to confirm they agree."
        )
    if found is None:
        return "Not quite: that is not the expected value."
    if found.answer_value is None:
        return (
            f"Not quite: at {found.describe()} your answer has no real value ({found.reason}),"
            " but the expected answer does. Check which values each rule you used allows."
        )
    return (
        f"Not quite: at {found.describe()} your answer equals {found.answer_value},"
        " but the expected answer has a different value there."
    )


def compare_expressions(
    expected: sympy.Expr,
    answer: sympy.Expr,
    variables: Sequence[str],
    domains: Sequence[DomainKind],
    seed: int = 0,
) -> Comparison:
    """Decide equivalence of two parsed expressions (variables named by canonical name)."""
    known = set(variables)
    used = expected.free_symbols | answer.free_symbols
    unknown = sorted(s.name for s in used if s.name not in known)
    if unknown:
        raise VariableError(f"{unknown[0]!r} is not one of the variables")
    if expected == answer:
        return Comparison(True, "identical")
    pair = _Pair(expected, answer, variables, domains, np.random.default_rng(seed), not used)
    if (
        is_rational_function(expected)
        and is_rational_function(answer)
        and degree_bound(expected) + degree_bound(answer) <= MAX_EXACT_DEGREE
    ):
        return _compare_exact(pair)
    return _compare_numeric(pair)


@dataclass(frozen=True)
class _Pair:
    """Two expressions to compare, where to sample them, and whether either has a variable."""

    expected: sympy.Expr
    answer: sympy.Expr
    variables: Sequence[str]
    domains: Sequence[DomainKind]
    rng: np.random.Generator
    constant: bool


def _compare_exact(pair: _Pair) -> Comparison:
    variables, domains, constant = pair.variables, pair.domains, pair.constant
    expected_at = compile_exact(pair.expected, variables)
    answer_at = compile_exact(pair.answer, variables)
    points = chain(nice_points(domains, NICE_POINTS), random_integer_points(domains, pair.rng))
    agreed = 0
    needed = 1 if constant else EXACT_RANDOM_POINTS
    for attempt, point in enumerate(points):
        if attempt >= MAX_ATTEMPTS:
            break
        try:
            wanted, given = expected_at(point), answer_at(point)
        except ZeroDivisionError:
            continue  # a pole of either: isolated, so look elsewhere
        if wanted != given:
            shown = None if constant else _counterexample(variables, point, _fraction_text(given))
            return Comparison(False, "exact", shown)
        agreed += attempt >= NICE_POINTS or constant
        if agreed >= needed:
            return Comparison(True, "exact")
    return Comparison(False, "undecided")


def _compare_numeric(pair: _Pair) -> Comparison:
    variables, constant = pair.variables, pair.constant
    expected_at = compile_evaluator(pair.expected, variables)
    answer_at = compile_evaluator(pair.answer, variables)
    agreed = 0
    needed = 1 if constant else FLOAT_RANDOM_POINTS
    for attempt, (shown_point, point) in enumerate(_float_schedule(pair.domains, pair.rng)):
        if attempt >= MAX_ATTEMPTS:
            break
        try:
            wanted, wanted_error = expected_at(point)
        except (Singular, NotReal):
            continue
        try:
            given, given_error = answer_at(point)
        except Singular:
            continue
        except NotReal as error:
            shown = _counterexample(variables, shown_point, None, error.message)
            return Comparison(False, "numeric", None if constant else shown)
        tolerance = SAFETY * (wanted_error + given_error)
        tolerance += RELATIVE_SLACK * max(abs(wanted), abs(given))
        if abs(wanted - given) > tolerance:
            shown = _counterexample(variables, shown_point, f"{given:.6g}")
            return Comparison(False, "numeric", None if constant else shown)
        agreed += attempt >= NICE_POINTS or constant
        if agreed >= needed:
            return Comparison(True, "numeric")
    # Too few points where the expected answer is defined: refuse rather than guess.
    return Comparison(False, "undecided")


def _float_schedule(
    domains: Sequence[DomainKind], rng: np.random.Generator
) -> Iterator[tuple[Sequence[Fraction | float], tuple[float, ...]]]:
    """Each point as shown to the learner (exact for the nice ones) and as floats."""
    for nice in nice_points(domains, NICE_POINTS):
        yield nice, tuple(float(c) for c in nice)
    for point in random_float_points(domains, rng):
        yield point, point


def _counterexample(
    variables: Sequence[str],
    point: Sequence[Fraction | float],
    answer_value: str | None,
    reason: str | None = None,
) -> Counterexample:
    coordinates = tuple(
        (name, _fraction_text(c) if isinstance(c, Fraction) else f"{c:.4g}")
        for name, c in zip(variables, point, strict=True)
    )
    return Counterexample(coordinates, answer_value, reason)


def _fraction_text(value: Fraction) -> str:
    text = str(value.numerator) if value.denominator == 1 else str(value)
    if len(text) <= _LONGEST_EXACT_TEXT:
        return text
    try:
        return f"{float(value):.6g}"
    except OverflowError:
        return f"a number with {len(str(abs(value.numerator) // value.denominator))} digits"
