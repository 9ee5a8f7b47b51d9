"""The optimizer race's spec: its table is the four published update rules run by the engine
(checked against tests/optimizer_reference.py), every landscape has its map, and bad
parameters are refused with what is wrong, at the lesson's line."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from starlette.testclient import TestClient

from optimizer_reference import reference_adam, reference_heavy_ball, reference_rmsprop
from race_course import COURSE, LESSON_FILE, PARAMS, PRESETS, SLUG, STEPS, write_race_course
from steepest.authoring.check import check_lessons
from steepest.engine.errors import EngineError
from steepest.web.app import create_app
from steepest.web.settings import Settings
from steepest.widgets import WIDGETS, WidgetParamsError, optimizer_race
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.optimizer_race import spec as race_spec
from steepest.widgets.optimizer_race.landscapes import LANDSCAPES

# The page may weigh this much with its four landscapes' maps (issue 17's budget).
MOST_PAGE_BYTES = 150_000


def compute(params: dict[str, Any]) -> optimizer_race.OptimizerRaceSpec:
    return race_spec.compute_spec(optimizer_race.read_params(params))


LESSON_SPEC = compute(PARAMS)


def own_gradient(w: np.ndarray) -> np.ndarray:
    """∇(w1⁴/4 − w1 + w2²), the fixture's own loss, by hand."""
    return np.array([w[0] ** 3 - 1, 2 * w[1]])


def own_loss(w: np.ndarray) -> float:
    return float(w[0] ** 4 / 4 - w[0] + w[1] ** 2)


def test_the_table_is_the_published_rules_at_the_lessons_settings() -> None:
    start = np.array([-1.5, 1.5])
    ends = [
        reference_heavy_ball(own_gradient, start, STEPS, 0.05, 0.0, nesterov=False),
        reference_heavy_ball(own_gradient, start, STEPS, 0.02, 0.9, nesterov=False),
        reference_rmsprop(own_gradient, start, STEPS, 0.05, 0.9, 1e-8),
        reference_adam(own_gradient, start, STEPS, 0.1, 0.9, 0.999, 1e-8),
    ]
    rows = LESSON_SPEC["rows"]
    assert [row["key"] for row in rows] == ["sgd", "momentum", "rmsprop", "adam"]
    for row, end in zip(rows, ends, strict=True):
        assert row["cells"] == [number_text(c) for c in (*end, own_loss(end))], row["name"]


def test_every_landscape_has_its_map_start_and_rates() -> None:
    browser = LESSON_SPEC["browser"]
    keys = [land["key"] for land in browser["landscapes"]]
    assert keys == ["own", *PRESETS]
    for land in browser["landscapes"][1:]:
        preset = LANDSCAPES[land["key"]]
        assert land["start"] == [float(c) for c in preset.start]
        assert [browser["ladderTexts"][i] for i in land["rates"]] == list(preset.rates)
        assert land["lowest"] == float(preset.lowest or "nan")
        assert len(land["surface"]["levels"]) > 5
    assert browser["landscapes"][0]["lowest"] is None
    assert browser["ladder"] == sorted(browser["ladder"])


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"colour": "red"}, "has no parameter 'colour'"),
        ({"landscapes": ["ravine", "moon"]}, "has no landscape 'moon'; choose from: ravine"),
        ({"landscapes": "ravine"}, "landscapes must be a list of names"),
        ({"landscapes": ["saddle", "saddle"]}, "landscapes names one twice"),
        ({"landscapes": []}, "needs a landscape: name one, or give an expression"),
        ({"window": [-1, 1, -1, 1]}, "window is for the lesson's own expression"),
        ({"expression": " "}, "expression must be a loss of two weights"),
        ({"expression": "w1^2 + w2^2", "window": [1, -1, 0, 2]}, "must run from low to high"),
        ({"expression": "w1^2 + w2^2", "window": [1, 2]}, "window must be four numbers"),
        ({"expression": "w1^2 + w2^2", "rates": {"sgd": 0.1}}, "rates must give each optimizer"),
        (
            {"expression": "w1^2", "rates": {"sgd": 0, "momentum": 1, "rmsprop": 1, "adam": 1}},
            "needs every rate above 0, not 0",
        ),
        ({"beta": 1}, "beta must be from 0 to 0.99"),
        ({"beta2": 0.5}, "beta2 must be from 0.9 to 0.999"),
        ({"rho": 0.905}, "rho has at most 2 decimals"),
        ({"steps": 101}, "optimizer-race steps must be a whole number from 1 to 100"),
    ],
)
def test_bad_parameters_are_refused_in_the_web_process(params: dict[str, Any], words: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(words)):
        optimizer_race.read_params(params)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"expression": "w^2"}, "optimizer-race needs a loss of two weights"),
        ({"expression": "w1^2 + w2^2", "start": {"w1": 3, "w2": 0}}, "must lie inside the window"),
        ({"expression": "w1^2 + w2^2", "start": {"a": 1, "b": 0}}, "names 'a', which is not"),
    ],
)
def test_what_needs_the_engine_is_refused_by_the_worker(params: dict[str, Any], words: str) -> None:
    with pytest.raises((EngineError, WidgetParamsError), match=re.escape(words)):
        compute(params)


def test_the_lesson_checks_and_a_bad_race_is_reported_at_its_line(tmp_path: Path) -> None:
    assert check_lessons([LESSON_FILE]).problems == ()
    copy = write_race_course(tmp_path) / LESSON_FILE.name
    text = copy.read_text(encoding="utf-8")
    line = text.splitlines().index("```{widget} optimizer-race") + 1
    copy.write_text(text.replace("saddle,", "plateau,"), encoding="utf-8")
    (problem,) = check_lessons([copy]).problems
    assert (problem.path, problem.line) == (str(copy), line)
    assert "has no landscape 'plateau'" in problem.message


def test_the_widget_is_registered() -> None:
    assert WIDGETS["optimizer-race"].spec.resolve() is race_spec.compute_spec


def test_the_page_shows_the_table_and_words_without_javascript_within_its_budget(
    tmp_path: Path,
) -> None:
    settings = Settings(
        lesson_dir=COURSE,
        workers=1,
        timeout=10.0,
        database=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        rate_limit=0,
    )
    with TestClient(create_app(settings)) as client:
        response = client.get(f"/lessons/{SLUG}")
    assert response.status_code == 200
    html = response.text
    assert len(response.content) <= MOST_PAGE_BYTES
    assert html.count('data-widget="optimizer-race"') == 1
    for row in LESSON_SPEC["rows"]:
        assert (
            "".join(f'<td data-out="{row["key"]}-{i}">{c}</td>' for i, c in enumerate(row["cells"]))
            in html
        )
    assert escape(LESSON_SPEC["description"], quote=False).replace("'", "&#39;") in html
    assert "The map, the plot and the controls need JavaScript" in html


def test_the_lessons_own_rates_join_the_ladder_and_the_start_defaults_inside_the_window() -> None:
    rates = {"sgd": "0.03", "momentum": "0.01", "rmsprop": "0.007", "adam": "0.5"}
    spec = compute({"expression": "w1^2 + 3w2^2", "window": [-1, 3, 0, 2], "rates": rates})
    browser = spec["browser"]
    own = browser["landscapes"][0]
    assert [browser["ladderTexts"][i] for i in own["rates"]] == list(rates.values())
    assert "0.03" in browser["ladderTexts"] and "0.02" in browser["ladderTexts"]
    assert own["start"] == [0.0, 1.0]
    assert spec["rate_texts"] == list(rates.values())
