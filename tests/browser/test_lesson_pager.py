"""The links to the lessons before and after a lesson work from the keyboard, and the index with
its numbered lessons coming next has no axe violations on a phone or a desktop, light or dark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from steepest.lessons import load_catalogue

from .conftest import OpenPage, serve_lessons
from .test_accessibility import axe_script, axe_violations

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests
pytestmark = pytest.mark.browser

_UNIT = load_catalogue().syllabus.courses[0].units[0]  # type: ignore[union-attr]
LAST_LESSON = f"/lessons/{_UNIT.lessons[-1].slug}"
# The shipped unit may have no lessons left to come, so these pages are served from a course
# that extends it with lessons to come of its own, which replace the shipped unit's.
COMING_NEXT = ["Warm restarts: the learning rate, again", "Weight decay"]
EXTENDING_COURSE = f"""\
extends: shipped
courses:
  - title: Math for ML
    units:
      - title: Optimization & gradient descent
        coming_next:
          - "{COMING_NEXT[0]}"
          - {COMING_NEXT[1]}
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on the shipped lessons with the extending course file."""
    folder = tmp_path_factory.mktemp("extended")
    (folder / "course.yaml").write_text(EXTENDING_COURSE, encoding="utf-8")
    yield from serve_lessons(folder, tmp_path_factory)


def test_tabbing_to_the_next_lesson_link_and_pressing_enter_opens_the_next_lesson(
    open_page: OpenPage,
) -> None:
    page = open_page("/lessons/backpropagation")
    next_link = page.locator(".lesson-pager a[rel='next']")
    previous_link = page.locator(".lesson-pager a[rel='prev']")
    # The pager's links come last in the page's tab order: go backwards from the end.
    page.locator(".site-footer").click()
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.getAttribute('rel')")
    assert focused == "next"
    assert next_link.evaluate("a => getComputedStyle(a).outlineStyle") != "none"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('rel')") == "prev"
    assert "02" in previous_link.inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lessons/gradient-descent-and-the-learning-rate")
    assert "Gradient descent and the learning rate" in page.locator("h1").inner_text()
    # The unit's last lesson: no next link, the lessons to come as plain text.
    page.goto(page.url.replace("/lessons/gradient-descent-and-the-learning-rate", LAST_LESSON))
    assert page.locator(".lesson-pager a[rel='next']").count() == 0
    assert page.locator(".pager-upcoming-list li").count() == len(COMING_NEXT)
    assert page.locator(".pager-upcoming-list a").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_on_the_index_with_its_lessons_coming_next(
    open_page: OpenPage, axe_script: Path, width: int, scheme: str
) -> None:
    page = open_page(
        "/", viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    assert page.locator(".upcoming-list li").count() == len(COMING_NEXT)
    assert axe_violations(page, axe_script) == []
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_at_the_foot_of_the_units_last_lesson(
    open_page: OpenPage, axe_script: Path, width: int, scheme: str
) -> None:
    page = open_page(
        LAST_LESSON,
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        bypass_csp=True,
    )
    page.locator(".lesson-pager").scroll_into_view_if_needed()
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        "async () => (await axe.run('.lesson-pager', { resultTypes: ['violations'] }))"
        ".violations.map(v => v.id)"
    )
    assert violations == []
