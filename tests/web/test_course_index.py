"""The index page, served and exported, follows the course file of a `--lessons` folder that adds
to the shipped course: its title and intro, the courses and units in order, each unit's lessons
in order and what is coming next in it."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape

from steepest.authoring.export import export_site
from steepest.engine.problems.topics import TOPICS
from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.web.app import create_app
from steepest.web.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

COURSE = """\
title: Our own calculus
intro: >-
  Two courses in one: the shipped lessons, then ours, starting from $\\lim_{x \\to 0}$.
extends: shipped
courses:
  - title: Math for ML
    units:
      - title: Optimization & gradient descent
        lessons: [written-next]
        coming_next:
          - "Warm restarts: the learning rate, again"
          - Weight decay
      - title: Probability
        coming_next: [Bayes' rule, Entropy]
  - title: Calculus
    units:
      - title: Limits
        lessons: [approach]
"""
LESSON = """\
---
slug: {slug}
title: {title}
course: {course}
unit: {unit}
number: {number}
difficulty: Easy
summary: About this lesson.
practice: {practice}
---

:::: section s
## Read

Text.
::::
"""
# The shipped unit as the shipped course file has it today. The folder's course file gives the
# unit lessons to come of its own (the shipped unit may have none left), and writes the first:
# it joins the unit after the shipped lessons and leaves the list of lessons to come.
_SHIPPED_UNIT = load_catalogue().syllabus.courses[0].units[0]  # type: ignore[union-attr]
WRITTEN_NEXT = "Warm restarts: the learning rate, again"
# What the index shows, in page order: headings, lessons by slug, and lessons to come.
EXPECTED = [
    ("course", "Math for ML"),
    ("unit", "Optimization &amp; gradient descent"),
    *(("lesson", lesson.slug) for lesson in _SHIPPED_UNIT.lessons),
    ("lesson", "written-next"),
    ("upcoming", "Weight decay"),
    ("unit", "Probability"),
    ("upcoming", "Bayes&#39; rule"),
    ("upcoming", "Entropy"),
    ("course", "Calculus"),
    ("unit", "Limits"),
    ("lesson", "approach"),
]
_PARTS = re.compile(
    r'<h2 id="course-\d+">(?P<course>[^<]*)</h2>'
    r'|<h3 class="unit-title"[^>]*>(?P<unit>[^<]*)</h3>'
    r'|<a href="(?:/|\.\./)?lessons/(?P<lesson>[a-z0-9-]+)/?"'
    r'|<span class="upcoming-title">(?P<upcoming>[^<]*)</span>'
)


def outline(html: str) -> list[tuple[str, str]]:
    found = []
    for match in _PARTS.finditer(html):
        kind = match.lastgroup
        assert kind is not None
        found.append((kind, match.group(kind)))
    return found


@pytest.fixture(scope="module")
def lessons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lessons")
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    (folder / "written-next.md").write_text(
        LESSON.format(
            slug="written-next",
            # A JSON string is YAML too, quoted: a title such as "Curvature: …" would be a key.
            title=json.dumps(WRITTEN_NEXT),
            course="Math for ML",
            unit="Optimization & gradient descent",
            number=len(_SHIPPED_UNIT.lessons) + 1,
            practice="none",
        ),
        encoding="utf-8",
    )
    (folder / "approach.md").write_text(
        LESSON.format(
            slug="approach",
            title="Approaching a point",
            course="Calculus",
            unit="Limits",
            number=1,
            practice="[optimum]",
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def client(lessons: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=lessons, workers=1, timeout=10.0, database=database)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_index_follows_the_course_file(client: TestClient) -> None:
    html = client.get("/").text
    assert "<title>Our own calculus · Steepest</title>" in html
    assert "<h1>Our own calculus</h1>" in html
    lede = html[html.index('<div class="lede">') : html.index("</div>", html.index("lede"))]
    assert "Two courses in one: the shipped lessons, then ours" in lede and "<math" in lede
    assert outline(html) == EXPECTED


def test_every_lesson_of_the_extended_course_is_served(client: TestClient) -> None:
    for slug in ("partial-derivatives-and-the-gradient", "written-next", "approach"):
        assert client.get(f"/lessons/{slug}").status_code == 200


def test_each_lesson_has_the_practice_panel_its_front_matter_chose(client: TestClient) -> None:
    assert "data-practice>" not in client.get("/lessons/written-next").text
    panel = client.get("/lessons/approach").text
    assert 'data-topic="optimum"' in panel
    optimum = TOPICS["optimum"]
    assert optimum.title in panel and f"1 · {escape(optimum.levels[0])}" in panel


def test_the_export_follows_the_course_file(lessons: Path, tmp_path: Path) -> None:
    report = export_site(tmp_path / "site", lesson_dir=lessons)
    assert report.lessons == len(list(SHIPPED_LESSONS.glob("*.md"))) + 2
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert outline(index) == EXPECTED
    for kind, slug in EXPECTED:
        if kind == "lesson":
            assert (tmp_path / "site" / "lessons" / slug / "index.html").is_file()
