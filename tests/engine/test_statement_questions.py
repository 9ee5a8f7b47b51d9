"""Typed questions about any statement: the answer is the statement's value, worked out by the
engine; a kind (partial, gradient, gradient_at, descent) is the statement it stands for, with
the same verdicts and named mistakes as its problem; numbers follow the question's tolerance;
vectors are judged per component; a parameter's answer must hold for every value of it."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.answer_kinds import TypedKind
from steepest.engine.answers.tolerance import Tolerance
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.problems.problem import problem_from_text
from steepest.engine.problems.problem_types import QuestionFields
from steepest.engine.questions.feedback import asked_question, diagnose_question

x, w1, w2, eta = (sympy.Symbol(name, real=True) for name in ("x", "w1", "w2", "eta"))
LOSS_TEXT = "w1^2 + 3w2^2"


def fields(
    statement: str | None = None,
    *,
    kind: TypedKind | None = None,
    function: str | None = None,
    respect: str | None = None,
    at: dict[str, str] | None = None,
    parameters: tuple[str, ...] = (),
    figures: int | None = None,
    relative: float | None = None,
) -> QuestionFields:
    return {
        "statement": statement,
        "kind": kind,
        "function": function,
        "respect": respect,
        "at": at,
        "parameters": list(parameters),
        "figures": figures,
        "relative": relative,
    }


KINDS_AND_STATEMENTS = [
    (
        fields(kind="partial", function=LOSS_TEXT, respect="w1"),
        fields(f"partial {LOSS_TEXT} wrt w1"),
        ["2w1", "6w2", "2w1 + 6w2", "w1", "-2w1", "2w1 +"],
    ),
    (
        fields(kind="gradient", function=LOSS_TEXT),
        fields(f"gradient {LOSS_TEXT}"),
        ["(2w1, 6w2)", "(6w2, 2w1)", "(-2w1, -6w2)", "(2w1, 3w2)"],
    ),
    (
        fields(kind="gradient_at", function=LOSS_TEXT, at={"w1": "1", "w2": "-2"}),
        fields(f"gradient {LOSS_TEXT} at w1 = 1, w2 = -2"),
        ["(2, -12)", "(-12, 2)", "(2w1, 6w2)", "(-4, 6)", "(2, 12)"],
    ),
    (
        fields(kind="descent", function=LOSS_TEXT, at={"w1": "1", "w2": "-2"}),
        fields(f"descent {LOSS_TEXT} at w1 = 1, w2 = -2"),
        ["(-2, 12)", "(2, -12)", "(-2, -12)", "(12, -2)"],
    ),
]


@pytest.mark.parametrize(("by_kind", "by_statement", "answers"), KINDS_AND_STATEMENTS)
def test_a_kind_and_its_statement_reach_the_verdicts_of_the_kinds_problem(
    by_kind: QuestionFields, by_statement: QuestionFields, answers: list[str]
) -> None:
    kind = by_kind["kind"]
    assert kind is not None and by_kind["function"] is not None
    problem = problem_from_text(
        kind, by_kind["function"], respect=by_kind["respect"], at=by_kind["at"]
    )
    for answer in answers:
        reference = diagnose(problem, answer).to_json()
        assert diagnose_question(by_kind, answer).to_json() == reference, answer
        assert diagnose_question(by_statement, answer).to_json() == reference, answer


def test_a_kinds_point_is_read_in_the_variables_natural_order() -> None:
    question = fields(kind="gradient_at", function=LOSS_TEXT, at={"w2": "-2", "w1": "1"})
    reference = tuple(sympy.diff(w1**2 + 3 * w2**2, v).subs({w1: 1, w2: -2}) for v in (w1, w2))
    assert asked_question(question).expected == reference
    assert diagnose_question(question, "(2, -12)").correct


def test_a_value_in_a_parameter_accepts_every_form_of_it() -> None:
    question = fields("value w1 - 2 eta w1^2 at w1 = 1", parameters=("eta",))
    (expected,) = asked_question(question).expected
    assert sympy.expand(expected - (w1 - 2 * eta * w1**2).subs(w1, 1)) == 0
    for right in ("1 - 2eta", "1-2η", "-(2η - 1)", "(1 - 4eta + 1)/2"):
        assert diagnose_question(question, right).correct, right
    wrong = diagnose_question(question, "1 + 2eta")
    assert wrong.verdict == "incorrect" and wrong.counterexample is not None
    assert diagnose_question(question, "2eta - 1").mistake == "sign"
    unevaluated = diagnose_question(question, "w1 - 2 eta w1^2")
    assert unevaluated.mistake == "not_evaluated" and "w1 = 1" in unevaluated.message


def test_a_descent_step_in_a_parameter_is_a_vector_in_it() -> None:
    question = fields(f"gradient {LOSS_TEXT} - eta(w1 + w2) at w1 = 1, w2 = 1", parameters=("eta",))
    asked = asked_question(question)
    loss = w1**2 + 3 * w2**2 - eta * (w1 + w2)
    reference = tuple(sympy.diff(loss, v).subs({w1: 1, w2: 1}) for v in (w1, w2))
    assert asked.vector and asked.expected == reference
    assert diagnose_question(question, "(2 - eta, 6 - η)").correct
    half = diagnose_question(question, "(2 - eta, 6)")
    assert [c.verdict for c in half.components] == ["correct", "incorrect"]


def test_a_number_within_the_relative_tolerance_is_right() -> None:
    question = fields("max x(6 - 2x)^2 for x in [0, 3]", relative=0.01)
    # 16, the box's largest volume, within 1 % either way.
    for answer, right in (("16", True), ("16.15", True), ("15.85", True), ("16.2", False)):
        feedback = diagnose_question(question, answer)
        assert feedback.correct == right, answer
    assert "0.01" in diagnose_question(question, "16.2").message


def test_a_best_rate_is_a_number_judged_by_its_tolerance() -> None:
    question = fields("best rate w1^2 + 5w2^2", relative=0.01)
    low, high = sorted(sympy.hessian(w1**2 + 5 * w2**2, [w1, w2]).eigenvals())
    reference = 2 / (low + high)
    for answer, right in ((f"{float(reference):.3f}", True), ("1/6", True), ("0.18", False)):
        assert diagnose_question(question, answer).correct == right, answer


def test_a_number_with_no_finite_decimal_follows_the_figures_rule() -> None:
    question = fields("slope sqrt(x) wrt x at x = 2", figures=4)
    reference = sympy.diff(sympy.sqrt(x), x).subs(x, 2)
    shown = f"{float(reference):.4g}"
    assert diagnose_question(question, shown).correct
    assert diagnose_question(question, f"{float(reference):.3g}").verdict == "invalid"
    assert diagnose_question(question, "sqrt(2)/4").correct
    assert diagnose_question(question, "1/(2 sqrt(x))").mistake == "not_evaluated"


def test_an_argmax_names_the_place_and_a_left_side_may_say_so() -> None:
    question = fields("argmax x(6 - 2x)^2 for x in [0, 3]")
    assert diagnose_question(question, "x = 1").correct
    assert diagnose_question(question, "1").correct
    assert diagnose_question(question, "dL/dy = 1").verdict == "invalid"


def test_the_tolerance_of_a_kind_applies_to_its_numbers() -> None:
    question = fields(kind="gradient_at", function="sqrt(w1) + w2", at={"w1": "2", "w2": "0"})
    problem = problem_from_text("gradient_at", "sqrt(w1) + w2", at={"w1": "2", "w2": "0"})
    reference = diagnose(problem, "(0.35, 1)", tolerance=Tolerance(2)).to_json()
    assert diagnose_question({**question, "figures": 2}, "(0.35, 1)").to_json() == reference


@pytest.mark.parametrize(
    ("question", "match"),
    [
        (fields("argmax abs(x) for x in [-1, 1]"), "one answer"),
        (fields(f"partial {LOSS_TEXT} wrt w3"), "not a variable"),
        (fields("value w1 - 2 eta w1^2 at w1 = 1"), "unknown variable"),
        (fields("the gradient of w1^2"), "cannot read the claim"),
        (fields(kind="partial", function=LOSS_TEXT, respect="x"), "not a variable"),
    ],
)
def test_a_question_the_engine_cannot_ask_says_why(question: QuestionFields, match: str) -> None:
    with pytest.raises(EngineError, match=match):
        asked_question(question)
