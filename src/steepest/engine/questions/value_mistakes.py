"""The mistakes any statement's value invites, for questions no problem kind describes (a value
at a point, a slope, an optimum, and whatever kinds of statement come next).

A problem kind (partial, gradient, descent) has a catalogue of its own (`mistakes.catalogue`);
here are the mistakes that make sense of any value: the opposite sign, components in the wrong
order, the formula where its value at a point was asked, and, for a slope, the value of the
function where its slope was asked. Messages name the mistake and how to fix it, never the
answer; hints name it without a number.
"""

from __future__ import annotations

import sympy

from steepest.engine.claims.expected import StatementValue
from steepest.engine.claims.statements import Statement
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.notation.printing import to_text

_SIGN = "The sign is off: your answer is the negative of the right one. Check each minus sign."
_SIGN_HINT = "The sign is off: check each minus sign."
_ORDER = (
    "Your components are in the wrong order: give them in the order the question names the"
    " variables ({order})."
)
_ORDER_HINT = "The components are in the wrong order: follow the order of the variables."


def value_mistakes(statement: Statement, value: StatementValue) -> tuple[Mistake, ...]:
    """Whole-answer mistakes, most telling first."""
    found: list[Mistake] = []
    unevaluated = _unevaluated(statement, value)
    if unevaluated is not None:
        found.append(unevaluated)
    if any(v != 0 for v in value.values):
        found.append(Mistake("sign", tuple(-v for v in value.values), _SIGN, _SIGN_HINT))
    found.extend(_value_not_slope(statement, value))
    order = ", ".join(v.name for v in value.variables)
    for i in range(len(value.values)):
        for j in range(i + 1, len(value.values)):
            if value.values[i] == value.values[j]:
                continue
            swapped = list(value.values)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            message = _ORDER.format(order=order)
            found.append(Mistake("swapped_components", tuple(swapped), message, _ORDER_HINT))
    return tuple(found)


def _at(value: StatementValue) -> str:
    assert value.point is not None
    return ", ".join(
        f"{v.name} = {to_text(c)}" for v, c in zip(value.variables, value.point, strict=True)
    )


def _unevaluated(statement: Statement, value: StatementValue) -> Mistake | None:
    """The formula itself, where its value at the point was asked: L for `value`, ∂L/∂v for
    `slope`."""
    if value.point is None or statement.kind not in ("value", "slope"):
        return None
    formula = value.function
    if statement.kind == "slope":
        assert value.respect is not None
        formula = sympy.diff(formula, value.respect)
    if not formula.free_symbols & set(value.variables):
        return None
    message = (
        f"That is the right formula, but the question asks for its value: substitute {_at(value)}."
    )
    hint = "That is the formula: the question asks for its value at the point."
    return Mistake("not_evaluated", (formula,), message, hint)


def _value_not_slope(statement: Statement, value: StatementValue) -> list[Mistake]:
    """The function where its slope was asked: its value at the point, or the formula."""
    if statement.kind != "slope" or value.respect is None:
        return []
    function = value.function
    if value.point is not None:
        function = function.xreplace(dict(zip(value.variables, value.point, strict=True)))
    message = (
        f"That is the function {to_text(value.function)} itself, not its slope: differentiate"
        f" it with respect to {value.respect.name} first."
    )
    hint = f"That is the function itself, not its slope: differentiate by {value.respect.name}."
    return [Mistake("loss_not_derivative", (function,), message, hint)]
