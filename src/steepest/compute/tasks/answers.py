"""Checking what a learner types: equivalence with an expected answer, the live preview of a
typed text, and the diagnosis of an answer to an author's typed question. Runs in compute
workers, which import the engine once, up front."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.compute.tasks.messages import EquivalenceQuery, PreviewQuery, QuestionAnswer
from steepest.engine.answers.equivalence import check_equivalent
from steepest.engine.answers.vectors import split_components
from steepest.engine.answers.verdict_types import VerdictJson
from steepest.engine.calculus.real_results import require_workable
from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_fragment,
    mathml_math,
    mathml_vector,
    to_mathml,
)
from steepest.engine.problems.problem import problem_from_text


def equivalence(query: EquivalenceQuery) -> VerdictJson:
    """Whether the answer equals the expected one on the domain: the engine's verdict."""
    return check_equivalent(query.expected, query.answer, query.variables, query.domain).to_json()


def preview(query: PreviewQuery) -> str:
    """What the engine read from the text, typeset: the live preview under an answer box.

    A list of components, `(2w1, 6w2)`, is read as a vector, the way answers are checked."""
    try:
        return _typeset(query)
    except RecursionError:
        # SymPy orders a sum's terms by value: cosh(1e300)^3 recurses past Python's limit.
        raise LimitExceeded("this expression holds a constant too large to typeset") from None


def _typeset(query: PreviewQuery) -> str:
    pieces = split_components(query.text)
    if len(pieces) == 1:
        return to_mathml(_read(query.text, query.variables))
    parts = []
    for piece, offset in pieces:
        if not piece.strip():
            raise MathSyntaxError("a component is empty", offset + 1)
        try:
            parts.append(mathml_fragment(_read(piece, query.variables)))
        except EngineError as error:
            # Columns count from the start of the whole text, not of this component.
            column = None if error.column is None else error.column + offset
            raise type(error)(error.message, column) from None
    return mathml_math(mathml_vector(parts))


def _read(text: str, variables: Sequence[str] | None) -> sympy.Expr:
    """The parsed text, refused when it holds no real value (SymPy would typeset sqrt(-1) as ⅈ)
    or a tower too tall to typeset in time."""
    return require_workable(parse(text, variables), "this expression")


def question_feedback(query: QuestionAnswer) -> FeedbackJson:
    """An author's typed question, rebuilt from its fields, and the learner's answer diagnosed
    against it: the verdict and, when wrong, the mistake it recognises."""
    question = query.question
    problem = problem_from_text(
        question["kind"], question["function"], respect=question["respect"], at=question["at"]
    )
    return diagnose(problem, query.answer).to_json()
