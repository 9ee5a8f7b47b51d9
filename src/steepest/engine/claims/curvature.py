"""Claims about a loss's curvature: its Hessian (or one entry), the Hessian's eigenvalues, and
its condition number λmax/λmin. Each function works out what one statement comes to.

    hessian w1^2 + 3w2^2                  ((2, 0), (0, 6))
    hessian w1^2 w2 wrt w1, w2 at w1 = 1, w2 = 2     2
    eigenvalues w1^2 + w1 w2 + w2^2       1, 3 (in any order)
    condition w1^2 + 3w2^2                3
    newton 2w1^2 + 2w1 w2 + 2w2^2 from w1 = 1, w2 = 0      (0, 0)

Newton's step, w ← w − H⁻¹∇L, is here because it is the Hessian put to work. Without a point
the Hessian must be the same everywhere (a quadratic) for its eigenvalues to be
numbers; otherwise the statement names a point.
"""

from __future__ import annotations

import sympy

from steepest.engine.calculus.derivatives import hessian
from steepest.engine.calculus.newton_steps import newton_position
from steepest.engine.calculus.points import Point, evaluate_at, format_point
from steepest.engine.calculus.quadratic import condition_number, eigenvalues
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.shapes import MatrixValue, Values
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EvaluationError, LimitExceeded, VariableError
from steepest.engine.limits import MAX_DESCENT_STEPS
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import make_symbol


def hessian_claim(statement: Statement, names: ClaimNames) -> MatrixValue | Values:
    """The Hessian of EXPR (at the point, if any), or its entry ∂²EXPR/∂VAR∂SECOND."""
    function, variables, point = names.function_and_point(statement)
    if statement.variable is not None:
        assert statement.second is not None  # the grammar reads `wrt A, B` whole
        first, second = (
            _named(name, variables, point, names) for name in (statement.variable, statement.second)
        )
        entry = sympy.diff(function, first, second)
        return Values((entry if point is None else evaluate_at(entry, point),))
    matrix = _matrix(function, variables, point)
    return MatrixValue(tuple(tuple(matrix.row(i)) for i in range(matrix.rows)))


def eigenvalues_claim(statement: Statement, names: ClaimNames) -> Values:
    """The eigenvalues of the Hessian, each as often as it repeats, to be shown in any order."""
    function, variables, point = names.function_and_point(statement)
    matrix = _constant_matrix(function, variables, point, names)
    return Values(eigenvalues(matrix), any_order=True, note="(in any order)")


def condition_claim(statement: Statement, names: ClaimNames) -> Values:
    """λmax/λmin of the Hessian, which must be positive definite."""
    function, variables, point = names.function_and_point(statement)
    matrix = _constant_matrix(function, variables, point, names)
    return Values((condition_number(matrix, _what(function, point)),))


def newton_claim(statement: Statement, names: ClaimNames) -> Values:
    """Where K Newton steps lead from the point, one coordinate per variable in its order."""
    assert statement.steps is not None  # the grammar makes it 1 when left out
    if statement.steps > MAX_DESCENT_STEPS:
        raise LimitExceeded(f"a newton claim takes at most {MAX_DESCENT_STEPS} steps")
    function, variables, point = names.function_and_point(statement)
    assert point is not None  # the grammar requires `from POINT`
    position = newton_position(function, variables, point, statement.steps)
    return Values(position, vector=len(position) > 1)


def _matrix(
    function: sympy.Expr, variables: list[sympy.Symbol], point: Point | None
) -> sympy.Matrix:
    if not variables:
        raise VariableError(f"{to_text(function)} has no variables, so it has no Hessian")
    matrix = hessian(function, variables)
    if point is None:
        return matrix
    return matrix.applyfunc(lambda entry: evaluate_at(entry, point))


def _constant_matrix(
    function: sympy.Expr, variables: list[sympy.Symbol], point: Point | None, names: ClaimNames
) -> sympy.Matrix:
    """The Hessian where its eigenvalues mean one thing: at the point, or everywhere when it
    does not change (the loss is a quadratic)."""
    matrix = _matrix(function, variables, point)
    moving = sorted(s.name for s in matrix.free_symbols if s not in names.parameter_symbols())
    if moving:
        raise EvaluationError(
            f"{_what(function, point)} changes from point to point (it holds"
            f" {', '.join(moving)}): name a point, as in 'eigenvalues EXPR at"
            f" {', '.join(f'{v.name} = 1' for v in variables)}'"
        )
    return matrix


def _named(
    name: str, variables: list[sympy.Symbol], point: Point | None, names: ClaimNames
) -> sympy.Symbol:
    symbol = make_symbol(name)
    if symbol in names.parameter_symbols():
        raise VariableError(f"{name} is a parameter of the lesson: never differentiated")
    if point is not None and symbol not in variables:
        raise VariableError(f"the point gives no value for {name}")
    return symbol


def _what(function: sympy.Expr, point: Point | None) -> str:
    where = "" if point is None else f" at {format_point(point)}"
    return f"the Hessian of {to_text(function)}{where}"
