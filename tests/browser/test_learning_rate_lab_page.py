"""Lesson 04's page around the learning-rate lab: axe finds nothing at 1280 and 360 px in both
colour schemes, nothing ever animates, the page reads without JavaScript, the lab works on a
static copy, and screenshots are taken (and checked) for people to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page

from .conftest import OpenPage, wait_for_widgets
from .test_accessibility import axe_script, axe_violations  # noqa: F401 (a fixture)
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser

SLUG = "gradient-descent-and-the-learning-rate"
LESSON = f"/lessons/{SLUG}"
WIDGET = '[data-widget="learning-rate-lab"]'


def opened(open_page: OpenPage, **options: object) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    return page, page.locator(WIDGET)


def reach_every_state(page: Page, root: Locator) -> None:
    """A diverging rate, the cobweb, the gentle direction, a moved start and the open table."""
    root.locator("[data-rate]").fill("0.36")
    root.get_by_label("cobweb").check()
    root.get_by_label("w1", exact=True).check()
    root.locator("[data-map]").focus()
    page.keyboard.press("ArrowLeft")
    root.locator("[data-table] summary").click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(
    open_page: OpenPage,
    axe_script: Path,  # noqa: F811 (the fixture imported above)
    width: int,
    scheme: str,
) -> None:
    page, root = opened(
        open_page, viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
    )
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
    reach_every_state(page, root)
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_nothing_animates(open_page: OpenPage, motion: str) -> None:
    """Every change is drawn at once, so there is nothing for reduced motion to turn off."""
    page, root = opened(open_page, reduced_motion=motion)
    reach_every_state(page, root)
    root.locator("[data-rate]").fill("0.2")
    assert page.evaluate("document.getAnimations().length") == 0


def test_no_sideways_scroll_on_a_360px_phone(open_page: OpenPage) -> None:
    page, root = opened(open_page, viewport={"width": 360, "height": 740})
    reach_every_state(page, root)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_lesson_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(LESSON, java_script_enabled=False)
    for section in page.locator("section[data-section]").all():
        assert section.is_visible()
    root = page.locator(WIDGET)
    assert root.locator(".needs-js").is_visible()
    assert not root.locator("[data-needs-js]").is_visible()
    # The words and the table stand in for the pictures.
    description = root.locator('[data-out="description"]').text_content() or ""
    assert description.startswith("At η = 0.1, one step multiplies the gap to the minimum")
    root.locator("[data-table] summary").click()
    assert root.locator("[data-rows] tr").count() == 21
    assert root.locator("[data-rows] tr").nth(1).locator("td").all_text_contents()[:3] == [
        "0.8",
        "0.4",
        "1.12",
    ]
    assert root.locator(".widget-lede math").count() >= 5


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, root = opened(
        open_page, viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme
    )
    page.screenshot(path=str(SHOTS / f"lesson-04-{width}-{scheme}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") == width
    check_region(page, WIDGET, SHOTS / f"learning-rate-lab-{width}-{scheme}.png", scheme)
    root.locator("[data-rate]").fill("0.3")
    root.get_by_label("cobweb").check()
    name = f"learning-rate-lab-zigzag-{width}-{scheme}.png"
    check_region(page, WIDGET, SHOTS / name, scheme)


def test_the_lab_works_on_a_static_copy(browser: Browser, exported_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.goto(f"{exported_url}lessons/{SLUG}/")
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.locator("[data-rate]").fill("0.25")
    assert root.locator('[data-out="factor-1"]').text_content() == "−0.5"
    assert root.locator('[data-out="kind-1"]').text_content() == "oscillates"
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()
    assert "stops it after 13 steps" in (
        root.locator('[data-out="description"]').text_content() or ""
    )
    context.close()
    assert errors == []
    assert [url for url in requests if "/api/" in urlsplit(url).path] == []
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(exported_url).netloc}
