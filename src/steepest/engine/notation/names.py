"""Reads a run of letters as the names it stands for.

`xy` is x·y, `sinx` is sin followed by x, `theta1` is one variable. When the caller declares the
variables, only those (plus the whitelisted functions and the constants e and pi) are accepted.
Parameters (constants such as η or λ in a loss) are declared names too: read whole, like the
variables, but never a variable of their own. They may be declared with the variables or
without them, when any other name is still read as undeclared text.
Digits after a function's name make another name, which the table must hold: `log10`, `log_10`
and `log₁₀` are all log10, as `w_1` and `w₁` are w1.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy

from steepest.engine.errors import MathSyntaxError, VariableError
from steepest.engine.functions.table import function_builder, typed_names
from steepest.engine.notation.lexer import Token
from steepest.engine.notation.vocabulary import CONSTANTS, known_words, shown_name

PieceKind = Literal["function", "variable", "constant"]


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    name: str
    column: int


def _kind_of_word(word: str) -> PieceKind:
    if function_builder(word) is not None:
        return "function"
    if word in CONSTANTS:
        return "constant"
    return "variable"


@dataclass(frozen=True)
class DeclaredNames:
    """The names one parse reads whole, in canonical spelling (see symbols.declared_names)."""

    variables: frozenset[str] | None = None
    """None: any name is a variable, and undeclared text is split (`xy` is x·y)."""
    parameters: frozenset[str] = frozenset()

    def split(self, token: Token, before_paren: bool) -> list[Piece]:
        """The pieces a run of letters (and its index) stands for."""
        if self.variables is None:
            return _split_free(token, before_paren, self._parameter_words())
        return _split_declared(token, self.variables | self.parameters, before_paren)

    def _parameter_words(self) -> tuple[str, ...]:
        if not self.parameters:
            return known_words()
        # A parameter's digits are the token's index, read after its letters (`lam2`).
        letters = {name.rstrip("0123456789") for name in self.parameters}
        return tuple(sorted({*known_words(), *letters}, key=len, reverse=True))


ANY_NAME = DeclaredNames()


def _split_free(token: Token, before_paren: bool, words: Sequence[str]) -> list[Piece]:
    letters, index, column = token.letters, token.index, token.column
    pieces: list[Piece] = []
    pos = 0
    while pos < len(letters):
        word = next((w for w in words if letters.startswith(w, pos)), letters[pos])
        pieces.append(Piece(_kind_of_word(word), word, column + pos))
        pos += len(word)
    if (
        before_paren
        and len(letters) > 1
        and all(p.kind != "function" and len(p.name) == 1 for p in pieces)
    ):
        raise MathSyntaxError(f"unknown function {letters + index!r}", column)
    if index:
        last = pieces[-1]
        if last.kind == "function":
            if function_builder(last.name + index) is None:
                raise _unknown_indexed(last, index)
            pieces[-1] = Piece("function", last.name + index, last.column)
        elif last.name == "pi":
            raise MathSyntaxError(f"write an operator between pi and {index}", last.column)
        else:
            # `e1` is a variable named e1, like any letter followed by digits.
            pieces[-1] = Piece("variable", last.name + index, last.column)
    return pieces


def _unknown_indexed(function: Piece, index: str) -> MathSyntaxError:
    message = f"unknown function {function.name + index!r}"
    if function_builder(function.name) is sympy.log:
        message += f": for a logarithm to base {index} write ln(x)/ln({index})"
    return MathSyntaxError(message, function.column)


def _split_declared(token: Token, declared: Collection[str], before_paren: bool) -> list[Piece]:
    text = token.letters + token.index
    words = sorted(
        {*declared, *typed_names(), *(c for c in CONSTANTS if c not in declared)}, key=len
    )
    words.reverse()
    pieces: list[Piece] = []
    pos = 0
    while pos < len(text):
        word = next((w for w in words if text.startswith(w, pos)), None)
        if word is None:
            if before_paren and len(token.letters) > 1 and not pieces:
                raise MathSyntaxError(f"unknown function {text!r}", token.column)
            rest = text[pos:]
            if pieces and pieces[-1].kind == "function" and rest.isdigit():
                raise _unknown_indexed(pieces[-1], rest)
            listed = ", ".join(shown_name(name) for name in sorted(declared))
            raise VariableError(
                f"unknown variable {rest!r} (the variables are {listed})", token.column + pos
            )
        kind: PieceKind = "variable" if word in declared else _kind_of_word(word)
        pieces.append(Piece(kind, word, token.column + pos))
        pos += len(word)
    return pieces


# Longer than any name a lesson needs (`learning_rate` is spelled `lr` or η in ML texts).
MAX_NAME_LETTERS = 16


def is_valid_variable_name(name: str) -> bool:
    """ASCII letters with optional digits: `w1`, `theta2`, and, once declared, `lr` or `loss`.

    A function's name and pi are not variables; `e` may be one when declared. Undeclared text
    is still split into single letters and known words (names.py), so `xy` is x·y.
    """
    letters = name.rstrip("0123456789")
    if not letters or not letters.isascii() or not letters.isalpha():
        return False
    return (
        len(letters) <= MAX_NAME_LETTERS
        and _kind_of_word(letters) != "function"
        and (letters != "pi")
    )
