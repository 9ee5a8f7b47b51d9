r"""A set of values as a lesson shows it, and whether it is the set the engine finds.

    $\eta < \frac{1}{3}$     $0 < \eta < \frac{1}{3}$     η < 1/3     $\frac{1}{3} > \eta$
    $\eta \le 0.333$         $\frac{1}{3}$  (a bare bound)

An inequality names the unknown once, between one or two numbers; the relations are compared
exactly (< is not ≤) and each bound to the precision written, as every shown number is. A part
of the set that is implied may be left out: a learning rate is above 0, so `η < 1/3` states
0 < η < 1/3. A bare number states the one bound of a set that has one (besides the implied
ones); a set with two must be shown whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from steepest.engine.claims.shapes import RATE_NAME, ValueSet, describe_set
from steepest.engine.claims.shown import Shown, ShownNumber, agrees, read_number
from steepest.engine.errors import MathSyntaxError, VariableError
from steepest.engine.notation.symbols import canonical_variable_name

_RELATION = re.compile(r"(<=|>=|≤|≥|<|>)")
_SPELLED = {"≤": "<=", "≥": ">="}


@dataclass(frozen=True)
class End:
    """One end of a shown interval: its number, and whether the end itself is left out."""

    number: ShownNumber
    strict: bool


@dataclass(frozen=True)
class ShownSet:
    """`low < name < high`, either end possibly missing; or a bare bound, with no name."""

    name: str | None
    low: End | None = None
    high: End | None = None
    bare: ShownNumber | None = None


def read_shown_set(shown: Shown) -> ShownSet:
    """The inequality (or bare bound) in a claim's shown text."""
    pieces = _RELATION.split(shown.typed)
    texts, relations = pieces[0::2], [_SPELLED.get(r, r) for r in pieces[1::2]]
    if not relations:
        return ShownSet(None, bare=read_number(shown.typed, shown.rounded))
    names = [i for i, text in enumerate(texts) if _name(text) is not None]
    if len(names) != 1 or len(texts) > 3 or (len(texts) == 3 and names != [1]):
        raise MathSyntaxError(
            f"the claim shows {shown.raw!r}: show an inequality that names the unknown once,"
            " such as η < 1/3 or 0 < η < 1/3, or one bound"
        )
    where = names[0]
    name = _name(texts[where])
    assert name is not None
    upward = {r[0] for r in relations}
    if len(upward) != 1:
        raise MathSyntaxError(f"the claim shows {shown.raw!r}: a chain must run one way, < or >")
    numbers = [text for i, text in enumerate(texts) if i != where]
    # One relation stands beside each number: `<` and `>` leave the bound itself out.
    ends = [
        End(read_number(text, shown.rounded), relation in ("<", ">"))
        for text, relation in zip(numbers, relations, strict=True)
    ]
    # Read left to right, `a < η` puts a below η; `a > η` puts it above.
    below_first = upward == {"<"}
    if len(ends) == 2:
        low, high = ends if below_first else ends[::-1]
        return ShownSet(name, low=low, high=high)
    number_left = where == 1
    if number_left == below_first:
        return ShownSet(name, low=ends[0])
    return ShownSet(name, high=ends[0])


def _name(text: str) -> str | None:
    try:
        return canonical_variable_name(text.strip())
    except VariableError:
        return None


def set_agrees(expected: ValueSet, shown: ShownSet) -> bool:
    """Whether the shown set is the set the engine found (see the module docstring)."""
    members = expected.members
    if shown.bare is not None:
        bounds = _stated_bounds(expected)
        if len(bounds) != 1:
            name = RATE_NAME if expected.unknown is None else expected.unknown.name
            raise MathSyntaxError(
                f"a bare number states the one bound of a set, and"
                f" {describe_set(members, name)} has {len(bounds)}: show the inequality"
            )
        return agrees(shown.bare, bounds[0])
    if expected.unknown is not None and shown.name != expected.unknown.name:
        return False
    if shown.name in expected.taken:
        return False
    if not isinstance(members, sympy.Interval):
        return False
    implied = expected.implied if isinstance(expected.implied, sympy.Interval) else sympy.S.Reals
    low_ok = _end_agrees(shown.low, members.start, members.left_open, implied.start, implied)
    high_ok = _end_agrees(shown.high, members.end, members.right_open, implied.end, implied)
    return low_ok and high_ok


def _stated_bounds(expected: ValueSet) -> list[sympy.Expr]:
    """The finite ends of the set that the implied set does not already give."""
    implied = expected.implied.boundary
    return sorted(
        (b for b in expected.members.boundary if b.is_finite and b not in implied),
        key=lambda b: sympy.N(b, 30),
    )


def _end_agrees(
    end: End | None,
    value: sympy.Expr,
    open_: bool,
    implied_value: sympy.Expr,
    implied: sympy.Interval,
) -> bool:
    if end is None:
        # Left out: the end is the implied set's (−∞ or +∞ when nothing is implied).
        implied_open = implied.left_open if implied_value == implied.start else implied.right_open
        return bool(value == implied_value) and (open_ == implied_open or not value.is_finite)
    return bool(value.is_finite) and end.strict == open_ and agrees(end.number, value)
