"""The minibatch lab's spec: its data, batches and both walks are the engine's, held here to a
direct SymPy iteration and to numpy's least squares; bad parameters are refused with what is
wrong, at the lesson's file and line; the page shows the figure and the tables without
JavaScript."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest
import sympy
from starlette.testclient import TestClient

from descent_reference import read_number, rounds_to
from minibatch_reference import (
    FIXTURE,
    SLUG,
    examples,
    full_walk,
    least_squares,
    minibatch_walk,
    step_batches,
)
from steepest.authoring.check import check_lessons
from steepest.engine.claims.verify import verify_claim
from steepest.web.app import create_app
from steepest.web.settings import Settings
from steepest.widgets import WIDGETS, WidgetParamsError, minibatch_lab
from steepest.widgets.minibatch_lab import spec as lab_spec

from .page_parts import elements


def compute(params: dict[str, Any]) -> minibatch_lab.MinibatchLabSpec:
    return lab_spec.compute_spec(minibatch_lab.read_params(params))


FIXTURE_SPEC = compute({})


@pytest.mark.parametrize(("seed", "count", "size"), [(7, 20, 4), (0, 13, 5), (123456789, 9, 1)])
def test_the_table_is_both_walks_run_by_sympy(seed: int, count: int, size: int) -> None:
    spec = compute({"seed": seed, "examples": count, "batch": size, "rate": 0.05, "steps": 12})
    data = examples(seed, count)
    start = (sympy.Integer(0), sympy.Integer(0))
    rate = sympy.Rational(1, 20)
    mini = minibatch_walk(data, size, seed, rate, start, 12)
    full = full_walk(data, rate, start, 12)
    batches = step_batches(count, size, seed, 12)
    for row, m, f in zip(spec["rows"], mini, full, strict=True):
        assert all(rounds_to(t, c) for t, c in zip(row["minibatch"], m, strict=True)), row
        assert all(rounds_to(t, c) for t, c in zip(row["full"], f, strict=True)), row
        if row["step"] < 12:
            assert row["batch"] == " ".join(str(i + 1) for i in batches[row["step"]])
    assert spec["rows"][-1]["batch"] == ""
    assert [row["epoch"] for row in spec["rows"]] == [k // -(-count // size) + 1 for k in range(13)]


def test_the_data_table_is_the_engines_data_set() -> None:
    data = examples(7, 20)
    rows = FIXTURE_SPEC["data"]
    assert [row["index"] for row in rows] == list(range(1, 21))
    for row, example in zip(rows, data, strict=True):
        assert rounds_to(row["x"], example.x) and rounds_to(row["y"], example.y)


def test_the_best_fit_in_the_words_is_least_squares() -> None:
    slope, intercept = least_squares(examples(7, 20))
    found = re.search(r"the best fit is \(w, b\) = \((\S+), (\S+)\)", FIXTURE_SPEC["description"])
    assert found is not None
    assert rounds_to(found.group(1), slope) and rounds_to(found.group(2), intercept)


def test_the_widget_shows_what_the_sgd_claim_states() -> None:
    claim = (
        "sgd (w x + b - y)^2 from w = 0, b = 0 after 5 steps at rate 0.1 with seed = 7,"
        " examples = 20, batch = 4, slope = 2, intercept = -1, noise = 0.5"
    )
    row = FIXTURE_SPEC["rows"][5]
    shown = ", ".join(str(read_number(t)) for t in row["minibatch"])
    assert verify_claim(claim, f"({shown})").ok
    assert not verify_claim(claim, f"({shown.replace('1.58', '1.59')})").ok


def test_the_browser_gets_the_trees_and_the_settings() -> None:
    browser = FIXTURE_SPEC["browser"]
    assert browser["variables"] == ["w", "b"]
    assert sorted(browser["partials"]) == ["b", "w"]
    assert (browser["seed"], browser["examples"], browser["batch"], browser["steps"]) == (
        7,
        20,
        4,
        20,
    )
    assert (browser["slope"], browser["intercept"], browser["noise"]) == (2, -1, 0.5)
    assert (browser["rate"], browser["rateMin"], browser["rateStep"], browser["rateMax"]) == (
        0.1,
        0.01,
        0.01,
        1,
    )
    assert browser["start"] == [0, 0]
    w0, w1, b0, b1 = browser["window"]
    assert w1 - w0 == b1 - b0 and w0 < 0 < w1 and b0 < 0 < b1
    assert compute({"rate": 0.125})["browser"]["rateStep"] == 0.001


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"colour": "red"}, "has no parameter 'colour'"),
        ({"seed": -1}, "seed must be a whole number from 0 to 4294967295"),
        ({"seed": 2**32}, "seed must be a whole number"),
        ({"examples": 1}, "examples must be a whole number from 2 to 200"),
        ({"examples": 10, "batch": 11}, "batch must be a whole number from 1 to 10"),
        ({"batch": 0}, "batch must be a whole number from 1 to 20"),
        ({"batch": True}, "batch must be a whole number"),
        ({"rate": 0}, "needs 0 < rate ≤ 1"),
        ({"rate": 1.5}, "needs 0 < rate ≤ 1"),
        ({"rate": "fast"}, "rate must be a decimal number"),
        ({"noise": -1}, "noise must be a decimal number, not '-1'"),
        ({"slope": "two"}, "slope must be a decimal number, not 'two'"),
        ({"start": {"w": 0}}, "start must give w and b a number each"),
        ({"start": {"w": 0, "b": "x"}}, "start: b: x is not a decimal number"),
        ({"steps": 101}, "steps must be a whole number from 1 to 100"),
    ],
)
def test_bad_parameters_are_refused(params: dict[str, Any], words: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(words)):
        minibatch_lab.read_params(params)


def test_bad_parameters_are_reported_at_the_lessons_line(tmp_path: Path) -> None:
    lesson = tmp_path / "minibatch-lab.md"
    text = (FIXTURE / "minibatch-lab.md").read_text(encoding="utf-8")
    lesson.write_text(text.replace("batch: 4\nslope", "batch: 40\nslope"), encoding="utf-8")
    report = check_lessons([lesson])
    (problem,) = report.problems
    line = text.splitlines().index("```{widget} minibatch-lab") + 1
    assert problem.line == line
    assert "batch must be a whole number from 1 to 20" in problem.message
    assert str(problem).startswith(f"{lesson}:{line}: ")


def test_the_fixture_lesson_checks() -> None:
    report = check_lessons(sorted(FIXTURE.glob("*.md")))
    assert report.problems == ()


def test_the_widget_is_registered() -> None:
    assert WIDGETS["minibatch-lab"].spec.resolve() is lab_spec.compute_spec


@pytest.fixture(scope="module")
def fixture_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    lessons = tmp_path_factory.mktemp("lessons")
    shutil.copytree(FIXTURE, lessons, dirs_exist_ok=True)
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(
        lesson_dir=lessons, workers=1, timeout=20.0, database=database, rate_limit=0
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_page_shows_the_figure_and_the_tables_without_javascript(
    fixture_client: TestClient,
) -> None:
    response = fixture_client.get(f"/lessons/{SLUG}")
    assert response.status_code == 200
    html = response.text
    assert html.count('data-widget="minibatch-lab"') == 1
    start = html.index("<tbody data-rows>")
    rows = html[start : html.index("</tbody>", start)]
    assert rows.count("<tr>") == 21
    first = FIXTURE_SPEC["rows"][1]
    cells = "".join(f"<td>{c}</td>" for c in first["minibatch"])
    assert cells in rows
    start = html.index("<tbody data-data-rows>")
    assert html[start : html.index("</tbody>", start)].count("<tr>") == 20
    assert escape(FIXTURE_SPEC["description"], quote=False) in html
    assert html.count('class="contour level-') == len(FIXTURE_SPEC["picture"]["contours"]) > 3
    assert html.count('class="scatter-point"') == 20
    assert "The sliders and the live pictures need JavaScript" in html
    sliders = {a.get("id"): a for tag, a in elements(html, "input")}
    assert sliders["minibatch-lab-batch"]["value"] == "4"
    assert sliders["minibatch-lab-batch"]["max"] == "20"
    assert sliders["minibatch-lab-seed"]["value"] == "7"
