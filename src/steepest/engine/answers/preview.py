"""The live preview of a typed answer: read as its check reads it, shown as the learner typed it.

Given the shape the check reads (`Shape`: a formula, a vector of so many components, a matrix
of so many rows and columns) and the names it allows, the preview reads the text with the
checker's own functions and raises the error the check would report; so whatever it shows, the
check can judge. What it shows is the learner's form (notation/shown.py): 2(wx + b − y) is not
expanded, 0.164 is not made 41/250. Without a question (the open API), any names are allowed
and the shape is the one typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.engine.answers.equations import TypedAnswer, read_typed_answer
from steepest.engine.answers.matrices import (
    looks_like_matrix,
    parse_matrix,
    read_matrix_rows,
    read_matrix_text,
)
from steepest.engine.answers.vectors import parse_at_offset, parse_vector, read_vector_text
from steepest.engine.notation.printing import (
    mathml_math,
    mathml_matrix,
    mathml_operator,
    mathml_row,
    mathml_vector,
    shown_mathml_fragment,
)
from steepest.engine.notation.shown import shown_expression

Piece = tuple[str, int]
Shape = int | tuple[int, int] | None
"""What the check reads: None for one formula, the size of a vector, or a matrix's rows and
columns."""


def preview_typed(
    typed: TypedAnswer, variables: Sequence[str], parameters: Sequence[str], shape: Shape
) -> str:
    """The right-hand side of an answer, read as a check of that shape reads it, typeset as
    typed."""
    names = _Names(variables, parameters)
    if isinstance(shape, tuple):
        rows, columns = shape
        parse_matrix(typed.text, variables, rows, columns, typed.offset, parameters)
        entries = read_matrix_text(typed.text, rows, columns)
        return names.matrix([entries[i : i + columns] for i in range(0, len(entries), columns)])
    if shape is not None:
        return _vector(typed, names, shape)
    parse_at_offset(typed.text, typed.offset, variables, parameters)
    return mathml_math(names.shown(typed.text))


def preview_text(text: str, variables: Sequence[str] | None, parameters: Sequence[str]) -> str:
    """Any typed text, without a question: a formula, a vector or a matrix, as typed."""
    typed = read_typed_answer(text)
    names = _Names(variables, parameters)
    if looks_like_matrix(typed.text):
        rows = read_matrix_rows(typed.text)
        parse_matrix(typed.text, variables, len(rows), len(rows[0]), typed.offset, parameters)
        return names.matrix(rows)
    return _vector(typed, names, len(read_vector_text(typed.text).components))


def _vector(typed: TypedAnswer, names: _Names, size: int) -> str:
    parse_vector(typed.text, names.variables, size, typed.offset, names.parameters)
    vector = read_vector_text(typed.text)
    parts = [names.shown(piece) for piece, _ in vector.components]
    if size == 1:
        return mathml_math(parts[0])
    shown = mathml_vector(parts)
    if vector.factor is not None:
        shown = mathml_row(names.factor(vector.factor[0]), shown)
    return mathml_math(shown)


class _Names:
    """The names the text was read with, to show each piece of it as typed."""

    def __init__(self, variables: Sequence[str] | None, parameters: Sequence[str]) -> None:
        self.variables = variables
        self.parameters = parameters

    def shown(self, text: str) -> str:
        expr = shown_expression(text, self.variables, parameters=self.parameters)
        return shown_mathml_fragment(expr)

    def factor(self, text: str) -> str:
        """The factor before a vector's brackets (vectors.read_factor): `2`, `2*`, `-`."""
        written = text.strip().removesuffix("*").strip()
        if written in ("-", "+"):
            return mathml_operator("-") if written == "-" else ""
        return self.shown(written)

    def matrix(self, rows: Sequence[Sequence[Piece]]) -> str:
        return mathml_math(mathml_matrix([[self.shown(text) for text, _ in row] for row in rows]))
