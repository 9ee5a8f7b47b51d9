"""The search for a point where two expressions differ, when they are not rational functions.

Floats with error bounds (evaluate/bounded.py) go first at every point: they cost microseconds
and refute most wrong answers at once, when the gap between the values is beyond CERTAIN times
their error bound. Floats never prove agreement, though: `sin(x)(1 + 10^-14)` and `sin(x)` agree
within any float tolerance. Intervals of rising precision (precise_check.py) decide instead:
at the first points where floats agree (PRECISE_POINTS of them), wherever a float gap is too
narrow to be sure of, and wherever floats cannot evaluate at all (e^800 overflows them).

Points come in this order: nice ones (a counterexample a learner can check by hand), the
kinks, edges and bumps of both expressions (special_points.py), then random points over wide
ranges. A point where the expected answer has no value gives no verdict; one where it has a
value and the answer has no real value is a difference.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Literal

import sympy

from steepest.engine.answers.comparison import (
    ComparedPair,
    Comparison,
    Counterexample,
    counterexample_at,
)
from steepest.engine.answers.precise_check import (
    Outcome,
    Undefined,
    compare_at,
    shown_value,
    value_at,
)
from steepest.engine.answers.sampling import nice_points, random_float_points
from steepest.engine.answers.special_points import special_points
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.evaluate.float_value import is_too_large
from steepest.engine.evaluate.precise import PreciseEvaluator, compile_precise
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.interval_rules import Interval, magnitude_bits

PointKind = Literal["nice", "special", "random"]
Coordinates = Sequence[Fraction | float]

NICE_POINTS = 3
FLOAT_RANDOM_POINTS = 8
MAX_ATTEMPTS = 80
# Two floats may agree when they differ by less than SAFETY times their combined error bound
# (a first-order estimate); agreement is then settled in intervals, never by that tolerance.
SAFETY = 16.0
# A float gap beyond CERTAIN times that bound is a difference without further proof.
CERTAIN = 64.0
# Points where intervals confirm that floats agree: differences that floats cannot see (10^-14
# relative, or e^(x-800)) are nonzero nearly everywhere, so any point shows them.
PRECISE_POINTS = 2
# Points where floats fail (overflow) get a verdict from intervals alone only in this range of
# attempts: after the floats have had their chance, and few, as each costs more.
PRECISE_ONLY_FROM = 24
PRECISE_ONLY_TO = 48
# The symbolic step looks at differences of at most this many nodes.
MAX_SYMBOLIC_NODES = 40
# After a difference too small to show in 6 digits is proven, how many more points may be
# searched for one a learner can see.
VISIBLE_SEARCH = 30


def compare_constants(pair: ComparedPair, difference: sympy.Expr) -> Comparison:
    """Two numbers: decided in intervals alone, since a float cannot hold e^1000 + 1."""
    wanted = value_at(compile_precise(pair.expected, ()), ())
    if isinstance(wanted, Undefined):
        return Comparison(False, "undecided")
    given = value_at(compile_precise(pair.answer, ()), ())
    if isinstance(given, Undefined):
        return Comparison(False, "precise" if given.not_real else "undecided")
    outcome = compare_at(compile_precise(difference, ()), (), _size(wanted, given))
    if outcome == "no verdict":
        return Comparison(False, "undecided")
    return Comparison(outcome == "agree", "precise")


def compare_numeric(pair: ComparedPair, difference: sympy.Expr) -> Comparison:
    """Search the schedule of points for a difference; `difference` is expected − answer."""
    return _Search(pair, difference).run()


def proven_nonzero(difference: sympy.Expr) -> bool:
    """Whether SymPy's assumptions (every variable real) prove the difference never zero.

    Asked only of a product, power or function (−e^(x−800) is never 0): of a sum the
    assumptions system takes milliseconds and rarely knows. Skipped on large trees, and on
    trees holding a constant beyond floats (e^(e^(e^(e^100)))), which it would try to
    evaluate for ever.
    """
    if difference.is_Add:
        return False
    for nodes, node in enumerate(sympy.preorder_traversal(difference)):
        if nodes >= MAX_SYMBOLIC_NODES or (node.is_number and node.args and is_too_large(node)):
            return False
    return difference.is_zero is False


class _Search:
    def __init__(self, pair: ComparedPair, difference: sympy.Expr) -> None:
        self.pair, self.difference = pair, difference
        self.expected_at = compile_evaluator(pair.expected, pair.variables)
        self.answer_at = compile_evaluator(pair.answer, pair.variables)
        self.compiled: dict[str, PreciseEvaluator] = {}
        self.agreed = self.confirmed = 0

    def run(self) -> Comparison:
        hidden: Counterexample | None = None  # a proven difference too small to show
        hidden_at = 0
        for attempt, (kind, shown, point) in enumerate(self._schedule()):
            if attempt >= MAX_ATTEMPTS or (hidden and attempt >= hidden_at + VISIBLE_SEARCH):
                break
            found = self._at(attempt, kind, shown, point, looking_for_visible=hidden is not None)
            if isinstance(found, Comparison):
                return found
            if found == "differ" and hidden is None:
                hidden, hidden_at = self._counterexample(shown), attempt
            elif hidden is None and self._enough():
                # The symbolic step, asked last because it is the slowest: a difference that
                # SymPy proves never zero stays a difference, however small it was everywhere.
                nonzero = proven_nonzero(self.difference)
                return Comparison(not nonzero, "symbolic" if nonzero else "numeric")
        if hidden is not None:
            return Comparison(False, "precise", hidden)
        # Too few points where the expected answer is defined: refuse rather than guess.
        return Comparison(False, "undecided")

    def _enough(self) -> bool:
        return self.agreed >= FLOAT_RANDOM_POINTS and self.confirmed >= PRECISE_POINTS

    def _at(
        self,
        attempt: int,
        kind: PointKind,
        shown: Coordinates,
        point: tuple[float, ...],
        looking_for_visible: bool,
    ) -> Comparison | Outcome:
        """A difference to return at once, or this point's outcome (counted when it agrees)."""
        try:
            wanted, wanted_error = self.expected_at(point)
            given, given_error = self.answer_at(point)
        except NotReal as error:
            if self._expected_defined(point):
                return Comparison(False, "numeric", self._undefined_at(shown, error.message))
            return "no verdict"
        except Singular:
            if looking_for_visible or not PRECISE_ONLY_FROM <= attempt < PRECISE_ONLY_TO:
                return "no verdict"
            return self._precise_only(kind, shown)
        gap, bound = abs(wanted - given), SAFETY * (wanted_error + given_error)
        size = math.frexp(max(abs(wanted), abs(given)))[1]
        if gap > bound and (gap > CERTAIN * bound or self._outcome(shown, size) == "differ"):
            if f"{given:.6g}" == f"{wanted:.6g}":
                return Comparison(False, "numeric", self._counterexample(shown))
            shown_given = f"{given:.6g}"
            return Comparison(False, "numeric", counterexample_at(self._names, shown, shown_given))
        if looking_for_visible:
            return "no verdict"
        if self.confirmed < PRECISE_POINTS and (self.confirmed == 0 or kind == "random"):
            outcome = self._outcome(shown, size)
            if outcome != "agree":
                return outcome
            self.confirmed += 1
        self.agreed += kind == "random"
        return "agree"

    def _precise_only(self, kind: PointKind, shown: Coordinates) -> Comparison | Outcome:
        """A point where floats fail: both values and their difference in intervals."""
        wanted = value_at(self._evaluator("expected"), shown)
        if isinstance(wanted, Undefined):
            return "no verdict"
        given = value_at(self._evaluator("answer"), shown)
        if isinstance(given, Undefined):
            if given.not_real:
                return Comparison(False, "precise", self._undefined_at(shown, given.reason))
            return "no verdict"
        outcome = self._outcome(shown, _size(wanted, given))
        if outcome == "agree":
            # Intervals are the stronger evidence, so a special point counts as a random one.
            self.confirmed += 1
            self.agreed += kind != "nice"
        return outcome

    def _expected_defined(self, point: tuple[float, ...]) -> bool:
        try:
            self.expected_at(point)
        except (NotReal, Singular):
            return False
        return True

    @property
    def _names(self) -> Sequence[str]:
        return self.pair.variables

    def _undefined_at(self, shown: Coordinates, reason: str) -> Counterexample:
        return counterexample_at(self._names, shown, None, reason)

    def _evaluator(self, role: Literal["expected", "answer", "difference"]) -> PreciseEvaluator:
        if role not in self.compiled:
            expr = {"expected": self.pair.expected, "answer": self.pair.answer}.get(role)
            self.compiled[role] = compile_precise(
                self.difference if expr is None else expr, self._names
            )
        return self.compiled[role]

    def _outcome(self, shown: Coordinates, size: int) -> Outcome:
        return compare_at(self._evaluator("difference"), shown, size)

    def _counterexample(self, shown: Coordinates) -> Counterexample:
        value = shown_value(self._evaluator("answer"), self._evaluator("expected"), shown)
        return counterexample_at(self._names, shown, value)

    def _schedule(self) -> Iterator[tuple[PointKind, Coordinates, tuple[float, ...]]]:
        """Each point's kind, the point as shown to the learner (exact where it can be) and as
        floats: nice points, then the kinks and edges of both expressions, then random ones."""
        pair = self.pair
        nice = nice_points(pair.domains, NICE_POINTS)
        for point in nice:
            yield "nice", point, tuple(float(c) for c in point)
        expressions = (pair.expected, pair.answer)
        for point in special_points(expressions, pair.variables, pair.domains, nice[0]):
            yield "special", point, tuple(float(c) for c in point)
        for random_point in random_float_points(pair.domains, pair.rng):
            # Rounded to the 4 digits a counterexample shows, so that it shows the very point.
            rounded = tuple(float(f"{c:.4g}") for c in random_point)
            yield "random", rounded, rounded


def _size(wanted: Interval, given: Interval) -> int:
    """About how many bits the larger of two values has before the point (0 when both are 0)."""
    return max((magnitude_bits(end) for end in (*wanted, *given) if end[1]), default=0)
