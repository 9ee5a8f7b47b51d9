"""The index page in Chromium: it follows the course file of a `--lessons` folder that extends
the shipped course, and its screenshots (desktop and phone, light and dark) show every part.
A lesson of that folder starts its surface explorer's ball where the widget's `start` says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from steepest.lessons import load_catalogue

from .conftest import (
    OpenPage,
    PageWatch,
    _free_port,
    _wait_until_answering,
    wait_for_widgets,
)
from .png_pixels import png_size
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser

COURSE = """\
title: Calculus, checked
intro: >-
  The shipped lessons, then two of our own. Every number is worked out by the engine, even
  $\\frac{\\partial L}{\\partial w_1}$.
extends: shipped
courses:
  - title: Math for ML
    units:
      - title: Optimization & gradient descent
        lessons: [walking-downhill]
        coming_next: [Weight decay]
      - title: Probability
        coming_next:
          - Counting, carefully
          - Bayes' rule
  - title: Calculus
    units:
      - title: Limits
        lessons: [approach]
        coming_next: [Continuity]
"""
LESSON = """\
---
slug: {slug}
title: {title}
course: {course}
unit: {unit}
number: {number}
difficulty: Easy
summary: {summary}
---

:::: section see-it-move
## See it move

{body}
::::
"""
START = {"w1": 1.5, "w2": 1.0}
WIDGET = """\
```{widget} surface-explorer
expression: w1^2 + 3w2^2
range: 2
start: {w1: 1.5, w2: 1}
```"""
# The shipped unit as the shipped course file has it today: the folder's lesson goes after its
# lessons, and the folder's own lessons to come replace the shipped unit's (it may have none).
_SHIPPED_UNIT = load_catalogue().syllabus.courses[0].units[0]  # type: ignore[union-attr]
# In page order: course headings, unit headings, lesson links and lessons coming next.
EXPECTED = [
    "course: Math for ML",
    "unit: Optimization & gradient descent",
    *(f"lesson: /lessons/{lesson.slug}" for lesson in _SHIPPED_UNIT.lessons),
    "lesson: /lessons/walking-downhill",
    # Numbered on from the unit's last lesson, walking-downhill's 09.
    "next: Lesson 10 Weight decay",
    "unit: Probability",
    "next: Lesson 01 Counting, carefully",
    "next: Lesson 02 Bayes' rule",
    "course: Calculus",
    "unit: Limits",
    "lesson: /lessons/approach",
    "next: Lesson 02 Continuity",
]


@pytest.fixture(scope="module")
def course_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("lessons")
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    lessons = [
        {
            "slug": "walking-downhill",
            "title": "Walking downhill",
            "course": "Math for ML",
            "unit": "Optimization & gradient descent",
            # After every lesson the shipped unit will have.
            "number": 9,
            "summary": "Drop a ball on a bowl and watch it roll.",
            "body": WIDGET,
        },
        {
            "slug": "approach",
            "title": "Approaching a point",
            "course": "Calculus",
            "unit": "Limits",
            "number": 1,
            "summary": "What a function does near a point.",
            "body": "Closer and closer.",
        },
    ]
    for fields in lessons:
        path = folder / f"{fields['slug']}.md"
        path.write_text(LESSON.format(**fields), encoding="utf-8")
    port = _free_port()
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    environment = {**os.environ, "STEEPEST_DATABASE_URL": database, "STEEPEST_RATE_LIMIT": "0"}
    command = [str(Path(sys.executable).with_name("steepest")), "serve", "--port", str(port)]
    process = subprocess.Popen([*command, "--lessons", str(folder)], env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url + "/", process, limit_s=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def open_course_page(browser: Browser, course_url: str) -> Iterator[OpenPage]:
    """As `open_page`, on the server of the folder above: console errors fail the test."""
    watch = PageWatch(host=course_url.removeprefix("http://"))
    contexts = []

    def open_(path: str = "/", **options: Any) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": SCREEN_HEIGHT})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        page.on("request", lambda request: watch.on_request(request.url))
        page.goto(course_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert watch.console_errors == []
    assert watch.foreign_requests == []


def index_outline(page: Page) -> list[str]:
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll(
                '.course h2, .unit-title, .lesson-card-title a, .upcoming-list li')]
            .map((el) => el.matches('h2') ? 'course: ' + el.textContent
                : el.matches('.unit-title') ? 'unit: ' + el.textContent
                : el.matches('a') ? 'lesson: ' + el.getAttribute('href')
                : 'next: ' + el.querySelector('.lesson-number').textContent + ' '
                    + el.querySelector('.upcoming-title').textContent)"""
    )
    return found


def test_the_index_follows_the_course_file(open_course_page: OpenPage) -> None:
    page = open_course_page()
    assert page.title() == "Calculus, checked · Steepest"
    assert page.locator("h1").inner_text() == "Calculus, checked"
    lede = page.locator(".lede")
    assert lede.inner_text().startswith("The shipped lessons, then two of our own.")
    assert lede.locator("math").count() == 1
    assert index_outline(page) == EXPECTED
    # Each unit's coming-next list is named by its own label, for screen readers.
    for upcoming in page.locator(".upcoming-list").all():
        label = upcoming.get_attribute("aria-labelledby")
        assert page.locator(f"#{label}").inner_text().lower() == "coming next in this unit"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("course", ["shipped", "extended"])
def test_screenshot_of_the_index(
    open_page: OpenPage, open_course_page: OpenPage, course: str, width: int, scheme: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    opener = open_page if course == "shipped" else open_course_page
    page = opener("/", viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme)
    whole = page.screenshot(
        path=str(SHOTS / f"index-{course}-{width}-{scheme}.png"), full_page=True
    )
    assert png_size(whole)[0] == width  # nothing wider than the screen, on a phone too
    regions = {"index-heading": "main > h1"}
    # The shipped unit may have no lessons left to come; the extended course gives it some.
    if course == "extended" or page.locator(".upcoming").count():
        regions["index-unit"] = ".upcoming"
    for name, selector in regions.items():
        shot = SHOTS / f"{name}-{course}-{width}-{scheme}.png"
        check_region(page, f"{selector} >> nth=0", shot, scheme)
    check_region(
        page, ".lesson-card >> nth=0", SHOTS / f"index-card-{course}-{width}-{scheme}.png", scheme
    )


def test_the_ball_is_first_dropped_where_the_widget_starts_it(
    open_course_page: OpenPage,
) -> None:
    page = open_course_page("/lessons/walking-downhill", reduced_motion="reduce")
    wait_for_widgets(page)
    root = page.locator('[data-widget="surface-explorer"]')
    probe = root.locator('[data-out="probe"]').inner_text()
    assert probe.startswith("At (w1, w2) = (1.5, 1): ")
    root.locator("[data-plot]").focus()
    with page.expect_request("**/api/descent") as request:
        page.keyboard.press("Enter")
    body = json.loads(request.value.post_data or "{}")
    assert body["start"] == START
    root.locator('[data-out="descent"]').wait_for(state="visible")
