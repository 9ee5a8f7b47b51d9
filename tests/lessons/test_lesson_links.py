"""Links between lessons: a slug (alone or as `/lessons/SLUG`) with an optional `#section`,
or `#section` in this lesson; written into the page as `/lessons/SLUG#section`, and held
against the course by `broken_links`."""

from __future__ import annotations

import re

import pytest
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.lessons import HtmlBlock, LessonFormatError, load_lesson
from steepest.lessons.links import broken_links
from steepest.lessons.model import LessonLink

INSIDE = BODY_FIRST_LINE + 3


def hrefs(write_lesson: WriteLesson, markup: str) -> list[str]:
    (block,) = load_lesson(write_lesson(section(markup + "\n"))).sections[0].blocks
    assert isinstance(block, HtmlBlock)
    return re.findall(r'<a href="([^"]*)"', block.html)


@pytest.mark.parametrize(
    ("target", "href", "link"),
    [
        ("backpropagation", "/lessons/backpropagation", ("backpropagation", None)),
        ("backpropagation#recap", "/lessons/backpropagation#recap", ("backpropagation", "recap")),
        ("/lessons/backpropagation", "/lessons/backpropagation", ("backpropagation", None)),
        (
            "/lessons/chain-2#in-the-world",
            "/lessons/chain-2#in-the-world",
            ("chain-2", "in-the-world"),
        ),
        ("#s", "#s", (None, "s")),
    ],
)
def test_a_link_to_a_lesson_goes_to_its_page(
    write_lesson: WriteLesson, target: str, href: str, link: tuple[str | None, str | None]
) -> None:
    assert hrefs(write_lesson, f"Read [it]({target}).") == [href]
    (noted,) = load_lesson(write_lesson(section(f"Read [it]({target}).\n"))).links
    assert noted == LessonLink(line=INSIDE, slug=link[0], section=link[1])


@pytest.mark.parametrize(
    "target", ["https://docs.sympy.org/latest/", "http://example.com", "mailto:teacher@example.com"]
)
def test_a_web_address_is_kept_as_it_is_and_not_checked(
    write_lesson: WriteLesson, target: str
) -> None:
    assert hrefs(write_lesson, f"Read [it]({target}).") == [target]
    assert load_lesson(write_lesson(section(f"[it]({target})\n"))).links == ()


@pytest.mark.parametrize(
    "target",
    ["notes.pdf", "../other.md", "/about", "/lessons/", "Backpropagation", "backpropagation/", ""],
)
def test_a_link_that_works_in_only_some_places_is_refused(
    write_lesson: WriteLesson, target: str
) -> None:
    path = write_lesson(section(f"First line.\nRead [it]({target}).\n"))
    with pytest.raises(LessonFormatError, match="goes nowhere Steepest serves") as caught:
        load_lesson(path)
    assert caught.value.line == INSIDE + 1


def test_a_link_in_a_directive_field_is_noted_at_the_fields_line(
    write_lesson: WriteLesson,
) -> None:
    question = (
        "```{question}\nid: q\nprompt: Pick one.\noptions:\n  - id: a\n    text: A\n"
        "  - id: b\n    text: B\nanswer: a\n"
        "explanation: As in [the recap](backpropagation#recap).\n```\n"
    )
    (link,) = load_lesson(write_lesson(section(question))).links
    assert link == LessonLink(line=INSIDE + 9, slug="backpropagation", section="recap")


LINKS = section(
    "[a](other#one) [b](other#three)\n"
    "[c](#s) [d](#nowhere)\n"
    "[e](othr) [f](later-lesson) [g](unread#anything)\n"
)


def problems(write_lesson: WriteLesson, course: dict[str, tuple[str, ...] | None]) -> list[str]:
    """LINKS checked in a lesson whose `next` is `later-lesson`: one more line of front matter."""
    text = write_lesson(LINKS).read_text(encoding="utf-8")
    upcoming = "difficulty: Easy\nnext: {title: Later, slug: later-lesson}\n"
    lesson = load_lesson(write_lesson(text=text.replace("difficulty: Easy\n", upcoming)))
    course = {"test-lesson": ("s",), **course}
    return [f"{error.line}: {error.message}" for error in broken_links(lesson, course)]


def test_broken_links_name_the_lesson_or_section_the_course_lacks(
    write_lesson: WriteLesson,
) -> None:
    first = INSIDE + 1
    found = problems(write_lesson, {"other": ("one", "two"), "unread": None})
    assert found == [
        f"{first}: lesson 'other' has no section 'three' (its sections: one, two)",
        f"{first + 1}: this lesson has no section 'nowhere' (its sections: s)",
        f"{first + 2}: there is no lesson 'othr' in this course: did you mean 'other'?",
        f"{first + 2}: lesson 'later-lesson' is not written yet: link to it once it is",
    ]
