"""A typed question may state its answer as a claim's statement, with a tolerance; a multiple-
choice `check` may be any claim; both kinds of question may carry hints, kept with the lesson."""

from __future__ import annotations

import pytest
from lesson_files import WriteLesson, section

from steepest.lessons import LessonFormatError, TypedQuestionBlock, load_lesson
from steepest.lessons.model import QuestionBlock

STATEMENT = """\
```{answer}
id: after-one-step
prompt: Where does one step of size $\\eta$ from $w_1 = 1$ land on $L = w_1^2$?
statement: value w1 - 2 eta w1 at w1 = 1
relative: 0.01
explanation: The slope there is $2$, so the step is $-2\\eta$.
hints:
  - The slope of $w_1^2$ is $2w_1$.
  - >-
    A step moves by $-\\eta$ times the slope, here
    [$2$]{claim="slope w1^2 wrt w1 at w1 = 1"}.
```
"""

CHOICE = """\
```{question}
id: step-choice
prompt: Where does one step land?
options:
  - id: right
    text: $1 - 2\\eta$
  - id: uphill
    text: $1 + 2\\eta$
answer: right
explanation: Against the slope.
check: {claim: "value w1 - 2 eta w1 at w1 = 1"}
hints: ["Which way is downhill?"]
```
"""


def blocks(write_lesson: WriteLesson, body: str) -> list[object]:
    lesson = load_lesson(write_lesson(section(body)))
    return [
        b
        for s in lesson.sections
        for b in s.blocks
        if isinstance(b, QuestionBlock | TypedQuestionBlock)
    ]


def test_a_statement_question_keeps_its_statement_tolerance_and_hints(
    write_lesson: WriteLesson,
) -> None:
    (block,) = blocks(write_lesson, STATEMENT)
    assert isinstance(block, TypedQuestionBlock)
    assert (block.statement, block.kind, block.function) == (
        "value w1 - 2 eta w1 at w1 = 1",
        None,
        None,
    )
    assert block.relative == 0.01 and block.figures is None
    assert len(block.hints_html) == 2
    assert all("<math" in hint for hint in block.hints_html)
    fields = block.question_fields(("eta",))
    assert fields["statement"] == block.statement and fields["parameters"] == ["eta"]
    assert fields["relative"] == 0.01


def test_a_claim_inside_a_hint_is_checked_on_its_own_line(write_lesson: WriteLesson) -> None:
    path = write_lesson(section(STATEMENT))
    (claim,) = load_lesson(path).claims
    assert claim.statement == "slope w1^2 wrt w1 at w1 = 1"
    assert "[$2$]{claim=" in path.read_text().splitlines()[claim.line - 1]


def test_a_choice_checked_by_a_claim_claims_every_option(write_lesson: WriteLesson) -> None:
    path = write_lesson(section(CHOICE))
    (question,) = blocks(write_lesson, CHOICE)
    assert isinstance(question, QuestionBlock)
    assert question.check == {"claim": "value w1 - 2 eta w1 at w1 = 1"}
    assert question.hints_html == ("<p>Which way is downhill?</p>\n",)
    claims = load_lesson(path).claims
    assert [(c.label, c.shown, c.holds) for c in claims] == [
        ("the answer of question 'step-choice'", "$1 - 2\\eta$", True),
        ("option 'uphill' of question 'step-choice'", "$1 + 2\\eta$", False),
    ]
    assert {c.statement for c in claims} == {"value w1 - 2 eta w1 at w1 = 1"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (STATEMENT.replace("relative: 0.01", "relative: 0.01\nkind: partial"), "not both"),
        (STATEMENT.replace("relative: 0.01", "relative: 0.01\nfunction: w1"), "not both"),
        (STATEMENT.replace("statement: value w1 - 2 eta w1 at w1 = 1\n", ""), "'statement'"),
        (STATEMENT.replace("relative: 0.01", "relative: 0.01\nfigures: 3"), "not both"),
        (STATEMENT.replace("relative: 0.01", "relative: 2"), "between 0 and 1"),
        (STATEMENT.replace("relative: 0.01", "relative: one percent"), "between 0 and 1"),
        (STATEMENT[: STATEMENT.index("hints:")] + "hints: []\n```\n", "one or more texts"),
        (STATEMENT.replace("  - The slope", "  - [1, 2]\n  - The slope"), "must be text"),
        (
            STATEMENT.replace("hints:\n", "hints:\n" + "  - More.\n" * 4),
            "at most 5 hints",
        ),
        (CHOICE.replace("check: {claim:", "check: {variable: w1, claim:"), "unknown field"),
        (CHOICE.replace('hints: ["Which way is downhill?"]', "hint: Downhill."), "unknown field"),
    ],
    ids=[
        "statement-and-kind",
        "statement-and-function",
        "neither",
        "figures-and-relative",
        "relative-too-large",
        "relative-word",
        "no-hints",
        "hint-not-text",
        "too-many-hints",
        "claim-and-more",
        "hint-misspelt",
    ],
)
def test_a_malformed_statement_question_or_hint_is_refused_with_its_line(
    write_lesson: WriteLesson, body: str, message: str
) -> None:
    with pytest.raises(LessonFormatError, match=message):
        load_lesson(write_lesson(section(body)))
