"""Every shipped lesson of the unit has lesson 02's shape: the same sections in the same order,
an explorable of its own in "See it move", a worked example, two misconceptions, a quick check
with both kinds of question and hints for each, a recap, and a practice panel of its own."""

from __future__ import annotations

import pytest

from steepest.lessons import Lesson, load_catalogue
from steepest.lessons.model import (
    QuestionBlock,
    Section,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
)

_CATALOGUE = load_catalogue()
assert _CATALOGUE.syllabus is not None
UNIT = _CATALOGUE.syllabus.courses[0].units[0].lessons
SECTIONS = [
    "intuition",
    "see-it-move",
    "worked-example",
    "in-the-world",
    "misconceptions",
    "check-yourself",
    "recap",
]
# Lesson 03 came before the unit's plan and keeps its own shape: three misconceptions, and a
# forward and backward pass worked through the computation graph instead of an engine-built
# example.
OWN_SHAPE = {"backpropagation"}
PLANNED = [lesson for lesson in UNIT if lesson.slug not in OWN_SHAPE]


def section(lesson: Lesson, section_id: str) -> Section:
    (found,) = [s for s in lesson.sections if s.id == section_id]
    return found


@pytest.mark.parametrize("lesson", UNIT, ids=lambda lesson: lesson.slug)
def test_the_sections_come_in_lesson_02s_order(lesson: Lesson) -> None:
    assert [s.id for s in lesson.sections] == SECTIONS


@pytest.mark.parametrize("lesson", PLANNED, ids=lambda lesson: lesson.slug)
def test_see_it_move_holds_a_widget_and_the_worked_example_an_engine_built_one(
    lesson: Lesson,
) -> None:
    assert any(isinstance(b, WidgetBlock) for b in section(lesson, "see-it-move").blocks)
    worked = section(lesson, "worked-example").blocks
    assert any(isinstance(b, WorkedExampleBlock) for b in worked)


@pytest.mark.parametrize("lesson", PLANNED, ids=lambda lesson: lesson.slug)
def test_two_misconceptions_each_a_belief_and_its_correction(lesson: Lesson) -> None:
    html = "".join(getattr(b, "html", "") for b in section(lesson, "misconceptions").blocks)
    assert html.count('<p class="belief">') == 2
    assert html.count('<div class="correction">') == 2


@pytest.mark.parametrize("lesson", UNIT, ids=lambda lesson: lesson.slug)
def test_the_quick_check_asks_both_kinds_of_question_with_hints(lesson: Lesson) -> None:
    blocks = section(lesson, "check-yourself").blocks
    questions = [b for b in blocks if isinstance(b, QuestionBlock | TypedQuestionBlock)]
    assert {type(q) for q in questions} == {QuestionBlock, TypedQuestionBlock}
    assert [q.id for q in questions if not q.hints_html] == []


@pytest.mark.parametrize("lesson", UNIT, ids=lambda lesson: lesson.slug)
def test_practice_offers_the_lessons_own_topics(lesson: Lesson) -> None:
    # None would be the default, generic panel; () no panel at all.
    assert lesson.practice, lesson.practice
