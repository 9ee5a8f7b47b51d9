"""The course index shows each lesson as not started, in progress or mastered: rendered from
the server's copy of the learner's progress, and brought up to date from localStorage by
js/home.js, so it works without JavaScript, for a new browser and on a static copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.web.course.lesson_status import STATUS_TEXT, MasteryGoal

from .conftest import SLUG, OpenPage, wait_for_widgets
from .reading_clock import open_with_a_paused_clock, read_section, server_copy
from .test_accessibility import axe_script, axe_violations

pytestmark = pytest.mark.browser
__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

CATALOGUE = load_catalogue(SHIPPED_LESSONS)
LESSON = CATALOGUE.get(SLUG)
assert LESSON is not None
GOAL = MasteryGoal.of(LESSON)
NOT_STARTED, IN_PROGRESS, MASTERED = STATUS_TEXT.values()


def statuses(page: Page) -> dict[str, str]:
    """Each lesson's status on the index, by slug, as the learner reads it."""
    found: dict[str, str] = page.evaluate(
        """Object.fromEntries([...document.querySelectorAll('[data-role="lesson-progress"]')]
             .map(badge => [badge.dataset.lesson, badge.textContent.trim()]))"""
    )
    return found


def only(slug: str, status: str) -> dict[str, str]:
    return {lesson.slug: status if lesson.slug == slug else NOT_STARTED for lesson in CATALOGUE}


def mastered_document(page: Page) -> dict[str, Any]:
    """Every section of the goal read and every question answered right, as the page would
    send them: the times are the page's own clock."""
    at: int = page.evaluate("Date.now()")
    return {
        "sections": dict.fromkeys(GOAL.sections, at),
        "answers": {q: {"answer": "x", "correct": True, "at": at} for q in GOAL.questions},
    }


def send(page: Page, progress: dict[str, Any]) -> None:
    """Merge `progress` into the server's copy through the API, as js/api.js does, once the
    page has its learner's cookies."""
    for _ in range(100):
        if any(cookie["name"] == "steepest_csrf" for cookie in page.context.cookies()):
            break
        page.wait_for_timeout(100)
    status = page.evaluate(
        """progress => fetch('/api/progress/"""
        + SLUG
        + """', {
             method: 'PUT', body: JSON.stringify(progress),
             headers: {'Content-Type': 'application/json', 'X-Steepest-CSRF':
               decodeURIComponent(document.cookie.split('; ')
                 .find(c => c.startsWith('steepest_csrf=')).split('=')[1])}})
           .then(r => r.status)""",
        progress,
    )
    assert status == 200


def test_a_new_learner_has_started_nothing(open_page: OpenPage) -> None:
    page = open_page("/")
    assert statuses(page) == only(SLUG, NOT_STARTED)
    assert page.locator('[data-role="lesson-progress"]').count() == len(CATALOGUE)


def test_the_index_follows_progress_in_a_lesson(
    open_page: OpenPage,
    base_url: str,
    axe_script: Path,
) -> None:
    page = open_with_a_paused_clock(open_page)
    read_section(page, GOAL.sections[0])
    server_copy(page, lambda copy: bool(copy["sections"]))
    page.clock.resume()
    page.goto(base_url + "/")
    assert statuses(page) == only(SLUG, IN_PROGRESS)
    # Rendered so by the server already: the learner's cookie names their stored progress.
    without_js = open_page(
        "/", storage_state=page.context.storage_state(), java_script_enabled=False
    )
    assert statuses(without_js) == only(SLUG, IN_PROGRESS)

    send(page, mastered_document(page))
    page.reload()
    assert statuses(page) == only(SLUG, MASTERED)
    without_js.reload()
    assert statuses(without_js) == only(SLUG, MASTERED)
    for scheme in ("light", "dark"):
        checked = open_page(
            "/", storage_state=page.context.storage_state(), color_scheme=scheme, bypass_csp=True
        )
        assert statuses(checked) == only(SLUG, MASTERED)
        assert axe_violations(checked, axe_script) == []

    # A later wrong answer keeps the credit the right one earned, and so the mastery.
    at: int = page.evaluate("Date.now()") + 1
    wrong = {"answer": "x", "correct": False, "at": at}
    send(page, {"answers": {GOAL.questions[0]: wrong}})
    without_js.reload()
    assert statuses(without_js) == only(SLUG, MASTERED)


def test_the_index_reads_this_browsers_progress(open_page: OpenPage, base_url: str) -> None:
    """Progress only in localStorage (no learner cookie): the page's script shows it."""
    page = open_page()
    send(page, mastered_document(page))
    page.reload()  # the lesson page takes the server's copy into localStorage
    page.locator("[data-progress-text]").filter(has_text="7 of 7 sections read").wait_for()
    browser_only = page.context.storage_state()
    browser_only["cookies"] = []
    home = open_page("/", storage_state=browser_only)
    assert statuses(home) == only(SLUG, MASTERED)
    badge = home.locator(f'[data-role="lesson-progress"][data-lesson="{SLUG}"]')
    assert badge.get_attribute("data-server-status") == "not-started"


def test_the_static_copy_shows_progress_from_this_browser(
    browser: Browser, exported_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(exported_url)
    assert statuses(page) == only(SLUG, NOT_STARTED)
    page.locator(f'a[href="lessons/{SLUG}/"]').click()
    wait_for_widgets(page)
    slider = page.locator('[data-widget="best-box"] [data-slider]')
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => localStorage.getItem('steepest:progress:{SLUG}')")
    page.go_back()
    page.wait_for_url(exported_url)
    assert statuses(page) == only(SLUG, IN_PROGRESS)
    context.close()
    assert errors == []
