"""Verify a lesson's claim: the engine works out what the statement asks for and compares it with
what the lesson shows the reader.

`verify_claim("max x(6 - 2x)^2 for x in [0, 3]", "17")` is a verdict that the claim is wrong,
saying "17" and finding "16 (at x = 1)". The grammar of statements is in `statements`, how
shown text is read in `shown`; the kinds of `evaluation` are worked out there and compared in
`compare`. Claims are read with the names the lesson declares (`names`). A statement or shown
text that cannot be read raises an EngineError: that is a fault in the lesson's markup, not a
wrong claim.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.calculus.util import continuous_domain

from steepest.engine.calculus.critical import critical_points
from steepest.engine.calculus.points import evaluate_at
from steepest.engine.claims.compare import compare_with_shown, same_function
from steepest.engine.claims.evaluation import evaluator_for
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.shown import (
    Shown,
    agrees,
    describe_number,
    read_expressions,
    read_number,
    read_numbers,
    read_shown,
)
from steepest.engine.claims.statements import Statement, read_statement
from steepest.engine.claims.verdict import ClaimVerdict
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import canonical_variable_name, make_symbol

__all__ = ["ClaimVerdict", "verify_claim"]

# Two candidate values closer than this are one optimum reached twice.
_TIE = sympy.Rational(1, 10**30)


def verify_claim(statement: str, shown: str, names: ClaimNames | None = None) -> ClaimVerdict:
    """Check that `shown` (the claim's text in the lesson source) is what `statement` asks for,
    reading both with the names the lesson declares (none: any name is a variable)."""
    names = names or ClaimNames()
    claim = read_statement(statement)
    seen = read_shown(shown)
    work_out = evaluator_for(claim)
    if work_out is not None:
        return compare_with_shown(work_out(claim, names), seen, names)
    if claim.kind == "partial":
        return _verify_expressions(seen, [_partial(claim, names)], names)
    if claim.kind == "gradient" and claim.point is None:
        function = names.read(claim.function)
        variables = names.variables_of(function)
        return _verify_expressions(seen, [sympy.diff(function, v) for v in variables], names)
    if claim.kind in ("max", "min", "argmax", "argmin"):
        return _verify_optimum(claim, seen)
    values = _values_at_point(claim, names)
    if any(value.free_symbols for value in values):
        # A formula in the lesson's parameters, such as 1 - 4η.
        return _verify_expressions(seen, values, names)
    if claim.kind in ("gradient", "descent"):
        return _verify_numbers(seen, values, vector=True)
    return _verify_numbers(seen, values, vector=False)


def _partial(claim: Statement, names: ClaimNames) -> sympy.Expr:
    assert claim.variable is not None
    variable = make_symbol(canonical_variable_name(claim.variable))
    if variable in names.parameter_symbols():
        raise VariableError(f"{variable.name} is a parameter of the lesson: never differentiated")
    return sympy.diff(names.read(claim.function), variable)


def _values_at_point(claim: Statement, names: ClaimNames) -> list[sympy.Expr]:
    """The values a value, slope, gradient or descent claim states, worked out exactly: numbers,
    or formulas in the lesson's parameters."""
    function, variables, point = names.function_and_point(claim)
    assert point is not None
    if claim.kind == "value":
        return [evaluate_at(function, point)]
    if claim.kind == "slope":
        assert claim.variable is not None
        variable = make_symbol(canonical_variable_name(claim.variable))
        if variable not in variables:
            raise VariableError(f"the point gives no value for {claim.variable}")
        return [evaluate_at(sympy.diff(function, variable), point)]
    gradient = [evaluate_at(sympy.diff(function, v), point) for v in variables]
    return [-g for g in gradient] if claim.kind == "descent" else gradient


def _verify_numbers(seen: Shown, values: Sequence[sympy.Expr], *, vector: bool) -> ClaimVerdict:
    got = ", ".join(describe_number(v) for v in values)
    if vector:
        got = f"({got})"
    numbers = read_numbers(seen) if vector else [read_number(seen.typed, seen.rounded)]
    ok = len(numbers) == len(values) and all(
        agrees(number, value) for number, value in zip(numbers, values, strict=False)
    )
    return ClaimVerdict(ok, seen.said(), got)


def _verify_expressions(
    seen: Shown, expected: Sequence[sympy.Expr], names: ClaimNames
) -> ClaimVerdict:
    got = ", ".join(to_text(e) for e in expected)
    if len(expected) > 1:
        got = f"({got})"
    shown = read_expressions(seen, names.read_shown)
    ok = len(shown) == len(expected) and all(
        same_function(want, have) for want, have in zip(expected, shown, strict=False)
    )
    return ClaimVerdict(ok, seen.said(), got)


def _verify_optimum(claim: Statement, seen: Shown) -> ClaimVerdict:
    assert claim.variable is not None and claim.interval is not None
    name = canonical_variable_name(claim.variable)
    function = parse(claim.function, [name])
    variable = make_symbol(name)
    low, high = (parse(end, variables=[]) for end in claim.interval)
    goal = "maximum" if claim.kind.endswith("max") else "minimum"
    best, places = _optimum_on(function, variable, low, high, goal)
    where = " and ".join(f"{name} = {describe_number(p)}" for p in places)
    number = read_number(seen.typed, seen.rounded)
    if claim.kind.startswith("arg"):
        got = f"{where} (where the {goal} {describe_number(best)} is reached)"
        return ClaimVerdict(len(places) == 1 and agrees(number, places[0]), seen.said(), got)
    got = f"{describe_number(best)} (at {where})"
    return ClaimVerdict(agrees(number, best), seen.said(), got)


def _optimum_on(
    function: sympy.Expr,
    variable: sympy.Symbol,
    low: sympy.Expr,
    high: sympy.Expr,
    goal: str,
) -> tuple[sympy.Expr, list[sympy.Expr]]:
    """The largest (or smallest) value on the closed interval, and every place it is reached.

    A continuous function takes it at an end or where its derivative is zero (a kink such as
    |x| counts: SymPy's derivative there is sign(0) = 0), so those are all the candidates.
    """
    if not bool(low < high):
        raise EvaluationError(f"the interval [{low}, {high}] is empty")
    interval = sympy.Interval(low, high)
    if continuous_domain(function, variable, interval) != interval:
        raise EvaluationError(f"{to_text(function)} is not continuous on [{low}, {high}]")
    critical = critical_points(function, variable, interval)
    places = sorted({low, high, *critical}, key=lambda p: float(p))
    values = [evaluate_at(function, {variable: p}) for p in places]
    sign = 1 if goal == "maximum" else -1
    best = max(values, key=lambda v: sign * sympy.N(v, 40))
    reached = [p for p, v in zip(places, values, strict=True) if abs(sympy.N(v - best, 40)) < _TIE]
    return best, reached
