"""Figures: an image alone in its paragraph, with an optional caption in italics just under it.

    ![A bowl-shaped loss surface](bowl-loss/bowl.svg)
    *The loss $L = w_1^2 + 3w_2^2$ rises on every side of its lowest point.*

renders as `<figure class="figure"><img …><figcaption>The loss …</figcaption></figure>`. The
caption is ordinary inline Markdown (math and claims included); any Markdown viewer shows the
same file as the picture with an italic line under it. An image with text around it on the
same lines stays an inline image.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token


def figure_plugin(md: MarkdownIt) -> None:
    """Turn paragraphs that hold only an image (and its caption) into figures.

    Last of the core rules, so every other rule has seen the paragraph as it was written.
    """
    md.core.ruler.push("figures", _shape_figures)


def _shape_figures(state: StateCore) -> None:
    tokens = state.tokens
    shaped: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        caption = _figure_caption(tokens, index)
        if caption is None:
            shaped.append(token)
            index += 1
            continue
        inline, close = tokens[index + 1], tokens[index + 2]
        token.type, token.tag = "figure_open", "figure"
        token.attrSet("class", "figure")
        close.type, close.tag = "figure_close", "figure"
        image = (inline.children or [])[0]
        inline.children = [image]
        shaped += [token, inline]
        if caption:
            shaped += _caption_tokens(caption, token.level)
        shaped.append(close)
        index += 3
    state.tokens = shaped


def _figure_caption(tokens: Sequence[Token], index: int) -> list[Token] | None:
    """The caption's inline tokens when the paragraph at `index` is a figure ([] for none);
    None when it is not one."""
    token = tokens[index]
    if token.type != "paragraph_open" or token.hidden or index + 2 >= len(tokens):
        return None
    children = tokens[index + 1].children or []
    if not children or children[0].type != "image":
        return None
    rest = children[1:]
    if not rest:
        return []
    # A line break, then one emphasis that runs to the end of the paragraph.
    if (
        len(rest) >= 3
        and rest[0].type in ("softbreak", "hardbreak")
        and rest[1].type == "em_open"
        and rest[-1].type == "em_close"
        and all(inner.level > rest[1].level for inner in rest[2:-1])
    ):
        return rest[2:-1]
    return None


def _caption_tokens(caption: list[Token], level: int) -> list[Token]:
    opening = Token("figcaption_open", "figcaption", 1, level=level, block=True)
    text = Token("inline", "", 0, level=level + 1, children=caption)
    closing = Token("figcaption_close", "figcaption", -1, level=level, block=True)
    return [opening, text, closing]
