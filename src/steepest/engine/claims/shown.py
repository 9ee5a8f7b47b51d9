r"""What a claim shows the reader, read as numbers or expressions the engine can compare.

The shown text is the lesson's own source inside the claim's brackets: `16`, `about 9.8`,
`$x = 1$`, `$\nabla L(1, 1) = (2, 6)$`, `$3 \cdot 2w_2 = 6w_2$`. Reading it:

- "about" (or "≈") before it marks it as rounded; nothing else may stand outside the math;
- only what follows the last `=` counts (or `\approx`, which also marks it rounded), so a
  formula may name what it states;
- LaTeX becomes typed math through a small translation (fractions, roots, `\cdot`, subscripts,
  Greek letters, the relations `<` `\le` `\ge`…, and matrices: `pmatrix`, `bmatrix` and
  `matrix` become `((2, 0), (0, 6))`, a single row or column a vector `(2, 6)`); a command it
  does not know is an error, never a guess.

A number with d decimals stands for every value that rounds to it: |value − shown| ≤ ½·10⁻ᵈ,
so 9.8 is right for 9.826 and wrong for 9.86. Integers and fractions must be exact, except that
"about 16" is rounded to whole units.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import sympy

from steepest.engine.answers.vectors import split_components
from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.functions.table import function_builder
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.vocabulary import GREEK, LATEX_GREEK_VARIANTS

_ROUNDED_WORDS = ("about", "≈")
_MATH = re.compile(r"\$([^$]+)\$")
# `=` but not the one of `<=` or `>=`, which state an inequality (sets.py).
_RELATION = re.compile(r"(?<![<>])=|\\approx(?![A-Za-z])|≈")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")
_INTEGER = re.compile(r"[-+]?\d+")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
# LaTeX commands with a plain typed meaning; spacing commands mean nothing to the grammar.
_SIMPLE_COMMANDS = {
    "cdot": "*",
    "times": "*",
    "left": "",
    "right": "",
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    " ": " ",
    "quad": " ",
    "pi": " pi ",
    "{": "(",
    "}": ")",
    "lt": "<",
    "gt": ">",
    "le": "<=",
    "leq": "<=",
    "leqslant": "<=",
    "ge": ">=",
    "geq": ">=",
    "geqslant": ">=",
}
_MATRICES = ("pmatrix", "bmatrix", "matrix")
_END = re.compile(r"\\(begin|end)\s*\{([A-Za-z]+)\}")
_FRACTIONS = ("frac", "dfrac", "tfrac")
# A number is exact to this many digits when the engine compares it with an exact shown value.
_DIGITS = 50
# Exact forms longer than this are shown only as a decimal in messages.
_SHORT = 16
_SHORT_DECIMALS = 6


@dataclass(frozen=True)
class Shown:
    """The part of the shown text that states the value, in the author's spelling and as typed
    math, and whether the text marks it as rounded."""

    raw: str
    typed: str
    rounded: bool

    def said(self) -> str:
        """For messages: what the lesson says, as the author wrote it."""
        return f"about {self.raw}" if self.rounded else self.raw


@dataclass(frozen=True)
class ShownNumber:
    value: sympy.Expr
    """The exact value of the text: 9.8 is 49/5."""
    decimals: int | None
    """How many decimals it is rounded to; None when it must be exact."""


def read_shown(source: str) -> Shown:
    """Find the stated value in a claim's shown text (see the module docstring)."""
    formulas = _MATH.findall(source)
    words = _MATH.sub(" ", source).replace("≈", " ≈ ").split()
    rounded = bool(words) and words[0] in _ROUNDED_WORDS
    if rounded:
        words = words[1:]
    if len(formulas) + bool(words) != 1:
        raise MathSyntaxError(
            f"the claim shows {source.strip()!r}: show one number or one formula, "
            "with nothing else but 'about' before it"
        )
    text = formulas[0] if formulas else " ".join(words)
    relations = list(_RELATION.finditer(text))
    if relations:
        last = relations[-1]
        rounded = rounded or last.group() != "="
        text = text[last.end() :]
    raw = text.strip()
    if not raw:
        raise MathSyntaxError(f"the claim shows {source.strip()!r}, with no value to check")
    typed = latex_to_typed(raw) if formulas else raw
    return Shown(raw=raw, typed=typed.replace("−", "-"), rounded=rounded)


def read_number(text: str, rounded: bool) -> ShownNumber:
    """One shown number, with the precision it claims."""
    try:
        value = parse(text, variables=[])
    except EngineError as error:
        raise type(error)(f"the shown {text.strip()!r} is not a number: {error.message}") from None
    compact = "".join(text.split())
    decimals = None
    if _DECIMAL.fullmatch(compact):
        decimals = len(compact.rpartition(".")[2])
    elif rounded and _INTEGER.fullmatch(compact):
        decimals = 0
    return ShownNumber(value, decimals)


def read_numbers(shown: Shown) -> list[ShownNumber]:
    """A shown vector such as `(2, -6)`, one number per component."""
    return [read_number(piece, shown.rounded) for piece, _offset in split_components(shown.typed)]


def read_expressions(shown: Shown, read: Callable[[str], sympy.Expr] = parse) -> list[sympy.Expr]:
    """A shown expression, or each component of a shown vector, each read by `read` (the
    parser, with the names the lesson declares)."""
    return [read(piece) for piece, _offset in split_components(shown.typed)]


def agrees(number: ShownNumber, value: sympy.Expr) -> bool:
    """Whether the engine's exact `value` is what the shown number states."""
    gap = value - number.value
    if number.decimals is None:
        if gap.is_Rational:
            return bool(gap == 0)
        return bool(abs(sympy.N(gap, _DIGITS)) < sympy.Rational(1, 10 ** (_DIGITS - 10)))
    tolerance = sympy.Rational(1, 2 * 10**number.decimals)
    if gap.is_Rational:
        return bool(abs(gap) <= tolerance)
    return bool(abs(sympy.N(gap, _DIGITS)) <= tolerance)


def describe_number(value: sympy.Expr) -> str:
    """A number as a message shows it: exact when it is short, with a decimal otherwise."""
    if value.is_Integer:
        return str(value)
    if value.is_Rational and _terminates(int(value.q)):
        return str(Decimal(int(value.p)) / Decimal(int(value.q)))
    approximate = f"{float(value):.4f}".rstrip("0").rstrip(".")
    exact = to_text(value)
    return f"{exact} ≈ {approximate}" if len(exact) <= _SHORT else f"≈ {approximate}"


def _terminates(denominator: int) -> bool:
    """Whether a fraction over `denominator` has at most _SHORT_DECIMALS decimal places."""
    places = 0
    for prime in (2, 5):
        power = 0
        while denominator % prime == 0:
            denominator //= prime
            power += 1
        places = max(places, power)
    return denominator == 1 and places <= _SHORT_DECIMALS


def latex_to_typed(latex: str) -> str:
    """Translate the LaTeX of a shown value into typed math: `\\frac{1}{6}` → `((1)/(6))`."""
    out: list[str] = []
    position = 0
    while position < len(latex):
        char = latex[position]
        if char == "\\":
            position = _command(latex, position, out)
        elif char == "{":
            inner, position = _group(latex, position)
            out.append(f"({latex_to_typed(inner)})")
        elif char == "}":
            raise MathSyntaxError(f"a '}}' closes nothing in {latex!r}")
        elif char == "_":
            index, position = _group(latex, position + 1)
            if not index.strip().isdigit():
                raise MathSyntaxError(f"only numbered subscripts such as w_1 are read: {latex!r}")
            out.append("_" + index.strip())
        elif char == "^":
            power, position = _group(latex, position + 1)
            out.append(f"^({latex_to_typed(power)})")
        else:
            out.append(char)
            position += 1
    return "".join(out)


def _command(latex: str, position: int, out: list[str]) -> int:
    found = _COMMAND.match(latex, position)
    if found is None:
        raise MathSyntaxError(f"a lone backslash ends {latex!r}")
    name, position = found.group(1), found.end()
    if name in _FRACTIONS:
        numerator, position = _group(latex, position)
        denominator, position = _group(latex, position)
        out.append(f"(({latex_to_typed(numerator)})/({latex_to_typed(denominator)}))")
    elif name == "sqrt":
        radicand, position = _group(latex, position)
        out.append(f"sqrt({latex_to_typed(radicand)})")
    elif name == "begin":
        position = _matrix(latex, position, out)
    elif name in _SIMPLE_COMMANDS:
        out.append(_SIMPLE_COMMANDS[name])
    elif name in GREEK or function_builder(name) is not None:
        out.append(f" {name} ")
    elif name in LATEX_GREEK_VARIANTS:
        out.append(f" {LATEX_GREEK_VARIANTS[name]} ")
    else:
        raise MathSyntaxError(f"the claim checker cannot read \\{name} in {latex!r}")
    return position


def _matrix(latex: str, position: int, out: list[str]) -> int:
    """`\\begin{pmatrix} 2 & 0 \\\\ 0 & 6 \\end{pmatrix}` → `((2, 0), (0, 6))`; `position` is
    just after `\\begin`, and the result is where the matching `\\end` stops."""
    environment, position = _group(latex, position)
    if environment not in _MATRICES:
        raise MathSyntaxError(
            f"the claim checker reads the environments {', '.join(_MATRICES)} only, not"
            f" {environment!r}, in {latex!r}"
        )
    depth, body_start = 1, position
    for found in _END.finditer(latex, position):
        depth += 1 if found.group(1) == "begin" else -1
        if depth == 0:
            if found.group(2) != environment:
                raise MathSyntaxError(f"\\begin{{{environment}}} is closed by {found.group()}")
            rows = _matrix_rows(latex[body_start : found.start()])
            out.append(_matrix_text(rows))
            return found.end()
    raise MathSyntaxError(f"\\begin{{{environment}}} is never ended in {latex!r}")


def _matrix_rows(body: str) -> list[list[str]]:
    rows = body.split("\\\\")
    if rows and not rows[-1].strip():
        rows.pop()  # a `\\` after the last row
    return [[latex_to_typed(entry).strip() for entry in row.split("&")] for row in rows]


def _matrix_text(rows: list[list[str]]) -> str:
    """A matrix as typed math; one row or one column is a vector, as people write either."""
    if len(rows) == 1 or all(len(row) == 1 for row in rows):
        entries = [entry for row in rows for entry in row]
        return entries[0] if len(entries) == 1 else "(" + ", ".join(entries) + ")"
    return "(" + ", ".join("(" + ", ".join(row) + ")" for row in rows) + ")"


def _group(latex: str, position: int) -> tuple[str, int]:
    """The argument starting at `position`: a braced group, a command, or one character."""
    while position < len(latex) and latex[position] == " ":
        position += 1
    if position >= len(latex):
        raise MathSyntaxError(f"an argument is missing at the end of {latex!r}")
    if latex[position] == "\\":
        found = _COMMAND.match(latex, position)
        assert found is not None  # a backslash followed by anything matches
        return found.group(), found.end()
    if latex[position] != "{":
        return latex[position], position + 1
    depth = 0
    for end in range(position, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[end], 0)
        if depth == 0:
            return latex[position + 1 : end], end + 1
    raise MathSyntaxError(f"a '{{' is never closed in {latex!r}")
