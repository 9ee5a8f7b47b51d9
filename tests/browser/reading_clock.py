"""Lesson pages on Playwright's clock, for the tests of what counts as read (a section that has
been on screen for READ_AFTER_MS, js/section-reading.js)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

from .conftest import LESSON_PATH, REPO, SLUG, OpenPage, wait_for_widgets

SCRIPTS = REPO / "src" / "steepest" / "web" / "static" / "js"


def js_number(script: str, name: str) -> int:
    """An `export const NAME = 1_000;` of one of the page's scripts: the tests wait as long as
    the page really does."""
    source = (SCRIPTS / script).read_text()
    return int(source.split(f"export const {name} = ")[1].split(";")[0].replace("_", ""))


READ_AFTER_MS = js_number("section-reading.js", "READ_AFTER_MS")


def open_with_a_paused_clock(open_page: OpenPage, path: str = LESSON_PATH, **options: Any) -> Page:
    """The lesson with Playwright's clock in place of the page's: time passes only when the
    test says so, so "on screen for a while" means exactly what the test makes it. `options`
    are open_page's (a browser context's)."""
    page = open_page("/", **options)
    page.clock.install()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.goto(page.url.rstrip("/") + path)
    wait_for_widgets(page)  # they change the page's height as they mount
    return page


def show_section(page: Page, section: str) -> None:
    """Scroll to `section`, and return once intersection observers have seen it there (a new
    one's first report comes with the page's own observers' next reports)."""
    page.evaluate(
        """id => new Promise(seen => {
             const section = document.getElementById(id);
             section.scrollIntoView({behavior: 'instant'});
             const observer = new IntersectionObserver(() => { observer.disconnect(); seen(); });
             observer.observe(section);
           })""",
        section,
    )


def read_section(page: Page, section: str) -> None:
    """Show `section` for as long as it takes to count as read."""
    show_section(page, section)
    page.clock.run_for(READ_AFTER_MS + 100)


def server_copy(
    page: Page, holds: Callable[[dict[str, Any]], bool], slug: str = SLUG
) -> dict[str, Any]:
    """The server's copy of the lesson's progress, once the page has sent what makes `holds`
    true of it (the page sends a change after a short delay, on its paused clock)."""
    page.clock.run_for(1000)
    for _ in range(100):
        server: dict[str, Any] = page.evaluate(f"fetch('/api/progress/{slug}').then(r => r.json())")
        if holds(server):
            return server
        page.wait_for_timeout(100)
    raise AssertionError(f"the server's copy is still {server}")
