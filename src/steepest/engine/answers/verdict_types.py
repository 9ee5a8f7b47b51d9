"""A checked answer as JSON: the equivalence verdict and its counterexample, as the API sends them.

TypedDicts and no SymPy, so that the web process can name these shapes without importing the
CAS; `equivalence.Verdict.to_json` builds them.
"""

from __future__ import annotations

from typing import TypedDict

from steepest.engine.answer_kinds import VerdictKind


class CounterexampleJson(TypedDict):
    """A point where the answer differs; the expected value is left out on purpose."""

    point: dict[str, str]
    answer_value: str | None
    reason: str | None


class VerdictJson(TypedDict):
    verdict: VerdictKind
    equivalent: bool
    message: str
    column: int | None
    counterexample: CounterexampleJson | None


class TypedVerdictJson(VerdictJson):
    """The verdict on a typed answer, with one verdict per component for a vector (else [])."""

    components: list[VerdictJson]
