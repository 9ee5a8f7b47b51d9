"""Tables (GitHub style), each in a box that scrolls sideways when it is wider than the screen.

    | n | finite differences | one backward pass |
    | ---: | ---: | ---: |
    | 10 | 11 | 2 |

A column's alignment (`---:`, `:---:`) becomes a class, `align-right` or `align-center`:
markdown-it writes it as an inline `style`, which the pages' Content Security Policy blocks.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from steepest.lessons.tokens import render_token

_ALIGNMENTS = {"text-align:left": "align-left", "text-align:right": "align-right",
               "text-align:center": "align-center"}  # fmt: skip


def table_plugin(md: MarkdownIt) -> None:
    """Wrap tables for scrolling and turn alignment styles into classes."""
    md.core.ruler.after("inline", "table_alignment", _alignment_classes)
    # static/js/scroll-boxes.js makes the box focusable while it overflows, for the keyboard.
    md.add_render_rule(
        "table_open", render_token(lambda token: '<div class="table-scroll">\n<table>\n')
    )
    md.add_render_rule("table_close", render_token(lambda token: "</table>\n</div>\n"))


def _alignment_classes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type not in ("th_open", "td_open"):
            continue
        style = token.attrs.pop("style", None)
        if style is not None:
            token.attrJoin("class", _ALIGNMENTS[str(style)])
