"""The momentum lab's spec: its walks are the published update rules (torch.optim.SGD's
documented heavy ball; w ← w − η∇L run by SymPy), its best settings Polyak's closed forms, and
bad parameters are refused with what is wrong, at the lesson's line."""

from __future__ import annotations

import math
import re
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy
from starlette.testclient import TestClient

from descent_reference import gradient_length, iterate, rounds_to
from momentum_course import (
    BETA,
    COURSE,
    CURVATURES,
    LESSON_FILE,
    RATE,
    SLUG,
    START,
    STEPS,
    TOLERANCE,
    write_momentum_course,
)
from optimizer_reference import reference_heavy_ball
from steepest.authoring.check import check_lessons
from steepest.engine.errors import EngineError
from steepest.web.app import create_app
from steepest.web.settings import Settings
from steepest.widgets import WIDGETS, WidgetParamsError, momentum_lab
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.momentum_lab import spec as lab_spec

w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = sympy.Rational(CURVATURES[0], 2) * w1**2 + sympy.Rational(CURVATURES[1], 2) * w2**2
LESSON_PARAMS = {
    "curvatures": list(CURVATURES),
    "rate": RATE,
    "beta": BETA,
    "start": {"w1": START[0], "w2": START[1]},
    "steps": STEPS,
    "tolerance": TOLERANCE,
}


def compute(params: dict[str, Any]) -> momentum_lab.MomentumLabSpec:
    return lab_spec.compute_spec(momentum_lab.read_params(params))


LESSON_SPEC = compute(LESSON_PARAMS)


def bowl_gradient(w: np.ndarray) -> np.ndarray:
    return np.array([CURVATURES[0] * w[0], CURVATURES[1] * w[1]], dtype=float)


def heavy_ball_points(rate: float, beta: float, steps: int) -> list[np.ndarray]:
    start = np.array(START, dtype=float)
    return [
        reference_heavy_ball(bowl_gradient, start, k, rate, beta, nesterov=False)
        for k in range(steps + 1)
    ]


def stopping_step(points: list[tuple[sympy.Expr, ...]] | list[np.ndarray]) -> int | None:
    tolerance = sympy.Rational(TOLERANCE)
    point_lengths = [
        gradient_length(BOWL, (w1, w2), tuple(sympy.nsimplify(c) for c in p)) for p in points
    ]
    return next((k for k, g in enumerate(point_lengths) if g < tolerance), None)


def test_the_momentum_columns_are_pytorchs_heavy_ball() -> None:
    expected = heavy_ball_points(float(RATE), float(BETA), STEPS)
    rows = LESSON_SPEC["rows"]
    assert [row["step"] for row in rows] == list(range(STEPS + 1))
    for row, point in zip(rows, expected, strict=True):
        loss = float(BOWL.subs({w1: point[0], w2: point[1]}))
        for shown, value in zip(row["momentum"], [*point, loss], strict=True):
            assert rounds_to(shown, value), (row, point)


def test_the_descent_columns_are_the_update_rule_run_by_sympy() -> None:
    start = tuple(sympy.Integer(c) for c in START)
    points = iterate(BOWL, (w1, w2), start, sympy.Rational(RATE), STEPS)
    for row, point in zip(LESSON_SPEC["rows"], points, strict=True):
        loss = BOWL.subs(dict(zip((w1, w2), point, strict=True)))
        for shown, value in zip(row["plain"], [*point, loss], strict=True):
            assert rounds_to(shown, value), (row, point)


def test_beta_zero_is_gradient_descent() -> None:
    spec = compute({**LESSON_PARAMS, "beta": 0})
    assert [r["momentum"] for r in spec["rows"]] == [r["plain"] for r in spec["rows"]]


def test_the_marked_settings_are_polyaks() -> None:
    browser = LESSON_SPEC["browser"]
    root_kappa = math.sqrt(CURVATURES[1] / CURVATURES[0])
    beta_star = ((root_kappa - 1) / (root_kappa + 1)) ** 2
    rate_star = 4 / (math.sqrt(CURVATURES[1]) + math.sqrt(CURVATURES[0])) ** 2
    assert browser["tunedBeta"] == pytest.approx(beta_star, rel=1e-12)
    assert browser["tunedRate"] == pytest.approx(rate_star, rel=1e-12)
    assert (browser["tunedBetaText"], browser["tunedRateText"]) == (
        number_text(beta_star),
        number_text(rate_star),
    )
    assert browser["threshold"] == 2 / max(CURVATURES)
    # The rate slider reaches past both η* and 2/λmax; β runs in hundredths.
    assert browser["rateMax"] > max(rate_star, browser["threshold"])
    assert (browser["betaStep"], browser["betaMax"]) == (0.01, 0.99)
    finer = compute({**LESSON_PARAMS, "beta": "0.995"})["browser"]
    assert (finer["betaStep"], finer["betaMax"], finer["beta"]) == (0.001, 0.999, 0.995)


def test_the_readouts_and_words_follow_the_walks() -> None:
    momentum = heavy_ball_points(float(RATE), float(BETA), STEPS)
    start = tuple(sympy.Integer(c) for c in START)
    plain = iterate(BOWL, (w1, w2), start, sympy.Rational(RATE), STEPS)
    heavy_stop, plain_stop = stopping_step(momentum), stopping_step(plain)
    readouts = LESSON_SPEC["readouts"]
    assert (readouts["rate"], readouts["beta"]) == (RATE, BETA)
    assert readouts["momentum-stop"] == (f"over {STEPS}" if heavy_stop is None else str(heavy_stop))
    assert readouts["plain-stop"] == (f"over {STEPS}" if plain_stop is None else str(plain_stop))
    last = {w1: momentum[-1][0], w2: momentum[-1][1]}
    assert rounds_to(readouts["momentum-loss"], BOWL.subs(last))
    assert rounds_to(readouts["plain-loss"], BOWL.subs(dict(zip((w1, w2), plain[-1], strict=True))))
    said = LESSON_SPEC["description"]
    assert said.startswith(f"At η = {RATE} and β = {BETA}, after {STEPS} steps L = ")
    assert f"after {heavy_stop} steps" in said
    assert f"stays above {TOLERANCE} for all {STEPS} steps" in said  # descent crawls along w1


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"colour": "red"}, "has no parameter 'colour'"),
        ({"expression": "w1^2", "curvatures": [1, 2]}, "an expression or curvatures, not both"),
        ({"curvatures": [1]}, "momentum-lab curvatures must be two numbers"),
        ({"curvatures": [1, -10]}, "curvatures must be positive decimal numbers, not '-10'"),
        ({"rate": 0}, "needs rate > 0"),
        ({"beta": 1}, "needs beta below 1"),
        ({"beta": -0.5}, "beta must be a decimal number, not '-0.5'"),
        ({"tolerance": 0}, "needs tolerance > 0"),
        ({"steps": 101}, "momentum-lab steps must be a whole number from 1 to 100"),
        ({"start": [1, 1]}, "momentum-lab start must give each weight a number"),
    ],
)
def test_bad_parameters_are_refused_in_the_web_process(params: dict[str, Any], words: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(words)):
        momentum_lab.read_params(params)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"expression": "w1^4 + w2^2"}, "not a quadratic in w1, w2: it has degree 4"),
        ({"expression": "w1^2 - 3w2^2"}, "is not a bowl: along w2 it curves down"),
        ({"expression": "w^2"}, "momentum-lab needs a loss of two weights"),
        ({"start": {"w1": 0, "w2": 0}}, "the start is the minimum of L"),
        ({"rate": 0.5}, "rate 0.5 is above 4/λmax = 0.4, where both walks diverge"),
    ],
)
def test_what_needs_the_engine_is_refused_by_the_worker(params: dict[str, Any], words: str) -> None:
    with pytest.raises((EngineError, WidgetParamsError), match=re.escape(words)):
        compute(params)


def test_the_lesson_checks_and_a_bad_lab_is_reported_at_its_line(tmp_path: Path) -> None:
    assert check_lessons([LESSON_FILE]).problems == ()
    copy = write_momentum_course(tmp_path) / LESSON_FILE.name
    text = copy.read_text(encoding="utf-8")
    line = text.splitlines().index("```{widget} momentum-lab") + 1
    copy.write_text(text.replace("rate: 0.15", "rate: 0.5"), encoding="utf-8")
    (problem,) = check_lessons([copy]).problems
    assert (problem.path, problem.line) == (str(copy), line)
    assert "rate 0.5 is above 4/λmax = 0.4" in problem.message


def test_the_widget_is_registered() -> None:
    assert WIDGETS["momentum-lab"].spec.resolve() is lab_spec.compute_spec


def test_the_page_shows_both_walks_and_the_words_without_javascript(tmp_path: Path) -> None:
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
    assert html.count('data-widget="momentum-lab"') == 1
    start = html.index("<tbody data-rows>")
    rows = html[start : html.index("</tbody>", start)]
    assert rows.count("<tr>") == STEPS + 1
    first = LESSON_SPEC["rows"][1]
    assert "".join(f"<td>{c}</td>" for c in first["momentum"] + first["plain"]) in rows
    # Jinja writes an apostrophe as &#39;.
    assert escape(LESSON_SPEC["description"], quote=False).replace("'", "&#39;") in html
    assert "The sliders and the pictures need JavaScript" in html
