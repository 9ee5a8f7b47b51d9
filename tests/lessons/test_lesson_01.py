"""The shipped lesson 01 loads, has the shape of the other lessons, leads to lesson 02, and the
loss it is built on is the mean squared error it says it is."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.notation.parser import parse
from steepest.lessons import (
    SHIPPED_LESSONS,
    HtmlBlock,
    Lesson,
    QuestionBlock,
    Section,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
    load_catalogue,
)

SLUG = "loss-and-the-derivative-as-a-slope"
w = sympy.Symbol("w", real=True)


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    found = load_catalogue(SHIPPED_LESSONS).get(SLUG)
    assert found is not None
    return found


def by_id(lesson: Lesson, section_id: str) -> Section:
    return next(s for s in lesson.sections if s.id == section_id)


def html_of(section: Section) -> str:
    return "".join(block.html for block in section.blocks if isinstance(block, HtmlBlock))


def test_it_is_the_first_lesson_of_the_unit_and_leads_to_lesson_02(lesson: Lesson) -> None:
    catalogue = load_catalogue(SHIPPED_LESSONS)
    unit = [item for item in catalogue if item.unit == lesson.unit]
    assert unit[0].slug == SLUG
    assert (lesson.number_label, lesson.difficulty) == ("01", "Easy")
    assert (lesson.course, lesson.unit) == ("Math for ML", "Optimization & gradient descent")
    assert lesson.next is not None
    following = catalogue.get(lesson.next.slug)
    assert following is not None and following.number == 2
    assert lesson.next.title == following.title
    assert lesson.variables == ("w", "h")


def test_sections_come_in_the_agreed_order(lesson: Lesson) -> None:
    assert [s.id for s in lesson.sections] == [
        "intuition",
        "see-it-move",
        "worked-example",
        "in-the-world",
        "misconceptions",
        "check-yourself",
        "recap",
    ]


def test_the_loss_is_the_mean_squared_error_of_two_examples(lesson: Lesson) -> None:
    mean_squared = ((w - 2) ** 2 + (w - 4) ** 2) / 2
    assert sympy.expand(mean_squared - ((w - 3) ** 2 + 1)) == 0
    (widget,) = [b for b in by_id(lesson, "see-it-move").blocks if isinstance(b, WidgetBlock)]
    assert widget.name == "slope-nudge"
    assert parse(str(widget.params["expression"])) == (w - 3) ** 2 + 1
    (example,) = [
        b for b in by_id(lesson, "worked-example").blocks if isinstance(b, WorkedExampleBlock)
    ]
    assert parse(example.expression) == (w - 3) ** 2 + 1


def test_concepts_misconceptions_questions_and_recap(lesson: Lesson) -> None:
    assert html_of(by_id(lesson, "intuition")).count('<article class="concept">') == 5
    assert html_of(by_id(lesson, "misconceptions")).count('class="misconception"') == 2
    check = by_id(lesson, "check-yourself").blocks
    questions = [b for b in check if isinstance(b, QuestionBlock)]
    typed = [b for b in check if isinstance(b, TypedQuestionBlock)]
    assert len(questions) == 2 and len(typed) == 2
    assert all(t.kind == "partial" and t.respect == "w" for t in typed)
    assert any(q.check is not None for q in questions)
    assert html_of(by_id(lesson, "recap")).count("<li>") == 4


def test_every_number_the_lesson_states_is_a_claim(lesson: Lesson) -> None:
    statements = {claim.statement for claim in lesson.claims}
    assert "slope (w - 3)^2 + 1 wrt w at w = 1" in statements
    quotients = [s for s in statements if s.startswith("value ((w + h - 3)^2")]
    assert len(quotients) >= 6
