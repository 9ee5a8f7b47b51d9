"""Unicode spellings read as their ASCII meaning, each at the column where it was typed: every
entry of notation/characters.py, checked against the same text typed in ASCII."""

from __future__ import annotations

import re

import pytest
import sympy

from steepest.engine.errors import MathSyntaxError
from steepest.engine.notation.characters import (
    ASCII_MEANING,
    OTHER_SUBSCRIPTS,
    SUBSCRIPT_DIGITS,
    SUPERSCRIPT_MEANING,
    VULGAR_FRACTIONS,
)
from steepest.engine.notation.parser import parse

# A place where each ASCII character means something, with {} where it goes.
CONTEXTS = {
    "-": "x {} 1",
    "+": "x {} 1",
    "*": "2 {} x",
    "/": "x {} 3",
    "^": "x{}3",
    "(": "2{}x + 1)",
    ")": "2(x + 1{}",
    ",": None,  # a separator of vector components, which the vector reader tests
    ".": "0{}5x",
}
ALTERNATES = sorted((chr(code), meaning) for code, meaning in ASCII_MEANING.items())


@pytest.mark.parametrize(("typed", "meaning"), ALTERNATES)
def test_an_alternate_character_reads_as_its_ascii_meaning(typed: str, meaning: str) -> None:
    assert isinstance(meaning, str)
    context = CONTEXTS.get(meaning)
    if context is None:
        if meaning in "[]{}":
            # Brackets that are not round keep the rule of their ASCII twins, at their column.
            with pytest.raises(MathSyntaxError, match="round parentheses") as raised:
                parse(f"x + {typed}")
            assert raised.value.column == 5
        return
    assert parse(context.format(typed)) == parse(context.format(meaning))


@pytest.mark.parametrize(("typed", "meaning"), sorted(SUPERSCRIPT_MEANING.items()))
def test_every_superscript_is_an_exponent(typed: str, meaning: str) -> None:
    if meaning.isalnum():
        assert parse(f"y{typed}") == parse(f"y^({meaning})")
    else:
        # Signs and brackets inside a longer exponent: y⁽²⁺¹⁾ is y^(2+1).
        written = {"+": "²⁺¹", "-": "²⁻¹", "(": "⁽²⁾", ")": "⁽²⁾"}[meaning]
        ascii_text = "".join(SUPERSCRIPT_MEANING[c] for c in written)
        assert parse(f"y{written}") == parse(f"y^({ascii_text})")


@pytest.mark.parametrize(
    ("typed", "ascii_text"),
    [
        ("x⁵⁺³", "x^(5+3)"),
        ("x⁽⁵⁺³⁾", "x^(5+3)"),
        ("x⁵⁵⁻³", "x^(55-3)"),
        ("xⁿ", "x^n"),
        ("x⁽ⁿ⁻¹⁾", "x^(n-1)"),
        ("sin²x", "sin(x)^2"),
        ("x⁻¹", "1/x"),
        ("2.5×10⁻³", "0.0025"),
        ("eᵗ", "e^t"),
    ],
)
def test_a_superscript_expression_is_one_exponent(typed: str, ascii_text: str) -> None:
    assert parse(typed) == parse(ascii_text)


@pytest.mark.parametrize(("typed", "digit"), sorted(SUBSCRIPT_DIGITS.items()))
def test_a_subscript_digit_indexes_a_variable(typed: str, digit: str) -> None:
    assert parse(f"w{typed}") == sympy.Symbol(f"w{digit}", real=True)


@pytest.mark.parametrize("typed", sorted(OTHER_SUBSCRIPTS))
def test_a_subscript_that_is_not_a_digit_is_refused_at_its_column(typed: str) -> None:
    with pytest.raises(MathSyntaxError, match="digits only") as raised:
        parse(f"2 + w{typed}")
    assert raised.value.column == 6


@pytest.mark.parametrize(("typed", "fraction"), sorted(VULGAR_FRACTIONS.items()))
def test_a_vulgar_fraction_is_its_quotient(typed: str, fraction: tuple[int, int]) -> None:
    x = sympy.Symbol("x", real=True)
    assert parse(f"{typed}x") == sympy.Rational(*fraction) * x
    assert parse(f"x^{typed}") == x ** sympy.Rational(*fraction)


@pytest.mark.parametrize("typed", ["2½", "2 ½"])
def test_a_number_before_a_vulgar_fraction_is_ambiguous(typed: str) -> None:
    with pytest.raises(MathSyntaxError, match="ambiguous") as raised:
        parse(typed)
    assert raised.value.column == typed.index("½") + 1


@pytest.mark.parametrize(
    ("typed", "message", "column"),
    [
        ("x ⁼ 1", "unexpected character '⁼'", 3),
        ("x + ∂", "unexpected character '∂'", 5),
        ("2☃", "unexpected character '☃'", 2),
        ("x⁽⁾", "not an exponent", 2),
        ("2⁻", "not an exponent", 2),
        ("x⁽¹⁺⁾", "unexpected ')'", 5),
    ],
)
def test_anything_else_is_refused_at_its_column(typed: str, message: str, column: int) -> None:
    with pytest.raises(MathSyntaxError, match=re.escape(message)) as raised:
        parse(typed)
    assert raised.value.column == column
