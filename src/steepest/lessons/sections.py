"""`:::: section <id>` containers: the top-level parts of a lesson, each opening with `##`.

    :::: section intuition
    ## Build the intuition
    …
    ::::

renders as `<section id="intuition" aria-labelledby="intuition-heading">` with the heading given
that id, so the page outline and screen readers name each section by its own heading. Sections
use four colons because the boxes inside them use three.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.container import container_plugin

from steepest.lessons.errors import error_at
from steepest.lessons.model import heading_id_for
from steepest.lessons.tokens import line_of, render_token

_SECTION_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def section_plugin(md: MarkdownIt) -> None:
    """Register `section` containers; each open token gets `meta["id"]` and `meta["title"]`."""
    container_plugin(md, "section", render=render_token(_section_html))
    md.core.ruler.after("inline", "section_headings", _label_sections)


def section_open_tag(section_id: str) -> str:
    return (
        f'<section id="{escapeHtml(section_id)}" '
        f'aria-labelledby="{escapeHtml(heading_id_for(section_id))}">'
    )


def plain_text(inline: Token) -> str:
    """The words of an inline token without markup, e.g. a heading's text for a title."""
    parts = []
    for child in inline.children or ():
        if child.type in {"text", "code_inline", "math_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return "".join(parts).strip()


def _label_sections(state: StateCore) -> None:
    seen: set[str] = set()
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "container_section_open":
            continue
        line = line_of(token)
        section_id = _section_id(token, state.env, line)
        if section_id in seen:
            raise error_at(state.env, line, f"section id '{section_id}' is used twice")
        seen.add(section_id)
        if token.level != 0:
            raise error_at(state.env, line, "a section cannot sit inside another container")
        heading = tokens[index + 1] if index + 1 < len(tokens) else None
        if heading is None or heading.type != "heading_open" or heading.tag != "h2":
            raise error_at(
                state.env, line, f"section '{section_id}' must start with a '##' heading"
            )
        heading.attrSet("id", heading_id_for(section_id))
        token.meta["id"] = section_id
        token.meta["title"] = plain_text(tokens[index + 2])


def _section_id(token: Token, env: EnvType, line: int) -> str:
    words = token.info.split()
    if len(words) != 2 or not _SECTION_ID.fullmatch(words[1]):
        raise error_at(
            env, line, "write a section as ':::: section <id>' with an id like 'see-it-move'"
        )
    return words[1]


def _section_html(token: Token) -> str:
    if token.nesting == 1:
        return section_open_tag(str(token.meta["id"])) + "\n"
    return "</section>\n"
