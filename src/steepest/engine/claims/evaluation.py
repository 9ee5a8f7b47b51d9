"""What a statement comes to, by kind, for the kinds whose values are worked out here: a vector
value, descent, curvature and inequalities. Each kind has one function from the statement and
the lesson's names to the expected value(s) (claims/expected.py), and `compare.py` sets them
against the shown text; a question's claim can use the same functions.

The older kinds (value of one expression, slope, partial, gradient, descent, max and min) are
worked out in verify.py.
"""

from __future__ import annotations

from collections.abc import Callable

from steepest.engine.calculus.points import evaluate_at, read_point
from steepest.engine.claims.curvature import condition_claim, eigenvalues_claim, hessian_claim
from steepest.engine.claims.descent import (
    factor_claim,
    factors_claim,
    position_claim,
    stable_claim,
)
from steepest.engine.claims.expected import Expected, Values
from steepest.engine.claims.inequality import where_claim
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.statements import ClaimKind, Statement
from steepest.engine.notation.symbols import order_variables

Evaluator = Callable[[Statement, ClaimNames], Expected]


def vector_value_claim(statement: Statement, names: ClaimNames) -> Values:
    """`value (EXPR, EXPR) at POINT`: each expression at the point."""
    assert statement.components is not None and statement.point is not None
    point_names = [name for name, _value in statement.point]
    parts = [names.read(text, point_names) for text in statement.components]
    found = set().union(*(part.free_symbols for part in parts)) - names.parameter_symbols()
    variables = order_variables(found, point_names)
    point = read_point(dict(statement.point), variables)
    return Values(tuple(evaluate_at(part, point) for part in parts), vector=True)


EVALUATORS: dict[ClaimKind, Evaluator] = {
    "position": position_claim,
    "factors": factors_claim,
    "factor": factor_claim,
    "stable": stable_claim,
    "where": where_claim,
    "hessian": hessian_claim,
    "eigenvalues": eigenvalues_claim,
    "condition": condition_claim,
}


def evaluator_for(statement: Statement) -> Evaluator | None:
    """The function that works out `statement`, or None for a kind verify.py works out."""
    if statement.kind == "value" and statement.components is not None:
        return vector_value_claim
    return EVALUATORS.get(statement.kind)
