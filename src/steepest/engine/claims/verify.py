"""Verify a lesson's claim: the engine works out what the statement asks for and compares it with
what the lesson shows the reader.

`verify_claim("max x(6 - 2x)^2 for x in [0, 3]", "17")` is a verdict that the claim is wrong,
saying "17" and finding "16 (at x = 1)". The grammar of statements is in `statements`, how each
is worked out in `expected` (one evaluator per kind), how shown text is read in `shown` and
`sets`, and how the two are compared in `compare` (one comparison for every kind). Claims are
read with the names the lesson declares (`names`). A statement or shown text that cannot be
read raises an EngineError: that is a fault in the lesson's markup, not a wrong claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.engine.claims.compare import compare_with_shown
from steepest.engine.claims.expected import EVALUATORS, statement_names
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.shown import read_shown
from steepest.engine.claims.statements import read_statement
from steepest.engine.claims.verdict import ClaimVerdict

__all__ = ["ClaimVerdict", "verify_claim"]


def verify_claim(
    statement: str, shown: str, names: ClaimNames | Sequence[str] | None = None
) -> ClaimVerdict:
    """Check that `shown` (the claim's text in the lesson source) is what `statement` asks for,
    reading both with the names the lesson declares: a ClaimNames, or only its parameters
    (`eta`); none: any name is a variable."""
    claim = read_statement(statement)
    read_with = statement_names(claim, () if names is None else names)
    seen = read_shown(shown)
    value = EVALUATORS[claim.kind](claim, read_with)
    return compare_with_shown(value, seen, read_with)
