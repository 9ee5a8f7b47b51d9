"""Under --reload, a lesson page lists each claim `steepest check` fails, as it words them, and
marks the wrong number where the prose shows it; without --reload there is no trace of this."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest

from broken_course import BrokenCourse, serve, write_course
from steepest.authoring.check import check_lessons
from steepest.compute.lanes import ComputeLanes
from steepest.lessons import load_lesson
from steepest.web.app import REVIEW_PRELOAD, WORKER_PRELOAD
from steepest.web.course.claim_review import ClaimReview

from .page_parts import elements

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

RIGHT = '[$6$]{claim="slope x^2 wrt x at x = 3"}'
WRONG = '[$7$]{claim="slope x^2 wrt x at x = 3"}'
UNREADABLE = '[$6$]{claim="slope x^^2 wrt x at x = 3"}'


@pytest.fixture
def course(tmp_path: Path) -> BrokenCourse:
    course = write_course(tmp_path / "lessons")
    course.broken.path.unlink()
    return course


@pytest.fixture
def reloading(course: BrokenCourse, tmp_path: Path) -> Iterator[TestClient]:
    with serve(course, tmp_path, reload=True) as client:
        yield client


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def failed_marks(html: str) -> list[dict[str, str | None]]:
    return [attrs for _tag, attrs in elements(html, "span") if attrs.get("class") == "claim-failed"]


def test_a_wrong_claim_is_listed_as_check_words_it_and_marked_in_the_prose(
    reloading: TestClient, course: BrokenCourse
) -> None:
    lesson = course.good[0]
    assert "claim-failed" not in reloading.get(f"/lessons/{lesson.slug}").text
    replace_in(lesson.path, RIGHT, WRONG)
    (problem,) = check_lessons([lesson.path]).problems
    html = reloading.get(f"/lessons/{lesson.slug}").text
    assert "1 claim fails <code>steepest check</code>" in html
    assert f'<a href="#failed-claim-0"><code>{problem}</code></a>' in unescape(html)
    (mark,) = failed_marks(html)
    assert mark["id"] == "failed-claim-0"
    hidden = f"Fails steepest check, {problem.message}: "
    # Right before the claim's own text: the shown math.
    assert f'<span class="visually-hidden">{hidden}</span><math' in unescape(html)
    # Every other page is untouched by it.
    assert "claim-failed" not in reloading.get(f"/lessons/{course.good[1].slug}").text


def test_a_claim_the_engine_cannot_read_is_listed_too(
    reloading: TestClient, course: BrokenCourse
) -> None:
    lesson = course.good[0]
    replace_in(lesson.path, RIGHT, UNREADABLE)
    (problem,) = check_lessons([lesson.path]).problems
    assert "cannot be checked" in problem.message
    html = reloading.get(f"/lessons/{lesson.slug}").text
    assert f"<code>{problem}</code>" in unescape(html)


def test_the_list_goes_once_the_claim_is_fixed(reloading: TestClient, course: BrokenCourse) -> None:
    lesson = course.good[0]
    replace_in(lesson.path, RIGHT, WRONG)
    assert len(failed_marks(reloading.get(f"/lessons/{lesson.slug}").text)) == 1
    replace_in(lesson.path, WRONG, RIGHT)
    html = reloading.get(f"/lessons/{lesson.slug}").text
    assert failed_marks(html) == [] and "steepest check" not in html


def test_without_reload_a_wrong_claim_leaves_no_trace(course: BrokenCourse, tmp_path: Path) -> None:
    lesson = course.good[0]
    replace_in(lesson.path, RIGHT, WRONG)
    with serve(course, tmp_path, reload=False) as client:
        html = client.get(f"/lessons/{lesson.slug}").text
    assert "steepest check" not in html and "data-claim" not in html and "claim-failed" not in html


def test_verdicts_are_kept_by_claim_so_a_save_asks_only_about_what_changed(
    course: BrokenCourse,
) -> None:
    """With the workers gone, the verdicts kept still answer; a changed claim cannot be
    checked, and says so instead of failing the page."""
    lesson = course.good[0]
    replace_in(lesson.path, RIGHT, WRONG)

    async def review() -> None:
        lanes = ComputeLanes(1, 10.0, preload=(*WORKER_PRELOAD, *REVIEW_PRELOAD))
        claims = ClaimReview(lanes)
        (first,) = await claims.failures(load_lesson(lesson.path, mark_claims=True))
        lanes.close()
        assert await claims.failures(load_lesson(lesson.path)) == (first,)
        replace_in(lesson.path, WRONG, WRONG.replace("$7$", "$8$"))
        (changed,) = await claims.failures(load_lesson(lesson.path))
        assert "could not be checked" in changed.message
        assert changed.location == first.location

    # In a thread of its own: in the same pytest process a browser test may have left the main
    # thread's event loop running (Playwright's sync API), where asyncio.run is refused.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, review()).result()
