"""Vector answers such as a gradient, in the spellings people use:

    (2w1, 6w2)   [2w1, 6w2]   ⟨2w1, 6w2⟩   <2w1, 6w2>   2w1, 6w2     brackets, or none
    (2w1; 6w2)                                                       a semicolon between
    2(w1, 3w2)   2*[w1, 3w2]   -(a, b)                               a factor before them
    (2w1, 6w2)ᵀ  (2w1, 6w2)^T  (2w1, 6w2)'                           a transpose mark after

The grammar has no tuples, so the text is split here, on the separators that are not inside
brackets, and each component (and the factor) goes to the parser on its own. Error columns are
shifted back so that they count from the start of everything the learner typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.characters import ASCII_MEANING
from steepest.engine.notation.parser import parse_written
from steepest.engine.notation.written import Written

_CLOSERS = {"(": ")", "[": "]", "⟨": "⟩", "<": ">"}
_OPENERS = {closer: opener for opener, closer in _CLOSERS.items()}
_SEPARATORS = ",;"
# A transpose changes nothing in a list of components: a column and a row are checked alike.
_TRANSPOSES = ("^T", "^⊤", "ᵀ", "⊤", "'")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def ordinal(index: int) -> str:
    """'first' for index 0; 'component 7' past the named ones."""
    return _ORDINALS[index] if index < len(_ORDINALS) else f"component {index + 1}"


@dataclass(frozen=True)
class VectorText:
    """Where the components of a typed vector are: each as (text, 0-based offset in the whole)."""

    components: list[tuple[str, int]]
    factor: tuple[str, int] | None = None
    """A factor written before the brackets, `2` in 2(w1, w2), when there is one."""


def read_vector_text(text: str) -> VectorText:
    """Split `text` into its components and the factor in front of them, if any."""
    if len(text) > DEFAULT_LIMITS.max_length:
        raise LimitExceeded(f"input longer than {DEFAULT_LIMITS.max_length} characters")
    # One character for one (fullwidth brackets and commas), so offsets stay those typed.
    text = text.translate(ASCII_MEANING)
    end = _without_transpose(text)
    opener = _group_before(text, end)
    if opener is not None and _top_level_separators(text, opener + 1, end - 1):
        factor = text[:opener]
        if factor.strip():
            return VectorText(_split(text, opener + 1, end - 1), (factor, 0))
        return VectorText(_split(text, opener + 1, end - 1))
    if opener is not None and not text[:opener].strip():
        return VectorText(_split(text, opener + 1, end - 1))
    return VectorText(_split(text, 0, len(text)))


def split_components(text: str) -> list[tuple[str, int]]:
    """Each component's text with its 0-based offset, for callers that take no factor."""
    vector = read_vector_text(text)
    if vector.factor is not None:
        raise MathSyntaxError("write each component out, without a factor before the brackets")
    return vector.components


def _without_transpose(text: str) -> int:
    """Where the text ends once trailing spaces and a transpose mark after a bracket are off."""
    end = len(text.rstrip())
    for mark in _TRANSPOSES:
        if text[:end].endswith(mark):
            before = text[: end - len(mark)].rstrip()
            if before and before[-1] in _OPENERS:
                return len(before)
    return end


def _group_before(text: str, end: int) -> int | None:
    """The index of the bracket opening the group that closes at `end`, or None."""
    if end == 0 or text[end - 1] not in _OPENERS:
        return None
    closer = text[end - 1]
    depth = 0
    for i in range(end - 1, -1, -1):
        char = text[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0:
                if _CLOSERS[char] != closer:
                    raise MathSyntaxError(
                        f"{char!r} is closed by {closer!r}: use matching brackets", end
                    )
                return i
    return None


def _top_level_separators(text: str, start: int, end: int) -> bool:
    depth = 0
    for char in text[start:end]:
        if char in _CLOSERS:
            depth += 1
        elif char in _OPENERS:
            depth -= 1
        elif char in _SEPARATORS and depth == 0:
            return True
    return False


def _split(text: str, start: int, end: int) -> list[tuple[str, int]]:
    components = []
    depth = 0
    piece_start = start
    for i in range(start, end):
        char = text[i]
        if char in _CLOSERS:
            depth += 1
        elif char in _OPENERS:
            depth -= 1
        elif char in _SEPARATORS and depth == 0:
            components.append((text[piece_start:i], piece_start))
            piece_start = i + 1
    components.append((text[piece_start:end], piece_start))
    return components


def parse_vector(
    text: str,
    variables: Sequence[str] | None,
    size: int,
    offset: int = 0,
    parameters: Sequence[str] = (),
) -> list[Written]:
    """Parse every component (with its domain as written), times the factor before them, or
    raise the first EngineError with a column in `text`, which starts `offset` characters into
    what was typed."""
    vector = read_vector_text(text)
    components = [(piece, start + offset) for piece, start in vector.components]
    last, last_offset = components[-1]
    if len(components) == size + 1 and not last.strip():
        # `(2x, 2y,)`: point at the comma, not at a component that is not there.
        raise MathSyntaxError("a ',' with nothing after it: remove it", last_offset)
    if len(components) != size:
        found = len(components)
        hint = " separated by commas" if found == 1 else ""
        raise MathSyntaxError(
            f"expected {size} components{hint}, one per variable, but found {found}"
        )
    parsed = []
    for index, (piece, start) in enumerate(components):
        if not piece.strip():
            raise MathSyntaxError(f"the {ordinal(index)} component is empty", start + 1)
        parsed.append(parse_at_offset(piece, start, variables, parameters))
    if vector.factor is None:
        return parsed
    factor_text, factor_start = vector.factor
    factor = read_factor((factor_text, factor_start + offset), variables, parameters)
    return [
        Written(factor.expr * component.expr, (*factor.conditions, *component.conditions))
        for component in parsed
    ]


def read_factor(
    factor: tuple[str, int], variables: Sequence[str] | None, parameters: Sequence[str] = ()
) -> Written:
    """The factor before a vector's brackets: `2`, `2*`, `-`, `1/2`."""
    text, offset = factor
    stripped = text.rstrip()
    if stripped.endswith("*"):
        stripped = stripped[:-1]
    if stripped.strip() in ("-", "+"):
        return Written(sympy.Integer(-1 if stripped.strip() == "-" else 1), ())
    if stripped and stripped[-1] in "+-/^":
        raise MathSyntaxError(
            f"a vector cannot follow {stripped[-1]!r}: only a factor may stand before the"
            " brackets, as in 2(w1, w2)",
            offset + len(stripped),
        )
    return parse_at_offset(stripped, offset, variables, parameters)


def parse_at_offset(
    piece: str, offset: int, variables: Sequence[str] | None, parameters: Sequence[str] = ()
) -> Written:
    """Parse a slice of a longer text, with its domain as written; error columns count from the
    start of the whole text."""
    try:
        return parse_written(piece, variables, parameters=parameters)
    except EngineError as error:
        column = None if error.column is None else error.column + offset
        raise type(error)(error.message, column) from None


def components_message(wrong: Sequence[int], size: int) -> str:
    """'The second component is not right; the first is.' and the like."""
    right = [i for i in range(size) if i not in wrong]
    if not right:
        return "None of the components is right." if size > 1 else "That is not the expected value."
    names = " and ".join(ordinal(i) for i in wrong)
    good = " and ".join(ordinal(i) for i in right)
    verb = "is" if len(wrong) == 1 else "are"
    return f"The {good} {'is' if len(right) == 1 else 'are'} right, but the {names} {verb} not."
