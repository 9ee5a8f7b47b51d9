"""Hints in the browser: revealed one at a time from the keyboard, with JavaScript and without;
a wrong answer's step of help shows first, and the explanation waits for the solution however
many hints are out; no accessibility violation in either colour scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from steepest.engine.questions.feedback import diagnose_question
from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.web.course.quiz import find_any_question, find_typed_question

from .conftest import SLUG, OpenPage
from .test_accessibility import axe_script, axe_violations

pytestmark = pytest.mark.browser

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

LESSON = load_catalogue(SHIPPED_LESSONS).get(SLUG)
assert LESSON is not None
TYPED = find_any_question(LESSON, "typed-descent")
CHOICE = find_any_question(LESSON, "partial-w2")
# The gradient typed for the descent direction: the engine names that slip, without the
# answer, as the first step of help; the question's own hints come after.
UPHILL = "(2, -12)"
_HINT = diagnose_question(
    find_typed_question(LESSON, TYPED.id).question_fields(LESSON.parameters), UPHILL
).hint
assert _HINT is not None
SLIP: str = _HINT


def plain(html: str) -> str:
    """The first words of a hint as the page shows them, without its markup or formulas."""
    text = html.replace("<p>", "").split("<")[0]
    return " ".join(text.split())


def press_the_hint_button(page: Page, form: Locator) -> None:
    """From "Check my answer", Tab to "Show a hint" and press Enter, as a keyboard user would."""
    form.get_by_role("button", name="Check my answer").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Show a hint"), focused
    page.keyboard.press("Enter")


def hint_texts(form: Locator) -> list[str]:
    return [" ".join(t.split()) for t in form.locator(".hint").all_inner_texts()]


def test_hints_come_one_at_a_time_from_the_keyboard(open_page: OpenPage) -> None:
    page = open_page()
    assert plain(TYPED.hints_html[0]) not in page.content()
    form = page.locator("#question-typed-descent")
    button = form.locator("[data-hint-button]")
    assert button.inner_text() == "Show a hint (1 of 2)"
    press_the_hint_button(page, form)
    form.locator(".hint").first.wait_for()
    assert len(hint_texts(form)) == 1
    assert hint_texts(form)[0].startswith(f"Hint 1 of 2 {plain(TYPED.hints_html[0])}")
    # Focus stays on the button, which now offers the second hint.
    assert page.evaluate("document.activeElement.textContent") == "Show a hint (2 of 2)"
    page.keyboard.press("Space")
    form.locator(".hint").nth(1).wait_for()
    assert len(hint_texts(form)) == 2
    assert hint_texts(form)[1].startswith("Hint 2 of 2")
    # The last hint is out: the button goes, and focus moves to that hint.
    assert button.is_hidden()
    assert page.evaluate("document.activeElement.className") == "hint"


def test_the_step_of_help_comes_first_and_the_explanation_waits_for_the_solution(
    open_page: OpenPage,
) -> None:
    page = open_page()
    form = page.locator("#question-typed-descent")
    form.locator("[data-answer-input]").fill("(2, -12)")
    form.get_by_role("button", name="Check my answer").click()
    verdict = form.locator(".verdict-wrong")
    verdict.wait_for()
    assert SLIP in verdict.locator('[data-role="hint"]').inner_text()
    assert verdict.locator(".verdict-next").inner_text() == "Try again, or show the solution."
    for count in (1, 2):
        form.locator("[data-hint-button]").click()
        form.locator(".hint").nth(count - 1).wait_for()
    form.locator("[data-answer-input]").fill("(2, -13)")
    form.get_by_role("button", name="Check my answer").click()
    form.locator(".verdict-wrong").filter(has_text=plain(TYPED.hints_html[0])).wait_for()
    # Every hint is out, and still the solution waits for its button or a third wrong try.
    assert form.locator('[data-role="solution"]').count() == 0
    # Reading order: the verdict with its step of help, then the hints asked for.
    order = form.evaluate(
        "f => [...f.querySelectorAll('.verdict, .hint')].map(e => e.className.split(' ')[0])"
    )
    assert order == ["verdict", "hint", "hint"]
    attempts = page.request.get(page.url.split("/lessons")[0] + "/api/progress/export")
    recorded = [a["hints"] for a in attempts.json()["attempts"] if a["question"] == TYPED.id]
    assert recorded[-2:] == [0, 2]


def test_a_choice_holds_its_explanation_however_many_hints_are_out(open_page: OpenPage) -> None:
    page = open_page()
    form = page.locator("#question-partial-w2")
    for count in range(1, len(CHOICE.hints_html) + 1):
        press_the_hint_button(page, form)
        form.locator(".hint").nth(count - 1).wait_for()
    form.locator("label[for='question-partial-w2-3w2']").click()
    form.get_by_role("button", name="Check my answer").click()
    form.locator(".verdict-next").wait_for()
    assert form.locator(".verdict-feedback").is_visible()  # the author's nudge for 3w2
    assert form.locator(".verdict-explanation").count() == 0
    form.locator('[data-role="show-solution"]').click()
    form.locator(".verdict-explanation").wait_for()


def test_hints_come_one_at_a_time_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("#question-partial-w2")
    with page.expect_navigation():
        press_the_hint_button(page, form)
    form = page.locator("#question-partial-w2")
    assert len(hint_texts(form)) == 1
    assert hint_texts(form)[0].startswith(f"Hint 1 of 2 {plain(CHOICE.hints_html[0])}")
    assert "hint=more" in page.url
    # A choice and the next hint go together: the verdict and both hints come back.
    form.locator("label[for='question-partial-w2-2w2']").click()
    with page.expect_navigation():
        press_the_hint_button(page, form)
    form = page.locator("#question-partial-w2")
    assert len(hint_texts(form)) == 2
    assert form.locator("[data-hint-button]").is_hidden()
    assert form.locator(".verdict-wrong").is_visible()
    # Every hint is out, and the explanation still waits for the solution's button.
    assert form.locator(".verdict-explanation").count() == 0
    assert page.locator("#question-partial-w2-2w2").is_checked()


def test_a_typed_hint_without_javascript_keeps_the_answer_in_its_box(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("#question-typed-descent")
    form.get_by_label("Your answer").fill("(2, -12)")
    with page.expect_navigation():
        press_the_hint_button(page, form)
    form = page.locator("#question-typed-descent")
    assert form.get_by_label("Your answer").input_value() == "(2, -12)"
    step = form.locator(".verdict-wrong [data-role='hint']").inner_text()
    assert SLIP in step
    assert len(hint_texts(form)) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_hints_shown(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    page = open_page(color_scheme=scheme, bypass_csp=True)
    for question in ("typed-descent", "partial-w2"):
        form = page.locator(f"#question-{question}")
        form.locator("[data-hint-button]").click()
        form.locator(".hint").first.wait_for()
    typed = page.locator("#question-typed-descent")
    typed.locator("[data-answer-input]").fill("(2, -12)")
    typed.get_by_role("button", name="Check my answer").click()
    typed.locator(".verdict-next").wait_for()
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
