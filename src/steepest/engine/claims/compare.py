"""Compare what a statement comes to (`expected.StatementValue`) with what the lesson shows: the
one comparison every kind of statement goes through.

Each number is compared to the precision shown (shown.agrees), each formula as a function
(answers/equivalence: right for every value of its variables and parameters). A value reached
at two places (an argmax) has no one answer and is never right. A vector is compared item by
item in order; a collection shown in any order (eigenvalues) is right when its items can be
paired off one to one; a matrix row by row; a set by its relations and bounds (sets.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from steepest.engine.answers.equivalence import compare_expressions
from steepest.engine.answers.sampling import read_domains
from steepest.engine.answers.vectors import split_components
from steepest.engine.claims.expected import StatementValue
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.sets import read_shown_set, set_agrees
from steepest.engine.claims.shapes import MatrixValue
from steepest.engine.claims.shown import Shown, agrees, read_number
from steepest.engine.claims.verdict import ClaimVerdict
from steepest.engine.errors import EngineError
from steepest.engine.notation.parser import parse


def compare_with_shown(value: StatementValue, seen: Shown, names: ClaimNames) -> ClaimVerdict:
    """The verdict on `seen` (the shown text, read) against the engine's `value`; `names` are
    the ones the statement was read with (expected.statement_names)."""
    words = (seen.said(), value.found)
    if value.ties is not None:
        return ClaimVerdict(False, *words)
    if value.solutions is not None:
        return ClaimVerdict(set_agrees(value.solutions, read_shown_set(seen)), *words)
    item = _item_agrees(seen, value, names)
    if value.matrix is not None:
        return ClaimVerdict(_matrix_agrees(value.matrix, seen, item), *words)
    return ClaimVerdict(_values_agree(value, seen, item), *words)


def same_function(expected: sympy.Expr, shown: sympy.Expr) -> bool:
    """Whether two formulas are one function, for every value of every name in them."""
    names = sorted({s.name for s in expected.free_symbols | shown.free_symbols})
    return compare_expressions(expected, shown, names, read_domains(None, names)).equivalent


def _values_agree(value: StatementValue, seen: Shown, item: _Item) -> bool:
    pieces = [text for text, _offset in split_components(seen.typed)]
    if not value.vector and not value.any_order:
        pieces = [seen.typed]
    if len(pieces) != len(value.values):
        return False
    if value.any_order:
        return _paired_off(value.values, pieces, item)
    return all(item(want, text) for want, text in zip(value.values, pieces, strict=True))


def _matrix_agrees(expected: MatrixValue, seen: Shown, item: _Item) -> bool:
    rows = [text for text, _offset in split_components(seen.typed)]
    if len(rows) != len(expected.rows):
        return False
    for want, row_text in zip(expected.rows, rows, strict=True):
        entries = [text for text, _offset in split_components(row_text)]
        if len(entries) != len(want):
            return False
        if not all(item(value, text) for value, text in zip(want, entries, strict=True)):
            return False
    return True


_Item = Callable[[sympy.Expr, str], bool]


def _item_agrees(seen: Shown, value: StatementValue, names: ClaimNames) -> _Item:
    """One expected item against one piece of shown text: as a number, or as a formula."""

    def agrees_with(want: sympy.Expr, text: str) -> bool:
        if not want.is_number:
            return same_function(want, names.read_shown(text))
        try:
            number = read_number(text, seen.rounded)
        except EngineError as not_a_number:
            # A formula in the statement's own names where a number is due (a quiz's wrong
            # option, `3w2` for ∂(3w2²)/∂w2 at a point) is a wrong value; anything else is not
            # a number, and the lesson's markup is at fault.
            try:
                formula = parse(text, value.names or None)
            except EngineError:
                raise not_a_number from None
            return same_function(want, formula)
        return agrees(number, want)

    return agrees_with


def _paired_off(items: Sequence[sympy.Expr], pieces: Sequence[str], item: _Item) -> bool:
    """Whether every item can be paired with its own piece that it agrees with (a perfect
    matching, by augmenting paths: decimals may fit more than one item)."""
    fits = [[item(value, text) for text in pieces] for value in items]
    partner: dict[int, int] = {}  # piece -> item

    def place(index: int, seen_pieces: set[int]) -> bool:
        for piece, fit in enumerate(fits[index]):
            if fit and piece not in seen_pieces:
                seen_pieces.add(piece)
                if piece not in partner or place(partner[piece], seen_pieces):
                    partner[piece] = index
                    return True
        return False

    return all(place(index, set()) for index in range(len(items)))
