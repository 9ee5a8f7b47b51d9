"""A section counts as read only once it has been on screen for a while, and "Reset progress"
asks first and can be undone, in this browser and on the server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from steepest.lessons import SHIPPED_LESSONS, QuestionBlock, load_catalogue

from .conftest import LESSON_PATH, SLUG, OpenPage
from .reading_clock import (
    READ_AFTER_MS,
    js_number,
    open_with_a_paused_clock,
    read_section,
    server_copy,
    show_section,
)
from .test_accessibility import axe_script, axe_violations

pytestmark = pytest.mark.browser
__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

LESSON = load_catalogue(SHIPPED_LESSONS).get(SLUG)
assert LESSON is not None
SECTIONS = [s.id for s in LESSON.sections]
QUESTION = next(b for s in LESSON.sections for b in s.blocks if isinstance(b, QuestionBlock))


def scroll_with(page: Page, move: Callable[[], None]) -> None:
    """`move`, then wait until the page has scrolled and stopped: the scroll is smooth and runs
    on real time (which is also why this polls from here, not with the page's paused timers)."""
    where = [page.evaluate("window.scrollY")]
    move()
    for _ in range(100):
        page.wait_for_timeout(100)
        where.append(page.evaluate("window.scrollY"))
        if where[0] != where[-1] and len(set(where[-5:])) == 1:
            return
    raise AssertionError(f"the page did not scroll, or did not stop: {where}")


def read_sections(page: Page) -> list[str]:
    read: list[str] = page.evaluate(
        "[...document.querySelectorAll('.toc-list li.is-read')].map(li => li.dataset.toc)"
    )
    return read


def on_screen(page: Page) -> list[str]:
    shown: list[str] = page.evaluate(
        """[...document.querySelectorAll('section[data-section]')]
             .filter(s => { const r = s.getBoundingClientRect();
                            return r.bottom > 0 && r.top < window.innerHeight; })
             .map(s => s.id)"""
    )
    return shown


def test_the_end_key_marks_only_what_stays_on_screen(open_page: OpenPage) -> None:
    page = open_with_a_paused_clock(open_page)
    scroll_with(page, lambda: page.keyboard.press("End"))
    page.clock.run_for(READ_AFTER_MS // 2)
    assert read_sections(page) == []
    page.clock.run_for(READ_AFTER_MS)
    read = read_sections(page)
    assert SECTIONS[-1] in read
    assert set(read) <= set(on_screen(page))
    assert SECTIONS[0] not in read


def test_a_table_of_contents_jump_marks_the_section_only_after_a_while(
    open_page: OpenPage,
) -> None:
    page = open_with_a_paused_clock(open_page)
    target = SECTIONS[2]
    scroll_with(page, page.locator(f'.toc-list li[data-toc="{target}"] a').click)
    page.clock.run_for(READ_AFTER_MS // 2)
    assert read_sections(page) == []
    page.clock.run_for(READ_AFTER_MS)
    read = read_sections(page)
    assert target in read
    # Jumped over: neither of the sections before it was read.
    assert SECTIONS[0] not in read and SECTIONS[1] not in read


def test_a_hidden_tab_reads_nothing(open_page: OpenPage) -> None:
    page = open_with_a_paused_clock(open_page)
    show_section(page, SECTIONS[0])
    page.evaluate(
        """() => { Object.defineProperty(document, 'visibilityState',
                     { value: 'hidden', configurable: true });
                   document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    page.clock.run_for(READ_AFTER_MS * 3)
    assert read_sections(page) == []
    page.evaluate(
        """() => { Object.defineProperty(document, 'visibilityState',
                     { value: 'visible', configurable: true });
                   document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    page.clock.run_for(READ_AFTER_MS + 100)
    assert SECTIONS[0] in read_sections(page)


def progress_text(page: Page) -> str:
    return page.locator("[data-progress-text]").inner_text()


def make_some_progress(page: Page) -> str:
    """The first section read and one question answered right: the panel's sentence."""
    read_section(page, SECTIONS[0])
    form = page.locator(f"#question-{QUESTION.id}")
    form.locator(f'label[for="question-{QUESTION.id}-{QUESTION.answer}"]').click()
    form.get_by_role("button", name="Check my answer").click()
    form.locator(".verdict-right").wait_for()
    server_copy(page, lambda copy: bool(copy["sections"]) and bool(copy["answers"]))
    text = progress_text(page)
    assert text.startswith("1 of") and "1 of" in text.split("·")[-1]
    return text


def focused(page: Page) -> str:
    text: str = page.evaluate("document.activeElement.textContent.trim()")
    return text


def test_reset_asks_then_can_be_undone_from_the_keyboard(open_page: OpenPage) -> None:
    page = open_with_a_paused_clock(open_page)
    before = make_some_progress(page)
    status = page.locator("[data-progress-status]")
    reset = page.get_by_role("button", name="Reset progress")
    for _ in range(200):
        if focused(page) == "Reset progress":
            break
        page.keyboard.press("Tab")
    assert focused(page) == "Reset progress"

    # Asked, then kept: with Escape, and with the button that keeps everything.
    page.keyboard.press("Enter")
    assert reset.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("group", name="Forget what you have read").is_visible()
    assert focused(page) == "Keep my progress"
    page.keyboard.press("Escape")
    assert focused(page) == "Reset progress"
    assert page.locator("[data-progress-confirm]").is_hidden()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert status.inner_text() == "Nothing was reset."
    assert focused(page) == "Reset progress"
    assert progress_text(page) == before

    # Confirmed: everything goes, here and on the server.
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Yes, reset"
    page.keyboard.press("Enter")
    assert progress_text(page).startswith(f"0 of {len(SECTIONS)} sections read")
    assert focused(page) == "Undo the reset"
    assert status.inner_text().startswith("Progress reset.")
    assert page.locator(f"#question-{QUESTION.id} .verdict").count() == 0
    server = server_copy(page, lambda copy: copy["cleared_at"] > 0)
    assert server["sections"] == {} and server["answers"] == {}

    # Undone: everything is back, the quiz's verdict too, and the server agrees.
    page.keyboard.press("Enter")
    assert progress_text(page) == before
    assert focused(page) == "Reset progress"
    assert status.inner_text() == "Progress restored."
    assert page.locator("[data-progress-undo]").is_hidden()
    page.locator(f"#question-{QUESTION.id} .verdict-right").wait_for()
    server = server_copy(page, lambda copy: bool(copy["sections"]))
    assert SECTIONS[0] in server["sections"]
    assert server["answers"][QUESTION.id]["correct"] is True
    assert min(server["sections"].values()) > server["cleared_at"]

    # A browser with only the learner's cookie gets the restored progress from the server.
    other = open_page(LESSON_PATH, storage_state={"cookies": page.context.cookies(), "origins": []})
    other.wait_for_function(
        "t => document.querySelector('[data-progress-text]').textContent === t", arg=before
    )


def test_the_undo_is_withdrawn_after_a_while(open_page: OpenPage) -> None:
    page = open_with_a_paused_clock(open_page)
    make_some_progress(page)
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    undo_ms = js_number("progress-reset.js", "UNDO_MS")
    page.clock.run_for(undo_ms - 1000)
    assert page.get_by_role("button", name="Undo the reset").is_visible()
    page.clock.run_for(2000)
    assert page.locator("[data-progress-undo]").is_hidden()
    # Its focus went back to the reset button rather than to nowhere.
    assert focused(page) == "Reset progress"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_reset_question_and_the_undo_pass_axe(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    page = open_with_a_paused_clock(open_page, color_scheme=scheme, bypass_csp=True)
    make_some_progress(page)
    page.clock.resume()  # axe-core waits on timers of its own
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Keep my progress").wait_for()
    assert axe_violations(page, axe_script) == []
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("button", name="Undo the reset").wait_for()
    assert axe_violations(page, axe_script) == []
