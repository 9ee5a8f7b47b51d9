"""The preview is the checker: for the issue's cases and every answer of the corpora, the preview
task of a question accepts exactly what that question's check can judge, and refuses the rest
with the check's own message and column (issue 18)."""

from __future__ import annotations

import pytest

from answer_corpus import read_corpus
from steepest.compute.tasks.answers import preview, question_feedback
from steepest.compute.tasks.messages import (
    PracticeAnswer,
    PracticeKey,
    PreviewQuery,
    QuestionAnswer,
)
from steepest.compute.tasks.practice import practice_feedback
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.problem_types import QuestionFields

# What the issue found the preview accepting, or refusing in other words, than the check.
ISSUE_CASES = ("2w", "2x", "2w1 + C", "(2, -12", "2(wx + b - y)", "0.164", "2w1", "(2, -12)")
# Answers in the questions' own names, as learners type them: equations, vectors in their
# spellings, matrices, η by name and by glyph, and text that cannot be read.
OWN_NAMES = (
    "2 w_1",
    "2w1.",
    "∂L/∂w1 = 2w1",
    "dL/dw2 = 2w1",
    "2w1 = 3",
    "∇L = (2, -12)",
    "2(1, -6)",
    "(2; -12)ᵀ",
    "(2, -12,)",
    "(, 1)",
    "[2, 0; 0, 6]",
    "[[2, 0], [0, 6]]",
    "2(w1, 3w2)",
    "w - 2ηw",
    "w(1 - 2 eta)",
    "1 - 2eta",
    "2η",
    "2w1^",
    "sin(w1)^2",
    "1/0",
    "ln(-1)",
    "2.50",
)


def _question(**given: object) -> QuestionFields:
    fields: dict[str, object] = {
        "statement": None,
        "kind": None,
        "function": None,
        "respect": None,
        "at": None,
        "parameters": [],
        "figures": None,
        "relative": None,
    }
    return QuestionFields(**{**fields, **given})  # type: ignore[typeddict-item]


# A lesson's questions as its page asks them (partial-derivatives-and-the-gradient.md), one
# with a parameter, and practice problems of each shape: a formula, a vector, a matrix.
QUESTIONS: dict[str, QuestionFields] = {
    "partial": _question(kind="partial", function="w1^2 + 3w2^2", respect="w1"),
    "gradient at a point": _question(
        kind="gradient_at", function="w1^2 + 3w2^2", at={"w1": "1", "w2": "-2"}
    ),
    "a step with η": _question(statement="value w - 2 eta w at w = 1", parameters=["eta"]),
}
PROBLEMS: dict[str, PracticeKey] = {
    "practice gradient": PracticeKey("gradient", 2, "gradient", 3),
    "practice Hessian": PracticeKey("hessian", 1, "hessian", 1),
}


def _inputs() -> list[str]:
    typed = [row.answer for name in ("notation", "equivalence") for row in read_corpus(name)]
    return list(dict.fromkeys([*ISSUE_CASES, *OWN_NAMES, *typed]))


def _check(context: str, text: str) -> FeedbackJson:
    if context in QUESTIONS:
        return question_feedback(QuestionAnswer(QUESTIONS[context], text))
    return practice_feedback(PracticeAnswer(PROBLEMS[context], text))["feedback"]


def _preview(context: str, text: str) -> EngineError | None:
    """The preview's refusal, or None when it shows the text."""
    asked = {"question": QUESTIONS[context]} if context in QUESTIONS else {}
    problem = PROBLEMS.get(context)
    try:
        preview(PreviewQuery(text, problem=problem, **asked))  # type: ignore[arg-type]
    except EngineError as error:
        return error
    return None


def _unreadable(feedback: FeedbackJson) -> bool:
    # A decimal right to too few figures is judged, not unread: it is `invalid` without a column
    # only because it costs nothing.
    return feedback["verdict"] == "invalid" and "figures" not in feedback["message"]


@pytest.mark.parametrize("context", [*QUESTIONS, *PROBLEMS])
def test_the_preview_accepts_exactly_what_the_check_can_judge(context: str) -> None:
    disagreements = []
    for text in _inputs():
        refusal, feedback = _preview(context, text), _check(context, text)
        if refusal is None and _unreadable(feedback):
            disagreements.append((text, "shown, but the check cannot read it", feedback["message"]))
        elif refusal is not None and not _unreadable(feedback):
            disagreements.append((text, "refused, but the check judges it", refusal.message))
        elif refusal is not None and (refusal.message, refusal.column) != (
            feedback["message"],
            feedback["column"],
        ):
            disagreements.append((text, refusal.message, feedback["message"]))
    assert not disagreements


def test_the_issues_cases_are_refused_as_the_check_refuses_them() -> None:
    for text in ("2w", "2x", "2w1 + C"):
        refusal = _preview("partial", text)
        assert refusal is not None and _unreadable(_check("partial", text))
    refusal = _preview("gradient at a point", "(2, -12")
    assert refusal is not None
    assert refusal.message.startswith("expected 2 components")
