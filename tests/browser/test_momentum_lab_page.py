"""The momentum lab's page: axe finds nothing at 1280 and 360 px in both colour schemes, nothing
ever animates, the page reads without JavaScript, the lab works on a static export of its
course, and screenshots are taken (and checked) for people to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page

from momentum_course import BETA, COURSE, RATE, SLUG, STEPS

from .conftest import OpenPage, static_site, wait_for_widgets
from .momentum_server import base_url
from .test_accessibility import axe_script, axe_violations
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser

__all__ = ["axe_script", "base_url"]  # fixtures, imported to make them visible to these tests

LESSON = f"/lessons/{SLUG}"
WIDGET = '[data-widget="momentum-lab"]'


def opened(open_page: OpenPage, **options: object) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    return page, page.locator(WIDGET)


def reach_every_state(root: Locator) -> None:
    """A rate where descent diverges, a heavy momentum, and the open table."""
    root.locator("[data-rate]").fill("0.25")
    root.locator("[data-beta]").fill("0.9")
    root.locator("[data-table] summary").click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(open_page: OpenPage, axe_script: Path, width: int, scheme: str) -> None:
    page, root = opened(
        open_page, viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
    )
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
    reach_every_state(root)
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_nothing_animates(open_page: OpenPage, motion: str) -> None:
    """Every change is drawn at once, so there is nothing for reduced motion to turn off."""
    page, root = opened(open_page, reduced_motion=motion)
    reach_every_state(root)
    root.locator("[data-beta]").fill("0.3")
    assert page.evaluate("document.getAnimations().length") == 0


def test_no_sideways_scroll_on_a_360px_phone(open_page: OpenPage) -> None:
    page, root = opened(open_page, viewport={"width": 360, "height": 740})
    reach_every_state(root)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Each walk's name, after its key, stays inside its column of the readouts.
    overflowing = root.locator(".momentum-lab-readouts th").evaluate_all(
        "cells => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent)"
    )
    assert overflowing == []
    # And every readout fits its fixed box (which would hide the rest of it).
    clipped = root.locator(".momentum-lab-readouts [data-out]").evaluate_all(
        "cells => cells.filter((c) => c.scrollHeight > c.clientHeight).map((c) => c.textContent)"
    )
    assert clipped == []


def test_the_lab_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(LESSON, java_script_enabled=False)
    root = page.locator(WIDGET)
    assert root.locator(".needs-js").is_visible()
    assert not root.locator("[data-needs-js]").is_visible()
    description = root.locator('[data-out="description"]').text_content() or ""
    assert description.startswith(f"At η = {RATE} and β = {BETA}, after {STEPS} steps L = ")
    root.locator("[data-table] summary").click()
    assert root.locator("[data-rows] tr").count() == STEPS + 1
    # Both walks take the same first step: the velocity starts at 0.
    first = root.locator("[data-rows] tr").nth(1).locator("td").all_text_contents()
    assert first[:3] == first[3:] == ["0.85", "−0.5", "1.61"]
    assert root.locator(".widget-lede math").count() >= 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, root = opened(
        open_page, viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme
    )
    assert page.evaluate("document.documentElement.scrollWidth") == width
    check_region(page, WIDGET, SHOTS / f"momentum-lab-{width}-{scheme}.png", scheme)
    root.locator("[data-rate]").fill("0.22")
    root.locator("[data-beta]").fill("0.9")
    check_region(page, WIDGET, SHOTS / f"momentum-lab-heavy-{width}-{scheme}.png", scheme)


def test_the_lab_works_on_a_static_export(browser: Browser, tmp_path: Path) -> None:
    with static_site(tmp_path, COURSE) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(f"{url}lessons/{SLUG}/")
        wait_for_widgets(page)
        root = page.locator(WIDGET)
        root.locator("[data-beta]").fill("0")
        # With no momentum both walks are gradient descent.
        heavy = root.locator('[data-out="momentum-loss"]').text_content()
        assert heavy == root.locator('[data-out="plain-loss"]').text_content()
        assert root.locator('[data-out="beta"]').text_content() == "0"
        context.close()
    assert errors == []
    assert [u for u in requests if "/api/" in urlsplit(u).path] == []
    assert {urlsplit(u).netloc for u in requests} == {urlsplit(url).netloc}
