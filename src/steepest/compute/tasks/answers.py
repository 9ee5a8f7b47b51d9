"""Checking what a learner types: equivalence with an expected answer, the live preview of a
typed text, and the diagnosis of an answer to an author's typed question. Runs in compute
workers, which import the engine once, up front."""

from __future__ import annotations

from steepest.compute.tasks.messages import (
    EquivalenceQuery,
    PracticeKey,
    PreviewQuery,
    QuestionAnswer,
)
from steepest.engine.answers.equations import read_typed_answer
from steepest.engine.answers.preview import preview_text, preview_typed
from steepest.engine.answers.tolerance import DEFAULT_FIGURES, Tolerance
from steepest.engine.answers.typed_check import check_typed_answer
from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.engine.errors import LimitExceeded, MathSyntaxError
from steepest.engine.mistakes.diagnosis import Asked, asked_of
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem_types import QuestionFields
from steepest.engine.questions.feedback import asked_question, diagnose_question


def equivalence(query: EquivalenceQuery) -> TypedVerdictJson:
    """Whether the answer equals the expected one on the domain: the engine's verdict, with one
    per component when the expected answer is a vector."""
    tolerance = None
    if query.figures is not None or query.relative is not None:
        tolerance = Tolerance(query.figures or DEFAULT_FIGURES, query.relative)
    # For equivalence a parameter is one more symbol: the answer must hold for every value.
    names = [*query.variables, *query.parameters]
    return check_typed_answer(query.expected, query.answer, names, query.domain, tolerance)


def preview(query: PreviewQuery) -> str:
    """What the engine read from the text, typeset as typed: the live preview under an answer
    box. Given a question or a practice problem, it reads the text as that check does (its
    names, a vector's size, a matrix's shape), so what it shows the check can judge."""
    try:
        if query.question is not None:
            return _preview_asked(asked_question(query.question), query.text)
        if query.problem is not None:
            return _preview_asked(_practice_asked(query.problem), query.text)
        return preview_text(query.text, query.variables, query.parameters)
    except RecursionError:
        # SymPy orders a sum's terms by value: cosh(1e300)^3 recurses past Python's limit.
        raise LimitExceeded("this expression holds a constant too large to typeset") from None


def _preview_asked(asked: Asked, text: str) -> str:
    typed = read_typed_answer(text)
    left = typed.left
    if left is not None and not asked.fits(left):
        # The check's own refusal (mistakes/diagnosis.py), word for word.
        raise MathSyntaxError(
            f"the left side {left.text!r} is not {asked.what}, which this question asks for:"
            " give that, or only the right-hand side",
            1,
        )
    shape = asked.matrix or (len(asked.expected) if asked.vector else None)
    return preview_typed(typed, asked.variables, asked.parameters, shape)


def _practice_asked(key: PracticeKey) -> Asked:
    problem = generate_problem(key.topic, key.level, key.kind, key.seed)
    if problem.kind == "critical_point":
        raise MathSyntaxError("this problem is answered by choosing one of its options")
    return asked_of(problem)


def question_feedback(query: QuestionAnswer) -> FeedbackJson:
    """An author's typed question, rebuilt from its fields, and the learner's answer diagnosed
    against the value of its statement: the verdict and, when wrong, the mistake it
    recognises."""
    return diagnose_question(query.question, query.answer).to_json()


def typed_answer_components(question: QuestionFields) -> int:
    """How many components the answer to an author's typed question has: 1 for a number or a
    formula, more for a vector. Its page says how to type a vector."""
    asked = asked_question(question)
    return len(asked.expected) if asked.vector else 1
