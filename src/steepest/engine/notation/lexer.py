"""Turns typed math into tokens, accepting the ASCII and Unicode spellings people really type.

Every token remembers the 1-based column where it starts in the original text, so that every
error can say where it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from steepest.engine.errors import MathSyntaxError
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


_OPERATORS = {
    "+": "+",
    "-": "-",
    "−": "-",  # U+2212 minus sign
    "–": "-",  # en dash, which word processors substitute for a minus
    "*": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "×": "*",
    "/": "/",
    "÷": "/",
    "^": "^",
}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-", strict=True))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))


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
    if text[j : j + 1] in ("+", "-", "−"):
        j += 1
    if not _is_digit(text[j : j + 1]):
        return i
    while j < len(text) and _is_digit(text[j]):
        j += 1
    return j


def tokenize(text: str) -> list[Token]:
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
        elif char in _SUPERSCRIPTS:
            start = i
            while i < n and text[i] in _SUPERSCRIPTS:
                i += 1
            exponent = "".join(_SUPERSCRIPTS[c] for c in text[start:i])
            if not exponent.lstrip("-").isdigit() or exponent.count("-") > 1:
                raise MathSyntaxError(
                    f"superscript {text[start:i]!r} is not a whole number", column
                )
            tokens.append(Token(Kind.SUPERSCRIPT, exponent, column))
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
    while i < n and (_is_digit(text[i]) or text[i] in _SUBSCRIPTS):
        i += 1
    index = "".join(_SUBSCRIPTS.get(c, c) for c in text[start:i])
    return i, index
