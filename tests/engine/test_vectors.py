"""Vector answers in every usual spelling: brackets of four kinds or none, commas or semicolons,
a factor in front, a transpose mark behind. Each is diagnosed against ∇(w1² + 3w2²) = (2w1, 6w2)
as SymPy differentiates it."""

from __future__ import annotations

import re

import pytest
import sympy

from steepest.engine.answers.vectors import parse_vector, read_vector_text
from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.problems.problem import problem_from_text

W1, W2 = sympy.symbols("w1 w2", real=True)
LOSS = W1**2 + 3 * W2**2
GRADIENT = problem_from_text("gradient", "w1^2 + 3w2^2")
EXPECTED = [sympy.diff(LOSS, W1), sympy.diff(LOSS, W2)]


@pytest.mark.parametrize(
    "text",
    [
        "(2w1, 6w2)",
        "[2w1, 6w2]",
        "⟨2w1, 6w2⟩",
        "<2w1, 6w2>",
        "2w1, 6w2",
        "(2w1; 6w2)",
        "2w1; 6w2",
        "2(w1, 3w2)",
        "2*(w1, 3w2)",
        "2 [w1, 3w2]",
        "-(-2w1, -6w2)",
        "1/2 (4w1, 12w2)",
        "(2w1, 6w2)ᵀ",
        "(2w1, 6w2)^T",
        "(2w1, 6w2)'",
        "[2w1, 6w2]ᵀ ",
        "2(w1, 3w2)ᵀ",
        "（2w1，6w2）",
    ],
)
def test_a_vector_in_any_usual_spelling_is_read_and_judged(text: str) -> None:
    assert [c.expr for c in parse_vector(text, ["w1", "w2"], 2)] == EXPECTED
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "correct", feedback.message


def test_a_factor_before_the_brackets_multiplies_every_component() -> None:
    vector = read_vector_text("3w1 (1, w2)")
    assert vector.factor == ("3w1 ", 0)
    read = parse_vector("3w1 (1, w2)", ["w1", "w2"], 2)
    assert [c.expr for c in read] == [3 * W1, 3 * W1 * W2]


def test_a_wrong_component_after_a_factor_is_named() -> None:
    feedback = diagnose(GRADIENT, "2(w1, 2w2)")
    assert feedback.verdict == "incorrect"
    assert [c.equivalent for c in feedback.components] == [True, False]


def test_a_trailing_comma_is_reported_at_the_comma() -> None:
    text = "(2w1, 6w2,)"
    with pytest.raises(MathSyntaxError, match="nothing after it") as raised:
        parse_vector(text, ["w1", "w2"], 2)
    assert raised.value.column == text.rindex(",") + 1
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "invalid" and feedback.column == text.rindex(",") + 1


@pytest.mark.parametrize(
    ("text", "fragment", "column"),
    [
        ("2^(w1, w2)", "cannot follow '^'", 2),
        ("w1 + (w1, w2)", "cannot follow '+'", 4),
        ("2w3 (w1, w2)", "unknown variable 'w3'", 2),
    ],
)
def test_an_error_in_the_factor_is_at_its_column(text: str, fragment: str, column: int) -> None:
    with pytest.raises(EngineError, match=re.escape(fragment)) as raised:
        parse_vector(text, ["w1", "w2"], 2)
    assert raised.value.column == column


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("(2w1, 6w2]", "matching brackets"),
        ("<2w1, 6w2)", "matching brackets"),
        ("(2w1, 6w2, 0)", "found 3"),
        ("(2w1; )", "second component is empty"),
    ],
)
def test_a_malformed_vector_says_what_is_wrong(text: str, fragment: str) -> None:
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "invalid" and fragment in feedback.message
