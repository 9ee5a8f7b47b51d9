"""A lesson file that does not load breaks only itself: every other page answers, the index
leaves it out (or, under --reload, lists it with its error), and its own address says it is
unavailable, naming the file and the line only to an author running --reload."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from broken_course import BrokenCourse, serve, write_course
from steepest.web.course.library import UNAVAILABLE

from .app_state import state_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LIBRARY_LOG = "steepest.web.course.library"


@pytest.fixture
def course(tmp_path: Path) -> BrokenCourse:
    return write_course(tmp_path / "lessons")


@pytest.fixture(params=[False, True], ids=["production", "reload"])
def client(
    request: pytest.FixtureRequest, course: BrokenCourse, tmp_path: Path
) -> Iterator[TestClient]:
    with serve(course, tmp_path, reload=request.param) as test_client:
        yield test_client


def reloading(client: TestClient) -> bool:
    return state_of(client).settings.reload


def test_every_other_page_answers(client: TestClient, course: BrokenCourse) -> None:
    index = client.get("/")
    assert index.status_code == 200
    for lesson in course.good:
        assert f'href="/lessons/{lesson.slug}"' in index.text
        page = client.get(f"/lessons/{lesson.slug}")
        assert page.status_code == 200
        assert lesson.title in page.text
        assert client.get(f"/api/progress/{lesson.slug}").status_code == 200
    assert client.get("/static/css/steepest.css").status_code == 200
    gradient = client.post("/api/gradient", json={"expression": "x^2", "at": {"x": 3}})
    assert gradient.status_code == 200


def test_the_broken_lesson_answers_503_with_its_error_only_under_reload(
    client: TestClient, course: BrokenCourse
) -> None:
    page = client.get(f"/lessons/{course.broken.slug}")
    api = client.get(f"/api/progress/{course.broken.slug}")
    assert (page.status_code, api.status_code) == (503, 503)
    if reloading(client):
        assert course.error.replace("'", "&#39;") in page.text
        assert api.json()["error"]["message"] == course.error
    else:
        assert UNAVAILABLE in page.text and api.json()["error"]["message"] == UNAVAILABLE
        for answer in (page.text, api.text, client.get("/").text):
            assert str(course.folder) not in answer and ".md" not in answer


def test_the_index_lists_the_broken_file_for_its_author_only(
    client: TestClient, course: BrokenCourse
) -> None:
    index = client.get("/").text
    assert course.broken.title not in index
    listed = course.error.replace("'", "&#39;") in index
    assert listed == reloading(client)


def test_the_log_carries_the_error_once_per_load(
    course: BrokenCourse, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, LIBRARY_LOG)
    with serve(course, tmp_path, reload=True) as client:
        for _ in range(3):
            client.get(f"/lessons/{course.broken.slug}")
            client.get("/")
        logged = [r.getMessage() for r in caplog.records if r.name == LIBRARY_LOG]
        assert logged == [f"{course.error} (the lesson is left out until this is fixed)"]
        # A save loads the folder again, and the error is logged again, once.
        course.good[0].path.write_text(course.good[0].path.read_text() + "\n", "utf-8")
        client.get("/")
        client.get(f"/lessons/{course.broken.slug}")
        logged = [r.getMessage() for r in caplog.records if r.name == LIBRARY_LOG]
        assert len(logged) == 2 and logged[0] == logged[1]


def test_a_fixed_lesson_is_served_on_the_next_request_under_reload(
    course: BrokenCourse, tmp_path: Path
) -> None:
    with serve(course, tmp_path, reload=True) as client:
        assert client.get(f"/lessons/{course.broken.slug}").status_code == 503
        text = course.broken.path.read_text(encoding="utf-8")
        course.broken.path.write_text(text.replace("A slope is a rate.\n", "A rate.\n:::"))
        fixed = client.get(f"/lessons/{course.broken.slug}")
        assert fixed.status_code == 200
        assert course.broken.title in client.get("/").text
