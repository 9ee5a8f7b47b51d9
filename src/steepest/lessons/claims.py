"""Claims: numbers and formulas in a lesson that the engine must confirm (`steepest check`).

    the volume peaks at [16]{claim="max x(6 - 2x)^2 for x in [0, 3]"}
    the gradient is [$\\nabla L(1, 1) = (2, 6)$]{claim="gradient w1^2 + 3w2^2 at w1 = 1, w2 = 1"}

The brackets hold what the reader sees, rendered as usual (math included); the claim's statement
never reaches the page. What the statements may say, and how the shown text is compared with
the engine's result, is the engine's business (`steepest.engine.claims`); here claims are
only found, with the line each sits on. Claims also work inside a directive's text fields; quote a
YAML value that starts with '[' or use a `>-` block. A question's `check` adds claims too.

`[text]{…}` with anything but `claim="…"` in the braces is an error rather than literal text,
so a misspelt claim cannot silently stop being checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from steepest.lessons.errors import error_at, report
from steepest.lessons.model import Claim
from steepest.lessons.tokens import line_of

_ATTRIBUTE = re.compile(r'\{claim="([^"]*)"\}')
_MARKUP_HINT = 'write a claim as [shown]{claim="statement"}'


@dataclass(frozen=True)
class NotedClaim:
    """A claim as parsing finds it. `line` is exact unless `markup` is set: a claim inside a
    folded YAML field only knows its field's first line until `locate_claims` finds it."""

    claim: Claim
    markup: str | None = None


def claim_plugin(md: MarkdownIt) -> None:
    """Parse `[shown]{claim="statement"}` spans; each is noted in `env["claims"]`."""
    md.inline.ruler.before("link", "claim", _claim_span)
    md.core.ruler.after("inline", "claim_lines", _note_claims)
    md.add_render_rule("claim_open", _render_claim_edge)
    md.add_render_rule("claim_close", _render_claim_edge)


def note_claim(env: EnvType, claim: Claim, markup: str | None = None) -> int:
    """Record a claim for the loader, and return its marker (its place in the list, which is
    shared by every fragment's copy of `env`, so markers are unique in the lesson)."""
    noted: list[NotedClaim] = env.setdefault("claims", [])
    marker = len(noted)
    noted.append(NotedClaim(replace(claim, marker=marker), markup))
    return marker


def locate_claims(source: str, noted: Sequence[NotedClaim]) -> tuple[Claim, ...]:
    """The claims with their exact lines, in the order of the file.

    A noted line is never after the claim's real line, so each marked claim takes the first
    unclaimed occurrence of its markup at or after it. Claims from later fields go first, so
    that an identical claim further down the file is never taken by an earlier field.
    """
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    taken: set[int] = set()
    located: list[Claim] = []
    by_line = sorted(range(len(noted)), key=lambda i: (-noted[i].claim.line, i))
    for index in by_line:
        claim, markup = noted[index].claim, noted[index].markup
        if markup is not None:
            start = line_starts[min(claim.line, len(line_starts)) - 1]
            # A folded YAML field turns line breaks into spaces: any whitespace may stand there.
            pattern = re.compile(r"\s+".join(re.escape(word) for word in markup.split()))
            found = next(
                (m for m in pattern.finditer(source, start) if m.start() not in taken), None
            )
            if found is not None:
                taken.add(found.start())
                claim = replace(claim, line=source.count("\n", 0, found.start()) + 1)
        located.append(claim)
    return tuple(sorted(located, key=lambda c: c.line))


def unread_claim_line(source: str, claims: Sequence[Claim]) -> int | None:
    """The line of the first `{claim="…"}` in `source` that no claim was read from, or None.

    A claim is read only where markdown reads inline text: one inside a formula is formula
    text. A `$` left unclosed pairs with the next one in the paragraph, so the claims between
    them would silently stop being checked. Each attribute is matched with a claim of the same
    statement that starts on its line or above (the shown text may span lines)."""
    unmatched: dict[str, list[int]] = {}
    for claim in claims:
        unmatched.setdefault(claim.statement, []).append(claim.line)
    for attribute in _ATTRIBUTE.finditer(source):
        line = source.count("\n", 0, attribute.start()) + 1
        lines = unmatched.get(" ".join(attribute.group(1).split()), [])
        above = [found for found in lines if found <= line]
        if not above:
            return line
        lines.remove(max(above))
    return None


def _claim_span(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if state.src[start] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, start)
    if label_end < 0 or not state.src.startswith("{", label_end + 1):
        return False
    attribute = _ATTRIBUTE.match(state.src, label_end + 1)
    if attribute is None:
        closing = state.src.find("}", label_end + 1)
        end = len(state.src) if closing < 0 else closing + 1
    else:
        end = attribute.end()
    if not silent:
        opening = state.push("claim_open", "span", 1)
        opening.meta = {
            "offset": start,
            "shown": state.src[start + 1 : label_end],
            "statement": None if attribute is None else " ".join(attribute.group(1).split()),
            "markup": state.src[start:end],
        }
        old_max = state.posMax
        state.pos, state.posMax = start + 1, label_end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        # One meta for both ends, so the closing tag knows whether the opening one was marked.
        state.push("claim_close", "span", -1).meta = opening.meta
    state.pos = end
    return True


def _note_claims(state: StateCore) -> None:
    offset = state.env.get("line_offset", 0)
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        for child in inline.children or ():
            if child.type != "claim_open":
                continue
            meta = child.meta
            line = line_of(inline) + inline.content.count("\n", 0, meta["offset"])
            if meta["statement"] is None:
                report(
                    state.env, error_at(state.env, line, f"{_MARKUP_HINT}, not {meta['markup']}")
                )
            elif not meta["shown"].strip() or not meta["statement"]:
                report(state.env, error_at(state.env, line, f"{_MARKUP_HINT}: both are needed"))
            else:
                claim = Claim(line=offset + line, statement=meta["statement"], shown=meta["shown"])
                meta["marker"] = note_claim(state.env, claim, meta["markup"])


def _render_claim_edge(
    self: RendererProtocol,
    tokens: Sequence[Token],
    index: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """Nothing, unless claims are marked: then a span numbered by the claim's marker."""
    token = tokens[index]
    marker = token.meta.get("marker")
    if marker is None or not env.get("mark_claims"):
        return ""
    return f'<span data-claim="{marker}">' if token.nesting == 1 else "</span>"
