"""Checks that make `:::` containers fail loudly instead of guessing.

mdit_py_plugins.container quietly closes a container the author forgot to close (at the end of
its parent) and leaves a misspelt `::: consept` as a paragraph of colons. In a lesson both
would scramble the page without a word, so here both are errors with the line.

Nesting: a container ends at the first line of at least as many colons as opened it, so an
outer container needs a longer fence than anything inside it (`::::` around `:::`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.utils import is_code_block

from steepest.lessons.errors import LessonFormatError, error_at
from steepest.lessons.tokens import line_of

# A closing fence, possibly behind blockquote markers when the container sits in a quote.
_CLOSING_FENCE = re.compile(r"\s*(?:>\s*)*(:{3,})\s*")


def container_checks_plugin(md: MarkdownIt) -> None:
    """Reject unclosed containers and `:::` lines no container claimed.

    Use after registering every container, so the stray-fence rule only sees leftovers.
    """
    md.block.ruler.before(
        "fence",
        "stray_container_fence",
        _stray_fence,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.core.ruler.after("block", "closed_containers", _check_closed)


def _stray_fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if is_code_block(state, start_line):
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[start : state.eMarks[start_line]]
    if not line.startswith(":::"):
        return False
    if silent:
        return True
    name = line.lstrip(":").strip()
    if name:
        message = f"unknown container '{name.split()[0]}'"
    else:
        message = "this closing fence closes nothing (is a container's fence too short?)"
    raise error_at(state.env, start_line + 1, message)


def _check_closed(state: StateCore) -> None:
    """A closed container's map ends on its closing fence, strictly before its parent's does;
    an auto-closed one ends where its parent (or the document) ends.

    A container opened inside one with a fence no longer than its own cannot be closed there:
    its closing fence would close the outer one first. When the two are of one kind (a box in a
    box, a section in a section), which never nest, the outer one was left open and the inner
    one took its fence; a box inside a section merely needs a shorter fence.
    """
    lines = state.src.split("\n")
    enclosing: list[tuple[Token, int]] = []  # each open container, with the line its map ends
    for token in state.tokens:
        if not token.type.startswith("container_"):
            continue
        if token.nesting == -1:
            enclosing.pop()
            continue
        end = token.map[1] if token.map else len(lines)
        fence = _CLOSING_FENCE.fullmatch(lines[end]) if end < len(lines) else None
        parent = enclosing[-1] if enclosing else None
        ends_with_parent = parent is not None and end == parent[1]
        if fence is None or len(fence.group(1)) < len(token.markup) or ends_with_parent:
            if parent is not None and _left_open_before(parent[0], token):
                inner = f"'{token.markup} {_name(token)}' at line {line_of(token)}"
                raise _never_closed(state, parent[0], f" before the {inner}")
            raise _never_closed(state, token, " (an enclosing container needs a longer fence)")
        enclosing.append((token, end))


def _left_open_before(outer: Token, inner: Token) -> bool:
    """Whether `inner`, opened inside `outer`, is where `outer` should have been closed."""
    same_kind = (_name(outer) == "section") == (_name(inner) == "section")
    return same_kind and len(inner.markup) >= len(outer.markup)


def _never_closed(state: StateCore, token: Token, hint: str) -> LessonFormatError:
    return error_at(
        state.env,
        line_of(token),
        f"'{token.markup} {_name(token)}' is never closed: "
        f"end it with a line of '{token.markup}'{hint}",
    )


def _name(token: Token) -> str:
    words = token.info.split()
    return words[0] if words else ""
