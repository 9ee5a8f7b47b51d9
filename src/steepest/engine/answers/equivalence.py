"""Is the learner's answer the same function as the expected one? Decided quickly, never by
`simplify`, and never by a float tolerance.

In order of cost:
1. identical trees (SymPy has already put both into a canonical form while parsing);
2. rational functions: exact evaluation at a few small points and then at random integers;
3. the difference expected − answer as SymPy simplifies it on construction: 0 means identical;
4. anything else (numeric_search.py): floats with error bounds refute quickly, and intervals of
   rising precision decide where floats cannot (precise_check.py), at nice points, at the kinks,
   edges and bumps of both expressions (special_points.py), and at random points over wide
   ranges; two numbers are compared in intervals alone.

A point where either expression is singular (a pole, an overflow) gives no verdict. A point where
the expected answer is defined but the learner's has no real value is a difference: ln(x⁴) is
not 4 ln x when x may be negative. A point where the expected answer has no value gives no
verdict either, so a learner may answer with a formula valid on a larger domain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

import numpy as np
import sympy

from steepest.engine.answer_kinds import DomainKind, VerdictKind
from steepest.engine.answers.comparison import (
    ComparedPair,
    Comparison,
    Counterexample,
    counterexample_at,
    fraction_text,
)
from steepest.engine.answers.numeric_search import (
    MAX_ATTEMPTS,
    NICE_POINTS,
    SAFETY,
    compare_constants,
    compare_numeric,
)
from steepest.engine.answers.sampling import nice_points, random_integer_points, read_domains
from steepest.engine.answers.verdict_types import VerdictJson
from steepest.engine.errors import EngineError, VariableError
from steepest.engine.evaluate.conditions import find_domain_gap
from steepest.engine.evaluate.exact import compile_exact, degree_bound, is_rational_function
from steepest.engine.notation.parser import parse_written
from steepest.engine.notation.symbols import canonical_variable_name
from steepest.engine.notation.written import Written

__all__ = ["SAFETY", "Comparison", "Counterexample", "Verdict", "check_equivalent"]

EXACT_RANDOM_POINTS = 6
# Exact arithmetic on x^1000 at x ≈ 10⁶ is slow; beyond this degree the float check takes over.
MAX_EXACT_DEGREE = 400


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
    """Input that does not parse: the parser's message, its column apart (a page says where once),
    and no penalty."""
    return Verdict("invalid", False, error.message, error.column)


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
    return verdict_of(compare_written(written, given, names, domains, seed))


def compare_written(
    expected: Written,
    answer: Written,
    variables: Sequence[str],
    domains: Sequence[DomainKind],
    seed: int = 0,
) -> Comparison:
    """`compare_expressions`, then, for answers SymPy made equal to the expected one, their
    domains as written: exp(ln x) is not x."""
    comparison = compare_expressions(expected.expr, answer.expr, variables, domains, seed)
    if not comparison.equivalent:
        return comparison
    return _domain_difference(expected, answer, variables, domains) or comparison


def _domain_difference(
    expected: Written, answer: Written, variables: Sequence[str], domains: Sequence[DomainKind]
) -> Comparison | None:
    """A difference of domains as written, for answers SymPy made equal to the expected one:
    exp(ln x) is x only where x > 0 (evaluate/conditions.py)."""
    gap = find_domain_gap(expected.expr, expected.conditions, answer.conditions, variables, domains)
    if gap is None:
        return None
    point = [Fraction(int(v.p), int(v.q)) for v in gap.point]
    return Comparison(False, "exact", counterexample_at(variables, point, None, gap.reason))


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
        return "That is not the expected value."
    if found.answer_value is None:
        return (
            f"At {found.describe()} your answer has no real value ({found.reason}),"
            " but the expected answer does. Check which values each rule you used allows."
        )
    return (
        f"At {found.describe()} your answer equals {found.answer_value},"
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
    pair = ComparedPair(expected, answer, variables, domains, np.random.default_rng(seed), not used)
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
        return compare_constants(pair, difference)
    return compare_numeric(pair, difference)


def _compare_exact(pair: ComparedPair) -> Comparison:
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
            shown = None if constant else counterexample_at(variables, point, fraction_text(given))
            return Comparison(False, "exact", shown)
        agreed += attempt >= NICE_POINTS or constant
        if agreed >= needed:
            return Comparison(True, "exact")
    return Comparison(False, "undecided")
