"""Footnotes: `[^label]` where a note is cited, `[^label]: the note` anywhere in the file.

    A step goes against the gradient[^sign].

    [^sign]: Add the gradient instead and every step climbs.

mdit_py_plugins.footnote parses them. The notes are numbered in the order they are first
cited and shown after the lesson's last section under the heading "Notes", each with a link
back to every place that cites it. Their ids (`fn:1`, `fnref:1`) hold a colon, which a section
id never does, so the two cannot clash.

A citation with no note, a note never cited and a label defined twice are errors with their
line (the plugin would show the first as literal text and drop the second without a word).
Footnotes belong to the lesson's prose: the summary and a directive's fields cannot hold one.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.footnote import footnote_plugin

from steepest.lessons.errors import error_at, is_fragment, report
from steepest.lessons.tokens import find_in_inline, line_of, render_token

HEADING_ID = "fn:heading"
_ONLY_IN_PROSE = "a footnote goes in the lesson's text, not in the summary or a directive's field"


def lesson_footnote_plugin(md: MarkdownIt) -> None:
    """Footnotes as lessons write them: `[^label]` only (no inline `^[…]` notes), checked."""
    # Every `[^label]` is read as a citation, so one with no note is found and reported.
    footnote_plugin(md, inline=False, always_match_refs=True)
    # Before the plugin's own rule (also after "inline") gathers the notes and drops unused ones.
    md.core.ruler.after("inline", "footnote_checks", _check_footnotes)
    md.add_render_rule("footnote_ref", render_token(_citation_html))
    md.add_render_rule("footnote_block_open", render_token(lambda token: _BLOCK_OPEN))
    md.add_render_rule("footnote_block_close", render_token(lambda token: "</ol>\n</section>\n"))
    md.add_render_rule("footnote_open", render_token(_note_open_html))
    md.add_render_rule("footnote_anchor", render_token(_back_link_html))


def split_footnotes(tokens: list[Token], md: MarkdownIt, env: EnvType) -> tuple[list[Token], str]:
    """The tokens before the notes the plugin gathered at the end, and the notes as HTML."""
    start = next(
        (index for index, token in enumerate(tokens) if token.type == "footnote_block_open"),
        len(tokens),
    )
    notes = tokens[start:]
    for token in notes:
        if token.type == "directive":
            raise error_at(
                env, line_of(token), "a directive sits directly in a section, not in a footnote"
            )
    return tokens[:start], md.renderer.render(notes, md.options, env) if notes else ""


def _check_footnotes(state: StateCore) -> None:
    env = state.env
    defined: dict[str, int] = {}
    for token in state.tokens:
        if token.type != "footnote_reference_open":
            continue
        label, line = str(token.meta["label"]), line_of(token)
        if is_fragment(env):
            report(env, error_at(env, line, _ONLY_IN_PROSE))
        elif label in defined:
            message = f"the note [^{label}] is written twice (first on line {defined[label]})"
            report(env, error_at(env, line, message))
        defined.setdefault(label, line)
    cited: set[str] = set()
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        searched_to = 0
        for child in inline.children or ():
            if child.type != "footnote_ref":
                continue
            label = str(child.meta["label"])
            line, searched_to = find_in_inline(inline, f"[^{label}]", searched_to)
            if is_fragment(env):
                report(env, error_at(env, line, _ONLY_IN_PROSE))
            elif label not in defined:
                message = f"[^{label}] cites no note: write one as a line '[^{label}]: …'"
                report(env, error_at(env, line, message))
            cited.add(label)
    for label, line in defined.items():
        if label not in cited and not is_fragment(env):
            report(env, error_at(env, line, f"the note [^{label}] is never cited"))


_BLOCK_OPEN = (
    f'<section class="footnotes" aria-labelledby="{HEADING_ID}">\n'
    f'<h2 id="{HEADING_ID}">Notes</h2>\n<ol class="footnotes-list">\n'
)


def _number(token: Token) -> int:
    return int(token.meta["id"]) + 1


def _citation_suffix(token: Token) -> str:
    """A second citation of one note needs an id of its own to come back to."""
    sub_id = int(token.meta.get("subId", 0))
    return f":{sub_id}" if sub_id > 0 else ""


def _citation_html(token: Token) -> str:
    number = _number(token)
    return (
        f'<sup class="footnote-ref"><a href="#fn:{number}" '
        f'id="fnref:{number}{_citation_suffix(token)}">'
        f'<span class="visually-hidden">Note </span>{number}</a></sup>'
    )


def _note_open_html(token: Token) -> str:
    return f'<li id="fn:{_number(token)}" class="footnote-item">'


def _back_link_html(token: Token) -> str:
    number, sub_id = _number(token), int(token.meta["subId"])
    label = f"Back to the text of note {number}"
    if sub_id > 0:
        label += f", citation {sub_id + 1}"
    # U+FE0E keeps the arrow a text glyph, not an emoji, on iOS.
    return (
        f' <a href="#fnref:{number}{_citation_suffix(token)}" class="footnote-backref" '
        f'aria-label="{label}">\u21a9\ufe0e</a>'
    )
