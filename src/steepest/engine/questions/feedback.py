"""A learner's answer to an author's typed question, diagnosed against the value of the
statement the question asks about.

The right answer is always the engine's: `expected_value` works the statement out. A statement
that a problem kind describes (a partial derivative, a gradient, a descent direction) is
diagnosed as that problem, with its catalogue of mistakes; any other (a value, a slope, an
optimum, and kinds of statement still to come) with the mistakes any value invites.
"""

from __future__ import annotations

from steepest.engine.answer_kinds import TypedKind
from steepest.engine.answers.equations import LeftSide
from steepest.engine.answers.sampling import read_domains
from steepest.engine.claims.expected import StatementValue, expected_value
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.mistakes.diagnosis import Asked, asked_of, diagnose_asked
from steepest.engine.mistakes.feedback import Feedback
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import QuestionFields
from steepest.engine.questions.asked import question_statement, question_tolerance
from steepest.engine.questions.value_mistakes import value_mistakes

# What an equation's left side must name, by the kind of statement, for the message that says so.
_WHAT = {
    "value": "the value",
    "slope": "the slope",
    "max": "the largest value",
    "min": "the smallest value",
    "argmax": "where the largest value is reached",
    "argmin": "where the smallest value is reached",
}


def diagnose_question(fields: QuestionFields, answer: str, seed: int = 0) -> Feedback:
    """The verdict on `answer` and, when it is wrong, the mistake the engine recognises."""
    return diagnose_asked(asked_question(fields), answer, seed, question_tolerance(fields))


def asked_question(fields: QuestionFields) -> Asked:
    """What the question asks, worked out; an EngineError says why it cannot be asked."""
    statement = question_statement(fields)
    value = expected_value(statement, fields["parameters"])
    if value.ties is not None:
        raise EvaluationError(f"a question needs one answer, but {value.ties}")
    refused = _unaskable(value)
    if refused is not None:
        raise EvaluationError(f"a typed question cannot ask '{fields['statement']}': {refused}")
    problem = statement_problem(statement, value)
    if problem is not None:
        return asked_of(problem)
    variables = tuple(v.name for v in value.variables)
    parameters = tuple(p.name for p in value.parameters)
    return Asked(
        expected=value.values,
        vector=value.vector,
        variables=variables,
        parameters=parameters,
        domains=read_domains(None, [*variables, *parameters]),
        mistakes=lambda: value_mistakes(statement, value),
        component_mistakes=lambda _index: (),
        what=_WHAT.get(statement.kind, f"the {statement.kind}"),
        fits=lambda left: _fits(value, left),
    )


def statement_problem(statement: Statement, value: StatementValue) -> Problem | None:
    """The problem a statement is, when a problem kind describes it, with the statement's value
    as its answer key; None for any other statement."""
    kind: TypedKind
    if statement.kind == "partial":
        if value.respect not in value.variables:
            raise VariableError(
                f"{statement.variable} is not a variable of {to_text(value.function)}:"
                " a partial-derivative question needs one of its variables"
            )
        kind = "partial"
    elif statement.kind == "gradient":
        kind = "gradient" if value.point is None else "gradient_at"
    elif statement.kind == "descent":
        kind = "descent"
    else:
        return None
    return Problem(
        kind=kind,
        function=value.function,
        variables=value.variables,
        expected=value.values,
        respect=value.respect,
        point=value.point,
        domain=read_domains(None, [v.name for v in value.variables]),
        parameters=value.parameters,
    )


def _unaskable(value: StatementValue) -> str | None:
    """Why a learner could not type the value as an answer the engine checks, or None: a typed
    answer is a number, a formula or a vector of them, in order."""
    if value.matrix is not None:
        return "its value is a matrix; ask for one entry, 'hessian EXPR wrt A, B'"
    if value.solutions is not None:
        return "its value is a set of values (an inequality's); ask for its bound instead"
    if value.any_order:
        return "its values come in any order; ask for one, as 'condition EXPR' or 'factor'"
    return None


def _fits(value: StatementValue, left: LeftSide) -> bool:
    """Whether an equation's left side names what a value question asks: a derivative by any
    other variable than the slope's, or a gradient for a number, does not."""
    if left.named in ("partial", "derivative"):
        return value.respect is not None and left.variable in (None, value.respect.name)
    if left.named == "gradient":
        return value.vector
    return True
