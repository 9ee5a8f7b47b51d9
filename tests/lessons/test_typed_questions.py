"""The `{answer}` directive: typed-answer questions whose key the engine works out."""

from __future__ import annotations

import pytest
import sympy
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.engine.answer_kinds import PROBLEM_KINDS
from steepest.engine.answers.tolerance import Tolerance
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.problems.problem import problem_from_text
from steepest.lessons import (
    SHIPPED_LESSONS,
    LessonFormatError,
    TypedQuestionBlock,
    load_catalogue,
    load_lesson,
)

INSIDE = BODY_FIRST_LINE + 3

PARTIAL = """\
```{answer}
id: typed-w1
prompt: What is $\\frac{\\partial L}{\\partial w_1}$?
kind: partial
function: w1^2 + 3w2^2
respect: w1
explanation: The power rule gives $2w_1$.
```
"""

DESCENT = """\
```{answer}
id: typed-descent
prompt: Which way does descent step?
kind: descent
function: w1^2 + 3w2^2
at: {w1: 1, w2: -2}
explanation: Against the gradient.
```
"""


def typed_blocks(write_lesson: WriteLesson, body: str) -> list[TypedQuestionBlock]:
    lesson = load_lesson(write_lesson(section(body)))
    return [b for s in lesson.sections for b in s.blocks if isinstance(b, TypedQuestionBlock)]


def test_a_typed_question_keeps_its_fields_and_renders_its_math(
    write_lesson: WriteLesson,
) -> None:
    [partial, descent] = typed_blocks(write_lesson, PARTIAL + "\n" + DESCENT)
    assert (partial.id, partial.kind, partial.function, partial.respect) == (
        "typed-w1",
        "partial",
        "w1^2 + 3w2^2",
        "w1",
    )
    assert "<math" in partial.prompt_html and "<math" in partial.explanation_html
    assert partial.at is None
    assert descent.at == {"w1": "1", "w2": "-2"} and descent.respect is None
    assert descent.question_fields(("eta",)) == {
        "statement": None,
        "kind": "descent",
        "function": "w1^2 + 3w2^2",
        "respect": None,
        "at": {"w1": "1", "w2": "-2"},
        "parameters": ["eta"],
        "figures": None,
        "relative": None,
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (PARTIAL.replace("kind: partial", "kind: integral"), "the kind is one of"),
        (PARTIAL.replace("respect: w1\n", ""), "'respect'"),
        (DESCENT.replace("at: {w1: 1, w2: -2}\n", ""), "'at'"),
        (PARTIAL.replace("respect: w1", "respect: w1\nat: {w1: 1}"), "'at'"),
        (PARTIAL.replace("id: typed-w1", "id: Typed W1"), "a question id"),
        (PARTIAL.replace("kind: partial", "kind: partial\nkey: 2w1"), "unknown field 'key'"),
        (PARTIAL + "\n" + PARTIAL, "is used twice"),
        (PARTIAL.replace("respect: w1", "respect: w1\nfigures: 0"), "'figures'"),
        (PARTIAL.replace("respect: w1", "respect: w1\nfigures: three"), "'figures'"),
        (PARTIAL.replace("respect: w1", "respect: w1\nfigures: 16"), "'figures'"),
    ],
    ids=[
        "kind",
        "no-respect",
        "no-point",
        "point-on-partial",
        "id",
        "unknown-field",
        "twice",
        "figures-0",
        "figures-word",
        "figures-16",
    ],
)
def test_a_malformed_typed_question_is_refused(
    write_lesson: WriteLesson, body: str, message: str
) -> None:
    with pytest.raises(LessonFormatError, match=message):
        load_lesson(write_lesson(section(body)))


def test_the_shipped_typed_questions_are_well_posed_for_the_engine() -> None:
    lesson = load_catalogue(SHIPPED_LESSONS).get("partial-derivatives-and-the-gradient")
    assert lesson is not None
    blocks = [b for s in lesson.sections for b in s.blocks if isinstance(b, TypedQuestionBlock)]
    assert {b.kind for b in blocks} == {"partial", "gradient_at", "descent"}
    w1, w2 = sympy.symbols("w1 w2", real=True)
    for block in blocks:
        fields = block.question_fields()
        problem = problem_from_text(
            next(kind for kind in PROBLEM_KINDS if kind == fields["kind"]),
            str(fields["function"]),
            respect=block.respect,
            at=None if block.at is None else dict(block.at),
        )
        loss = w1**2 + 3 * w2**2
        gradient = [sympy.diff(loss, v) for v in (w1, w2)]
        if block.kind == "partial":
            assert problem.expected == (sympy.diff(loss, w1),)
        else:
            at = {w1: 1, w2: -2}
            value = tuple(g.subs(at) for g in gradient)
            sign = -1 if block.kind == "descent" else 1
            assert problem.expected == tuple(sign * v for v in value)


def test_a_typed_question_may_ask_for_more_figures(write_lesson: WriteLesson) -> None:
    # ∂/∂w1 of w1²/3 at w1 = 1 is 2/3: 0.667 is right to 3 figures, not to the 4 asked here.
    body = """\
```{answer}
id: typed-figures
prompt: What is the slope at $w_1 = 1$?
kind: gradient_at
function: w1^2/3
at: {w1: 1}
figures: 4
explanation: The power rule gives $2w_1/3$.
```
"""
    (block,) = typed_blocks(write_lesson, body)
    assert block.figures == 4
    fields = block.question_fields()
    assert fields["function"] is not None
    problem = problem_from_text("gradient_at", fields["function"], at=fields["at"])
    tolerance = Tolerance(figures=4)
    assert diagnose(problem, "(0.667)", tolerance=tolerance).verdict == "invalid"
    assert diagnose(problem, "(0.6667)", tolerance=tolerance).verdict == "correct"
    assert diagnose(problem, "(0.667)").verdict == "correct"
