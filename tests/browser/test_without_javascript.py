"""With JavaScript off, every word and formula is there, widgets say they need JavaScript, and
the try-it form, the quiz and the typed questions still work as plain forms."""

from __future__ import annotations

import pytest

from steepest.engine.explain.report import gradient_report

from .conftest import OpenPage

pytestmark = pytest.mark.browser


def test_lesson_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    for section in page.locator("section[data-section]").all():
        assert section.is_visible()
    assert page.locator("main math").count() > 20
    for widget in page.locator("[data-widget]").all():
        assert widget.locator(".needs-js").is_visible()
        assert not widget.locator("[data-needs-js]").is_visible()
    assert not page.locator("[data-progress]").is_visible()


def test_try_it_form_works_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("form[data-try-it]")
    form.locator('input[name="expression"]').fill("w1 w2^2")
    form.locator('input[name="at"]').fill("w1=2, w2=1")
    with page.expect_navigation():
        form.locator('input[name="expression"]').press("Enter")
    report = gradient_report("w1 w2^2", {"w1": "2", "w2": "1"})
    titles = page.locator("[data-try-result] .steps > li > .step-title").all_text_contents()
    assert titles == [step["title"] for step in report["steps"]]
    assert page.locator('input[name="expression"]').input_value() == "w1 w2^2"


def test_quiz_works_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("#question-partial-w2")
    form.locator('label[for="question-partial-w2-6w2"]').click()
    with page.expect_navigation():
        form.get_by_role("button", name="Check my answer").click()
    assert page.locator("#question-partial-w2 .verdict-right").is_visible()
    assert page.locator("#question-partial-w2-6w2").is_checked()


def test_typed_answer_is_checked_without_javascript(open_page: OpenPage) -> None:
    page = open_page(java_script_enabled=False)
    form = page.locator("#question-typed-partial-w1")
    form.get_by_label("Your answer").fill("6 w2")
    with page.expect_navigation():
        form.get_by_role("button", name="Check my answer").click()
    checked = page.locator("#question-typed-partial-w1")
    assert checked.locator(".verdict-wrong").is_visible()
    assert checked.get_by_label("Your answer").input_value() == "6 w2"
    checked.get_by_label("Your answer").fill("2w1")
    with page.expect_navigation():
        checked.get_by_label("Your answer").press("Enter")
    assert page.locator("#question-typed-partial-w1 .verdict-right").is_visible()
