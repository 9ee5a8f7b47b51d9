"""The statements a lesson's claims make, read by hand from a tiny grammar.

    value EXPR at POINT                  a number: EXPR at the point
    slope EXPR wrt VAR at POINT          a number: ∂EXPR/∂VAR at the point
    partial EXPR wrt VAR                 an expression: ∂EXPR/∂VAR
    gradient EXPR [at POINT]             a vector: ∇EXPR (numbers at a point, else expressions)
    descent EXPR at POINT                a vector: −∇EXPR at the point
    max EXPR for VAR in [A, B]           a number: the largest value on the closed interval
    argmax EXPR for VAR in [A, B]        a number: where that value is reached
    min, argmin                          the same for the smallest value

POINT lists every variable once, as in `w1 = 1, w2 = -2`; it is read by the one point reader
(notation/point_text.py), as `steepest grad --at` and the browser read theirs. A gradient's
components come in the order the point names them. EXPR and the numbers are the engine's own
typed math (`x(6 - 2x)^2`, `1/2`, `0.35`); they are parsed later, by `parse`, never evaluated as
code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from steepest.engine.errors import MathSyntaxError, PointSyntaxError, VariableError
from steepest.engine.notation.point_text import naming_the_point, read_point_text
from steepest.engine.notation.symbols import canonical_variable_name

ClaimKind = Literal[
    "value", "slope", "partial", "gradient", "descent", "max", "min", "argmax", "argmin"
]

_FORMS = {
    "value": re.compile(r"value\s+(?P<function>.+)\s+at\s+(?P<point>.+)"),
    "slope": re.compile(r"slope\s+(?P<function>.+)\s+wrt\s+(?P<variable>\S+)\s+at\s+(?P<point>.+)"),
    "partial": re.compile(r"partial\s+(?P<function>.+)\s+wrt\s+(?P<variable>\S+)"),
    "gradient": re.compile(r"gradient\s+(?P<function>.+?)(?:\s+at\s+(?P<point>[^\s].*))?"),
    "descent": re.compile(r"descent\s+(?P<function>.+)\s+at\s+(?P<point>.+)"),
    **{
        kind: re.compile(
            kind + r"\s+(?P<function>.+)\s+for\s+(?P<variable>\S+)\s+in\s+"
            r"\[(?P<low>[^,\]]+),(?P<high>[^,\]]+)\]"
        )
        for kind in ("max", "min", "argmax", "argmin")
    },
}
_EXAMPLES = (
    "'value EXPR at x = 1', 'slope EXPR wrt x at x = 1', 'partial EXPR wrt w1', "
    "'gradient EXPR at w1 = 1, w2 = 1', 'descent EXPR at …', 'max EXPR for x in [0, 3]', "
    "'argmax …', 'min …', 'argmin …'"
)


@dataclass(frozen=True)
class Statement:
    """One claim's statement, split into its parts; the texts are still unparsed."""

    kind: ClaimKind
    function: str
    variable: str | None = None
    point: tuple[tuple[str, str], ...] | None = None
    """(name, value) pairs in the order written."""
    interval: tuple[str, str] | None = None


def read_statement(text: str) -> Statement:
    """Split a claim's statement into its parts, or raise MathSyntaxError saying what is allowed."""
    words = " ".join(text.split())
    kind = words.split(" ", 1)[0]
    form = _FORMS.get(kind)
    found = form.fullmatch(words) if form else None
    if found is None:
        raise MathSyntaxError(f"cannot read the claim {words!r}: write one of {_EXAMPLES}")
    parts = found.groupdict()
    variable = parts.get("variable")
    if variable is not None:
        # Read as declared variables are everywhere: `η`, `eta` and `w_1` are names too.
        try:
            variable = canonical_variable_name(variable)
        except VariableError as error:
            raise MathSyntaxError(str(error)) from None
    point = None if parts.get("point") is None else _read_point(parts["point"])
    interval = None
    if parts.get("low") is not None:
        interval = (parts["low"].strip(), parts["high"].strip())
    return Statement(cast(ClaimKind, kind), parts["function"].strip(), variable, point, interval)


def _read_point(text: str) -> tuple[tuple[str, str], ...]:
    try:
        point = read_point_text(text)
    except PointSyntaxError as error:
        # The check reports the whole claim; the column is the point's, so say which point.
        raise naming_the_point(error, text) from None
    assert point is not None  # every form that has a point matches only non-blank text
    return tuple(point.items())
