"""A question's hints: revealed one at a time, on request.

Like the answer key, hints stay on the server until asked for: the page knows only how many
there are. A wrong answer brings them out too, one step at a time (see help_steps.py).
"""

from __future__ import annotations

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
