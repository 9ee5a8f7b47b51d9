"""Typing one's own function under the worked example: steps from /api/gradient, or the error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from steepest.engine.errors import EngineError, PointSyntaxError
from steepest.engine.explain.report import gradient_report
from steepest.engine.notation.parser import parse
from steepest.engine.notation.point_text import read_point_text

from .conftest import OpenPage, PageWatch

pytestmark = pytest.mark.browser


def submit(page: Page, expression: str, at: str = "") -> None:
    form = page.locator("form[data-try-it]")
    form.locator('input[name="expression"]').fill(expression)
    form.locator('input[name="at"]').fill(at)
    form.locator('input[name="expression"]').press("Enter")


def test_own_function_shows_the_engine_steps(open_page: OpenPage) -> None:
    page = open_page()
    submit(page, "x^2 y + sin(y)", "x=1, y=0")
    report = gradient_report("x^2 y + sin(y)", {"x": "1", "y": "0"})
    steps = page.locator("[data-try-result] .steps > li")
    steps.nth(len(report["steps"]) - 1).wait_for()
    assert steps.count() == len(report["steps"])
    titles = page.locator("[data-try-result] .steps > li > .step-title").all_text_contents()
    assert titles == [step["title"] for step in report["steps"]]
    # The frozen variable of each partial is named as a constant.
    frozen = page.locator("[data-try-result] .step-partial .frozen-var").all_text_contents()
    assert frozen == [
        name for s in report["steps"] if s["kind"] == "partial" for name in s["frozen"]
    ]
    assert page.locator("[data-try-result] math").count() > len(report["steps"])
    # A second function replaces the first.
    submit(page, "a b")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-try-result] .steps > li').length === 3"
    )
    assert page.locator("[data-try-status]").text_content() == "Done: 3 steps below."


def test_bad_function_shows_the_engine_error_with_its_column(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"status of 422")
    typed = "w1^2 + )"
    with pytest.raises(EngineError) as expected:
        parse(typed)
    page = open_page()
    submit(page, typed)
    error = page.locator("#try-1-expression-error .error-text")
    error.wait_for()
    text = error.inner_text()
    assert expected.value.message in text
    assert f"(column {expected.value.column})" in text
    assert page.locator("#try-1-expression-error mark").text_content() == ")"
    assert page.locator("#try-1-expression").get_attribute("aria-invalid") == "true"
    # Fixing the input clears the error.
    submit(page, "w1^2 + 1")
    page.locator("[data-try-result] .steps").wait_for()
    assert page.locator("#try-1-expression-error").inner_text() == ""
    assert page.locator("#try-1-expression").get_attribute("aria-invalid") is None


def test_bad_point_is_caught_in_the_browser_like_on_the_server(open_page: OpenPage) -> None:
    typed = "w1=1, w2"
    with pytest.raises(PointSyntaxError) as expected:
        read_point_text(typed)
    page = open_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    submit(page, "w1 + w2", typed)
    error = page.locator("#try-1-at-error .error-text")
    error.wait_for()
    assert expected.value.message in error.inner_text()
    assert f"(column {expected.value.column})" in error.inner_text()
    assert not any("/api/gradient" in url for url in requests)


def test_a_point_mistake_after_an_emoji_is_marked_by_character(open_page: OpenPage) -> None:
    typed = "x=\U0001f600, y"
    with pytest.raises(PointSyntaxError) as expected:
        read_point_text(typed)
    page = open_page()
    submit(page, "x + y", typed)
    page.locator("#try-1-at-error mark").wait_for()
    assert f"(column {expected.value.column})" in page.locator("#try-1-at-error").inner_text()
    assert page.locator("#try-1-at-error mark").text_content() == "y"


def test_point_with_a_stranger_variable_is_reported_beside_the_point(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"status of 422")
    page = open_page()
    submit(page, "w1 + w2", "w1=1, w3=2")
    error = page.locator("#try-1-at-error .error-text")
    error.wait_for()
    assert "w3" in error.inner_text()
