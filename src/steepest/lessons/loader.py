"""Read one lesson file into a `Lesson`: front matter, then sections split into blocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType

from steepest.lessons.claims import locate_claims, unread_claim_line
from steepest.lessons.errors import LessonFormatError, error_at, fragment_env, report
from steepest.lessons.footnotes import split_footnotes
from steepest.lessons.front_matter import read_front_matter
from steepest.lessons.markdown import lesson_markdown
from steepest.lessons.model import Block, HtmlBlock, Lesson, QuestionBlock, Section
from steepest.lessons.reading_time import count_words, reading_minutes
from steepest.lessons.tokens import line_of, matching_close


def load_lesson(path: str | Path, *, mark_claims: bool = False) -> Lesson:
    """Parse the lesson at `path`; any breach of the format is a LessonFormatError, and so is
    a file that cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise LessonFormatError(path, 1, "a lesson file must be UTF-8 text") from err
    except OSError as err:
        raise LessonFormatError(path, 1, f"cannot read the file: {err.strerror}") from err
    return parse_lesson(text, path, mark_claims=mark_claims)


def parse_lesson(
    text: str,
    path: Path,
    *,
    deferred_errors: list[LessonFormatError] | None = None,
    mark_claims: bool = False,
) -> Lesson:
    """Parse lesson Markdown that came from `path` (used for the slug check and in errors).

    With `deferred_errors`, mistakes that leave the rest readable (a formula that cannot be
    typeset) are added to that list instead of raised, so a check can report all of them.
    With `mark_claims`, each claim's shown text is wrapped in `<span data-claim="N">`, N being
    the claim's `marker`, so a page for the author can mark the claims that fail.
    """
    md = lesson_markdown()
    # Lists every fragment's copy of `env` shares, so notes made in a directive's field count.
    env: EnvType = {
        "lesson_path": str(path),
        "claims": [],
        "images": [],
        "lesson_links": [],
        "mark_claims": mark_claims,
    }
    if deferred_errors is not None:
        env["deferred_errors"] = deferred_errors
    tokens = md.parse(text, env)
    front = read_front_matter(tokens[0] if tokens else None, env, path.stem)
    summary_html = md.renderInline(front.summary, fragment_env(env, front.summary_line))
    body, footnotes_html = split_footnotes(tokens[1:], md, env)
    sections = tuple(_sections(body, md, env))
    if not sections:
        raise error_at(env, 1, "a lesson needs at least one ':::: section'")
    claims = locate_claims(text, env["claims"])
    unread = unread_claim_line(text, claims)
    # Another mistake already reported (a note never cited, say) may be why a claim went
    # unread; then that one is the message to fix first.
    if unread is not None and not env.get("deferred_errors"):
        message = "this claim is read as part of a formula, so nothing would check it"
        report(env, error_at(env, unread, f"{message}: is a '$' left open before it?"))
    words = (
        count_words(summary_html)
        + count_words(footnotes_html)
        + sum(_words(block) for section in sections for block in section.blocks)
    )
    return Lesson(
        slug=front.slug,
        title=front.title,
        course=front.course,
        unit=front.unit,
        number=front.number,
        difficulty=front.difficulty,
        summary_html=summary_html,
        reading_minutes=reading_minutes(words),
        next=front.next,
        sections=sections,
        source_path=path,
        claims=claims,
        variables=front.variables,
        parameters=front.parameters,
        names_line=front.names_line,
        slug_line=front.slug_line,
        number_line=front.number_line,
        images=tuple(dict.fromkeys(env["images"])),
        links=tuple(sorted(env["lesson_links"], key=lambda link: link.line)),
        footnotes_html=footnotes_html,
        practice=front.practice,
    )


def _sections(tokens: list[Token], md: MarkdownIt, env: EnvType) -> Iterator[Section]:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        close = matching_close(tokens, index)
        if token.type != "container_section_open":
            line = line_of(token)
            raise error_at(env, line, "everything after the front matter goes in a ':::: section'")
        yield Section(
            id=str(token.meta["id"]),
            title=str(token.meta["title"]),
            blocks=tuple(_blocks(tokens[index + 1 : close], md, env)),
        )
        index = close + 1


def _blocks(tokens: list[Token], md: MarkdownIt, env: EnvType) -> Iterator[Block]:
    """Runs of ordinary tokens become one HtmlBlock each; a directive becomes its own block."""
    pending: list[Token] = []
    for token in tokens:
        if token.type != "directive":
            pending.append(token)
            continue
        if token.level != 1:
            line = line_of(token)
            raise error_at(
                env, line, "a directive sits directly in a section, not inside a box or list"
            )
        if pending:
            yield HtmlBlock(md.renderer.render(pending, md.options, env))
            pending = []
        yield token.meta["block"]
    if pending:
        yield HtmlBlock(md.renderer.render(pending, md.options, env))


def _words(block: Block) -> int:
    if isinstance(block, HtmlBlock):
        return count_words(block.html)
    if isinstance(block, QuestionBlock):
        texts = [block.prompt_html, block.explanation_html]
        for option in block.options:
            texts += [option.html, option.feedback_html or ""]
        return sum(count_words(text) for text in texts)
    return 0
