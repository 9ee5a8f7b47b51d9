"""Matrix answers (a Hessian): the spellings people use, read by our own parser entry by entry,
with error columns that count from the start of what was typed; and the live preview."""

from __future__ import annotations

import pytest
import sympy

from steepest.compute.tasks.answers import preview
from steepest.compute.tasks.messages import PreviewQuery
from steepest.engine.answers.matrices import looks_like_matrix, parse_matrix
from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.notation.symbols import make_symbol

X, Y = make_symbol("x"), make_symbol("y")
EXPECTED = [2 * X, sympy.Integer(3), sympy.Integer(3), 4 * Y**2]


@pytest.mark.parametrize(
    "typed",
    [
        "[2x, 3; 3, 4y^2]",
        "[[2x, 3], [3, 4y^2]]",
        "((2x, 3), (3, 4y^2))",
        "2x, 3; 3, 4y^2",
        "[2x,3;3,4y²]",
        "［2x, 3; 3, 4y^2］",
    ],
)
def test_every_spelling_gives_the_entries_row_by_row(typed: str) -> None:
    assert [w.expr for w in parse_matrix(typed, ["x", "y"], 2, 2)] == EXPECTED


@pytest.mark.parametrize(
    ("typed", "column"),
    [
        ("[2x, 3; 3, 4y +]", 16),
        ("[2x, 3; , 4y]", 8),
        ("[2x, 3, 3, 4y]", 2),
    ],
)
def test_a_malformed_matrix_says_where(typed: str, column: int) -> None:
    with pytest.raises(MathSyntaxError) as raised:
        parse_matrix(typed, ["x", "y"], 2, 2)
    assert raised.value.column == column


def test_the_wrong_size_says_how_to_type_a_matrix() -> None:
    with pytest.raises(EngineError, match=r"2×2 matrix: 2 rows of 2 entries"):
        parse_matrix("[1, 2; 3, 4; 5, 6]", None, 2, 2)
    with pytest.raises(EngineError, match="matching brackets"):
        parse_matrix("[[1, 2), [3, 4]]", None, 2, 2)


def test_only_two_rows_of_two_or_more_entries_look_like_a_matrix() -> None:
    assert looks_like_matrix("[1, 2; 3, 4]") and looks_like_matrix("[[1, 2], [3, 4]]")
    # A vector with a semicolon, a vector, a number: not matrices.
    assert not any(looks_like_matrix(t) for t in ("(2w1; 6w2)", "(1, 2)", "2x", "[1, 2, 3]"))


def test_the_preview_typesets_a_matrix_and_still_a_vector() -> None:
    matrix = preview(PreviewQuery("H = [2x, 3; 3, 4y]", None, []))
    assert matrix.count("<mtr>") == 2 and matrix.count("<mtd>") == 4
    assert "<mtable>" not in preview(PreviewQuery("(2w1; 6w2)", None, []))
