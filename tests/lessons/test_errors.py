"""Every breach of the format is a LessonFormatError naming the file and the line to fix."""

from __future__ import annotations

import pytest
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.lessons import HtmlBlock, LessonFormatError, load_lesson
from steepest.lessons.loader import parse_lesson

# In a body made by section(), the section's own content starts 3 lines below its fence.
INSIDE = BODY_FIRST_LINE + 3

QUESTION = """\
```{{question}}
id: q
prompt: Pick one.
options:
  - id: a
    text: {option_a}
  - id: b
    text: B
answer: {answer}
explanation: Because.
```
"""

BODY_ERRORS = [
    pytest.param("Loose text.\n", BODY_FIRST_LINE, "goes in a ':::: section'", id="text-outside"),
    pytest.param(
        section("```{slider} x\na: 1\n```\n"), INSIDE, "unknown directive", id="unknown-directive"
    ),
    pytest.param(
        section("```{widget} best-box\nsheet: 6\nmin: [0\n```\n"),
        INSIDE + 2,
        "bad YAML",
        id="bad-directive-yaml",
    ),
    pytest.param(
        section("```{widget} best-box\nsheet: 6\nsheet: 7\n```\n"),
        INSIDE + 2,
        "given twice",
        id="duplicate-field",
    ),
    pytest.param(
        section("```{widget}\nsheet: 6\n```\n"), INSIDE, "name the widget", id="widget-no-name"
    ),
    pytest.param(
        section("```{worked-example}\nexpression: x^2\nat: {x: 1}\nstep: 2\n```\n"),
        INSIDE + 3,
        "unknown field 'step'",
        id="unknown-field",
    ),
    pytest.param(
        section("```{worked-example}\nexpression: x^2\n```\n"),
        INSIDE + 1,
        "missing field 'at'",
        id="missing-field",
    ),
    pytest.param(
        section(QUESTION.format(option_a="A", answer="c")),
        INSIDE + 8,
        "not an option id",
        id="answer-not-an-option",
    ),
    pytest.param(
        section(QUESTION.format(option_a="$\\frac{1}$", answer="a")),
        INSIDE + 5,
        "cannot typeset",
        id="bad-math-in-option",
    ),
    pytest.param(
        section(QUESTION.format(option_a="A", answer="a") * 2),
        INSIDE + 11,
        "question id 'q' is used twice",
        id="duplicate-question",
    ),
    pytest.param(
        section("::: concept\n### Open\n\nNever closed.\n"),
        INSIDE,
        "never closed",
        id="unclosed-box",
    ),
    pytest.param(
        ":::: section s\n## S\n\nNo end.\n", BODY_FIRST_LINE, "never closed", id="unclosed-section"
    ),
    pytest.param(
        section("::: note\nAn aside.\n\n::: concept\n### Next\n\nText.\n:::\n"),
        INSIDE,
        "'::: note' is never closed: end it with a line of ':::' before the '::: concept' at "
        f"line {INSIDE + 3}",
        id="unclosed-box-before-the-next-box",
    ),
    pytest.param(
        ":::: section s\n## S\n\nNo end.\n\n" + section("Text."),
        BODY_FIRST_LINE,
        f"before the ':::: section' at line {BODY_FIRST_LINE + 5}",
        id="unclosed-section-before-the-next-section",
    ),
    pytest.param(
        section(":::: note\nA box with a section's fence, closed by the section's.\n"),
        INSIDE,
        "':::: note' is never closed: end it with a line of '::::' (an enclosing container "
        "needs a longer fence)",
        id="box-fence-as-long-as-its-section",
    ),
    pytest.param(
        section("Fine $x$.\n\nThe loss $L = w^2 is big.\n"),
        INSIDE + 2,
        "this '$' starts math that is never closed",
        id="unclosed-dollar",
    ),
    pytest.param(
        section("A sum\n\n$$\nx + 1\n\nText.\n"),
        INSIDE + 2,
        "'$$' here makes no display math",
        id="unclosed-double-dollar",
    ),
    pytest.param(
        section("Then $$x + 1$$ inline.\n"),
        INSIDE,
        "'$$' here makes no display math",
        id="display-math-inside-a-line",
    ),
    pytest.param(
        section("::: note\nOn two lines, the\nloss $L$ and $L = w\n:::\n"),
        INSIDE + 2,
        "never closed",
        id="unclosed-dollar-in-a-box",
    ),
    pytest.param(
        section("::: concept\n### Box\n:::\n:::\n"), INSIDE + 3, "closes nothing", id="stray-close"
    ),
    pytest.param(section("::: consept\nText.\n:::\n"), INSIDE, "unknown container", id="typo"),
    pytest.param(
        section("::: concept\n### Box\n\n```{widget} w\n```\n:::\n"),
        INSIDE + 3,
        "directly in a section",
        id="directive-in-box",
    ),
    pytest.param(":::: section s\nNo heading.\n::::\n", BODY_FIRST_LINE, "'##'", id="no-heading"),
    pytest.param(
        ":::: section Bad_Id\n## X\n::::\n", BODY_FIRST_LINE, "an id like", id="bad-section-id"
    ),
    pytest.param(section("") + section(""), BODY_FIRST_LINE + 4, "used twice", id="same-section"),
    pytest.param(
        section("::: concept\nNo heading.\n:::\n"), INSIDE, "'###' heading", id="concept-heading"
    ),
    pytest.param(
        section("::: misconception\nOnly the belief.\n:::\n"),
        INSIDE,
        "correction",
        id="misconception-without-correction",
    ),
    pytest.param(section("::: recap\nNot a list.\n:::\n"), INSIDE, "bullet list", id="recap"),
    pytest.param(
        ":::: section s\n## S\n::: section t\n## T\n:::\n::::\n",
        BODY_FIRST_LINE + 2,
        "inside another container",
        id="nested-section",
    ),
]


DOLLAR_SIGNS = [
    "It costs $5 and $10.",
    "Five dollars is 5$ and not (US$).",
    "Prices from $ 3 each.",
    "Escaped: \\$x is a dollar sign.",
    "Code: `$x` and `a $ b`.",
    "```\n$x = 1\n```\n",
    "    $indented code\n",
]


def test_display_math_run_into_a_paragraph_is_one_error(write_lesson: WriteLesson) -> None:
    path = write_lesson(section("A sum:\n$$x + 1$$\nand more.\n"))
    deferred: list[LessonFormatError] = []
    parse_lesson(path.read_text(), path, deferred_errors=deferred)
    assert [(e.line, e.message) for e in deferred] == [
        (
            INSIDE + 1,
            "'$$' here makes no display math: write $$ … $$ on lines of their own, "
            "after a blank line",
        )
    ]


@pytest.mark.parametrize("body", DOLLAR_SIGNS)
def test_a_dollar_sign_that_starts_no_math_is_text(write_lesson: WriteLesson, body: str) -> None:
    lesson = load_lesson(write_lesson(section(body)))
    (block,) = (b for s in lesson.sections for b in s.blocks)
    assert isinstance(block, HtmlBlock)
    assert "<math" not in block.html and "$" in block.html


@pytest.mark.parametrize(("body", "line", "message"), BODY_ERRORS)
def test_body_error_names_file_and_line(
    write_lesson: WriteLesson, body: str, line: int, message: str
) -> None:
    path = write_lesson(body)
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message
    assert str(caught.value) == f"{path}:{line}: {caught.value.message}"


FRONT_MATTER_ERRORS = [
    pytest.param("number: 1", "number: two", 6, "whole number", id="number-type"),
    pytest.param("difficulty: Easy", "difficulty: Tricky", 7, "Easy, Medium", id="difficulty"),
    pytest.param("title: A test lesson\n", "", 2, "missing field 'title'", id="missing-title"),
    pytest.param("slug: test-lesson", "slug: other-name", 2, "file name", id="slug-not-file"),
    pytest.param("unit: Unit A", "unit: Unit A\nlevel: 3", 6, "unknown field 'level'", id="typo"),
    pytest.param("course: Math for ML", "course: [Math", 4, "bad YAML", id="bad-yaml"),
    pytest.param("---\nslug", "slug", 1, "starts with front matter", id="no-front-matter"),
    pytest.param(
        "number: 1", "number: 1\nnext: {title: Next}", 7, "missing field 'slug'", id="next-slug"
    ),
    pytest.param("number: 1", "number: 1\nvariables: w1", 7, "a list such as", id="names-text"),
    pytest.param(
        "number: 1", "number: 1\nparameters: [eta, 2x]", 7, "'2x' in 'parameters'", id="name"
    ),
    pytest.param("number: 1", "number: 1\nvariables: [w, w]", 7, "given twice", id="names-twice"),
]


def test_front_matter_declares_variables_and_parameters(write_lesson: WriteLesson) -> None:
    good = write_lesson(section("Text.\n")).read_text()
    declared = good.replace("number: 1", "number: 1\nvariables: [w1, w₂]\nparameters: [η, lr]")
    lesson = load_lesson(write_lesson(text=declared))
    assert (lesson.variables, lesson.parameters, lesson.names_line) == (
        ("w1", "w₂"),
        ("η", "lr"),
        7,
    )
    plain = load_lesson(write_lesson(text=good))
    assert (plain.variables, plain.parameters) == (None, ())


@pytest.mark.parametrize(("old", "new", "line", "message"), FRONT_MATTER_ERRORS)
def test_front_matter_error_names_the_field_line(
    write_lesson: WriteLesson, old: str, new: str, line: int, message: str
) -> None:
    good = write_lesson(section("Text.\n")).read_text()
    assert old in good
    path = write_lesson(text=good.replace(old, new, 1))
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(path)
    assert caught.value.line == line
    assert message in caught.value.message


def test_a_lesson_without_sections_is_refused(write_lesson: WriteLesson) -> None:
    with pytest.raises(LessonFormatError, match="at least one"):
        load_lesson(write_lesson(""))


def test_a_file_that_is_not_utf8_is_refused(write_lesson: WriteLesson) -> None:
    path = write_lesson(section("Text.\n"))
    path.write_bytes(path.read_bytes() + b"\xff\xfe")
    with pytest.raises(LessonFormatError, match="UTF-8"):
        load_lesson(path)
