"""A lesson with a figure, footnotes, a wide table and links to another lesson, in Chromium
under the pages' Content Security Policy: everything loads with no console error, at 1280 and
360 px, light and dark; screenshots go to build/screenshots/ for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from figure_course import FIRST, SECOND, write_figure_course

from .conftest import OpenPage, PageWatch, serve_lessons
from .test_accessibility import axe_script, axe_violations
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

PAGE = f"/lessons/{FIRST}"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on the figure course, in place of the shipped lessons."""
    lessons = write_figure_course(tmp_path_factory.mktemp("lessons"))
    yield from serve_lessons(lessons, tmp_path_factory)


def broken_images(page: Page) -> list[str]:
    broken: list[str] = page.evaluate(
        """() => [...document.images]
            .filter((image) => !image.complete || image.naturalWidth === 0)
            .map((image) => image.src)"""
    )
    return broken


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_figure_notes_and_table_render_under_the_policy(
    open_page: OpenPage, width: int, scheme: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(PAGE, viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme)
    page.wait_for_load_state("load")
    assert broken_images(page) == []
    assert page.locator("figure.figure img").count() == 1
    assert page.locator("figure.figure figcaption math").count() == 5
    # Nothing scrolls sideways but the table's own box, which the keyboard can reach.
    assert page.evaluate("document.documentElement.scrollWidth") == width
    box = page.locator(".table-scroll")
    overflows = box.evaluate("(box) => box.scrollWidth > box.clientWidth + 1")
    assert overflows == (width == 360)
    assert (box.get_attribute("tabindex") == "0") == overflows
    # A right-aligned column is aligned by the stylesheet: no inline style was needed.
    cell = page.locator(".table-scroll td.align-right").first
    assert cell.evaluate("(cell) => getComputedStyle(cell).textAlign") == "right"
    page.screenshot(path=str(SHOTS / f"figures-{width}-{scheme}.png"), full_page=True)
    for name, selector in {
        "figure-caption": "figure.figure figcaption",
        "table": ".table-scroll",
        "footnotes": ".footnotes",
    }.items():
        check_region(page, selector, SHOTS / f"{name}-{width}-{scheme}.png", scheme)


def test_a_footnote_jumps_to_its_note_and_back(open_page: OpenPage) -> None:
    page = open_page(PAGE)
    page.locator(".footnote-ref a").click()
    page.wait_for_url("**#fn:1")
    note = page.locator("li[id='fn:1']")
    assert note.is_visible() and note.evaluate("(li) => li.matches(':target')")
    note.get_by_role("link", name="Back to the text of note 1").click()
    page.wait_for_url("**#fnref:1")
    assert page.locator(".footnote-ref a").evaluate("(a) => a.matches(':target')")


def test_a_link_leads_to_the_other_lessons_section(open_page: OpenPage) -> None:
    page = open_page(PAGE)
    page.get_by_role("link", name="one step downhill", exact=True).click()
    page.wait_for_url(f"**/lessons/{SECOND}#one-step")
    assert page.locator("#one-step h2").is_visible()
    assert broken_images(page) == []


def test_a_hostile_svg_opened_on_its_own_runs_no_script(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"Blocked script execution in .*arrow\.svg.*sandboxed")
    page = open_page("/lessons/assets/arrow.svg")
    arrow = page.locator("#arrow")
    assert arrow.get_attribute("style") is None
    # Its own <style> still applies: the arrow is drawn in the colour it gives.
    assert arrow.evaluate("(path) => getComputedStyle(path).stroke") == "rgb(43, 87, 151)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_lesson_with_figures_notes_and_tables(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    # axe is injected as an inline script, which the page's policy would block.
    viewport = {"width": 360, "height": SCREEN_HEIGHT}
    page = open_page(PAGE, viewport=viewport, color_scheme=scheme, bypass_csp=True)
    page.wait_for_load_state("load")
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
