"""Links between lessons, and to their sections.

    [the gradient](partial-derivatives-and-the-gradient)
    [the recap](partial-derivatives-and-the-gradient#recap)
    [the same](/lessons/partial-derivatives-and-the-gradient#recap)
    [the worked example above](#worked-example)

A lesson is named by its slug, alone or as the path of its page; `#id` names a section (its
`:::: section id`). Every such link is written into the page as `/lessons/SLUG#id`, which
`steepest serve` answers and `steepest export` makes relative. A link with a scheme
(`https://…`, `mailto:…`) leaves the course and is kept as it is; any other address (a file,
another path on the site) would work in one of those places only, and is an error.

Parsing one lesson cannot know the others, so links are only noted here, in
`env["lesson_links"]`; `broken_links` holds them against the course, for `steepest check`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Mapping

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.utils import EnvType

from steepest.lessons.errors import LessonFormatError, error_at, report
from steepest.lessons.model import Lesson, LessonLink
from steepest.lessons.tokens import find_in_inline

_SECTION_TARGET = re.compile(r"#(.+)")
_LESSON_TARGET = re.compile(r"(?:/lessons/)?([a-z0-9]+(?:-[a-z0-9]+)*)(?:#(.+))?")
_LEAVES_THE_COURSE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")
_FORMS = (
    "a lesson's slug (partial-derivatives-and-the-gradient#recap), "
    "a section (#recap) or a web address (https://…)"
)

SectionIds = Collection[str] | None
"""A lesson's section ids; None when its file is there but did not load (only its name known)."""


def lesson_link_plugin(md: MarkdownIt) -> None:
    """Point links to lessons at `/lessons/SLUG#id`; note each in `env["lesson_links"]`."""
    md.core.ruler.after("inline", "lesson_links", _note_links)


def broken_links(lesson: Lesson, course: Mapping[str, SectionIds]) -> Iterator[LessonFormatError]:
    """Each link of `lesson` to a lesson `course` does not have, or to a section it lacks."""
    for link in lesson.links:
        slug = lesson.slug if link.slug is None else link.slug
        if slug not in course:
            yield LessonFormatError(
                lesson.source_path, link.line, _unknown_lesson(lesson, slug, course)
            )
            continue
        sections = course[slug]
        if link.section is None or sections is None or link.section in sections:
            continue
        whose = "this lesson has" if link.slug is None else f"lesson '{slug}' has"
        listed = ", ".join(sections)
        message = f"{whose} no section '{link.section}' (its sections: {listed})"
        yield LessonFormatError(lesson.source_path, link.line, message)


def _unknown_lesson(lesson: Lesson, slug: str, course: Mapping[str, SectionIds]) -> str:
    if lesson.next is not None and lesson.next.slug == slug:
        return f"lesson '{slug}' is not written yet: link to it once it is"
    message = f"there is no lesson '{slug}' in this course"
    close = difflib.get_close_matches(slug, list(course), n=1)
    return f"{message}: did you mean '{close[0]}'?" if close else message


def _note_links(state: StateCore) -> None:
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        searched_to = 0
        for child in inline.children or ():
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            line, searched_to = find_in_inline(inline, f"({href}", searched_to)
            if _LEAVES_THE_COURSE.match(href):
                continue
            link = _lesson_link(href, _file_line(state.env, line))
            if link is None:
                message = f"the link '{href}' goes nowhere Steepest serves: write {_FORMS}"
                report(state.env, error_at(state.env, line, message))
                continue
            if link.slug is not None:
                fragment = "" if link.section is None else f"#{link.section}"
                child.attrSet("href", f"/lessons/{link.slug}{fragment}")
            _note(state.env, link)


def _lesson_link(href: str, line: int) -> LessonLink | None:
    section = _SECTION_TARGET.fullmatch(href)
    if section is not None:
        return LessonLink(line=line, slug=None, section=section.group(1))
    lesson = _LESSON_TARGET.fullmatch(href)
    if lesson is None:
        return None
    return LessonLink(line=line, slug=lesson.group(1), section=lesson.group(2))


def _note(env: EnvType, link: LessonLink) -> None:
    env.setdefault("lesson_links", []).append(link)


def _file_line(env: EnvType, line: int) -> int:
    return int(env.get("line_offset", 0)) + line
