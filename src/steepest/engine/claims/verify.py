"""Verify a lesson's claim: the engine works out what the statement asks for and compares it with
what the lesson shows the reader.

`verify_claim("max x(6 - 2x)^2 for x in [0, 3]", "17")` is a verdict that the claim is wrong,
saying "17" and finding "16 (at x = 1)". The grammar of statements is in `statements`, how each
is worked out in `expected`, how shown text is read and compared in `shown`. A statement or
shown text that cannot be read raises an EngineError: that is a fault in the lesson's markup,
not a wrong claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.answers.equivalence import compare_expressions
from steepest.engine.answers.sampling import read_domains
from steepest.engine.claims.expected import StatementValue, expected_value
from steepest.engine.claims.shown import (
    Shown,
    agrees,
    read_expressions,
    read_number,
    read_numbers,
    read_shown,
)
from steepest.engine.claims.statements import read_statement
from steepest.engine.errors import EngineError


@dataclass(frozen=True)
class ClaimVerdict:
    ok: bool
    said: str
    """What the lesson shows, as the author wrote it: "17", "about 9.8", "(2, 6)"."""
    got: str
    """What the engine found, for people: "16 (at x = 1)"."""


def verify_claim(statement: str, shown: str, parameters: Sequence[str] = ()) -> ClaimVerdict:
    """Check that `shown` (the claim's text in the lesson source) is what `statement` asks for;
    `parameters` are the constants the lesson declares (`eta`)."""
    value = expected_value(read_statement(statement), parameters)
    seen = read_shown(shown)
    words = (seen.said(), value.found)
    if value.ties is not None:
        return ClaimVerdict(False, *words)
    if not value.numbers:
        return ClaimVerdict(_same_expressions(value, read_expressions(seen, parameters)), *words)
    try:
        numbers = read_numbers(seen) if value.vector else [read_number(seen.typed, seen.rounded)]
    except EngineError:
        # A formula in the statement's own names, where numbers were due (a quiz's wrong
        # option, `3w2` for ∂(3w2²)/∂w2 at a point), is a wrong value; anything else is not
        # a number, and the lesson's markup is at fault.
        formulas = _formulas_in_its_names(seen, value)
        if formulas is None:
            raise
        return ClaimVerdict(_same_expressions(value, formulas), *words)
    ok = len(numbers) == len(value.values) and all(
        agrees(number, want) for number, want in zip(numbers, value.values, strict=False)
    )
    return ClaimVerdict(ok, *words)


def _formulas_in_its_names(seen: Shown, value: StatementValue) -> list[sympy.Expr] | None:
    try:
        return read_expressions(seen, variables=value.names)
    except EngineError:
        return None


def _same_expressions(value: StatementValue, shown: Sequence[sympy.Expr]) -> bool:
    return len(shown) == len(value.values) and all(
        _same_function(want, have) for want, have in zip(value.values, shown, strict=False)
    )


def _same_function(expected: sympy.Expr, shown: sympy.Expr) -> bool:
    names = sorted({s.name for s in expected.free_symbols | shown.free_symbols})
    return compare_expressions(expected, shown, names, read_domains(None, names)).equivalent
