"""Checking what a learner types: equivalence with an expected answer, the live preview of a
typed text, and the diagnosis of an answer to an author's typed question. Runs in compute
workers, which import the engine once, up front."""

from __future__ import annotations

from steepest.compute.tasks.messages import EquivalenceQuery, PreviewQuery, QuestionAnswer
from steepest.engine.answers.equations import TypedAnswer, read_typed_answer
from steepest.engine.answers.matrices import looks_like_matrix, parse_matrix, read_matrix_rows
from steepest.engine.answers.tolerance import DEFAULT_FIGURES, Tolerance
from steepest.engine.answers.typed_check import check_typed_answer
from steepest.engine.answers.vectors import parse_vector, read_vector_text
from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.engine.calculus.real_results import require_workable
from steepest.engine.errors import LimitExceeded
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.notation.printing import (
    mathml_fragment,
    mathml_math,
    mathml_matrix,
    mathml_vector,
    to_mathml,
)
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
    """What the engine read from the text, typeset: the live preview under an answer box.

    It shows exactly what an answer check reads: the right-hand side of an equation, a
    vector's components, each times a factor written before the brackets (2(w1, 3w2) is shown
    as (2w1, 6w2)), and a matrix's rows ([a, b; c, d])."""
    try:
        return _typeset(query)
    except RecursionError:
        # SymPy orders a sum's terms by value: cosh(1e300)^3 recurses past Python's limit.
        raise LimitExceeded("this expression holds a constant too large to typeset") from None


def _typeset(query: PreviewQuery) -> str:
    typed = read_typed_answer(query.text)
    if looks_like_matrix(typed.text):
        return _typeset_matrix(query, typed)
    size = len(read_vector_text(typed.text).components)
    read = parse_vector(typed.text, query.variables, size, typed.offset, query.parameters)
    parts = [require_workable(part.expr, "this expression") for part in read]
    if size == 1:
        return to_mathml(parts[0])
    return mathml_math(mathml_vector([mathml_fragment(part) for part in parts]))


def _typeset_matrix(query: PreviewQuery, typed: TypedAnswer) -> str:
    rows = read_matrix_rows(typed.text)
    read = parse_matrix(
        typed.text, query.variables, len(rows), len(rows[0]), typed.offset, query.parameters
    )
    parts = [mathml_fragment(require_workable(part.expr, "this expression")) for part in read]
    columns = len(rows[0])
    return mathml_math(
        mathml_matrix([parts[i : i + columns] for i in range(0, len(parts), columns)])
    )


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
