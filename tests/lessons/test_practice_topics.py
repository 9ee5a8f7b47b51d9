"""The front matter's `practice`: which topics a lesson's "Practice more" panel offers, and where
the panel sits."""

from __future__ import annotations

import pytest
from lesson_files import SUMMARY_LINE, WriteLesson, section

from steepest.engine.problems.topics import DEFAULT_TOPIC, TOPICS
from steepest.lessons import LessonFormatError, load_lesson
from steepest.lessons.catalogue import SHIPPED_LESSONS
from steepest.lessons.practice import PracticePanel, practice_panel

TYPED = """```{answer}
id: typed
prompt: Type $\\frac{\\partial L}{\\partial w_1}$.
kind: partial
function: w1^2 + w2^2
respect: w1
explanation: Hold $w_2$ still.
```
"""
PRACTICE_LINE = SUMMARY_LINE + 1
NOT_A_LIST = "'practice' is a list of topics such as [partial, gradient], or none"


def with_practice(
    value: str | None, body: str, write_lesson: WriteLesson
) -> LessonFormatError | PracticePanel | None:
    path = write_lesson(body)
    if value is not None:
        text = path.read_text(encoding="utf-8")
        summary_end = text.index("\n", text.index("summary:")) + 1
        path.write_text(text[:summary_end] + f"practice: {value}\n" + text[summary_end:])
    try:
        return practice_panel(load_lesson(path))
    except LessonFormatError as error:
        return error


def test_named_topics_are_offered_in_order_after_the_first_typed_question(
    write_lesson: WriteLesson,
) -> None:
    body = section("Reading.", "first") + section(TYPED, "check") + section("Done.", "recap")
    panel = with_practice("[gradient, partial]", body, write_lesson)
    assert panel == PracticePanel("check", ("gradient", "partial"))


def test_none_turns_the_panel_off(write_lesson: WriteLesson) -> None:
    assert with_practice("none", section(TYPED), write_lesson) is None
    assert with_practice("[]", section(TYPED), write_lesson) is None


def test_without_the_field_typed_questions_bring_the_default_topic(
    write_lesson: WriteLesson,
) -> None:
    assert with_practice(None, section(TYPED, "check"), write_lesson) == PracticePanel(
        "check", (DEFAULT_TOPIC,)
    )
    assert with_practice(None, section("No questions."), write_lesson) is None


def test_a_lesson_without_typed_questions_has_its_panel_in_the_last_section(
    write_lesson: WriteLesson,
) -> None:
    body = section("One.", "one") + section("Two.", "two")
    assert with_practice("[optimum]", body, write_lesson) == PracticePanel("two", ("optimum",))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[chain]", f"no practice topic 'chain' (the topics: {', '.join(TOPICS)})"),
        ("[partial, partial]", "a topic is named twice in 'practice'"),
        ("partial", NOT_A_LIST),
        ("{partial: 1}", NOT_A_LIST),
        ("", NOT_A_LIST),
        ("[1, 2]", NOT_A_LIST),
    ],
)
def test_a_bad_practice_field_is_an_error_on_its_line(
    value: str, message: str, write_lesson: WriteLesson
) -> None:
    error = with_practice(value, section(TYPED), write_lesson)
    assert isinstance(error, LessonFormatError)
    assert (error.line, error.message) == (PRACTICE_LINE, message)


def test_the_shipped_lessons_choose_their_topics() -> None:
    chosen = {path.stem: practice_panel(load_lesson(path)) for path in SHIPPED_LESSONS.glob("*.md")}
    assert chosen == {
        "loss-and-the-derivative-as-a-slope": PracticePanel("check-yourself", ("derivative",)),
        "partial-derivatives-and-the-gradient": PracticePanel(
            "check-yourself", ("partial", "gradient", "descent")
        ),
        "backpropagation": PracticePanel("check-yourself", ("backprop",)),
        "gradient-descent-and-the-learning-rate": PracticePanel(
            "check-yourself", ("descent", "stable_rate")
        ),
        "curvature-hessian-conditioning-and-newton": PracticePanel(
            "check-yourself", ("hessian", "critical_point")
        ),
        "stochastic-and-minibatch-gradient-descent": PracticePanel(
            "check-yourself", ("minibatch_gradient", "descent")
        ),
        "momentum": PracticePanel("check-yourself", ("momentum_step", "descent", "stable_rate")),
        "adaptive-steps-adagrad-rmsprop-adam-and-schedules": PracticePanel(
            "check-yourself", ("adam_step",)
        ),
    }
