"""Help in steps on the shipped lesson 02: a wrong answer gets a hint, never the answer; a
second one a stronger hint; the solution comes on request or after the third; an answer after
it is not right first time; credit once earned stays; verdicts survive a reload; the same
without JavaScript; no accessibility violation in the new states."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Locator, Page

from steepest.engine.questions.feedback import diagnose_question
from steepest.lessons import SHIPPED_LESSONS, QuestionBlock, TypedQuestionBlock, load_catalogue
from steepest.web.course.plain_text import plain_text
from steepest.web.course.quiz import find_question, find_typed_question

from .conftest import SLUG, OpenPage
from .test_accessibility import axe_script, axe_violations

pytestmark = pytest.mark.browser

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

LESSON = load_catalogue(SHIPPED_LESSONS).get(SLUG)
assert LESSON is not None
GRADIENT_AT = find_typed_question(LESSON, "typed-gradient-at")
PARTIAL_W2 = find_question(LESSON, "partial-w2")
QUESTIONS = sum(
    isinstance(b, QuestionBlock | TypedQuestionBlock) for s in LESSON.sections for b in s.blocks
)
# The gradient of w1^2 + 3w2^2 at (1, -2), as the engine writes it, and a slip on its sign.
RIGHT, WRONG = "(2, -12)", "(2, 12)"
# The engine names that slip without the answer: the first step of help, before the hints.

_HINT = diagnose_question(GRADIENT_AT.question_fields(LESSON.parameters), WRONG).hint
assert _HINT is not None
SLIP: str = _HINT


def squeezed(text: str) -> str:
    return "".join(text.split())


def shown(part: Locator) -> str:
    """Everything a part of the page shows, formulas included, without spaces."""
    return squeezed(part.text_content() or "")


def feedback_text(form: Locator) -> str:
    return shown(form.locator("[data-feedback]"))


def type_answer(form: Locator, text: str) -> None:
    form.locator("[data-answer-input]").fill(text)
    form.get_by_role("button", name="Check my answer").click()


def wait_for_verdict(form: Locator, previous: str | None = None) -> str:
    """The verdict's text once it differs from `previous` (each answer replaces it)."""
    form.locator(".verdict").wait_for()
    form.page.wait_for_function(
        "([f, before]) => { const v = f.querySelector('.verdict');"
        " return v && v.textContent !== before; }",
        arg=[form.element_handle(), previous],
    )
    return form.locator(".verdict").text_content() or ""


def stored_answer(page: Page, question: str) -> dict[str, object]:
    raw = page.evaluate(f"localStorage.getItem('steepest:progress:{SLUG}')")
    entry: dict[str, object] = json.loads(raw)["answers"][question]
    return entry


def attempts_at(page: Page, question: str) -> list[dict[str, object]]:
    exported = page.request.get(urljoin(page.url, "/api/progress/export")).json()
    return [a for a in exported["attempts"] if a["question"] == question]


def questions_right(page: Page, count: int) -> None:
    text = f"{count} of {QUESTIONS} questions right"
    page.wait_for_function(
        "t => document.querySelector('[data-progress-text]').textContent.endsWith(t)", arg=text
    )


def test_wrong_answers_get_a_hint_then_a_stronger_one_then_the_solution(
    open_page: OpenPage,
) -> None:
    page = open_page()
    form = page.locator("#question-typed-gradient-at")
    type_answer(form, WRONG)
    first = wait_for_verdict(form)
    hint = form.locator('[data-role="hint"]')
    assert squeezed(SLIP) in shown(hint)
    assert "−12" not in feedback_text(form) and "-12" not in feedback_text(form)
    assert form.locator('[data-role="solution"]').count() == 0

    type_answer(form, WRONG)
    wait_for_verdict(form, first)
    second = shown(form.locator('[data-role="hint"]'))
    assert squeezed(plain_text(GRADIENT_AT.hints_html[0])) in second
    assert "−12" not in feedback_text(form) and "-12" not in feedback_text(form)
    assert form.locator('[data-role="solution"]').count() == 0

    type_answer(form, "(2, 13)")
    form.locator('[data-role="solution"]').wait_for()
    assert form.locator('[data-role="hint"]').count() == 0
    assert squeezed(plain_text(GRADIENT_AT.explanation_html)) in feedback_text(form)
    assert [a["verdict"] for a in attempts_at(page, GRADIENT_AT.id)] == ["incorrect"] * 3


def test_the_solution_on_request_and_a_right_answer_after_it_is_not_first_time(
    open_page: OpenPage,
) -> None:
    page = open_page()
    form = page.locator("#question-typed-gradient-at")
    form.locator('[data-role="show-solution"]').focus()
    page.keyboard.press("Enter")
    form.locator('[data-role="solution"]').wait_for()
    assert form.locator('[data-role="show-solution"]').is_hidden()
    # The button went: focus moved to the solution, not to the page.
    assert page.evaluate("document.activeElement.dataset.role") == "solution"
    type_answer(form, RIGHT)
    form.locator(".verdict-right").wait_for()
    form.locator('[data-role="after-solution"]').wait_for()
    entry = stored_answer(page, GRADIENT_AT.id)
    assert (entry["correct"], entry["after_solution"], entry["credited_at"]) == (True, True, 0)
    tries = attempts_at(page, GRADIENT_AT.id)
    assert [(a["answer"], a["solution_shown"]) for a in tries] == [("", True), (RIGHT, True)]
    questions_right(page, 0)


def test_a_wrong_try_after_a_right_one_keeps_the_credit(open_page: OpenPage) -> None:
    page = open_page()
    form = page.locator("#question-typed-gradient-at")
    type_answer(form, RIGHT)
    right = wait_for_verdict(form)
    questions_right(page, 1)
    type_answer(form, WRONG)
    wait_for_verdict(form, right)
    entry = stored_answer(page, GRADIENT_AT.id)
    assert entry["correct"] is False and isinstance(entry["credited_at"], int)
    assert entry["credited_at"] > 0
    questions_right(page, 1)


def test_a_typed_answers_verdict_comes_back_after_a_reload(open_page: OpenPage) -> None:
    page = open_page()
    form = page.locator("#question-typed-gradient-at")
    type_answer(form, WRONG)
    wait_for_verdict(form)
    page.reload()
    form = page.locator("#question-typed-gradient-at")
    form.locator(".verdict-wrong").wait_for()
    assert form.locator("[data-answer-input]").input_value() == WRONG
    # Shown from progress, not checked again: still one attempt.
    assert len(attempts_at(page, GRADIENT_AT.id)) == 1


def test_a_wrong_choice_gets_its_own_feedback_and_the_explanation_waits(
    open_page: OpenPage,
) -> None:
    page = open_page()
    form = page.locator("#question-partial-w2")
    form.locator("label[for='question-partial-w2-3w2']").click()
    form.get_by_role("button", name="Check my answer").click()
    form.locator('[data-role="hint"]').wait_for()
    chosen = next(o for o in PARTIAL_W2.options if o.id == "3w2")
    assert chosen.feedback_html is not None
    assert shown(form.locator(".verdict-feedback")) == squeezed(plain_text(chosen.feedback_html))
    assert "6w₂" not in feedback_text(form) and "6w2" not in feedback_text(form)
    assert form.locator('[data-role="solution"]').count() == 0
    form.locator('[data-role="show-solution"]').click()
    form.locator('[data-role="solution"]').wait_for()
    assert squeezed(plain_text(PARTIAL_W2.explanation_html)) in feedback_text(form)


def test_hint_and_solution_work_as_form_posts_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("#question-typed-gradient-at")
    form.get_by_label("Your answer").fill(WRONG)
    with page.expect_navigation():
        form.get_by_role("button", name="Check my answer").click()
    form = page.locator("#question-typed-gradient-at")
    assert squeezed(SLIP) in shown(form.locator('[data-role="hint"]'))
    assert "-12" not in feedback_text(form) and "−12" not in feedback_text(form)
    with page.expect_navigation():
        form.locator('[data-role="show-solution"]').click()
    form = page.locator("#question-typed-gradient-at")
    assert squeezed(plain_text(GRADIENT_AT.explanation_html)) in feedback_text(form)
    assert form.locator('[data-role="show-solution"]').is_hidden()
    # The request was recorded for this learner: the next answer, right, is not first time.
    form.get_by_label("Your answer").fill(RIGHT)
    with page.expect_navigation():
        form.get_by_role("button", name="Check my answer").click()
    assert page.locator("#question-typed-gradient-at [data-role='after-solution']").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_hint_and_a_solution_shown(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    page = open_page(color_scheme=scheme, bypass_csp=True)
    typed = page.locator("#question-typed-gradient-at")
    type_answer(typed, WRONG)
    typed.locator('[data-role="hint"]').wait_for()
    choice = page.locator("#question-partial-w2")
    choice.locator("label[for='question-partial-w2-3w2']").click()
    choice.get_by_role("button", name="Check my answer").click()
    choice.locator('[data-role="hint"]').wait_for()
    choice.locator('[data-role="show-solution"]').click()
    choice.locator('[data-role="solution"]').wait_for()
    choice.locator("label[for='question-partial-w2-6w2']").click()
    choice.get_by_role("button", name="Check my answer").click()
    choice.locator('[data-role="after-solution"]').wait_for()
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
