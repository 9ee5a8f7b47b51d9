"""Footnotes: numbered as cited, shown after the last section with links back, and every
citation without its note (or note without a citation) is an error at its line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
from lesson_files import BODY_FIRST_LINE, SUMMARY_LINE, WriteLesson, section

from steepest.lessons import HtmlBlock, LessonFormatError, load_lesson
from steepest.lessons.footnotes import HEADING_ID

INSIDE = BODY_FIRST_LINE + 3
TWO_NOTES = section(
    "A step goes against the gradient[^sign], with a small rate[^rate].\n"
    "Against it again[^sign].\n"
    "\n"
    "[^rate]: A rate of $0.1$ is a common start.\n"
    "[^sign]: Add the gradient instead and every step climbs.\n"
)


def tree(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(f"<body>{html}</body>")


def text_html(write_lesson: WriteLesson, body: str) -> tuple[str, str]:
    lesson = load_lesson(write_lesson(body))
    blocks = [b for s in lesson.sections for b in s.blocks if isinstance(b, HtmlBlock)]
    return "".join(block.html for block in blocks), lesson.footnotes_html


def test_notes_are_numbered_in_the_order_they_are_first_cited(write_lesson: WriteLesson) -> None:
    text, notes = text_html(write_lesson, TWO_NOTES)
    citations = [(a.get("href"), a.get("id")) for a in tree(text).iter("a")]
    assert citations == [("#fn:1", "fnref:1"), ("#fn:2", "fnref:2"), ("#fn:1", "fnref:1:1")]
    items = list(tree(notes).iter("li"))
    assert [item.get("id") for item in items] == ["fn:1", "fn:2"]
    assert "".join(items[0].itertext()).startswith("Add the gradient instead")
    assert "".join(items[1].itertext()).startswith("A rate of ")


def test_each_note_links_back_to_every_place_that_cites_it(write_lesson: WriteLesson) -> None:
    text, notes = text_html(write_lesson, TWO_NOTES)
    cited_at = {a.get("id") for a in tree(text).iter("a")}
    backs = {
        item.get("id"): [a.get("href") for a in item.iter("a")] for item in tree(notes).iter("li")
    }
    assert backs == {"fn:1": ["#fnref:1", "#fnref:1:1"], "fn:2": ["#fnref:2"]}
    assert {str(href).lstrip("#") for hrefs in backs.values() for href in hrefs} == cited_at


def test_the_notes_are_a_labelled_part_read_aloud_with_their_number(
    write_lesson: WriteLesson,
) -> None:
    text, notes = text_html(write_lesson, TWO_NOTES)
    part = tree(notes)[0]
    assert part.tag == "section"
    assert part.get("aria-labelledby") == HEADING_ID
    assert part[0].tag == "h2" and part[0].get("id") == HEADING_ID
    first = next(tree(text).iter("a"))
    assert "".join(first.itertext()) == "Note 1"
    labels = [a.get("aria-label") for a in tree(notes).iter("a")]
    assert labels == [
        "Back to the text of note 1",
        "Back to the text of note 1, citation 2",
        "Back to the text of note 2",
    ]


def test_note_ids_never_clash_with_section_ids(write_lesson: WriteLesson) -> None:
    """A section may be called `fn1` or `fnref1`; the notes' ids hold a colon."""
    body = section("A claim[^1].\n\n[^1]: Its note.\n", "fn1") + section("B.\n", "fnref1")
    text, notes = text_html(write_lesson, body)
    ids = re.findall(r' id="([^"]*)"', text + notes)
    assert {"fn1", "fnref1"}.isdisjoint(ids)
    assert len(ids) == len(set(ids))


def test_notes_may_sit_at_the_end_of_the_file(write_lesson: WriteLesson) -> None:
    path = write_lesson(section("A claim[^why].\n") + "\n[^why]: Because $x > 0$.\n")
    lesson = load_lesson(path)
    assert "Because" in lesson.footnotes_html
    assert "<math" in lesson.footnotes_html


def test_a_claim_in_a_note_is_checked_at_its_line(write_lesson: WriteLesson) -> None:
    path = write_lesson(
        section('A claim[^n].\n\n[^n]: The slope is [$6$]{claim="slope x^2 wrt x at x = 3"}.\n')
    )
    (claim,) = load_lesson(path).claims
    assert claim.line == INSIDE + 2


def test_a_lesson_without_notes_has_no_notes_part(write_lesson: WriteLesson) -> None:
    assert load_lesson(write_lesson(section("Plain text.\n"))).footnotes_html == ""


QUESTION_WITH_NOTE = """\
```{{question}}
id: q
prompt: {prompt}
options:
  - id: a
    text: A
  - id: b
    text: B
answer: a
explanation: Because.
```
"""

FOOTNOTE_MISTAKES = [
    pytest.param(section("Cited[^gone].\n"), INSIDE, "cites no note", id="no-note"),
    pytest.param(
        section("Cited[^a].\n\n[^a]: One.\n[^b]: Two.\n"), INSIDE + 3, "never cited", id="unused"
    ),
    pytest.param(
        section("Cited[^a].\n\n[^a]: One.\n\n[^a]: Again.\n"),
        INSIDE + 4,
        "written twice (first on line",
        id="twice",
    ),
    pytest.param(
        section(QUESTION_WITH_NOTE.format(prompt="Which[^a]?") + "\nCited[^a].\n\n[^a]: N.\n"),
        INSIDE + 2,
        "not in the summary or a directive's field",
        id="in-a-directive",
    ),
    pytest.param(
        section(
            "Cited[^a].\n\n[^a]: A note holding a directive:\n\n    ```{widget} best-box\n    ```\n"
        ),
        INSIDE + 4,
        "not in a footnote",
        id="directive-in-a-note",
    ),
]


@pytest.mark.parametrize(("body", "line", "complaint"), FOOTNOTE_MISTAKES)
def test_a_footnote_mistake_names_its_line(
    write_lesson: WriteLesson, body: str, line: int, complaint: str
) -> None:
    path = write_lesson(body)
    with pytest.raises(LessonFormatError, match=re.escape(complaint)) as caught:
        load_lesson(path)
    assert caught.value.line == line


def test_a_footnote_in_the_summary_is_refused(write_lesson: WriteLesson) -> None:
    text = write_lesson(section("Text.\n")).read_text(encoding="utf-8")
    path = write_lesson(text=text.replace("summary: A summary with $x$.", "summary: A note[^a]."))
    with pytest.raises(LessonFormatError, match="not in the summary") as caught:
        load_lesson(path)
    assert caught.value.line == SUMMARY_LINE
