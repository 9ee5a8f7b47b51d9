"""Answers typed as equations or sentences are judged by their right-hand side, and a left side
that names another derivative gets a message of its own, which costs nothing."""

from __future__ import annotations

import pytest

from steepest.engine.answers.equations import read_typed_answer
from steepest.engine.errors import MathSyntaxError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.problems.problem import problem_from_text

# ∂/∂w1 of w1² + 3w2² is 2w1; its gradient is (2w1, 6w2); the one-variable w² has slope 2w.
PARTIAL = problem_from_text("partial", "w1^2 + 3w2^2", respect="w1")
GRADIENT = problem_from_text("gradient", "w1^2 + 3w2^2")
ONE_VARIABLE = problem_from_text("partial", "w^2", respect="w")


@pytest.mark.parametrize(
    "typed",
    [
        "dL/dw1 = 2w1",
        "∂L/∂w1 = 2w1",
        "∂L/∂w₁ = 2w1",
        "∂L / ∂w_1 = 2 w1",
        "L_w1 = 2w1",
        "L_{w1} = 2w1",
        "= 2w1",
        "2w1.",
        "∂L/∂w1 = 2w1.",
        "d/dw1 = 2w1",
        "∂/∂w1 = 2w1",
    ],
)
def test_a_partial_typed_as_an_equation_is_judged_by_its_right_side(typed: str) -> None:
    assert diagnose(PARTIAL, typed).verdict == "correct"
    assert diagnose(PARTIAL, typed.replace("2w1", "3w1").replace("2 w1", "3 w1")).verdict == (
        "incorrect"
    )


@pytest.mark.parametrize("typed", ["L'(w) = 2w", "L' = 2w", "dL/dw = 2w", "f'(w) = 2w"])
def test_a_derivative_in_prime_notation_is_read(typed: str) -> None:
    assert diagnose(ONE_VARIABLE, typed).verdict == "correct"


@pytest.mark.parametrize(
    "typed", ["∇L = (2w1, 6w2)", "grad L = [2w1, 6w2]", "∇L(w1, w2) = 2(w1, 3w2)", "(2w1, 6w2)."]
)
def test_a_gradient_typed_as_an_equation_is_judged_by_its_right_side(typed: str) -> None:
    assert diagnose(GRADIENT, typed).verdict == "correct"


@pytest.mark.parametrize(
    ("problem", "typed", "asked"),
    [
        (PARTIAL, "∂L/∂w2 = 2w1", "∂L/∂w1"),
        (PARTIAL, "dL/dw2 = 6w2", "∂L/∂w1"),
        (PARTIAL, "∇L = 2w1", "∂L/∂w1"),
        (GRADIENT, "∂L/∂w1 = (2w1, 6w2)", "∇L"),
    ],
)
def test_a_left_side_naming_another_derivative_has_its_own_message(
    problem: object, typed: str, asked: str
) -> None:
    feedback = diagnose(problem, typed)  # type: ignore[arg-type]
    assert feedback.verdict == "invalid"
    assert asked in feedback.message and "left side" in feedback.message
    assert feedback.column == 1


@pytest.mark.parametrize(
    ("typed", "fragment", "column"),
    [
        ("a = b = 2w1", "only one '='", 7),
        ("2 + w1 = 2w1", "right-hand side", 8),
        ("L(w1) = 2w1", "left side", 1),
    ],
)
def test_an_unreadable_left_side_says_to_give_the_right_side(
    typed: str, fragment: str, column: int
) -> None:
    feedback = diagnose(PARTIAL, typed)
    assert feedback.verdict == "invalid" and fragment in feedback.message
    assert feedback.column == column


def test_an_error_on_the_right_side_counts_columns_from_the_whole_text() -> None:
    typed = "dL/dw1 = 2w1 +"
    feedback = diagnose(PARTIAL, typed)
    assert feedback.verdict == "invalid"
    assert feedback.column == len(typed) + 1


def test_a_full_stop_ends_a_sentence_and_a_decimal_point_stays() -> None:
    assert read_typed_answer("2w.").text == "2w"
    assert read_typed_answer("0.5").text == "0.5"
    assert read_typed_answer("x = 0.5.").text == " 0.5"
    with pytest.raises(MathSyntaxError):
        read_typed_answer("x = y = 1")
