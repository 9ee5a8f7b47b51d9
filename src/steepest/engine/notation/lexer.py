"""Turns typed math into tokens, accepting the ASCII and Unicode spellings people really type.

Every token remembers the 1-based column where it starts in the original text, so that every
error can say where it happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from steepest.engine.errors import MathSyntaxError
from steepest.engine.notation.characters import (
    ASCII_MEANING,
    OTHER_SUBSCRIPTS,
    SUBSCRIPT_DIGITS,
    SUPERSCRIPT_MEANING,
    VULGAR_FRACTIONS,
)
from steepest.engine.notation.spaces import SPACES
from steepest.engine.notation.vocabulary import GREEK_BY_LETTER


class Kind(Enum):
    NUMBER = "number"
    NAME = "name"  # a run of letters with an optional index: `xy`, `w1`, `w_2`, `w₁`
    OPERATOR = "operator"  # + - * / ^
    OPEN = "("
    CLOSE = ")"
    COMMA = ","
    SUPERSCRIPT = "superscript"  # ², ³, ⁻¹ …: an exponent already attached
    ROOT = "√"
    END = "end of input"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    column: int
    # For NAME tokens: the letters and the index digits, kept apart so `w_1` and `w₁` equal `w1`.
    letters: str = ""
    index: str = ""


# After the swap of notation/characters.py, which maps − · × ÷ and their kin to these.
_OPERATORS = {"+": "+", "-": "-", "*": "*", "/": "/", "^": "^"}
_INTEGER = re.compile(r"-?[0-9]+")


def _is_digit(char: str) -> bool:
    # str.isdigit() is also true of ² and ₁, which have their own meanings here.
    return char.isascii() and char.isdigit()


def _describe(char: str) -> str:
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"


def _skip_exponent(text: str, i: int) -> int:
    """Past a scientific-notation exponent (`e-3`, `E+12`, `e5`) right after a number's digits.

    `2e-3` is 0.002, as in Python and on every calculator ML students use; 2·e − 3 needs a space
    or a star (`2e - 3`, `2*e-3`), and the live preview shows which was read.
    """
    if text[i : i + 1] not in ("e", "E"):
        return i
    j = i + 1
    if text[j : j + 1] in ("+", "-"):
        j += 1
    if not _is_digit(text[j : j + 1]):
        return i
    while j < len(text) and _is_digit(text[j]):
        j += 1
    return j


def tokenize(text: str) -> list[Token]:
    # One character for one, so every column still counts what was typed.
    text = text.translate(ASCII_MEANING)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        column = i + 1
        if char in SPACES:
            i += 1
        elif _is_digit(char) or (char == "." and _is_digit(text[i + 1 : i + 2])):
            start = i
            while i < n and _is_digit(text[i]):
                i += 1
            if i < n and text[i] == ".":
                i += 1
                while i < n and _is_digit(text[i]):
                    i += 1
            i = _skip_exponent(text, i)
            tokens.append(Token(Kind.NUMBER, text[start:i], column))
        elif char.isascii() and char.isalpha():
            start = i
            while i < n and text[i].isascii() and text[i].isalpha():
                i += 1
            letters = text[start:i]
            i, index = _read_index(text, i)
            tokens.append(Token(Kind.NAME, text[start:i], column, letters, index))
        elif char in GREEK_BY_LETTER or char == "π":
            letters = "pi" if char == "π" else GREEK_BY_LETTER[char]
            i, index = _read_index(text, i + 1)
            tokens.append(Token(Kind.NAME, text[column - 1 : i], column, letters, index))
        elif char == "*" and text[i + 1 : i + 2] == "*":
            tokens.append(Token(Kind.OPERATOR, "^", column))
            i += 2
        elif char in _OPERATORS:
            tokens.append(Token(Kind.OPERATOR, _OPERATORS[char], column))
            i += 1
        elif char in SUPERSCRIPT_MEANING:
            start = i
            while i < n and text[i] in SUPERSCRIPT_MEANING:
                i += 1
            tokens.extend(_superscript(text[start:i], column))
        elif char in VULGAR_FRACTIONS:
            # `2½` is 2.5 to a reader and 1 to implicit multiplication: neither is guessed.
            if tokens and tokens[-1].kind is Kind.NUMBER:
                raise MathSyntaxError(
                    f"a number before {char!r} is ambiguous: write 2 + 1/2 or 2*(1/2)", column
                )
            numerator, denominator = VULGAR_FRACTIONS[char]
            tokens += [
                Token(Kind.OPEN, "(", column),
                Token(Kind.NUMBER, str(numerator), column),
                Token(Kind.OPERATOR, "/", column),
                Token(Kind.NUMBER, str(denominator), column),
                Token(Kind.CLOSE, ")", column),
            ]
            i += 1
        elif char in OTHER_SUBSCRIPTS:
            raise MathSyntaxError(
                f"subscript {char!r}: an index is digits only, as in w₁ or w_1", column
            )
        elif char in "()":
            tokens.append(Token(Kind.OPEN if char == "(" else Kind.CLOSE, char, column))
            i += 1
        elif char == ",":
            tokens.append(Token(Kind.COMMA, char, column))
            i += 1
        elif char == "√":
            tokens.append(Token(Kind.ROOT, char, column))
            i += 1
        elif char in "[]{}":
            raise MathSyntaxError(f"use round parentheses instead of {char!r}", column)
        else:
            raise MathSyntaxError(f"unexpected character {_describe(char)}", column)
    tokens.append(Token(Kind.END, "", len(text) + 1))
    return tokens


def _read_index(text: str, i: int) -> tuple[int, str]:
    """Read the digits that index a variable: `1` in w1, `_1` in w_1, `₁` in w₁."""
    n = len(text)
    if i < n and text[i] == "_":
        if not _is_digit(text[i + 1 : i + 2]):
            raise MathSyntaxError("'_' must be followed by digits, as in w_1", i + 1)
        i += 1
    start = i
    while i < n and (_is_digit(text[i]) or text[i] in SUBSCRIPT_DIGITS):
        i += 1
    index = "".join(SUBSCRIPT_DIGITS.get(c, c) for c in text[start:i])
    return i, index


def _superscript(written: str, column: int) -> list[Token]:
    """An exponent written small: `²` and `⁻¹` stay one token (so `sin²x` squares the sine);
    anything else (`⁵⁺³`, `⁽ⁿ⁻¹⁾`, `ⁿ`) is read as ^( … ), each piece at its own column."""
    exponent = "".join(SUPERSCRIPT_MEANING[c] for c in written)
    if _INTEGER.fullmatch(exponent):
        return [Token(Kind.SUPERSCRIPT, exponent, column)]
    if not any(c.isalnum() for c in exponent):
        raise MathSyntaxError(f"superscript {written!r} is not an exponent", column)
    try:
        inner = tokenize(exponent)[:-1]
    except MathSyntaxError as error:
        shifted = None if error.column is None else error.column + column - 1
        raise MathSyntaxError(f"in the superscript: {error.message}", shifted) from None
    moved = [replace(token, column=token.column + column - 1) for token in inner]
    closing = column + len(written) - 1
    return [
        Token(Kind.OPERATOR, "^", column),
        Token(Kind.OPEN, "(", column),
        *moved,
        Token(Kind.CLOSE, ")", closing),
    ]
