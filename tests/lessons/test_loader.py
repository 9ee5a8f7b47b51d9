"""A lesson file becomes frozen dataclasses: front matter, sections, and blocks in order."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ElementTree
from typing import Any

import pytest
from lesson_files import WriteLesson, section

from steepest.lessons import (
    HtmlBlock,
    NextLesson,
    QuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
    load_lesson,
)
from steepest.lessons.math import latex_to_mathml

MIXED_SECTION = section(
    """\
Before the widget.

```{widget} best-box
sheet: 6
default: 0.35
label: Cut size
```

Between.

```{worked-example}
expression: w1^2 + 3w2^2
at: {w1: 0.35, w2: 1/3}
```

```{question}
id: pick
prompt: Which is $\\nabla L$?
options:
  - id: right
    text: The vector of partials $\\left(\\frac{\\partial L}{\\partial w_1}, \\dots\\right)$
  - id: wrong
    text: A number
    feedback: A gradient has one entry *per weight*.
answer: right
explanation: |
  It stacks the partials.

  One per weight.
check: {derivative_of: "w1^2", variable: w1, equals: "2w1"}
```
""",
    "mixed",
)


def test_front_matter_fields_are_loaded(write_lesson: WriteLesson) -> None:
    path = write_lesson(section("Text.\n"), slug="the-slug", unit="Some unit", number=12)
    lesson = load_lesson(path)
    assert (lesson.slug, lesson.course, lesson.unit) == ("the-slug", "Math for ML", "Some unit")
    assert (lesson.number, lesson.number_label, lesson.difficulty) == (12, "12", "Easy")
    assert lesson.source_path == path
    assert lesson.next is None


def test_single_digit_numbers_are_shown_with_two_digits(write_lesson: WriteLesson) -> None:
    assert load_lesson(write_lesson(section("Text.\n"), number=2)).number_label == "02"


def test_next_lesson_is_read_when_given(write_lesson: WriteLesson) -> None:
    text = write_lesson(section("Text.\n")).read_text()
    text = text.replace("summary:", "next: {title: Backpropagation, slug: backprop}\nsummary:")
    lesson = load_lesson(write_lesson(text=text))
    assert lesson.next == NextLesson(title="Backpropagation", slug="backprop")


def test_summary_is_inline_html_with_typeset_math(write_lesson: WriteLesson) -> None:
    summary = load_lesson(write_lesson(section("Text.\n"))).summary_html
    assert summary == "A summary with " + latex_to_mathml("x", display=False) + "."


def test_sections_keep_their_order_ids_and_titles(write_lesson: WriteLesson) -> None:
    body = "".join(section("Text.\n", name) for name in ["zeta", "alpha", "mid-way"])
    lesson = load_lesson(write_lesson(body))
    assert [(s.id, s.title, s.heading_id) for s in lesson.sections] == [
        ("zeta", "Title of zeta", "zeta-heading"),
        ("alpha", "Title of alpha", "alpha-heading"),
        ("mid-way", "Title of mid-way", "mid-way-heading"),
    ]


def test_directives_split_the_section_into_blocks_in_order(write_lesson: WriteLesson) -> None:
    blocks = load_lesson(write_lesson(MIXED_SECTION)).sections[0].blocks
    assert [type(block) for block in blocks] == [
        HtmlBlock,
        WidgetBlock,
        HtmlBlock,
        WorkedExampleBlock,
        QuestionBlock,
    ]
    first, between = blocks[0], blocks[2]
    assert isinstance(first, HtmlBlock) and isinstance(between, HtmlBlock)
    assert '<h2 id="mixed-heading">' in first.html and "Before the widget." in first.html
    assert between.html == "<p>Between.</p>\n"


def test_widget_params_keep_their_yaml_types_and_are_read_only(write_lesson: WriteLesson) -> None:
    widget = load_lesson(write_lesson(MIXED_SECTION)).sections[0].blocks[1]
    assert isinstance(widget, WidgetBlock)
    assert widget.name == "best-box"
    assert dict(widget.params) == {"sheet": 6, "default": 0.35, "label": "Cut size"}
    # Any: the write is ill-typed on purpose; that it fails at run time is what is tested.
    params: Any = widget.params
    with pytest.raises(TypeError):
        params["sheet"] = 7


def test_worked_example_point_keeps_the_authors_numbers(write_lesson: WriteLesson) -> None:
    example = load_lesson(write_lesson(MIXED_SECTION)).sections[0].blocks[3]
    assert isinstance(example, WorkedExampleBlock)
    assert example.expression == "w1^2 + 3w2^2"
    assert dict(example.at) == {"w1": "0.35", "w2": "1/3"}


def test_question_fields_are_rendered_markdown(write_lesson: WriteLesson) -> None:
    question = load_lesson(write_lesson(MIXED_SECTION)).sections[0].blocks[4]
    assert isinstance(question, QuestionBlock)
    assert question.id == "pick"
    assert question.prompt_html == "Which is " + latex_to_mathml(r"\nabla L", display=False) + "?"
    right, wrong = question.options
    assert (right.id, wrong.id, question.answer) == ("right", "wrong", "right")
    assert right.feedback_html is None
    assert wrong.feedback_html == "A gradient has one entry <em>per weight</em>."
    ElementTree.fromstring(right.html[right.html.index("<math") :])  # one well-formed formula
    assert question.explanation_html == "<p>It stacks the partials.</p>\n<p>One per weight.</p>\n"
    assert dict(question.check or {}) == {
        "derivative_of": "w1^2",
        "variable": "w1",
        "equals": "2w1",
    }


def test_loaded_lessons_are_frozen(write_lesson: WriteLesson) -> None:
    # Any, as for the parameters above: these writes are ill-typed on purpose.
    lesson: Any = load_lesson(write_lesson(MIXED_SECTION))
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.title = "Changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.sections[0].blocks[4].answer = "wrong"


def test_code_fences_that_are_not_directives_stay_code(write_lesson: WriteLesson) -> None:
    lesson = load_lesson(write_lesson(section("```python\nx = {1}\n```\n")))
    (block,) = lesson.sections[0].blocks
    assert isinstance(block, HtmlBlock)
    assert '<pre><code class="language-python">x = {1}\n</code></pre>' in block.html
