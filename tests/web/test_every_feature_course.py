"""The course that uses every authoring feature (tests/fixtures/every-feature), served: each
part shows, and the lesson pages link each other in the course file's order."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from steepest.web.app import create_app
from steepest.web.settings import Settings

from .page_parts import elements, widget_specs

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

COURSE = Path(__file__).parents[1] / "fixtures" / "every-feature"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=COURSE, workers=1, timeout=10.0, database=database)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def pager(html: str) -> str:
    found = re.search(r'<nav class="lesson-pager".*?</nav>', html, re.S)
    assert found is not None
    return found.group(0)


def test_the_first_lesson_shows_every_part_and_links_on_to_the_second(
    client: TestClient,
) -> None:
    response = client.get("/lessons/curved-bowl")
    assert response.status_code == 200
    html = response.text
    alts = {attrs.get("alt") for _tag, attrs in elements(html, "img")}
    assert "an arrow pointing down and to the left" in alts
    assert "<figcaption" in html and 'class="footnotes"' in html and "<table" in html
    (explorer,) = [spec for spec in widget_specs(html) if "start" in spec]
    assert explorer["start"] == {"w1": 1.5, "w2": 1.0}
    assert "data-practice" in html
    links = pager(html)
    assert 'rel="prev"' not in links
    assert re.search(
        r'rel="next" href="/lessons/steps-downhill">.*?02</span> Steps downhill', links, re.S
    )


def test_the_last_lesson_links_back_and_lists_the_lessons_to_come_numbered(
    client: TestClient,
) -> None:
    links = pager(client.get("/lessons/steps-downhill").text)
    assert re.search(
        r'rel="prev" href="/lessons/curved-bowl">.*?01</span> A curved bowl', links, re.S
    )
    assert 'rel="next"' not in links
    upcoming = re.findall(r"(\d\d)</span> ([^<]+?) <span class=\"upcoming-status\">", links)
    assert upcoming == [("03", "Momentum on the bowl"), ("04", "Adam: steps of their own")]


def test_the_index_lists_both_lessons_then_the_two_to_come_as_text(client: TestClient) -> None:
    html = client.get("/").text
    assert "<h1>Every feature, checked</h1>" in html
    cards = re.findall(r'<h4 class="lesson-card-title"><a href="/lessons/([a-z-]+)">', html)
    assert cards == ["curved-bowl", "steps-downhill"]
    titles = re.findall(r'<span class="upcoming-title">([^<]+)</span>', html)
    assert titles == ["Momentum on the bowl", "Adam: steps of their own"]
