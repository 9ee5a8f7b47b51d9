"""The boxes that sit inside a section, each a three-colon container:

- `::: concept` with a `###` heading first → `<article class="concept">`;
- `::: misconception`: its first paragraph is the mistaken belief, the rest corrects it →
  `<article class="misconception"><p class="belief">…</p><div class="correction">…</div>`;
- `::: note` → `<aside class="note">`, for an aside the main line of thought can skip;
- `::: recap` around one bullet list → `<ul class="recap">`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from steepest.lessons.errors import error_at
from steepest.lessons.tokens import RenderRule, line_of, matching_close, render_token

# Each box kind and the HTML around it; docs/authoring.md lists them all (a test checks).
BOX_TAGS = {
    "concept": ('<article class="concept">', "</article>"),
    "misconception": ('<article class="misconception">', "</article>"),
    "note": ('<aside class="note">', "</aside>"),
    # The list inside carries the class, so the container itself adds no element.
    "recap": ("", ""),
}


def box_plugin(md: MarkdownIt) -> None:
    """Register the concept, misconception, note and recap containers."""
    for name, (open_html, close_html) in BOX_TAGS.items():
        container_plugin(md, name, render=_render_as(open_html, close_html))
    md.core.ruler.after("inline", "box_structure", _shape_boxes)


def _render_as(open_html: str, close_html: str) -> RenderRule:
    def html_of(token: Token) -> str:
        html = open_html if token.nesting == 1 else close_html
        return html + "\n" if html else ""

    return render_token(html_of)


def _shape_boxes(state: StateCore) -> None:
    # Backwards, so inserting a misconception's correction wrapper keeps earlier indices valid.
    for index in range(len(state.tokens) - 1, -1, -1):
        token = state.tokens[index]
        name = token.type.removeprefix("container_").removesuffix("_open")
        if token.nesting != 1 or name not in BOX_TAGS:
            continue
        line = line_of(token)
        if token.info.split() != [name]:
            raise error_at(state.env, line, f"'{token.markup} {name}' takes nothing after its name")
        children = _child_indices(state.tokens, index)
        first = state.tokens[children[0]] if children else None
        if name == "concept" and (first is None or first.tag != "h3"):
            raise error_at(state.env, line, "a concept must start with a '###' heading")
        if name == "recap":
            if first is None or len(children) != 1 or first.type != "bullet_list_open":
                raise error_at(state.env, line, "a recap holds exactly one bullet list")
            first.attrJoin("class", "recap")
        if name == "misconception":
            _split_belief(state, index, children, line)


def _split_belief(state: StateCore, index: int, children: list[int], line: int) -> None:
    tokens = state.tokens
    if len(children) < 2 or tokens[children[0]].type != "paragraph_open":
        raise error_at(
            state.env,
            line,
            "a misconception needs the mistaken belief as its first paragraph "
            "and the correction after it",
        )
    tokens[children[0]].attrJoin("class", "belief")
    level = tokens[index].level + 1
    correction_start = children[1]
    close = matching_close(tokens, index)
    for inner in tokens[correction_start:close]:
        inner.level += 1
    opening = Token("misconception_correction_open", "div", 1, level=level, block=True)
    opening.attrSet("class", "correction")
    closing = Token("misconception_correction_close", "div", -1, level=level, block=True)
    tokens[close:close] = [closing]
    tokens[correction_start:correction_start] = [opening]


def _child_indices(tokens: list[Token], open_index: int) -> list[int]:
    """Indices of the blocks directly inside the container opened at `open_index`."""
    level = tokens[open_index].level + 1
    close = matching_close(tokens, open_index)
    return [
        i
        for i in range(open_index + 1, close)
        if tokens[i].level == level and tokens[i].nesting >= 0
    ]
