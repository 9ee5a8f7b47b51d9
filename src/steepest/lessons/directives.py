"""MyST-style data directives: a code fence whose info string is `{name} argument`.

The fence body is YAML, so authors write data (a widget's parameters, a quiz) rather than
markup. Each directive fence becomes a `directive` token whose `meta["block"]` is the built
dataclass; it renders to nothing here, because the web layer draws it from that dataclass.
Any other fence (```` ```python ````) stays an ordinary code block.

A directive sits directly inside a section, never inside a box or list: the loader cuts the
section's HTML around it, and a cut inside a box would leave its tags unbalanced.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from steepest.lessons.directive_blocks import DIRECTIVES, DirectiveSource
from steepest.lessons.errors import error_at, fragment_env
from steepest.lessons.model import QuestionBlock, TypedQuestionBlock
from steepest.lessons.tokens import line_of, render_nothing
from steepest.lessons.yaml_fields import parse_yaml_mapping

_INFO = re.compile(r"\{([^}\s]*)\}\s*(.*)")


def directive_plugin(md: MarkdownIt) -> None:
    """Turn `{name}` fences into `directive` tokens; unknown names and bad YAML are errors."""
    md.core.ruler.after("inline", "directives", _build_directives)
    md.add_render_rule("directive", render_nothing)


def _build_directives(state: StateCore) -> None:
    env = state.env
    md: MarkdownIt = state.md

    def render_inline(text: str, line: int) -> str:
        return str(md.renderInline(text, fragment_env(env, line)))

    def render_block(text: str, line: int) -> str:
        return str(md.render(text, fragment_env(env, line)))

    question_ids: set[str] = set()
    for token in state.tokens:
        if token.type != "fence" or not token.info.startswith("{"):
            continue
        line = line_of(token)
        match = _INFO.fullmatch(token.info.strip())
        builder = DIRECTIVES.get(match.group(1)) if match else None
        if match is None or builder is None:
            known = ", ".join("{" + name + "}" for name in DIRECTIVES)
            raise error_at(env, line, f"unknown directive '{token.info}' (known: {known})")
        name = match.group(1)
        body = parse_yaml_mapping(token.content or "{}", env, line + 1, f"the {name} directive")
        block = builder(
            DirectiveSource(
                argument=match.group(2),
                body=body,
                line=line,
                env=env,
                render_inline=render_inline,
                render_block=render_block,
            )
        )
        if isinstance(block, QuestionBlock | TypedQuestionBlock):
            if block.id in question_ids:
                raise error_at(env, line, f"question id '{block.id}' is used twice")
            question_ids.add(block.id)
        token.type = "directive"
        token.meta["name"] = name
        token.meta["block"] = block
