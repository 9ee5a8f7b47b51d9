"""The diagnosis of an answer as JSON: the verdict and the mistake the engine recognised.

A TypedDict and no SymPy, so that the web process and the store can read a verdict and a mistake
code without importing the CAS; `feedback.Feedback.to_json` builds it.
"""

from __future__ import annotations

from typing import TypedDict

from steepest.engine.answer_kinds import MistakeCode, VerdictKind
from steepest.engine.answers.verdict_types import CounterexampleJson, VerdictJson


class FeedbackJson(TypedDict):
    verdict: VerdictKind
    correct: bool
    message: str
    column: int | None
    mistake: MistakeCode | None
    components: list[VerdictJson]
    """For a vector: a verdict per component."""
    component_mistakes: list[MistakeCode | None]
    counterexample: CounterexampleJson | None
    hint: str | None
    """The recognised mistake named in one sentence, with no part of the answer: shown after a
    first wrong try, while `message` (which may give the answer away) waits for the solution."""
