"""Claims about gradient descent, w ← w − η∇L(w): where K steps lead, the factor a step
multiplies each distance to the minimum of a quadratic by, the rates at which every distance
shrinks, and the one rate at which the slowest of them shrinks fastest. Each function works
out what one statement comes to.

    position w1^2 + 3w2^2 from w1 = 1, w2 = 1 after 1 step at rate 0.1     (0.8, 0.4)
    factors w1^2 + 3w2^2 at rate eta                                        (1 - 2η, 1 - 6η)
    factor w1^2 + 3w2^2 wrt w2 at rate eta                                  1 - 6η
    stable rate w1^2 + 3w2^2                                                0 < η < 1/3
    best rate w1^2 + 3w2^2                                                  1/4

The rate is a positive number or made of the lesson's parameters; with a parameter the answer
is a formula in it. The factors, the stable rates and the best rate are the same everywhere
only on a quadratic, so any other loss is refused (calculus/quadratic.py).
"""

from __future__ import annotations

import sympy

from steepest.engine.calculus.descent_steps import descent_position
from steepest.engine.calculus.quadratic import (
    fastest_rate,
    quadratic_hessian,
    stable_rates,
    step_factors,
)
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.shapes import Values, ValueSet, describe_item
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EvaluationError, LimitExceeded, VariableError
from steepest.engine.limits import MAX_DESCENT_STEPS
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import make_symbol


def position_claim(statement: Statement, names: ClaimNames) -> Values:
    """The position after K steps from the point, one coordinate per variable in its order."""
    assert statement.steps is not None and statement.rate is not None
    if statement.steps > MAX_DESCENT_STEPS:
        raise LimitExceeded(f"a position claim takes at most {MAX_DESCENT_STEPS} steps")
    function, variables, point = names.function_and_point(statement)
    assert point is not None  # the grammar requires `from POINT`
    rate = names.read_rate(statement.rate)
    position = descent_position(function, variables, point, rate, statement.steps)
    return Values(position, vector=len(position) > 1)


def factors_claim(statement: Statement, names: ClaimNames) -> Values:
    """The factor of each weight, in the order of the variables, when each moves on its own;
    otherwise of each eigen-direction of the Hessian, in any order."""
    assert statement.rate is not None
    _function, variables, matrix = _quadratic(statement, names)
    found = step_factors(matrix, names.read_rate(statement.rate))
    if found.per_variable:
        each = ", ".join(v.name for v in variables)
        return Values(found.factors, vector=len(variables) > 1, note=f"(the factors of {each})")
    return Values(
        found.factors,
        any_order=True,
        note="(one per eigen-direction of the Hessian, in any order)",
    )


def factor_claim(statement: Statement, names: ClaimNames) -> Values:
    """The factor of one weight, which must move on its own: no Hessian entry couples it."""
    assert statement.rate is not None and statement.variable is not None
    function, variables, matrix = _quadratic(statement, names)
    variable = make_symbol(statement.variable)
    if variable not in variables:
        raise VariableError(f"{statement.variable} is not a variable of {to_text(function)}")
    index = variables.index(variable)
    coupled = [
        f"{other.name} (∂²L/∂{variable.name}∂{other.name} = {describe_item(matrix[index, j])})"
        for j, other in enumerate(variables)
        if j != index and matrix[index, j] != 0
    ]
    if coupled:
        raise EvaluationError(
            f"{variable.name} does not move on its own: the Hessian of {to_text(function)}"
            f" couples it to {', '.join(coupled)}, so each step mixes them; claim"
            " 'factors EXPR at rate R' for the eigen-directions"
        )
    rate = names.read_rate(statement.rate)
    return Values((sympy.expand(1 - rate * matrix[index, index]),))


def stable_claim(statement: Statement, names: ClaimNames) -> ValueSet:
    """The rates 0 < η < 2/λmax at which every step shrinks every distance to the minimum."""
    function, variables, matrix = _quadratic(statement, names)
    rates = stable_rates(matrix, f"the Hessian of {to_text(function)}")
    largest = 2 / rates.end
    # The statement names no rate: the lesson may call it η, lr or alpha, but not w1.
    return ValueSet(
        rates,
        None,
        implied=sympy.Interval.open(0, sympy.oo),
        note=f"(2/λmax: the Hessian's largest eigenvalue λmax is {describe_item(largest)})",
        taken=frozenset(v.name for v in variables),
    )


def best_rate_claim(statement: Statement, names: ClaimNames) -> Values:
    """The rate 2/(λmin + λmax) at which the slowest-shrinking distance shrinks fastest."""
    function, _variables, matrix = _quadratic(statement, names)
    found = fastest_rate(matrix, f"the Hessian of {to_text(function)}")
    if found.factor == 0:
        # Every curvature is the same: one step at 1/λ lands on the minimum.
        return Values((found.rate,), note="(1/λ: one step lands on the minimum)")
    largest = describe_item(found.factor)
    return Values((found.rate,), note=f"(2/(λmin + λmax): every factor is at most {largest})")


def _quadratic(
    statement: Statement, names: ClaimNames
) -> tuple[sympy.Expr, list[sympy.Symbol], sympy.Matrix]:
    function = names.read(statement.function)
    variables = names.variables_of(function)
    if not variables:
        raise VariableError(f"{to_text(function)} has no variables, so nothing descends")
    return function, variables, quadratic_hessian(function, variables)
