"""The settings of an optimizer's or a schedule's statement, `with beta = 0.9, eps = 10^-8`:
read exactly, named as the lesson may name them (β is beta, ε and epsilon are eps), checked
against the range each allows, and completed with the defaults of those left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EngineError, EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name

# Settings that are a weight between old and new, below 1; settings that are at least 0.
_WEIGHTS = ("beta", "beta1", "beta2", "rho")
_NOT_NEGATIVE = ("eps", "floor", "noise")
# Settings above 0: a decay factor, one-cycle's divisors and the share of its steps that rise.
_POSITIVE = ("factor", "divisor", "final", "rise")
# Whole-number settings that may be 0; the others (lengths, counts) are at least 1.
_FROM_ZERO = ("seed",)


@dataclass(frozen=True)
class Settings:
    values: dict[str, sympy.Expr]
    """Each setting by its name: a number, or made of the lesson's parameters."""
    counts: tuple[int, ...]
    """The whole-number settings (a length, a seed), in the order asked for."""


def read_settings(
    statement: Statement,
    allowed: Mapping[str, sympy.Expr | None],
    names: ClaimNames,
    whole: Sequence[str] = (),
) -> Settings:
    """The statement's settings: those of `allowed` (with their defaults; None: the statement
    must give it) and the whole numbers `whole`, which it must all give."""
    what = statement.variant or statement.kind
    found: dict[str, sympy.Expr] = {}
    written: dict[str, str] = {}
    for name, text in statement.settings:
        key = _setting_name(name)
        if key in whole:
            written[key] = text
        elif key in allowed:
            found[key] = _setting_value(key, text, names)
        else:
            listed = ", ".join([*allowed, *whole])
            raise VariableError(f"{what} takes no setting {name!r} (it takes {listed})")
    for key, default in allowed.items():
        if key not in found:
            if default is None:
                raise VariableError(f"{what} needs its {key}: add 'with {key} = …'")
            found[key] = default
    return Settings(found, tuple(_whole(what, key, written) for key in whole))


def _whole(what: str, key: str, written: Mapping[str, str]) -> int:
    if key not in written:
        raise VariableError(f"{what} needs its {key}: add 'with {key} = …'")
    text = written[key].strip()
    lowest = 0 if key in _FROM_ZERO else 1
    if not text.isdigit() or int(text) < lowest:
        raise EvaluationError(f"the {key} {text!r} is not a whole number from {lowest}")
    return int(text)


def _setting_name(name: str) -> str:
    try:
        key = canonical_variable_name(name)
    except EngineError:
        raise VariableError(f"{name!r} is not the name of a setting") from None
    return "eps" if key == "epsilon" else key


def _setting_value(key: str, text: str, names: ClaimNames) -> sympy.Expr:
    """A setting: a number or made of the lesson's parameters; a number is checked against the
    range the rule allows (a decay, a momentum or an average's weight below 1; ε from 0)."""
    try:
        value = parse(text, variables=[], parameters=names.parameters)
    except EngineError:
        raise VariableError(
            f"the {key} {text!r} is neither a number nor made of the lesson's parameters"
        ) from None
    if not value.is_number:
        return value
    if key in _NOT_NEGATIVE and not value >= 0:
        raise EvaluationError(f"the {key} {text!r} is below 0")
    if key in _WEIGHTS and not (0 <= value < 1):
        raise EvaluationError(f"the {key} {text!r} is not from 0 up to (not including) 1")
    if key in _POSITIVE and not value > 0:
        raise EvaluationError(f"the {key} {text!r} is not above 0")
    return value
