"""Vector answers such as a gradient: `(2w1, 6w2)`, `[2w1, 6w2]` or just `2w1, 6w2`.

The grammar has no tuples, so the text is split here, on the commas that are not inside
parentheses, and each component goes to the parser on its own. Error columns are shifted back
so that they count from the start of everything the learner typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.parser import parse

_CLOSERS = {"(": ")", "[": "]", "⟨": "⟩"}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def ordinal(index: int) -> str:
    """'first' for index 0; 'component 7' past the named ones."""
    return _ORDINALS[index] if index < len(_ORDINALS) else f"component {index + 1}"


def split_components(text: str) -> list[tuple[str, int]]:
    """Each component's text with the 0-based offset where it starts in `text`.

    One pair of enclosing brackets is optional; commas inside parentheses do not split.
    """
    if len(text) > DEFAULT_LIMITS.max_length:
        raise LimitExceeded(f"input longer than {DEFAULT_LIMITS.max_length} characters")
    start, end = _enclosing_brackets(text)
    components = []
    depth = 0
    piece_start = start
    for i in range(start, end):
        char = text[i]
        if char in _CLOSERS:
            depth += 1
        elif char in _CLOSERS.values():
            depth -= 1
        elif char == "," and depth == 0:
            components.append((text[piece_start:i], piece_start))
            piece_start = i + 1
    components.append((text[piece_start:end], piece_start))
    return components


def _enclosing_brackets(text: str) -> tuple[int, int]:
    """The slice inside one pair of brackets around the whole text, or the whole text."""
    stripped = text.strip()
    if not stripped or stripped[0] not in _CLOSERS:
        return 0, len(text)
    first = text.index(stripped[0])
    last = first + len(stripped) - 1
    depth = 0
    for i in range(first, last + 1):
        if text[i] in _CLOSERS:
            depth += 1
        elif text[i] in _CLOSERS.values():
            depth -= 1
            if depth == 0 and i < last:
                return 0, len(text)  # `(a)(b), c`: the first bracket closes early
    if depth == 0 and text[last] == _CLOSERS[text[first]]:
        return first + 1, last
    if depth == 0:
        raise MathSyntaxError(
            f"{text[first]!r} is closed by {text[last]!r}: use matching brackets", last + 1
        )
    return 0, len(text)


def parse_vector(text: str, variables: Sequence[str], size: int) -> list[sympy.Expr]:
    """Parse every component, or raise the first EngineError with a column in `text`."""
    components = split_components(text)
    if len(components) != size:
        found = len(components)
        hint = " separated by commas" if found == 1 else ""
        raise MathSyntaxError(
            f"expected {size} components{hint}, one per variable, but found {found}"
        )
    parsed = []
    for index, (piece, offset) in enumerate(components):
        if not piece.strip():
            raise MathSyntaxError(f"the {ordinal(index)} component is empty", offset + 1)
        parsed.append(parse_at_offset(piece, offset, variables))
    return parsed


def parse_at_offset(piece: str, offset: int, variables: Sequence[str]) -> sympy.Expr:
    """Parse a slice of a longer text; error columns count from the start of the whole text."""
    try:
        return parse(piece, variables)
    except EngineError as error:
        column = None if error.column is None else error.column + offset
        raise type(error)(error.message, column) from None


def components_message(wrong: Sequence[int], size: int) -> str:
    """'The second component is not right; the first is.' and the like."""
    right = [i for i in range(size) if i not in wrong]
    if not right:
        return "Not quite: none of the components is right." if size > 1 else "Not quite."
    names = " and ".join(ordinal(i) for i in wrong)
    good = " and ".join(ordinal(i) for i in right)
    verb = "is" if len(wrong) == 1 else "are"
    return f"The {good} {'is' if len(right) == 1 else 'are'} right, but the {names} {verb} not."
