"""An answer typed as an equation or a sentence: `dL/dw1 = 2w1`, `∂L/∂w1 = 2w1`, `L_w1 = 2w1`,
`L'(w) = 2w`, `∇L = (2w1, 6w2)`, `x = 1`, `= 2w` or `2w.`.

Learners write what their textbook writes. The checker reads the right-hand side; the left side
is read only to learn what it names, so that ∂L/∂w2 typed for ∂L/∂w1 gets a message of its own
rather than a verdict on the wrong question. A left side that names nothing known is refused
with a message saying to give the right-hand side only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.notation.characters import ASCII_MEANING
from steepest.engine.notation.symbols import canonical_variable_name

Named = Literal["partial", "derivative", "gradient", "name", "value"]

_NAME = r"[^\W\d_][^\W_]*(?:_[0-9]+)?"
# Each way of writing a left side, and what it names; spaces are taken out first.
_LEFT_SIDES: tuple[tuple[Named, re.Pattern[str]], ...] = (
    ("partial", re.compile(rf"[d∂](?P<f>{_NAME})/[d∂](?P<v>{_NAME})")),
    ("partial", re.compile(rf"[d∂]/[d∂](?P<v>{_NAME})")),
    ("partial", re.compile(r"(?P<f>[^\W\d_])_\{?(?P<v>[^\W\d_][^\W_]*)\}?")),
    ("derivative", re.compile(rf"(?P<f>{_NAME})'(?:\((?P<v>{_NAME})\))?")),
    ("gradient", re.compile(rf"(?:∇|grad)(?P<f>{_NAME})(?:\(.*\))?")),
    ("name", re.compile(rf"(?P<v>{_NAME})")),
    ("value", re.compile(rf"(?P<f>{_NAME})\(.*\)")),
)
_RIGHT_ONLY = "give only the right-hand side, the part after '='"


@dataclass(frozen=True)
class LeftSide:
    """What the left side of a typed equation names."""

    named: Named
    text: str
    variable: str | None = None
    """The variable of a partial (`w1` in ∂L/∂w1) or the name in `x = 1`, canonical."""


@dataclass(frozen=True)
class TypedAnswer:
    """The answer to judge: its text, where it starts in what was typed, and the left side."""

    text: str
    offset: int
    left: LeftSide | None = None


def read_typed_answer(typed: str) -> TypedAnswer:
    """Split off a left side and a final full stop; raise MathSyntaxError for a left side that
    names nothing this reads, or for more than one '='."""
    text, offset = typed, 0
    left = None
    at = typed.find("=")
    second = typed.find("=", at + 1)
    if at >= 0 and second >= 0:
        raise MathSyntaxError(f"only one '=': {_RIGHT_ONLY}", second + 1)
    if at >= 0:
        left_text = typed[:at]
        if left_text.strip():
            left = _read_left(left_text, at + 1)
        text, offset = typed[at + 1 :], at + 1
    stripped = text.rstrip()
    if stripped.endswith(".") and stripped[:-1].strip():
        # `2w.` ends a sentence; the full stop is no part of the maths.
        text = stripped[:-1]
    return TypedAnswer(text, offset, left)


def _read_left(text: str, equals_column: int) -> LeftSide:
    compact = "".join(text.translate(ASCII_MEANING).split())
    for named, pattern in _LEFT_SIDES:
        found = pattern.fullmatch(compact)
        if found is None:
            continue
        variable = found.groupdict().get("v")
        if variable is not None:
            try:
                variable = canonical_variable_name(variable)
            except EngineError:
                continue
        return LeftSide(named, text.strip(), variable)
    raise MathSyntaxError(f"cannot read {text.strip()!r} before '=': {_RIGHT_ONLY}", equals_column)
