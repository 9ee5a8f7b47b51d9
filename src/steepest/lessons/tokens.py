"""Small questions asked of markdown-it's flat token stream."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict


def line_of(token: Token) -> int:
    """The 1-based line a block token starts on (tokens without a map count as line 1)."""
    return token.map[0] + 1 if token.map else 1


def matching_close(tokens: Sequence[Token], open_index: int) -> int:
    """Index of the token closing the one at `open_index` (itself, if it opens nothing)."""
    depth = 0
    for index in range(open_index, len(tokens)):
        depth += tokens[index].nesting
        if depth <= 0:
            return index
    return len(tokens) - 1


RenderRule = Callable[[RendererProtocol, Sequence[Token], int, OptionsDict, EnvType], str]


def render_token(html_of: Callable[[Token], str]) -> RenderRule:
    """A markdown-it render rule from a function of the one token it renders."""

    def render(
        self: RendererProtocol,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: EnvType,
    ) -> str:
        return html_of(tokens[idx])

    return render


# For tokens that carry data for the loader and show nothing themselves.
render_nothing = render_token(lambda token: "")


def find_in_inline(inline: Token, markup: str, searched_to: int) -> tuple[int, int]:
    """The line (1-based, in the text being parsed) of the next `markup` at or after
    `searched_to` in an inline token's text, and where the search for the one after may start.

    Inline children carry no position of their own, so a rule looking at them in order finds
    each one's markup in the paragraph. Markup that is not found (normalised by the parser)
    counts as where the last one was.
    """
    found = inline.content.find(markup, searched_to)
    position, resume = (searched_to, searched_to) if found < 0 else (found, found + len(markup))
    return line_of(inline) + inline.content.count("\n", 0, position), resume
