"""Help in steps after wrong answers, like a tutor's: first the slip named, then a stronger
hint, and the worked solution only on request or after the third wrong try.

The step is decided here from what the store records about the learner's attempts at the
question (`Tries`), never from what the page says, so a reload or a crafted request cannot skip
ahead. Text the engine cannot read costs nothing and moves no step. Until the solution is out,
neither the author's explanation nor the engine's message (which may hold the right answer)
leaves the server: only the hint does.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from steepest.engine.answer_kinds import VerdictKind
from steepest.engine.answers.verdict_types import VerdictJson
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.lessons.model import QuestionBlock, TypedQuestionBlock

# The wrong tries after which the solution comes without being asked for.
SOLUTION_AFTER = 3
# When the question has fewer steps of its own than wrong tries before the solution.
_FALLBACK_STEPS = (
    "<p>Not yet. Read the question again, then redo the work one step at a time.</p>",
    "<p>Still not it. Compare each step with the section above, or show the solution.</p>",
)


@dataclass(frozen=True)
class Tries:
    """What the learner's stored attempts at one question add up to."""

    wrong: int = 0
    right: bool = False
    solution_shown: bool = False

    @property
    def solution_seen(self) -> bool:
        """Whether the worked solution is already out: asked for, given after the third wrong
        try, or shown with a right answer."""
        return self.solution_shown or self.right or self.wrong >= SOLUTION_AFTER


@dataclass(frozen=True)
class Help:
    """What one answer's verdict may carry."""

    hint_html: str | None
    """The step of help after a wrong answer while the solution waits."""
    solution: bool
    """Whether the explanation and the engine's full message go out with the verdict."""
    after_solution: bool
    """The answer was given with the solution already out: it is not right first time."""


def help_after(
    question: QuestionBlock | TypedQuestionBlock,
    tries: Tries,
    verdict: VerdictKind,
    slip: str | None = None,
) -> Help:
    """The help an answer with `verdict` gets, after the stored `tries`. `slip` is the engine's
    answer-free sentence naming the mistake, when it recognised one: the first step."""
    seen = tries.solution_seen
    if verdict != "incorrect":
        # A right answer earns the solution; unreadable text changes nothing.
        return Help(None, solution=seen or verdict == "correct", after_solution=seen)
    wrong = tries.wrong + 1
    if seen or wrong >= SOLUTION_AFTER:
        return Help(None, solution=True, after_solution=seen)
    steps = [f"<p>{html.escape(slip)}</p>"] if slip else []
    steps += [*question.hints_html, *_FALLBACK_STEPS]
    return Help(steps[wrong - 1], solution=False, after_solution=False)


def shown_feedback(feedback: FeedbackJson, helped: Help) -> FeedbackJson:
    """The engine's diagnosis as the page may see it: whole once the solution is out, and for
    a right answer or unreadable text (the parser's message); for a wrong answer before that,
    without the parts that may hold the right answer: which entries are wrong stays."""
    if helped.solution or feedback["verdict"] != "incorrect":
        return feedback
    components: list[VerdictJson] = [
        {**entry, "message": "", "counterexample": None} for entry in feedback["components"]
    ]
    return {**feedback, "message": "", "components": components, "counterexample": None}
