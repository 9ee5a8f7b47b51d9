"""What a statement comes to: the one place where each kind of statement is worked out.

`expected_value(read_statement("gradient w1^2 + 3w2^2 at w1 = 1, w2 = 1"))` is the vector
(2, 6). A lesson's claim compares it with the text the reader sees (`verify.py`); a typed
question compares it with what the learner types (`engine/questions`). Neither knows how a
kind is worked out, so a new kind of statement is one form in `statements.py` and one
evaluator in `EVALUATORS` here (the newer kinds' evaluators live in descent.py, curvature.py,
inequality.py, optimizers.py and stochastic.py, and give a shape of shapes.py: a vector, a
collection in any order, a matrix or a set, which `StatementValue` carries).

A statement is read with the names the lesson declares (`ClaimNames`): its variables, and its
parameters (`eta`, `lr`), constants read whole, never differentiated. A value that holds one is
an expression in it (1 − 2η), not a number; a parameter the statement's point gives a value is
a variable of that statement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import sympy
from sympy.calculus.util import continuous_domain

from steepest.engine.calculus.critical import critical_points
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import evaluate_at, read_point
from steepest.engine.claims.curvature import (
    condition_claim,
    eigenvalues_claim,
    hessian_claim,
    newton_claim,
)
from steepest.engine.claims.descent import (
    best_rate_claim,
    factor_claim,
    factors_claim,
    position_claim,
    stable_claim,
)
from steepest.engine.claims.inequality import where_claim
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.optimizers import optimizer_claim, schedule_claim, tuned_claim
from steepest.engine.claims.shapes import Expected, MatrixValue, Values, ValueSet, describe
from steepest.engine.claims.shown import describe_number
from steepest.engine.claims.statements import ClaimKind, Statement
from steepest.engine.claims.stochastic import sgd_claim
from steepest.engine.errors import EngineError, EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import canonical_variable_name, make_symbol, order_variables

# Two candidate values closer than this are one optimum reached twice.
_TIE = sympy.Rational(1, 10**30)


@dataclass(frozen=True)
class StatementValue:
    """A statement worked out: its exact value, and what a check of an answer needs to know."""

    values: tuple[sympy.Expr, ...]
    """The value, one expression per component (one for a scalar)."""
    vector: bool
    """Whether the value is written as a vector, `(2, 6)`."""
    function: sympy.Expr
    """The statement's EXPR, parsed (0 for a vector of several, `value (EXPR, EXPR) at …`)."""
    variables: tuple[sympy.Symbol, ...]
    """The variables of EXPR in the statement's order: the point's, else the natural one."""
    parameters: tuple[sympy.Symbol, ...] = ()
    """The declared constants, which the value may hold."""
    point: tuple[sympy.Expr, ...] | None = None
    """The point's coordinates in the order of `variables`, for a statement at a point."""
    respect: sympy.Symbol | None = None
    """The variable of a partial derivative or a slope."""
    found: str = ""
    """What the engine found, for people: "16 (at x = 1)", "(2, 6)", "2*w1"."""
    ties: str | None = None
    """Why there is no one answer (an argmax reached at two places); None when there is."""
    any_order: bool = False
    """The values are a collection, not a vector: shown in any order (eigenvalues)."""
    matrix: MatrixValue | None = None
    """A matrix (a Hessian), row by row; `values` are its entries, row after row."""
    solutions: ValueSet | None = None
    """A set of values of one unknown (`where`, `stable rate`); `values` are empty."""

    @property
    def numbers(self) -> bool:
        """Whether every component is a number rather than a formula."""
        return all(value.is_number for value in self.values)

    @property
    def names(self) -> list[str]:
        """The names a typed answer may use: the variables, then the parameters."""
        return [symbol.name for symbol in (*self.variables, *self.parameters)]


Evaluator = Callable[[Statement, ClaimNames], StatementValue]


def expected_value(statement: Statement, names: ClaimNames | Sequence[str] = ()) -> StatementValue:
    """Work out what `statement` asks for, exactly, with the names the lesson declares (or
    only its parameters); an EngineError says why it cannot be.

    A parameter the statement's point gives a value (`value 1 - 6eta at eta = 1/4`) is a
    variable of that statement: the point says which value of it the claim is about."""
    return EVALUATORS[statement.kind](statement, statement_names(statement, names))


def statement_names(statement: Statement, names: ClaimNames | Sequence[str] = ()) -> ClaimNames:
    """The names `statement` is read with: the lesson's, less the parameters its point gives a
    value, which are its variables there."""
    if not isinstance(names, ClaimNames):
        names = ClaimNames(parameters=tuple(names))
    given = {canonical_variable_name(name) for name, _value in statement.point or ()}
    kept = tuple(p for p in names.parameters if canonical_variable_name(p) not in given)
    dropped = tuple(p for p in names.parameters if p not in kept)
    variables = None if names.variables is None else (*names.variables, *dropped)
    return ClaimNames(variables, kept)


def found_text(values: Sequence[sympy.Expr], vector: bool) -> str:
    """Values as messages show them: numbers short and exact, else with a decimal."""
    parts = ", ".join(describe_number(v) if v.is_number else to_text(v) for v in values)
    return f"({parts})" if vector else parts


def _symbols(names: ClaimNames) -> tuple[sympy.Symbol, ...]:
    return tuple(make_symbol(canonical_variable_name(name)) for name in names.parameters)


def _at_point(claim: Statement, names: ClaimNames) -> StatementValue:
    """`value`, `slope`, `gradient … at` and `descent`: numbers (or formulas in the
    parameters) at a point that names every variable."""
    assert claim.point is not None
    if claim.kind == "value" and claim.components is not None:
        return _vector_value(claim, names)
    function, found_variables, point = names.function_and_point(claim)
    assert point is not None
    constants = _symbols(names)
    variables = tuple(found_variables)
    coordinates = tuple(point[v] for v in variables)
    respect = None
    if claim.kind == "value":
        values: tuple[sympy.Expr, ...] = (evaluate_at(function, point),)
    elif claim.kind == "slope":
        respect = _respect(claim)
        if respect not in variables:
            raise VariableError(f"the point gives no value for {claim.variable}")
        values = (evaluate_at(sympy.diff(function, respect), point),)
    else:
        values = tuple(evaluate_at(g, point) for g in gradient(function, variables))
        if claim.kind == "descent":
            values = tuple(-v for v in values)
    vector = claim.kind in ("gradient", "descent")
    return StatementValue(
        values,
        vector,
        function,
        variables,
        constants,
        coordinates,
        respect,
        found_text(values, vector),
    )


def _vector_value(claim: Statement, names: ClaimNames) -> StatementValue:
    """`value (EXPR, EXPR) at POINT`: each expression at the point."""
    assert claim.components is not None and claim.point is not None
    point_names = [name for name, _value in claim.point]
    parts = [names.read(text, point_names) for text in claim.components]
    found = set().union(*(part.free_symbols for part in parts)) - names.parameter_symbols()
    variables = tuple(order_variables(found, point_names))
    point = read_point(dict(claim.point), variables)
    values = tuple(evaluate_at(part, point) for part in parts)
    return StatementValue(
        values,
        True,
        sympy.S.Zero,  # no one EXPR: its components are several
        variables,
        _symbols(names),
        tuple(point[v] for v in variables),
        found=found_text(values, True),
    )


def _formula(claim: Statement, names: ClaimNames) -> StatementValue:
    """`partial` and `gradient` without a point: formulas in the variables."""
    function = names.read(claim.function)
    constants = _symbols(names)
    variables = tuple(names.variables_of(function))
    if claim.kind == "partial":
        respect = _respect(claim)
        if respect in constants:
            raise VariableError(
                f"{respect.name} is a parameter of the lesson: never differentiated"
            )
        values: tuple[sympy.Expr, ...] = (sympy.diff(function, respect),)
        return StatementValue(
            values, False, function, variables, constants, None, respect, found_text(values, False)
        )
    values = gradient(function, variables)
    # One formula is written bare, as a partial is; several are a vector.
    return StatementValue(
        values,
        True,
        function,
        variables,
        constants,
        found=found_text(values, len(values) > 1),
    )


def _respect(claim: Statement) -> sympy.Symbol:
    assert claim.variable is not None
    return make_symbol(canonical_variable_name(claim.variable))


def _optimum(claim: Statement, names: ClaimNames) -> StatementValue:
    """`max`, `min`, `argmax`, `argmin` on a closed interval, of a function without parameters."""
    assert claim.variable is not None and claim.interval is not None
    name = canonical_variable_name(claim.variable)
    function = parse(claim.function, [name], parameters=names.parameters)
    held = sorted(s.name for s in function.free_symbols & set(_symbols(names)))
    if held:
        raise VariableError(
            f"{claim.kind} cannot be worked out with the parameter {held[0]} in it:"
            " where the optimum lies would depend on it"
        )
    variable = make_symbol(name)
    low, high = (parse(end, variables=[]) for end in claim.interval)
    goal = "maximum" if claim.kind.endswith("max") else "minimum"
    best, places = _optimum_on(function, variable, low, high, goal)
    where = " and ".join(f"{name} = {describe_number(p)}" for p in places)
    if claim.kind.startswith("arg"):
        found = f"{where} (where the {goal} {describe_number(best)} is reached)"
        ties = None if len(places) == 1 else f"the {goal} is reached at {where}"
        return StatementValue((places[0],), False, function, (variable,), found=found, ties=ties)
    found = f"{describe_number(best)} (at {where})"
    return StatementValue((best,), False, function, (variable,), found=found)


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


def _with_point_or_not(claim: Statement, names: ClaimNames) -> StatementValue:
    return (_formula if claim.point is None else _at_point)(claim, names)


def _shaped(work_out: Callable[[Statement, ClaimNames], Expected]) -> Evaluator:
    """An evaluator from a function that gives a shape (shapes.py): the shape's values, with
    the statement's function, variables and point, for claims and questions alike."""

    def value_of(claim: Statement, names: ClaimNames) -> StatementValue:
        shape = work_out(claim, names)
        try:
            function, variables, point = names.function_and_point(claim)
        except EngineError:
            # `where LEFT < RIGHT`: its one unknown may be a parameter.
            function, variables, point = names.read(claim.function), [], None
        coordinates = None if point is None else tuple(point[v] for v in variables)
        context = (function, tuple(variables), _symbols(names), coordinates)
        found = describe(shape)
        if isinstance(shape, MatrixValue):
            entries = tuple(entry for row in shape.rows for entry in row)
            return StatementValue(entries, False, *context, found=found, matrix=shape)
        if isinstance(shape, ValueSet):
            return StatementValue((), False, *context, found=found, solutions=shape)
        assert isinstance(shape, Values)
        return StatementValue(
            shape.items, shape.vector, *context, found=found, any_order=shape.any_order
        )

    return value_of


EVALUATORS: Mapping[ClaimKind, Evaluator] = MappingProxyType(
    {
        "value": _at_point,
        "slope": _at_point,
        "descent": _at_point,
        "gradient": _with_point_or_not,
        "partial": _formula,
        "max": _optimum,
        "min": _optimum,
        "argmax": _optimum,
        "argmin": _optimum,
        "position": _shaped(position_claim),
        "factors": _shaped(factors_claim),
        "factor": _shaped(factor_claim),
        "stable": _shaped(stable_claim),
        "best": _shaped(best_rate_claim),
        "where": _shaped(where_claim),
        "hessian": _shaped(hessian_claim),
        "eigenvalues": _shaped(eigenvalues_claim),
        "condition": _shaped(condition_claim),
        "momentum": _shaped(optimizer_claim),
        "nesterov": _shaped(optimizer_claim),
        "adagrad": _shaped(optimizer_claim),
        "rmsprop": _shaped(optimizer_claim),
        "adam": _shaped(optimizer_claim),
        "tuned": _shaped(tuned_claim),
        "schedule": _shaped(schedule_claim),
        "sgd": _shaped(sgd_claim),
        "newton": _shaped(newton_claim),
    }
)
"""One evaluator per kind of statement; `tests/engine/test_statement_values.py` checks that
every kind has one."""
