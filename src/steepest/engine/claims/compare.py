"""Compare what a statement comes to (`expected`) with what the lesson shows.

Each number is compared to the precision shown (shown.agrees), each formula as a function
(answers/equivalence: right for every value of its variables and parameters). A vector is
compared item by item in order; a collection shown in any order (eigenvalues) is right when
its items can be paired off one to one; a matrix row by row; a set by its relations and
bounds (sets.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from steepest.engine.answers.equivalence import compare_expressions
from steepest.engine.answers.sampling import read_domains
from steepest.engine.answers.vectors import split_components
from steepest.engine.claims.expected import Expected, MatrixValue, Values, ValueSet, describe
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.sets import read_shown_set, set_agrees
from steepest.engine.claims.shown import Shown, agrees, read_number
from steepest.engine.claims.verdict import ClaimVerdict
from steepest.engine.errors import EngineError


def compare_with_shown(expected: Expected, seen: Shown, names: ClaimNames) -> ClaimVerdict:
    """The verdict on `seen` (the shown text, read) against the engine's `expected`."""
    if isinstance(expected, ValueSet):
        ok = set_agrees(expected, read_shown_set(seen))
    elif isinstance(expected, MatrixValue):
        ok = _matrix_agrees(expected, seen, names)
    else:
        ok = _values_agree(expected, seen, names)
    return ClaimVerdict(ok, seen.said(), describe(expected))


def same_function(expected: sympy.Expr, shown: sympy.Expr) -> bool:
    """Whether two formulas are one function, for every value of every name in them."""
    names = sorted({s.name for s in expected.free_symbols | shown.free_symbols})
    return compare_expressions(expected, shown, names, read_domains(None, names)).equivalent


def _values_agree(expected: Values, seen: Shown, names: ClaimNames) -> bool:
    pieces = [text for text, _offset in split_components(seen.typed)]
    if not expected.vector and not expected.any_order:
        pieces = [seen.typed]
    if len(pieces) != len(expected.items):
        return False
    item = _item_agrees(seen, names)
    if expected.any_order:
        return _paired_off(expected.items, pieces, item)
    return all(item(value, text) for value, text in zip(expected.items, pieces, strict=True))


def _matrix_agrees(expected: MatrixValue, seen: Shown, names: ClaimNames) -> bool:
    rows = [text for text, _offset in split_components(seen.typed)]
    if len(rows) != len(expected.rows):
        return False
    item = _item_agrees(seen, names)
    for want, row_text in zip(expected.rows, rows, strict=True):
        entries = [text for text, _offset in split_components(row_text)]
        if len(entries) != len(want):
            return False
        if not all(item(value, text) for value, text in zip(want, entries, strict=True)):
            return False
    return True


def _item_agrees(seen: Shown, names: ClaimNames) -> Callable[[sympy.Expr, str], bool]:
    """One expected item against one piece of shown text: as a number, or as a formula."""

    def agrees_with(value: sympy.Expr, text: str) -> bool:
        if value.free_symbols:
            return same_function(value, names.read_shown(text))
        try:
            number = read_number(text, seen.rounded)
        except EngineError:
            # A formula where the engine finds a number is wrong, not unreadable.
            names.read_shown(text)
            return False
        return agrees(number, value)

    return agrees_with


def _paired_off(
    items: Sequence[sympy.Expr], pieces: Sequence[str], item: Callable[[sympy.Expr, str], bool]
) -> bool:
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
