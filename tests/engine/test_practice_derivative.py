"""The `derivative` practice topic (lesson 01): L′(w) of a loss of one weight, checked against
sympy.diff over many seeds, scored, and its slips named."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem, make_problem
from steepest.engine.problems.solutions import worked_solution
from steepest.engine.problems.topics import TOPICS

W = make_symbol("w")
SEEDS = range(40)
PROBLEMS = [
    generate_problem("derivative", level, "derivative", s) for level in (1, 2, 3) for s in SEEDS
]


def label(problem: Problem) -> str:
    return f"level{problem.level}-seed{problem.seed}"


def test_the_topic_asks_derivatives_at_three_levels() -> None:
    topic = TOPICS["derivative"]
    assert topic.kinds == ("derivative",) and len(topic.levels) == 3


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_key_is_sympy_diff_and_depends_on_w(problem: Problem) -> None:
    assert problem.variables == (W,)
    (key,) = problem.expected
    assert sympy.simplify(key - sympy.diff(problem.function, W)) == 0
    assert key.has(W)


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_key_typed_in_is_correct_alone_or_as_an_equation(problem: Problem) -> None:
    text = to_text(problem.expected[0])
    for typed in (text, f"L'(w) = {text}", f"dL/dw = {text}"):
        feedback = diagnose(problem, typed)
        assert feedback.verdict == "correct", (typed, feedback.message)


def test_levels_grow_from_polynomials_to_products_to_exp_log_and_trig() -> None:
    by_level = {level: [p.function for p in PROBLEMS if p.level == level] for level in (1, 2, 3)}
    assert all(f.is_polynomial(W) and f.is_Add for f in by_level[1])
    # Products and powers stay as drawn, so the product or chain rule is the one to use.
    assert all(f.is_polynomial(W) and (f.is_Mul or f.is_Pow) for f in by_level[2])
    assert all(f.atoms(sympy.Function) for f in by_level[3])
    assert len(set(by_level[3])) >= 15


def test_same_seed_same_problem() -> None:
    assert generate_problem("derivative", 3, "derivative", 11) == PROBLEMS[2 * len(SEEDS) + 11]


def derivative_of(function: str) -> Problem:
    return make_problem("derivative", parse(function, ["w"]), (W,))


@pytest.mark.parametrize(
    ("function", "answer", "code"),
    [
        ("5w^3 - w + 3", "5w^2 - 1", "power_coefficient"),
        ("5w^3 - w + 3", "15w^2 + 2", "kept_constant_term"),
        ("(3w - 2)^2", "2(3w - 2)", "chain_factor"),
        ("sin(3w)", "cos(3w)", "chain_factor"),
        ("exp(-2w)", "exp(-2w)", "chain_factor"),
        ("4w^2 + w", "2w + 1", "constant_factor"),
        ("w^2 - 3w", "-2w + 3", "sign"),
    ],
)
def test_a_classic_slip_is_named(function: str, answer: str, code: str) -> None:
    feedback = diagnose(derivative_of(function), answer)
    assert (feedback.verdict, feedback.mistake) == ("incorrect", code), feedback.message


def test_unreadable_input_is_invalid_and_an_unknown_wrong_answer_says_where_it_differs() -> None:
    problem = derivative_of("w^3")
    invalid = diagnose(problem, "3w^2 +")
    assert (invalid.verdict, invalid.correct) == ("invalid", False) and invalid.column is not None
    wrong = diagnose(problem, "7w")
    assert (wrong.verdict, wrong.mistake) == ("incorrect", None)


@pytest.mark.parametrize("problem", PROBLEMS[:: len(SEEDS) // 4], ids=label)
def test_the_worked_solution_is_one_derivative_step_reaching_the_key(problem: Problem) -> None:
    solution = worked_solution(problem)
    assert solution["answer"] == [to_text(problem.expected[0])]
    (step,) = solution["steps"]
    assert step["kind"] == "partial"
    reached = parse(step["result"].replace("**", "^"), ["w"])
    assert sympy.simplify(reached - problem.expected[0]) == 0
