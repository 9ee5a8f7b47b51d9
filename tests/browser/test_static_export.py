"""The exported course on a plain static file server (`python -m http.server`), in Chromium:
pages, formulas and browser-side widgets work; what needs the engine says so politely, and no
request goes to the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from .conftest import EXPORT_PREFIX, SLUG, wait_for_widgets

pytestmark = pytest.mark.browser

STATIC_NOTE = "Checking answers needs a Steepest server; this is a static copy."
# The export is served under a sub-path (conftest's EXPORT_PREFIX), as on a project's GitHub
# Pages, so absolute links would break.


@pytest.fixture
def visit(browser: Browser, exported_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The lesson, reached from the index by its link; with every request and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.goto(exported_url)
    page.locator(f'a[href="lessons/{SLUG}/"]').click()
    page.wait_for_url(f"{exported_url}lessons/{SLUG}/")
    yield page, requests, errors
    context.close()
    assert errors == []
    assert [url for url in requests if "/api/" in urlsplit(url).path] == []
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(exported_url).netloc}


def test_the_lesson_renders_with_its_mathml_and_stylesheet(
    visit: tuple[Page, list[str], list[str]],
) -> None:
    page, requests, _errors = visit
    assert page.locator("main math").count() > 10
    assert any(url.endswith(f"{EXPORT_PREFIX}static/css/steepest.css") for url in requests)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in ("", "rgba(0, 0, 0, 0)")


def test_the_best_box_slider_works_and_progress_stays_in_the_browser(
    visit: tuple[Page, list[str], list[str]],
) -> None:
    page, requests, _errors = visit
    wait_for_widgets(page)
    # The box evaluates trees with expr-tree.js, which imports the table of functions as JSON.
    assert any(url.endswith(f"{EXPORT_PREFIX}static/js/expr-functions.js") for url in requests)
    box = page.locator('[data-widget="best-box"]')
    box.locator("[data-slider]").evaluate(
        "el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }"
    )
    # V(1) = 1 · (6 − 2)² = 16, at the top, so the slope is 0.
    assert box.locator('[data-out="volume"]').text_content() == "16.0"
    assert box.locator('[data-out="slope"]').text_content() == "0.0"
    stored = page.evaluate(f"localStorage.getItem('steepest:progress:{SLUG}')")
    assert "best-box" in json.loads(stored)["widgets"]
    assert page.locator("[data-progress-sync]").text_content() == "Saved in this browser."
    assert page.locator("[data-progress-export]").is_hidden()


def test_typing_an_answer_shows_the_static_copy_note(
    visit: tuple[Page, list[str], list[str]],
) -> None:
    page, _requests, _errors = visit
    form = page.locator("form[data-typed-question]").first
    form.locator("[data-answer-input]").fill("2w1")
    # The preview says so too, without marking the answer as a mistake.
    preview = form.locator("[data-preview]")
    preview.wait_for(state="visible")
    assert STATIC_NOTE in (preview.text_content() or "")
    assert "preview-error" not in (preview.get_attribute("class") or "")
    form.get_by_role("button", name="Check my answer").click()
    assert form.locator("[data-feedback]").text_content() == STATIC_NOTE


def test_a_quiz_answer_shows_the_static_copy_note(
    visit: tuple[Page, list[str], list[str]],
) -> None:
    page, _requests, _errors = visit
    form = page.locator("form[data-question]").first
    form.locator('input[type="radio"]').first.check()
    form.get_by_role("button", name="Check my answer").click()
    assert form.locator("[data-feedback]").text_content() == STATIC_NOTE


def test_every_exported_lesson_mounts_its_widgets_without_the_api(
    visit: tuple[Page, list[str], list[str]], exported_url: str
) -> None:
    """The other lessons too, reached by the index's links (the fixture checks the requests)."""
    page, _requests, _errors = visit
    page.goto(exported_url)
    links = page.locator("a.lesson-card-title, .lesson-card-title a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 2
    for href in hrefs:
        page.goto(exported_url + str(href))
        assert page.locator("main math").count() > 0
        wait_for_widgets(page)
