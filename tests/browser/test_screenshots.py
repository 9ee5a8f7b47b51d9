"""Screenshots of the lesson for people to look at: desktop and phone, light and dark.

They go to $STEEPEST_SCREENSHOT_DIR (default: screenshots/ in the repository, which git ignores).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import REPO, OpenPage, PageWatch, wait_for_widgets

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("STEEPEST_SCREENSHOT_DIR", REPO / "screenshots"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    wait_for_widgets(page)
    path = SHOTS / f"lesson-{width}-{scheme}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    for name in ("best-box", "surface-explorer"):
        widget = page.locator(f'[data-widget="{name}"]')
        widget.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot_of_typed_answers_and_practice(
    open_page: OpenPage, watch: PageWatch, width: int, scheme: str
) -> None:
    watch.allow(r"status of 422")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    wrong = page.locator("#question-typed-descent")
    wrong.locator("[data-answer-input]").fill("(2, -12)")
    wrong.get_by_role("button", name="Check my answer").click()
    wrong.locator(".verdict").wait_for()
    typing = page.locator("#question-typed-gradient-at [data-answer-input]")
    typing.press_sequentially("(2w1, 6w2)")
    page.locator("#question-typed-gradient-at .answer-preview math").wait_for()
    practice = page.locator("[data-practice]")
    practice.get_by_role("button", name="New problem").click()
    answer = practice.locator("[data-answer-input]")
    answer.wait_for()
    answer.fill("(0, 0)" if answer.get_attribute("placeholder") == "(a, b)" else "0")
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator("[data-practice-solution] h4").wait_for()
    path = SHOTS / f"check-yourself-{width}-{scheme}.png"
    page.locator("#check-yourself").screenshot(path=str(path))
    page.locator("[data-progress]").screenshot(path=str(SHOTS / f"progress-{width}-{scheme}.png"))
    assert path.stat().st_size > 10_000
