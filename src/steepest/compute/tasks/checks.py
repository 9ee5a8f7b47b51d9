"""What `steepest check` asks the engine of a lesson: that the names it declares are names, that
its claims hold, and that its typed questions, worked examples and widgets can be computed. Each
check answers None when all is well, else what is wrong. Runs in compute workers, which import
the engine once, up front."""

from __future__ import annotations

from collections.abc import Sequence

from steepest.compute.tasks.messages import ClaimQuery, GradientQuery, NamesQuery, WidgetCheck
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EngineError
from steepest.engine.explain.report import gradient_report
from steepest.engine.problems.problem_types import QuestionFields
from steepest.engine.questions.feedback import asked_question


def claim_mismatch(claim: ClaimQuery) -> str | None:
    """What is wrong with a claim, or None when the engine confirms it (or, for a claim that
    must not hold, such as a quiz's wrong option, confirms that it does not). A statement the
    engine cannot read is what is wrong, in the words `steepest check` and the page both show."""
    try:
        verdict = verify_claim(
            claim.statement, claim.shown, _claim_names(claim.variables, claim.parameters)
        )
    except EngineError as error:
        return f'{claim.label} "{claim.statement}" cannot be checked: {error}'
    if verdict.ok == claim.holds:
        return None
    if not claim.holds:
        return (
            f'{claim.label} is offered as wrong, but {verdict.said} is "{claim.statement}" after'
            f" all: the engine finds {verdict.got}"
        )
    return (
        f'{claim.label} "{claim.statement}" says {verdict.said}, but the engine finds {verdict.got}'
    )


def declared_names_fault(names: NamesQuery) -> str | None:
    """What is wrong with the names a lesson declares, or None: each must be a name the engine
    reads whole (w1, lr, eta), none both a variable and a parameter, at most 12 in all."""
    try:
        _claim_names(names.variables, names.parameters).check()
    except EngineError as error:
        return f"the declared names: {error.message}"
    return None


def _claim_names(variables: Sequence[str] | None, parameters: Sequence[str]) -> ClaimNames:
    return ClaimNames(None if variables is None else tuple(variables), tuple(parameters))


def typed_question_fault(fields: QuestionFields) -> None:
    """Work out what the question asks, answer included, as the web app does for each answer;
    the engine raises what is wrong (a statement it cannot read or work out, or one with no
    single answer)."""
    asked_question(fields)


def worked_example_fault(example: GradientQuery) -> None:
    """Derive the worked example as its page would; the engine raises what is wrong."""
    gradient_report(example.expression, example.at, example.variables)


def widget_fault(check: WidgetCheck) -> str | None:
    """Compute the widget's numbers as its page would; a widget says what is wrong with a
    ValueError (the best box: no single maximum between its slider's ends)."""
    try:
        check.spec(check.params)
    except ValueError as error:
        return f"the engine cannot compute {check.what}'s numbers: {error}"
    return None
