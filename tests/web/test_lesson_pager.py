"""The links at the foot of a lesson to the lessons before and after it, in the course's order,
and the lessons coming next, numbered on the index and at the end of their unit."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from steepest.authoring.check import check_lessons, lesson_files
from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.lessons.course_order import course_place
from steepest.lessons.syllabus import Upcoming
from steepest.web.app import create_app
from steepest.web.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CATALOGUE = load_catalogue(SHIPPED_LESSONS)
ORDER = [lesson.slug for lesson in CATALOGUE]
assert CATALOGUE.syllabus is not None
# The shipped unit may have no lessons left to come, so a course that extends it gives it some:
# they replace the shipped unit's, numbered on from its last lesson as (number, title).
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
TO_COME = [(f"{len(ORDER) + 1 + i:02}", title) for i, title in enumerate(COMING_NEXT)]
_PAGER = re.compile(r'<nav class="lesson-pager".*?</nav>', re.S)
_LINK = re.compile(
    r'<a class="pager-link pager-(?P<kind>previous|next)" rel="(?:prev|next)"'
    r' href="(?P<href>[^"]+)">.*?<span class="visually-hidden">Lesson </span>'
    r"(?P<number>\d+)</span> (?P<title>[^<]+)</span>",
    re.S,
)
_UPCOMING = re.compile(
    r'<span class="visually-hidden">Lesson </span>(?P<number>\d+)</span> '
    r'(?:<span class="upcoming-title">)?(?P<title>[^<]+?)(?:</span>)? '
    r'<span class="upcoming-status">'
)


def pager_links(html: str) -> dict[str, tuple[str, str, str]]:
    """The pager's links by kind: (href, number, title)."""
    (pager,) = _PAGER.findall(html)
    return {
        m["kind"]: (m["href"], m["number"], unescape(m["title"]).strip())
        for m in _LINK.finditer(pager)
    }


@pytest.mark.parametrize("slug", ORDER)
def test_each_shipped_lesson_links_the_lessons_before_and_after_it_in_course_order(
    client: TestClient, slug: str
) -> None:
    index = ORDER.index(slug)
    links = pager_links(client.get(f"/lessons/{slug}").text)
    expected = {}
    for kind, neighbour in (("previous", index - 1), ("next", index + 1)):
        if 0 <= neighbour < len(ORDER):
            lesson = CATALOGUE.lessons[neighbour]
            expected[kind] = (f"/lessons/{lesson.slug}", lesson.number_label, lesson.title)
    assert links == expected


@pytest.fixture(scope="module")
def extended_lessons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("extended")
    (folder / "course.yaml").write_text(EXTENDING_COURSE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def extended_client(
    extended_lessons: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=extended_lessons, workers=1, timeout=10.0, database=database)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_last_lesson_of_the_unit_lists_what_comes_next_as_text_not_links(
    extended_client: TestClient,
) -> None:
    html = extended_client.get(f"/lessons/{ORDER[-1]}").text
    (pager,) = _PAGER.findall(html)
    upcoming = pager[pager.index('class="pager-upcoming"') :]
    listed = [(m["number"], unescape(m["title"])) for m in _UPCOMING.finditer(upcoming)]
    assert listed == TO_COME
    assert "<a " not in upcoming.split("</ul>")[0]
    assert "Coming next in this unit" in pager
    # Only the pager names a next lesson: the page has no second "next" box.
    assert html.count('rel="next"') == 0 and html.count("Next lesson") == 0


def test_the_index_numbers_the_lessons_coming_next_on_from_the_last_written_one(
    extended_client: TestClient,
) -> None:
    html = extended_client.get("/").text
    upcoming = html[html.index('class="upcoming"') :]
    numbers = [m["number"] for m in _UPCOMING.finditer(upcoming)]
    written = [lesson.number_label for lesson in CATALOGUE]
    assert written + numbers == [f"{n:02}" for n in range(1, len(ORDER) + len(TO_COME) + 1)]
    assert upcoming.count("(not yet available)") == len(TO_COME)
    assert "<a " not in upcoming.split("</ul>")[0]


def test_a_unit_numbers_its_coming_lessons_after_its_last_lesson(extended_lessons: Path) -> None:
    syllabus = load_catalogue(extended_lessons).syllabus
    assert syllabus is not None
    (unit,) = syllabus.courses[0].units
    assert unit.upcoming[0] == Upcoming(len(ORDER) + 1, COMING_NEXT[0])
    assert [(u.number_label, u.title) for u in unit.upcoming] == TO_COME
    assert course_place(syllabus, "no-such-lesson").next is None


def test_a_unit_with_nothing_to_come_ends_its_last_lesson_with_no_next(
    client: TestClient,
) -> None:
    assert CATALOGUE.syllabus is not None
    if CATALOGUE.syllabus.courses[0].units[-1].coming_next:
        pytest.skip("the shipped unit still has lessons to come")
    (pager,) = _PAGER.findall(client.get(f"/lessons/{ORDER[-1]}").text)
    assert "next" not in pager_links(pager)
    assert "Coming next in this unit" not in pager


COURSE = """\
title: Two units
courses:
  - title: C
    units:
      - title: First
        lessons: [one, two]
        coming_next: [Three]
      - title: Second
        lessons: [four]
"""
LESSON = """\
---
slug: {slug}
title: {title}
course: C
unit: {unit}
number: {number}
difficulty: Easy
summary: About {title}.
{next}---

:::: section s
## Read

Text.
::::
"""


def write_course(folder: Path, nexts: dict[str, str]) -> Path:
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    for slug, title, unit, number in (
        ("one", "One", "First", 1),
        ("two", "Two", "First", 2),
        ("four", "Four", "Second", 1),
    ):
        text = LESSON.format(
            slug=slug, title=title, unit=unit, number=number, next=nexts.get(slug, "")
        )
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def test_a_next_that_agrees_with_the_course_order_passes_check(tmp_path: Path) -> None:
    folder = write_course(
        tmp_path,
        {
            "one": "next: {title: Two, slug: two}\n",
            "two": "next: {title: Three, slug: three}\n",
        },
    )
    catalogue = load_catalogue(folder)
    assert catalogue.syllabus is not None
    place = course_place(catalogue.syllabus, "two")
    # Across the unit's end the next link goes on to the next unit's first lesson.
    assert place.next is not None and place.next.slug == "four"
    assert [u.title for u in place.upcoming] == ["Three"]
    assert check_lessons(lesson_files(folder), timeout=30.0, folder=folder).problems == ()


@pytest.mark.parametrize(
    ("slug", "next_line", "message"),
    [
        (
            "one",
            "next: {title: Four, slug: four}\n",
            "'next' names 'four', but the course puts 'two' (02) after this lesson",
        ),
        (
            "two",
            "next: {title: Momentum, slug: momentum}\n",
            "'next' names 'momentum', but the course puts 'four' (01) after this lesson",
        ),
        (
            "four",
            "next: {title: Five, slug: five}\n",
            "'next' names \"Five\", which unit 'Second' does not list in its coming_next",
        ),
    ],
)
def test_a_next_the_course_order_contradicts_is_reported_at_its_line(
    tmp_path: Path, slug: str, next_line: str, message: str
) -> None:
    folder = write_course(tmp_path, {slug: next_line})
    report = check_lessons(lesson_files(folder), timeout=30.0, folder=folder)
    [problem] = report.problems
    assert (problem.path, problem.line, problem.message) == (
        str(folder / f"{slug}.md"),
        9,
        message,
    )


def test_a_next_the_course_order_contradicts_still_loads_and_the_links_follow_the_course(
    tmp_path: Path,
) -> None:
    folder = write_course(tmp_path, {"one": "next: {title: Four, slug: four}\n"})
    catalogue = load_catalogue(folder)
    place = course_place(catalogue.syllabus, "one")
    assert place.next is not None and place.next.slug == "two"
