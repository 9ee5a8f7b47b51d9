"""Claims are found with the line they sit on, in prose and in directive text, and never leak
into the page; malformed claim markup is an error with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.lessons import SHIPPED_LESSONS, HtmlBlock, LessonFormatError, load_lesson
from steepest.lessons.loader import parse_lesson
from steepest.lessons.model import Claim, QuestionBlock

INSIDE = BODY_FIRST_LINE + 3
PEAK = "max x(6 - 2x)^2 for x in [0, 3]"

QUESTION = """\
```{{question}}
id: q
prompt: 'What is [$\\frac{{\\partial L}}{{\\partial w_2}}$]{{claim="partial w2^2 wrt w2"}} here?'
options:
  - id: a
    text: $2w_2$
    feedback: Right.
  - id: b
    text: $w_2$
answer: a
explanation: >-
  The power rule brings the 2 down,
  so the derivative is [$2w_2$]{{claim="partial w2^2 wrt w2"}} and at 3 it is
  [6]{{claim="slope w2^2 wrt w2 at w2 = 3"}}, twice [3]{{claim="value w2 at w2 = 3"}}
  and again [6]{{claim="slope w2^2 wrt w2 at w2 = 3"}}.
{check}```
"""


def claims_of(path: Path) -> list[tuple[int, str, str]]:
    return [(c.line, c.statement, c.shown) for c in load_lesson(path).claims]


def test_claims_in_prose_carry_their_lines(write_lesson: WriteLesson) -> None:
    body = section(f'First line.\nThe box peaks at [16]{{claim="{PEAK}"}}.\n')
    assert claims_of(write_lesson(body)) == [(INSIDE + 1, PEAK, "16")]


def test_a_statement_broken_over_lines_is_one_claim(write_lesson: WriteLesson) -> None:
    body = section('It peaks at [16]{claim="max x(6 - 2x)^2\nfor x in [0, 3]"}.\n')
    assert claims_of(write_lesson(body)) == [(INSIDE, PEAK, "16")]


def test_claims_in_the_summary_are_found(write_lesson: WriteLesson) -> None:
    text = (
        write_lesson(section("Text.\n"))
        .read_text()
        .replace(
            "summary: A summary with $x$.", 'summary: "It peaks at [16]{claim=\\"' + PEAK + '\\"}."'
        )
    )
    path = write_lesson(text=text)
    assert claims_of(path) == [(8, PEAK, "16")]


def test_claims_in_folded_yaml_text_get_the_line_they_are_written_on(
    write_lesson: WriteLesson,
) -> None:
    path = write_lesson(section(QUESTION.format(check="")))
    lines = path.read_text().splitlines()
    claims = claims_of(path)
    assert [statement for _line, statement, _shown in claims] == [
        "partial w2^2 wrt w2",
        "partial w2^2 wrt w2",
        "slope w2^2 wrt w2 at w2 = 3",
        "value w2 at w2 = 3",
        "slope w2^2 wrt w2 at w2 = 3",
    ]
    for line, statement, shown in claims:
        assert f'[{shown}]{{claim="{statement}"}}' in lines[line - 1]
    # The same claim twice in one field: each occurrence keeps its own line.
    slopes = [line for line, statement, _shown in claims if statement.startswith("slope")]
    assert slopes[1] == slopes[0] + 1


def test_a_question_check_claims_the_key_the_answer_and_against_each_wrong_option(
    write_lesson: WriteLesson,
) -> None:
    check = 'check: {derivative_of: "w2^2", variable: w2, equals: "2w2"}\n'
    path = write_lesson(section(QUESTION.format(check=check)))
    lines = path.read_text().splitlines()
    from_check = [c for c in load_lesson(path).claims if c.label != "claim"]
    assert [(c.label, c.statement, c.shown, c.holds) for c in from_check] == [
        ("the answer of question 'q'", "partial w2^2 wrt w2", "$2w_2$", True),
        ("option 'b' of question 'q'", "partial w2^2 wrt w2", "$w_2$", False),
        ("the check of question 'q'", "partial w2^2 wrt w2", "2w2", True),
    ]
    assert lines[from_check[0].line - 1].strip() == "text: $2w_2$"
    assert lines[from_check[1].line - 1].strip() == "text: $w_2$"
    assert lines[from_check[2].line - 1].startswith("check:")


@pytest.mark.parametrize(
    ("check", "message"),
    [
        ('check: {derivative_of: "w2^2", variable: w2}\n', "missing field 'equals'"),
        ('check: {derivative_of: "w2^2", variable: w2, equals: "2w2", at: 1}\n', "unknown field"),
    ],
)
def test_a_question_check_needs_exactly_its_three_fields(
    write_lesson: WriteLesson, check: str, message: str
) -> None:
    with pytest.raises(LessonFormatError, match=message):
        load_lesson(write_lesson(section(QUESTION.format(check=check))))


def test_the_claim_statement_never_reaches_the_html(write_lesson: WriteLesson) -> None:
    lesson = load_lesson(write_lesson(section(QUESTION.format(check=""))))
    (question,) = (b for s in lesson.sections for b in s.blocks if isinstance(b, QuestionBlock))
    html = question.prompt_html + question.explanation_html
    assert "claim" not in html and "w2^2" not in html
    assert "twice 3" in html


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ('[16]{clam="max x for x in [0, 1]"}', "write a claim as"),
        ("[16]{claim=16}", "write a claim as"),
        ('[]{claim="value 1 at x = 1"}', "both are needed"),
        ('[16]{claim=""}', "both are needed"),
    ],
)
def test_malformed_claims_are_errors_with_their_line(
    write_lesson: WriteLesson, markup: str, message: str
) -> None:
    with pytest.raises(LessonFormatError, match=message) as caught:
        load_lesson(write_lesson(section(f"Intro.\n\nIt is {markup}.\n")))
    assert caught.value.line == INSIDE + 2


def test_deferred_errors_collect_every_bad_formula(write_lesson: WriteLesson) -> None:
    path = write_lesson(section("Bad $\\frac{1}$ here.\n\nAnd $x^{2$ there.\n"))
    deferred: list[LessonFormatError] = []
    lesson = parse_lesson(path.read_text(), path, deferred_errors=deferred)
    assert lesson.slug == "test-lesson"
    assert [(e.line, "cannot typeset" in e.message) for e in deferred] == [
        (INSIDE, True),
        (INSIDE + 2, True),
    ]
    with pytest.raises(LessonFormatError, match="cannot typeset"):
        load_lesson(path)


def test_the_shipped_lesson_marks_up_its_figures() -> None:
    lesson = load_lesson(SHIPPED_LESSONS / "partial-derivatives-and-the-gradient.md")
    lines = lesson.source_path.read_text().splitlines()
    marked = [c for c in lesson.claims if c.label == "claim"]
    assert len(lesson.claims) >= 20
    for claim in marked:
        assert f'{{claim="{claim.statement}"}}' in lines[claim.line - 1], claim
    statements = {c.statement for c in marked}
    assert PEAK in statements and "argmax x(6 - 2x)^2 for x in [0, 3]" in statements
    peak_line = next(n for n, line in enumerate(lines, 1) if f'[16]{{claim="{PEAK}"}}' in line)
    assert Claim(peak_line, PEAK, "16") in lesson.claims
    html = "".join(b.html for s in lesson.sections for b in s.blocks if isinstance(b, HtmlBlock))
    assert "claim" not in html


def test_marked_claims_wrap_their_shown_text_in_a_span_numbered_by_marker(
    write_lesson: WriteLesson,
) -> None:
    check = 'check: {derivative_of: "w2^2", variable: w2, equals: "2w2"}\n'
    body = section(f'It peaks at [16]{{claim="{PEAK}"}}.\n\n' + QUESTION.format(check=check))
    lesson = load_lesson(write_lesson(body), mark_claims=True)
    html = "".join(b.html for s in lesson.sections for b in s.blocks if isinstance(b, HtmlBlock))
    (question,) = (b for s in lesson.sections for b in s.blocks if isinstance(b, QuestionBlock))
    html += question.prompt_html + question.explanation_html
    in_prose = [c for c in lesson.claims if c.label == "claim"]
    markers = [c.marker for c in lesson.claims]
    assert None not in markers and len(set(markers)) == len(markers)
    for claim in in_prose:
        assert html.count(f'<span data-claim="{claim.marker}">') == 1
    # A question's check is shown in no prose: its markers wrap nothing.
    assert html.count("<span data-claim=") == len(in_prose)
    first = next(c for c in in_prose if c.statement == PEAK)
    assert f'<span data-claim="{first.marker}">16</span>' in html
