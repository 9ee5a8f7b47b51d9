"""The diagnosis of one answer: its verdict, the message for the learner, and the mistake the
engine recognised in it, if any (see `diagnosis`)."""

from __future__ import annotations

from dataclasses import dataclass

from steepest.engine.answer_kinds import MistakeCode, VerdictKind
from steepest.engine.answers.equivalence import Counterexample, Verdict
from steepest.engine.mistakes.feedback_types import FeedbackJson


@dataclass(frozen=True)
class Feedback:
    verdict: VerdictKind
    correct: bool
    message: str
    column: int | None = None
    mistake: MistakeCode | None = None
    """The code of the recognised mistake, such as "swapped_components"; None if unknown."""
    components: tuple[Verdict, ...] = ()
    component_mistakes: tuple[MistakeCode | None, ...] = ()
    counterexample: Counterexample | None = None
    hint: str | None = None
    """One sentence naming the recognised mistake without the answer or any number of it, for
    the page to show after a first wrong try; None when no mistake is named."""

    def to_json(self) -> FeedbackJson:
        return {
            "verdict": self.verdict,
            "correct": self.correct,
            "message": self.message,
            "column": self.column,
            "mistake": self.mistake,
            "components": [c.to_json() for c in self.components],
            "component_mistakes": list(self.component_mistakes),
            "counterexample": None
            if self.counterexample is None
            else self.counterexample.to_json(),
            "hint": self.hint,
        }
