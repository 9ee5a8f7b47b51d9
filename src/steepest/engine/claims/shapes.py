"""The shapes a value of the newer kinds of statement takes, before `expected.py` makes it a
StatementValue: numbers or formulas, a vector or a collection of them, a matrix, or a set of
values of one unknown. Each says how it reads in a message ("the engine finds …")."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.claims.shown import describe_number
from steepest.engine.notation.printing import to_text


@dataclass(frozen=True)
class Values:
    """One value, or a vector of them. Each is a number, compared to the precision shown, or a
    formula (in the lesson's parameters or variables), compared as a function."""

    items: tuple[sympy.Expr, ...]
    vector: bool = False
    any_order: bool = False
    """The items are a collection, not a vector: shown in any order (eigenvalues)."""
    note: str = ""
    """Said after the values in messages: "(the factors of w1, w2)"."""


@dataclass(frozen=True)
class MatrixValue:
    rows: tuple[tuple[sympy.Expr, ...], ...]


@dataclass(frozen=True)
class ValueSet:
    """The values of one unknown that a statement finds, `0 < η < 1/3`."""

    members: sympy.Set
    unknown: sympy.Symbol | None
    """None: the unknown may be shown under any name but those of `taken` (a learning rate,
    by whatever name the lesson gives it)."""
    implied: sympy.Set = sympy.S.Reals
    """Where the unknown lies anyway, so a shown set may leave it out: a rate is above 0."""
    note: str = ""
    taken: frozenset[str] = frozenset()
    """Names the unknown is not, when `unknown` is None: the variables of the loss."""


Expected = Values | MatrixValue | ValueSet

# How a set's unknown is named in messages when the statement leaves the name to the lesson.
RATE_NAME = "η"


def describe(expected: Expected) -> str:
    """The value as a message shows it: `16`, `(1 - 2*eta, 1 - 6*eta)`, `0 < η < 1/3`."""
    if isinstance(expected, MatrixValue):
        rows = ("(" + ", ".join(describe_item(e) for e in row) + ")" for row in expected.rows)
        return "(" + ", ".join(rows) + ")"
    if isinstance(expected, ValueSet):
        name = RATE_NAME if expected.unknown is None else to_text(expected.unknown)
        text = describe_set(expected.members, name)
    else:
        text = ", ".join(describe_item(e) for e in expected.items)
        if expected.vector:
            text = f"({text})"
    return f"{text} {expected.note}" if expected.note else text


def describe_item(value: sympy.Expr) -> str:
    return to_text(value) if value.free_symbols else describe_number(value)


def describe_set(members: sympy.Set, name: str) -> str:
    """`0 < η < 1/3`, `η > 1/6`, `η < -1 or η > 1`, `every η`, `no η`."""

    def describe_bound(value: sympy.Expr) -> str:
        # A long exact bound is only its decimal: "x < about -0.3982", not "x < ≈ -0.3982".
        text = describe_item(value)
        return "about " + text[2:] if text.startswith("≈ ") else text

    if members == sympy.S.Reals:
        return f"every {name}"
    if members.is_empty:
        return f"no {name}"
    if isinstance(members, sympy.Union):
        return " or ".join(describe_set(part, name) for part in members.args)
    if isinstance(members, sympy.FiniteSet):
        return " or ".join(f"{name} = {describe_bound(v)}" for v in members.args)
    if isinstance(members, sympy.Interval):
        low, high = members.start, members.end
        left = "<" if members.left_open else "≤"
        right = "<" if members.right_open else "≤"
        if low == -sympy.oo:
            return f"{name} {right} {describe_bound(high)}"
        if high == sympy.oo:
            return f"{name} {'>' if members.left_open else '≥'} {describe_bound(low)}"
        return f"{describe_bound(low)} {left} {name} {right} {describe_bound(high)}"
    return f"{name} in {members}"
