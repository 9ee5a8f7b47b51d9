"""Matrix answers such as a Hessian, in the spellings people use:

    [[2, 3], [3, 4]]   ((2, 3), (3, 4))     rows in brackets, separated by commas
    [2, 3; 3, 4]       2, 3; 3, 4            rows separated by semicolons, as in MATLAB

Like a vector (`vectors.py`), the text is split here, on the separators that are not inside
brackets, and each entry goes to the parser on its own; error columns count from the start of
everything the learner typed. The entries come back row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.engine.answers.vectors import parse_at_offset
from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.characters import ASCII_MEANING
from steepest.engine.notation.written import Written

_CLOSERS = {"(": ")", "[": "]"}
_OPENERS = {closer: opener for opener, closer in _CLOSERS.items()}

Piece = tuple[str, int]
"""A slice of the typed text and its 0-based offset in the whole."""


def entry_name(index: int, columns: int) -> str:
    """'entry (1, 2)' for index 1 of a matrix with 2 columns: rows and columns count from 1."""
    row, column = divmod(index, columns)
    return f"entry ({row + 1}, {column + 1})"


def read_matrix_text(text: str, rows: int, columns: int) -> list[Piece]:
    """The entries of a typed `rows`×`columns` matrix, row by row, or a MathSyntaxError that says
    how to type one."""
    entries = read_matrix_rows(text)
    if len(entries) != rows or any(len(row) != columns for row in entries):
        raise MathSyntaxError(
            f"expected a {rows}×{columns} matrix: {rows} rows of {columns} entries, typed as"
            " [a, b; c, d] or [[a, b], [c, d]]"
        )
    return [entry for row in entries for entry in row]


def read_matrix_rows(text: str) -> list[list[Piece]]:
    """The rows of a typed matrix, each a list of its entries, whatever their number; a
    MathSyntaxError when the rows are neither bracketed nor separated by ';'."""
    if len(text) > DEFAULT_LIMITS.max_length:
        raise LimitExceeded(f"input longer than {DEFAULT_LIMITS.max_length} characters")
    text = text.translate(ASCII_MEANING)
    inside = _inside_brackets((text, 0))
    by_semicolon = _split(inside, ";")
    if len(by_semicolon) > 1:
        row_pieces = by_semicolon
    else:
        row_pieces = [_inside_brackets(row, required=True) for row in _split(inside, ",")]
    return [_split(row, ",") for row in row_pieces]


def looks_like_matrix(text: str) -> bool:
    """Whether the text is a matrix of at least two rows and two columns, as the live preview
    shows one; (a; b) is a vector with a semicolon, not a matrix of one column."""
    try:
        rows = read_matrix_rows(text)
    except EngineError:
        return False
    return len(rows) > 1 and all(len(row) > 1 for row in rows)


def parse_matrix(
    text: str,
    variables: Sequence[str] | None,
    rows: int,
    columns: int,
    offset: int = 0,
    parameters: Sequence[str] = (),
) -> list[Written]:
    """Parse every entry, row by row, or raise the first EngineError with a column in `text`,
    which starts `offset` characters into what was typed."""
    parsed = []
    for index, (piece, start) in enumerate(read_matrix_text(text, rows, columns)):
        if not piece.strip():
            raise MathSyntaxError(f"{entry_name(index, columns)} is empty", start + offset + 1)
        parsed.append(parse_at_offset(piece, start + offset, variables, parameters))
    return parsed


def _inside_brackets(piece: Piece, *, required: bool = False) -> Piece:
    """What one pair of brackets around the whole piece holds; the piece itself when it has
    none (and none is `required`)."""
    text, offset = piece
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start < end and text[start] in _CLOSERS and _matching(text, start) == end - 1:
        return text[start + 1 : end - 1], offset + start + 1
    if required:
        raise MathSyntaxError(
            "put each row in brackets, as [[a, b], [c, d]], or separate rows with ';'",
            offset + start + 1,
        )
    return piece


def _matching(text: str, start: int) -> int | None:
    """Where the bracket opened at `start` closes, or None."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in _CLOSERS:
            depth += 1
        elif text[i] in _OPENERS:
            depth -= 1
            if depth == 0:
                if text[i] != _CLOSERS[text[start]]:
                    raise MathSyntaxError(
                        f"{text[start]!r} is closed by {text[i]!r}: use matching brackets", i + 1
                    )
                return i
    return None


def _split(piece: Piece, separator: str) -> list[Piece]:
    """The piece cut at each `separator` outside brackets."""
    text, offset = piece
    found = []
    depth = 0
    begin = 0
    for i, char in enumerate(text):
        if char in _CLOSERS:
            depth += 1
        elif char in _OPENERS:
            depth -= 1
        elif char == separator and depth == 0:
            found.append((text[begin:i], offset + begin))
            begin = i + 1
    found.append((text[begin:], offset + begin))
    return found
