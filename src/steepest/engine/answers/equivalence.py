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

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from typing import Literal

import numpy as np
import sympy

from steepest.engine.answer_kinds import DomainKind, VerdictKind
from steepest.engine.answers.precise_check import (
    Outcome,
    Undefined,
    compare_at,
    shown_value,
    value_at,
)
from steepest.engine.answers.sampling import (
    nice_points,
    random_float_points,
    random_integer_points,
    read_domains,
)
from steepest.engine.answers.special_points import special_points
from steepest.engine.answers.verdict_types import CounterexampleJson, VerdictJson
from steepest.engine.errors import EngineError, VariableError
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.evaluate.exact import compile_exact, degree_bound, is_rational_function
from steepest.engine.evaluate.precise import PreciseEvaluator, compile_precise
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.interval_rules import magnitude_bits
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name

Method = Literal["identical", "exact", "numeric", "precise", "symbolic", "undecided"]
PointKind = Literal["nice", "special", "random"]

NICE_POINTS = 3
EXACT_RANDOM_POINTS = 6
FLOAT_RANDOM_POINTS = 8
# Exact arithmetic on x^1000 at x ≈ 10⁶ is slow; beyond this degree the float check takes over.
MAX_EXACT_DEGREE = 400
MAX_ATTEMPTS = 80
# Two floats may agree when they differ by less than SAFETY times their combined error bound
# (a first-order estimate); agreement is then settled in intervals, never by that tolerance.
SAFETY = 16.0
# A float difference beyond CERTAIN times that bound is a difference without further proof.
CERTAIN = 64.0
# Points where intervals confirm that floats agree: differences that floats cannot see (1e-14
# relative, or e^(x-800)) are nonzero nearly everywhere, so any point shows them.
PRECISE_POINTS = 2
# After a difference too small to show is proven, how many more points may be searched for one
# a learner can see.
VISIBLE_SEARCH = 30
# The symbolic step looks at differences of at most this many nodes.
MAX_SYMBOLIC_NODES = 60
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
    expected_expr = parse(expected, names) if isinstance(expected, str) else expected
    try:
        answer_expr = parse(answer, names)
    except EngineError as error:
        return invalid_verdict(error)
    comparison = compare_expressions(expected_expr, answer_expr, names, domains, seed)
    return verdict_of(comparison)


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
    # SymPy's automatic simplification of the difference is the cheap symbolic step: it cancels
    # equal terms exactly (10^20 + sin x + 1 against 10^20 + sin x leaves 1).
    difference = expected - answer
    if difference == 0:
        return Comparison(True, "identical")
    if pair.constant:
        return _compare_constants(pair, difference)
    return _compare_numeric(pair, difference, proven_nonzero(difference))


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


def _compare_constants(pair: _Pair, difference: sympy.Expr) -> Comparison:
    """Two numbers: decided in intervals alone, since a float cannot hold e^1000 + 1."""
    wanted = value_at(compile_precise(pair.expected, ()), ())
    if isinstance(wanted, Undefined):
        return Comparison(False, "undecided")
    given = value_at(compile_precise(pair.answer, ()), ())
    if isinstance(given, Undefined):
        return Comparison(False, "undecided" if not given.not_real else "precise")
    size = max(magnitude_bits(end) for end in (*wanted, *given))
    outcome = compare_at(compile_precise(difference, ()), (), size)
    if outcome == "no verdict":
        return Comparison(False, "undecided")
    return Comparison(outcome == "agree", "precise")


def _compare_numeric(pair: _Pair, difference: sympy.Expr, nonzero: bool) -> Comparison:
    """Floats with error bounds first at every point (fast, and enough to refute most wrong
    answers); where floats agree, intervals decide at PRECISE_POINTS of the points."""
    variables = pair.variables
    expected_at = compile_evaluator(pair.expected, variables)
    answer_at = compile_evaluator(pair.answer, variables)
    precise = _PreciseFunctions(pair, difference)
    agreed = confirmed = 0
    hidden: Counterexample | None = None  # a difference too small to show in 6 digits
    hidden_at = 0
    for attempt, (kind, shown_point, point) in enumerate(_schedule(pair)):
        if attempt >= MAX_ATTEMPTS or (
            hidden is not None and attempt >= hidden_at + VISIBLE_SEARCH
        ):
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
            return Comparison(
                False, "numeric", _counterexample(variables, shown_point, None, error.message)
            )
        gap, bound = abs(wanted - given), SAFETY * (wanted_error + given_error)
        size = math.frexp(max(abs(wanted), abs(given)))[1]
        if gap > bound and (
            gap > CERTAIN * bound or precise.outcome(shown_point, size) == "differ"
        ):
            return Comparison(
                False,
                "numeric",
                _counterexample(variables, shown_point, f"{given:.6g}")
                if f"{given:.6g}" != f"{wanted:.6g}"
                else precise.counterexample(shown_point),
            )
        if hidden is not None:
            continue  # the difference is proven; only a visible counterexample is still sought
        if confirmed < PRECISE_POINTS and (confirmed == 0 or kind == "random"):
            outcome = precise.outcome(shown_point, size)
            if outcome == "differ":
                hidden, hidden_at = precise.counterexample(shown_point), attempt
                continue
            if outcome == "no verdict":
                continue
            confirmed += 1
        agreed += kind == "random"
        if agreed >= FLOAT_RANDOM_POINTS and confirmed >= PRECISE_POINTS and not nonzero:
            return Comparison(True, "numeric")
    if hidden is not None:
        return Comparison(False, "precise", hidden)
    # Too few points where the expected answer is defined: refuse rather than guess.
    return Comparison(False, "symbolic" if nonzero else "undecided")


class _PreciseFunctions:
    """The interval evaluators of a pair, compiled only when first needed."""

    def __init__(self, pair: _Pair, difference: sympy.Expr) -> None:
        self.pair, self.difference = pair, difference
        self.compiled: dict[str, PreciseEvaluator] = {}

    def _get(self, role: str) -> PreciseEvaluator:
        if role not in self.compiled:
            expr = {"expected": self.pair.expected, "answer": self.pair.answer}.get(
                role, self.difference
            )
            self.compiled[role] = compile_precise(expr, self.pair.variables)
        return self.compiled[role]

    def outcome(self, point: Sequence[Fraction | float], size: int) -> Outcome:
        return compare_at(self._get("difference"), point, size)

    def counterexample(self, point: Sequence[Fraction | float]) -> Counterexample:
        value = shown_value(self._get("answer"), self._get("expected"), point)
        return _counterexample(self.pair.variables, point, value)


def _schedule(
    pair: _Pair,
) -> Iterator[tuple[PointKind, Sequence[Fraction | float], tuple[float, ...]]]:
    """Each point's kind, the point as shown to the learner (exact where it can be) and as
    floats: nice points, then the kinks and edges of both expressions, then random points."""
    nice = nice_points(pair.domains, NICE_POINTS)
    for point in nice:
        yield "nice", point, tuple(float(c) for c in point)
    expressions = (pair.expected, pair.answer)
    for point in special_points(expressions, pair.variables, pair.domains, nice[0]):
        yield "special", point, tuple(float(c) for c in point)
    for random_point in random_float_points(pair.domains, pair.rng):
        yield "random", random_point, random_point


def proven_nonzero(difference: sympy.Expr) -> bool:
    """Whether SymPy's assumptions (every variable real) prove the difference never zero;
    skipped on large trees, where the assumptions system can take long."""
    for nodes, _node in enumerate(sympy.preorder_traversal(difference)):
        if nodes >= MAX_SYMBOLIC_NODES:
            return False
    return difference.is_zero is False


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
