"""Each mistake detector, on the mistake it exists for; and the catalogue as a whole."""

from __future__ import annotations

import re

import pytest
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.mistakes.slips import slipped_derivative
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem, problem_from_text
from steepest.engine.problems.topics import topic_before_topics

QUADRATIC = "w1^2 + 3w2^2"
AT = {"w1": 1, "w2": -2}


def partial(function: str, respect: str) -> Problem:
    return problem_from_text("partial", function, respect=respect)


@pytest.mark.parametrize(
    ("problem", "answer", "code"),
    [
        (partial(QUADRATIC, "w1"), "6w2", "wrong_variable"),
        (partial("x^2 y^3", "x"), "3x^2y^2", "wrong_variable"),
        (partial(QUADRATIC, "w1"), "2w1 + 6w2", "not_held_constant"),
        (partial("x^2 y^3", "x"), "2xy^3 + 3x^2y^2", "not_held_constant"),
        (partial("w1^3 + w2^2", "w1"), "3w1^2 + 2w2", "not_held_constant"),
        (partial(QUADRATIC, "w1"), "2w1 + 3w2^2", "kept_constant_term"),
        (partial(QUADRATIC, "w1"), "w1", "power_coefficient"),
        (partial("x^3 + y", "x"), "x^2", "power_coefficient"),
        (partial(QUADRATIC, "w2"), "2w2", "constant_factor"),
        (partial("w1^2 + 3w2^2 + 5w2", "w2"), "2w2 + 5", "constant_factor"),
        (partial("sin(2x) + y^2", "x"), "cos(2x)", "chain_factor"),
        (partial("(3w1 + 1)^2 + w2", "w1"), "2(3w1 + 1)", "chain_factor"),
        (partial("e^(x y)", "x"), "e^(xy)", "chain_factor"),
        (partial(QUADRATIC, "w1"), "-2w1", "sign"),
    ],
)
def test_each_partial_derivative_mistake_is_recognised(
    problem: Problem, answer: str, code: str
) -> None:
    feedback = diagnose(problem, answer)
    assert feedback.verdict == "incorrect"
    assert feedback.mistake == code, feedback.message


@pytest.mark.parametrize(
    ("kind", "answer", "code"),
    [
        ("gradient", "(6w2, 2w1)", "swapped_components"),
        ("gradient", "(-2w1, -6w2)", "sign"),
        ("gradient_at", "(-12, 2)", "swapped_components"),
        ("gradient_at", "(-2, 12)", "sign"),
        ("gradient_at", "(2w1, 6w2)", "not_evaluated"),
        ("gradient_at", "(-4, 6)", "swapped_point"),
        ("descent", "(2, -12)", "sign"),
        ("descent", "(-2w1, -6w2)", "not_evaluated"),
        ("descent", "(-2/sqrt(148), 12/sqrt(148))", "normalised"),
    ],
)
def test_each_whole_vector_mistake_is_recognised(kind: ProblemKind, answer: str, code: str) -> None:
    problem = problem_from_text(kind, QUADRATIC, at=None if kind == "gradient" else AT)
    feedback = diagnose(problem, answer)
    assert feedback.verdict == "incorrect"
    assert feedback.mistake == code, feedback.message


def test_a_wrong_component_is_diagnosed_on_its_own() -> None:
    problem = problem_from_text("gradient", QUADRATIC)
    feedback = diagnose(problem, "(2w1, 2w2)")
    assert [c.equivalent for c in feedback.components] == [True, False]
    assert feedback.component_mistakes == (None, "constant_factor")
    assert feedback.message.startswith("The first is right")


def test_descent_component_with_the_gradients_sign() -> None:
    problem = problem_from_text("descent", QUADRATIC, at=AT)
    feedback = diagnose(problem, "(-2, -12)")
    assert feedback.component_mistakes == (None, "sign")
    assert "flips the sign" in feedback.message


BOX = problem_from_text("optimum", "x(6 - 2x)^2", interval=(0, 3), goal="maximum", name="V")


@pytest.mark.parametrize(
    ("problem", "answer", "code"),
    [
        (BOX, "3", "minimum_not_maximum"),
        (BOX, "x = 3", "minimum_not_maximum"),
        (BOX, "0", "endpoint"),
        (BOX, "16", "value_not_location"),
        (
            problem_from_text("optimum", "x(4 - x)(x + 2)", interval=(0, 4), goal="maximum"),
            "-2",
            "root_not_critical",
        ),
        (
            problem_from_text("optimum", "x^3 - 3x", interval=(0, 2), goal="minimum"),
            "-1",
            "maximum_not_minimum",
        ),
    ],
)
def test_each_optimum_mistake_is_recognised(problem: Problem, answer: str, code: str) -> None:
    feedback = diagnose(problem, answer)
    assert feedback.verdict == "incorrect"
    assert feedback.mistake == code, feedback.message


def test_the_box_minimum_message_teaches_without_giving_the_answer() -> None:
    message = diagnose(BOX, "3").message
    assert "minimum" in message and "V″" in message
    assert "x = 1" not in message


def test_misrounded_numbers_are_called_rounded() -> None:
    # ∂/∂x (2x/3 + y²) = 2/3 = 0.666…: 0.667 is it rounded, 0.666 cut short, 0.67 too few figures.
    problem = problem_from_text("gradient_at", "2x/3 + y^2", at={"x": 1, "y": 1})
    assert diagnose(problem, "(0.667, 2)").verdict == "correct"
    assert diagnose(problem, "(0.666, 2)").component_mistakes == ("rounded", None)
    # Wrong in no way the catalogue knows, but the only wrong one.
    assert diagnose(problem, "(0.65, 2)").component_mistakes == ("one_component_wrong", None)
    assert diagnose(problem, "(0.67, 2)").verdict == "invalid"


@pytest.mark.parametrize(
    ("answer", "verdict"), [("2w1", "correct"), ("2w1 +", "invalid"), ("q", "invalid")]
)
def test_right_and_unreadable_answers_are_not_diagnosed(answer: str, verdict: str) -> None:
    feedback = diagnose(partial(QUADRATIC, "w1"), answer)
    assert feedback.verdict == verdict and feedback.mistake is None


def test_an_unrecognised_wrong_answer_still_says_where_it_differs() -> None:
    feedback = diagnose(partial(QUADRATIC, "w1"), "7w1")
    assert feedback.verdict == "incorrect" and feedback.mistake is None
    assert feedback.counterexample is not None


def test_slips_change_only_what_they_name() -> None:
    x = sympy.Symbol("x", real=True)
    function = 3 * sympy.sin(2 * x) + x**4
    for slip in ("power_coefficient", "constant_factor", "chain_factor"):
        slipped = slipped_derivative(function, x, slip)
        assert slipped.sites, slip
        assert sympy.simplify(slipped.result - sympy.diff(function, x)) != 0
    assert slipped_derivative(function, x, "chain_factor").result == 3 * sympy.cos(2 * x) + 4 * x**3
    assert slipped_derivative(x**4, x, "constant_factor").sites == ()


PRACTICE = [
    generate_problem(topic_before_topics(kind), level, kind, seed)
    for level in (1, 2, 3)
    for kind in ("partial", "gradient", "gradient_at", "descent", "optimum")
    for seed in range(4)
]


@pytest.mark.parametrize("problem", PRACTICE, ids=lambda p: f"{p.kind}-{p.level}-{p.seed}")
def test_every_listed_mistake_typed_in_is_recognised_as_a_mistake(problem: Problem) -> None:
    for mistake in likely_mistakes(problem):
        text = ", ".join(to_text(c) for c in mistake.answer)
        feedback = diagnose(problem, f"({text})" if problem.is_vector else text)
        if feedback.correct:
            continue  # the mistake happens to give the right answer for this problem
        assert feedback.mistake is not None, (mistake.code, text)


@pytest.mark.parametrize(
    "problem",
    [p for p in PRACTICE if p.kind in ("partial", "gradient")],
    ids=lambda p: f"{p.kind}-{p.level}-{p.seed}",
)
def test_no_mistake_message_gives_the_answer_away(problem: Problem) -> None:
    # Quoting a piece of the function is fine: the learner sees the function anyway.
    statement = to_text(problem.function)
    answers = [to_text(c) for c in problem.expected if to_text(c) not in statement]
    for mistake in likely_mistakes(problem):
        assert not any(answer in mistake.message for answer in answers), mistake.message


OTHER_KINDS: list[tuple[str, ProblemKind]] = [
    ("stable_rate", "stable_rate"),
    ("hessian", "hessian"),
    ("momentum_step", "momentum_step"),
    ("adam_step", "adam_step"),
    ("adam_step", "rmsprop_step"),
    ("minibatch_gradient", "batch_gradient"),
    ("derivative", "derivative"),
]
EVERY_KIND = [
    generate_problem(topic, level, kind, seed)
    for topic, kind in OTHER_KINDS
    for level in (1, 2, 3)
    for seed in range(2)
]


def _typed(problem: Problem, answer: tuple[sympy.Expr, ...]) -> str:
    texts = [to_text(c) for c in answer]
    if problem.is_matrix:
        return "[" + "; ".join(", ".join(texts[i : i + 2]) for i in range(0, len(texts), 2)) + "]"
    return f"({', '.join(texts)})" if problem.is_vector else texts[0]


@pytest.mark.parametrize(
    "problem", PRACTICE + EVERY_KIND, ids=lambda p: f"{p.kind}-{p.level}-{p.seed}"
)
def test_every_named_mistake_gets_a_hint_with_no_number_in_it(problem: Problem) -> None:
    for mistake in likely_mistakes(problem):
        feedback = diagnose(problem, _typed(problem, mistake.answer))
        if feedback.correct or feedback.mistake is None:
            continue
        assert feedback.hint, (mistake.code, feedback.mistake)
        # A digit only inside a name (w1, β2): never a number, of the answer or any other.
        assert not re.search(r"(?<![\w.])\d", feedback.hint), feedback.hint
        assert not feedback.message.startswith("Not quite"), feedback.message


@pytest.mark.parametrize("seed", range(3))
def test_a_misread_critical_point_gets_a_hint_with_no_number_in_it(seed: int) -> None:
    for level in (1, 2, 3):
        problem = generate_problem("critical_point", level, "critical_point", seed)
        for choice in ("minimum", "maximum", "saddle"):
            feedback = diagnose(problem, choice)
            if not feedback.correct:
                assert feedback.hint and not re.search(r"(?<![\w.])\d", feedback.hint)


@pytest.mark.parametrize(
    ("respect", "answer", "likelier", "other"),
    [
        ("b", "-2(w x + b - y)", "sign", "wrong_variable"),
        ("w", "2(w x + b - y)", "chain_factor", "wrong_variable"),
    ],
)
def test_when_two_explanations_fit_the_likelier_is_named(
    respect: str, answer: str, likelier: str, other: str
) -> None:
    problem = partial("(w x + b - y)^2", respect)
    typed = parse(answer, problem.names)
    fitting = {m.code for m in likely_mistakes(problem) if sympy.expand(m.answer[0] - typed) == 0}
    assert {likelier, other} <= fitting
    assert diagnose(problem, answer).mistake == likelier
