"""A due review done in Chromium: a topic mastered a month ago is due on /review; the right
answer rates it good, takes it off the due list, and the card is rescheduled on the server and
kept in the browser's localStorage."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page

from web.review_requests import import_file
from web.test_practice_api import right_answer

from .conftest import SLUG, OpenPage
from .test_accessibility import axe_script, axe_violations

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

pytestmark = pytest.mark.browser


def master_partial_a_month_ago(page: Page, base_url: str) -> None:
    """This browser's learner mastered level 1 of `partial` 30 days ago: it is due now."""
    # The learner's cookies, as a lesson page gets them with its first request for progress.
    assert page.request.get(f"{base_url}/api/progress/{SLUG}").ok
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "steepest_csrf")
    a_month_ago = datetime.now(UTC) - timedelta(days=30)
    imported = page.request.post(
        base_url + "/api/progress/import",
        data=json.dumps(import_file("partial", 1, a_month_ago)),
        headers={"Content-Type": "application/json", "X-Steepest-CSRF": csrf},
    )
    assert imported.ok, imported.text()


def test_a_due_review_is_done_and_rescheduled(open_page: OpenPage, base_url: str) -> None:
    page = open_page("/")
    master_partial_a_month_ago(page, base_url)

    page.goto(base_url + "/")
    assert page.locator('[data-role="reviews-due"]').inner_text() == "1"
    with page.expect_response("**/api/review/problems") as served:
        page.goto(base_url + "/review")
    assert page.locator("[data-review-due] li").inner_text().startswith("Partial derivatives")
    token = served.value.json()["problem"]
    form = page.locator("[data-review-form]")
    form.get_by_label("Your answer").fill(right_answer(token))
    form.get_by_role("button", name="Check my answer").click()
    form.locator("[data-review-note]").filter(has_text="comes back later").wait_for()
    assert form.locator("[data-review-solution]").is_visible()
    assert page.locator('[data-role="review-due-count"]').inner_text() == "Nothing is due."
    assert page.locator("[data-review-progress]").inner_text().startswith("Session done")

    stored = json.loads(page.evaluate("localStorage.getItem('steepest:review')"))
    card = stored["cards"]["partial"]
    assert card["reps"] == 2 and card["due"] > datetime.now(UTC).timestamp() * 1000

    page.reload()
    assert page.locator('[data-role="review-due-count"]').inner_text() == "Nothing is due."
    assert page.locator("[data-review-upcoming] [data-topic=partial]").count() == 1
    page.goto(base_url + "/")
    assert page.locator('[data-role="reviews-due"]').inner_text() == "0"


def test_the_review_page_has_no_axe_violations(
    open_page: OpenPage, base_url: str, axe_script: Path
) -> None:
    page = open_page("/", bypass_csp=True)  # axe is injected as a script
    master_partial_a_month_ago(page, base_url)
    page.goto(base_url + "/review")
    page.locator("[data-review-form]").wait_for()
    assert axe_violations(page, axe_script) == []
