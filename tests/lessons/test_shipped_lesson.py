"""The shipped lesson 02 loads, has the agreed shape, and its figures agree with SymPy."""

from __future__ import annotations

import re

import pytest
import sympy

from steepest.engine.notation.parser import parse
from steepest.lessons import (
    SHIPPED_LESSONS,
    HtmlBlock,
    Lesson,
    QuestionBlock,
    Section,
    WidgetBlock,
    WorkedExampleBlock,
    load_lesson,
)
from steepest.lessons.math import latex_to_mathml

SLUG = "partial-derivatives-and-the-gradient"
w1, w2, x = (sympy.Symbol(name, real=True) for name in ("w1", "w2", "x"))
LOSS = w1**2 + 3 * w2**2


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    return load_lesson(SHIPPED_LESSONS / f"{SLUG}.md")


def by_id(lesson: Lesson, section_id: str) -> Section:
    return next(s for s in lesson.sections if s.id == section_id)


def html_of(section: Section) -> str:
    return "".join(block.html for block in section.blocks if isinstance(block, HtmlBlock))


def mathml(latex: str) -> str:
    return latex_to_mathml(latex, display=False)


def test_sections_come_in_the_agreed_order(lesson: Lesson) -> None:
    assert [(s.id, s.title) for s in lesson.sections] == [
        ("intuition", "Build the intuition"),
        ("see-it-move", "See it move"),
        ("worked-example", "A worked example"),
        ("in-the-world", "Out in the world"),
        ("misconceptions", "Common confusions, cleared"),
        ("check-yourself", "Check yourself"),
        ("recap", "Recap"),
    ]


def test_front_matter(lesson: Lesson) -> None:
    assert (lesson.slug, lesson.title) == (SLUG, "Partial derivatives & the gradient")
    assert (lesson.course, lesson.unit) == ("Math for ML", "Optimization & gradient descent")
    assert (lesson.number_label, lesson.difficulty) == ("02", "Medium")
    assert lesson.next is not None and lesson.next.slug == "backpropagation"
    assert "gradient" in lesson.summary_html and "knob" in lesson.summary_html
    # The learning rate η is a constant of the lesson's claims, never differentiated.
    assert (lesson.variables, lesson.parameters) == (None, ("eta",))


def test_reading_time_is_computed_and_plausible(lesson: Lesson) -> None:
    assert 5 <= lesson.reading_minutes <= 12


def test_intuition_has_three_concepts_then_the_surface_explorer(lesson: Lesson) -> None:
    intuition = by_id(lesson, "intuition")
    text = html_of(intuition)
    assert text.count('<article class="concept">') == 3
    assert text.count('<div class="math-display">') == 2
    assert latex_to_mathml(r"\frac{\partial L}{\partial w_1}", display=True) in text
    *_, explorer = intuition.blocks
    assert isinstance(explorer, WidgetBlock)
    assert explorer.name == "surface-explorer"
    assert parse(str(explorer.params["expression"])) == LOSS


def test_best_box_widget_and_its_figures(lesson: Lesson) -> None:
    section = by_id(lesson, "see-it-move")
    (widget,) = (b for b in section.blocks if isinstance(b, WidgetBlock))
    assert widget.name == "best-box"
    assert dict(widget.params) == {"sheet": 6, "default": 0.35, "min": 0, "max": 3, "step": 0.01}
    volume = x * (widget.params["sheet"] - 2 * x) ** 2
    slope = sympy.diff(volume, x)
    at = sympy.Rational(str(widget.params["default"]))
    (peak,) = (c for c in sympy.solve(slope, x) if 0 < c < widget.params["sheet"] / 2)
    text = html_of(section)
    assert f"about {float(volume.subs(x, at)):.1f} cubic units" in text
    assert f"slope is about {float(slope.subs(x, at)):.1f}" in text
    assert mathml(f"x = {peak}") in text
    assert f"peaks at {volume.subs(x, peak)}" in text


def test_worked_example_and_its_reading(lesson: Lesson) -> None:
    section = by_id(lesson, "worked-example")
    (example,) = (b for b in section.blocks if isinstance(b, WorkedExampleBlock))
    assert parse(example.expression) == LOSS
    point = {sympy.Symbol(k, real=True): sympy.Rational(v) for k, v in example.at.items()}
    gradient = [sympy.diff(LOSS, v).subs(point) for v in (w1, w2)]
    text = html_of(section)
    assert mathml(rf"\nabla L(1, 1) = ({gradient[0]}, {gradient[1]})") in text
    assert mathml(f"({-gradient[0]}, {-gradient[1]})") in text
    assert "<ol" not in text, "the steps come from the engine, not the prose"


def test_out_in_the_world_points_to_backpropagation_without_a_link(lesson: Lesson) -> None:
    text = html_of(by_id(lesson, "in-the-world"))
    assert "billions of partial derivatives" in text and "backpropagation" in text
    assert "<a " not in text


def test_misconceptions_state_a_belief_and_correct_it(lesson: Lesson) -> None:
    text = html_of(by_id(lesson, "misconceptions"))
    assert text.count('<p class="belief">') == 2
    assert text.count('<div class="correction">') == 2
    # The claim that -∇L at (1, 1) does not aim at the minimum at the origin.
    descent = sympy.Matrix([-sympy.diff(LOSS, v).subs({w1: 1, w2: 1}) for v in (w1, w2)])
    to_minimum = sympy.Matrix([-1, -1])
    assert descent[0] * to_minimum[1] - descent[1] * to_minimum[0] != 0
    assert mathml(f"({descent[0]}, {descent[1]})") in text


def test_questions_have_answers_explanations_and_feedback_for_every_mistake(
    lesson: Lesson,
) -> None:
    questions = [b for b in by_id(lesson, "check-yourself").blocks if isinstance(b, QuestionBlock)]
    assert [q.id for q in questions] == ["fastest-descent", "partial-w2"]
    for question in questions:
        assert question.explanation_html.strip()
        assert len(question.options) >= 4
        assert question.options[0].id != question.answer, "the answer should not always come first"
        for option in question.options:
            assert (option.feedback_html is None) == (option.id == question.answer)
    descent_answer = next(o for o in questions[0].options if o.id == questions[0].answer)
    assert descent_answer.html.startswith(mathml(r"-\nabla L"))


def test_the_partial_derivative_question_is_right_by_sympy(lesson: Lesson) -> None:
    question = next(
        b for b in by_id(lesson, "check-yourself").blocks if isinstance(b, QuestionBlock) if b.check
    )
    fact = question.check or {}
    variable = sympy.Symbol(fact["variable"], real=True)
    assert sympy.diff(parse(fact["derivative_of"]), variable) == parse(fact["equals"])
    answer = next(o for o in question.options if o.id == question.answer)
    assert answer.html == mathml("6w_2")
    distractors = {"2w_1", "3w_2", "6w_2 + 2w_1", "2w_2"}
    assert {o.html for o in question.options if o.id != question.answer} == {
        mathml(latex) for latex in distractors
    }
    for latex in distractors:
        wrong = parse(re.sub(r"_(\d)", r"\1", latex))
        assert sympy.simplify(wrong - parse(fact["equals"])) != 0


def test_recap_has_three_points(lesson: Lesson) -> None:
    text = html_of(by_id(lesson, "recap"))
    assert text.count('<ul class="recap">') == 1
    assert text.count("<li>") == 3
