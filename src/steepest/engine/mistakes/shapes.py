"""Mistakes in the shape of an answer rather than its value: a number where a formula is asked,
a formula where a number is.

They match no one wrong answer, so the catalogue cannot list them; they are read off the
answer as parsed, by the names it depends on (a parsed `w1 - w1` is already 0), and named only
when no mistake of the catalogue explains the answer.
"""

from __future__ import annotations

import sympy

from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.notation.symbols import natural_key
from steepest.engine.notation.vocabulary import GREEK


def shape_mistake(expected: sympy.Expr, given: sympy.Expr, what: str) -> Mistake | None:
    """The answer's shape, when it is not the shape of what is asked (`what`: ∂L/∂w1)."""
    needed = _names(expected.free_symbols)
    extra = _names(given.free_symbols - expected.free_symbols)
    if needed and not given.free_symbols:
        message = (
            f"That is a number, but {what} depends on {needed}: give it as a formula in {needed}."
        )
        hint = f"The question asks for a formula in {needed}, not a number."
        return Mistake("number_for_formula", (given,), message, hint)
    if extra and not needed:
        message = (
            f"Your answer still has {extra} in it, but {what} is a number: put in the values"
            " the question gives and work it out."
        )
        hint = f"The question asks for a number: your answer still has {extra} in it."
        return Mistake("formula_for_number", (given,), message, hint)
    return None


def _names(symbols: set[sympy.Basic]) -> str:
    """w1 and η: the names as a learner writes them, Greek as glyphs."""
    names = sorted((str(s) for s in symbols), key=natural_key)
    return " and ".join(GREEK.get(name, name) for name in names)
