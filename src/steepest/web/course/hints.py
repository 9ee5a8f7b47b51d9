"""A question's hints: revealed one at a time, on request, before its explanation.

Like the answer key, hints stay on the server until asked for: the page knows only how many
there are. The explanation is the worked solution, so while hints remain it waits for a right
answer: a wrong one gets the engine's diagnosis (or the author's feedback on that option) and
the offer of the next hint instead. Once every hint is out, a wrong answer gets the explanation
as before. A question without hints shows its explanation after any answer.
"""

from __future__ import annotations

from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.lessons.model import QuestionBlock, TypedQuestionBlock
from steepest.web.http.errors import UnknownHint

Hinted = QuestionBlock | TypedQuestionBlock


def reveal_hint(question: Hinted, index: int) -> str:
    """Hint number `index` (from 0) of the question, as block HTML."""
    total = len(question.hints_html)
    if not 0 <= index < total:
        has = "no hints" if total == 0 else f"hints 0 to {total - 1}"
        raise UnknownHint(f"question {question.id!r} has {has}, not hint {index}")
    return question.hints_html[index]


def revealed_hints(question: Hinted, shown: int) -> tuple[str, ...]:
    """The first `shown` hints (all of them, if it is more), for a page without JavaScript."""
    return question.hints_html[: max(shown, 0)]


def explanation_due(question: Hinted, correct: bool, shown: int) -> bool:
    """Whether an answer's verdict may carry the explanation: a right answer, or every hint
    revealed already."""
    return correct or shown >= len(question.hints_html)


def typed_explanation(
    question: TypedQuestionBlock, feedback: FeedbackJson, shown: int
) -> str | None:
    """The explanation a typed answer's verdict carries: none for text the engine could not
    read (it costs nothing, and gives nothing away), else as `explanation_due` says."""
    if feedback["verdict"] == "invalid":
        return None
    if not explanation_due(question, feedback["correct"], shown):
        return None
    return question.explanation_html
