from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from lesson_files import BODY_FIRST_LINE, SUMMARY_LINE, WriteLesson

from steepest.lessons import LessonFormatError, load_lesson
from steepest.lessons.math import LatexError, latex_to_mathml

MATHML = "{http://www.w3.org/1998/Math/MathML}"


def identifiers(mathml: str) -> list[str]:
    return [el.text or "" for el in ElementTree.fromstring(mathml).iter(f"{MATHML}mi")]


def test_display_math_is_a_block() -> None:
    root = ElementTree.fromstring(latex_to_mathml("x^2", display=True))
    assert root.tag == f"{MATHML}math"
    assert root.get("display") == "block"


def test_inline_math_is_inline() -> None:
    assert ElementTree.fromstring(latex_to_mathml("x", display=False)).get("display") == "inline"


def test_partial_is_an_identifier_like_in_tex() -> None:
    mathml = latex_to_mathml(r"\frac{\partial L}{\partial w_1}", display=False)
    assert identifiers(mathml).count("∂") == 2
    assert "∂" not in [el.text for el in ElementTree.fromstring(mathml).iter(f"{MATHML}mo")]


def test_nabla_is_an_upright_identifier() -> None:
    root = ElementTree.fromstring(latex_to_mathml(r"-\nabla L", display=False))
    nabla = next(el for el in root.iter(f"{MATHML}mi") if el.text == "∇")
    assert nabla.get("mathvariant") == "normal"


@pytest.mark.parametrize(
    ("latex", "complaint"),
    [
        (r"\frac{a}", "missing an argument"),
        (r"\foo x", r"unknown command \foo"),
        (r"{a", "never closed"),
        (r"a}", "closes nothing"),
        (r"\left( a", "left"),
        (r"x^", "missing super script"),
    ],
)
def test_broken_latex_is_refused(latex: str, complaint: str) -> None:
    with pytest.raises(LatexError, match="(?i)" + complaint.replace("\\", "\\\\")):
        latex_to_mathml(latex, display=False)


@pytest.mark.parametrize(
    ("latex", "shown"),
    [(r"\{ x \}", ["{", "}"]), (r"\{ x", ["{"]), (r"x \}", ["}"]), (r"\{ {x} \}", ["{", "}"])],
)
def test_escaped_braces_are_not_counted_as_groups(latex: str, shown: list[str]) -> None:
    """An escaped brace, even one without a partner, is a brace on the page, not a group."""
    mathml = latex_to_mathml(latex, display=False)
    assert [el.text for el in ElementTree.fromstring(mathml).iter(f"{MATHML}mo")] == shown
    assert identifiers(mathml) == ["x"]


def test_an_escaped_brace_does_not_close_a_group() -> None:
    with pytest.raises(LatexError, match="never closed"):
        latex_to_mathml(r"{x \}", display=False)


def test_bad_inline_math_names_its_line_within_a_paragraph(write_lesson: WriteLesson) -> None:
    path = write_lesson(":::: section s\n## S\n\nFirst line $x$,\nsecond line $\\frac{a}$.\n::::\n")
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(path)
    assert caught.value.line == BODY_FIRST_LINE + 4
    assert str(caught.value).startswith(f"{path}:{BODY_FIRST_LINE + 4}: cannot typeset")


def test_bad_display_math_names_its_line(write_lesson: WriteLesson) -> None:
    path = write_lesson(":::: section s\n## S\n\n$$\n\\nabla L = \\bogus\n$$\n::::\n")
    with pytest.raises(LessonFormatError, match="bogus") as caught:
        load_lesson(path)
    assert caught.value.line == BODY_FIRST_LINE + 3


def test_bad_math_in_the_summary_names_the_summary_line(write_lesson: WriteLesson) -> None:
    text = (write_lesson("").read_text()).replace("$x$", "$x^$")
    path = write_lesson(text=text)
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(path)
    assert caught.value.line == SUMMARY_LINE


def test_the_same_latex_in_prose_above_does_not_move_the_error_line(
    write_lesson: WriteLesson,
) -> None:
    body = "Prose that mentions x^ plainly,\nthen math $x^$.\n"
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(write_lesson(":::: section s\n## S\n\n" + body + "::::\n"))
    assert caught.value.line == BODY_FIRST_LINE + 4
