"""The curvature explorer's spec: its readouts are SymPy's Hessian, eigenvalues and Newton step
at the point, its walks are the update rules run exactly, and the page without JavaScript shows
them; bad parameters are refused with what is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from starlette.testclient import TestClient

from descent_reference import gradient_length, iterate, rounds_to
from steepest.engine.errors import EngineError
from steepest.engine.evaluate.tree import evaluate_tree
from steepest.web.app import create_app
from steepest.web.settings import Settings
from steepest.widgets import WIDGETS, WidgetParamsError, curvature_explorer
from steepest.widgets.curvature_explorer import spec as explorer_spec

from .page_parts import elements

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "curvature-course"
w1, w2 = sympy.symbols("w1 w2", real=True)
ROTATED = 2 * w1**2 + 2 * w1 * w2 + 2 * w2**2
TOLERANCE = sympy.Rational(1, 1000)


def compute(params: dict[str, Any]) -> curvature_explorer.CurvatureExplorerSpec:
    return explorer_spec.compute_spec(curvature_explorer.read_params(params))


ROTATED_SPEC = compute(
    {"expression": "2w1^2 + 2w1 w2 + 2w2^2", "kappa": [1, 100], "start": {"w1": -1.5, "w2": 1}}
)


def readout(spec: curvature_explorer.CurvatureExplorerSpec, key: str) -> str:
    return next(row["value"] for row in spec["readouts"] if row["key"] == key)


def numbers(text: str) -> list[str]:
    return re.findall(r"−?[\d.]+(?:e−?\d+)?", text)


def test_the_readouts_are_sympys_at_the_point() -> None:
    at = {w1: sympy.Rational(-3, 2), w2: 1}
    matrix = sympy.hessian(ROTATED, [w1, w2])
    slope = [sympy.diff(ROTATED, v).subs(at) for v in (w1, w2)]
    low, high = sorted(matrix.eigenvals(multiple=True))
    assert readout(ROTATED_SPEC, "point") == "(−1.5, 1)"
    assert rounds_to(readout(ROTATED_SPEC, "loss"), ROTATED.subs(at))
    shown = numbers(readout(ROTATED_SPEC, "gradient"))
    assert all(rounds_to(s, g) for s, g in zip(shown, slope, strict=True))
    entries = numbers(readout(ROTATED_SPEC, "hessian"))[1::2]  # H11 = 4, H12 = 2, H22 = 4
    assert [float(e) for e in entries] == [float(matrix[i, j]) for i, j in ((0, 0), (0, 1), (1, 1))]
    assert readout(ROTATED_SPEC, "gentle").startswith(f"{low} along (0.707, −0.707)")
    assert readout(ROTATED_SPEC, "steep").startswith(f"{high} along (0.707, 0.707)")
    assert readout(ROTATED_SPEC, "kappa") == str(high / low)
    assert readout(ROTATED_SPEC, "newton") == "(0, 0)"
    assert readout(ROTATED_SPEC, "rate") == "0.25, the best fixed rate 2/(λmin + λmax)"


def test_the_step_counts_are_the_update_rules_run_exactly() -> None:
    start = (sympy.Rational(-3, 2), sympy.Integer(1))
    rate = 2 / sum(sympy.hessian(ROTATED, [w1, w2]).eigenvals(multiple=True))
    exact = iterate(ROTATED, (w1, w2), start, rate, 40)
    count = next(
        k for k, p in enumerate(exact) if gradient_length(ROTATED, (w1, w2), p) < TOLERANCE
    )
    assert readout(ROTATED_SPEC, "descent-steps") == f"{count} steps to |∇L| < 0.001"
    assert readout(ROTATED_SPEC, "newton-steps") == "1 step to |∇L| < 0.001"
    rows = ROTATED_SPEC["rows"]
    assert len(rows) == count + 1
    for row, point in zip(rows, exact, strict=False):
        descent = row["descent"]
        for shown, value in zip(descent[:2], point, strict=True):
            assert rounds_to(shown, value)
        assert rounds_to(descent[2], gradient_length(ROTATED, (w1, w2), point))
    assert [len(row["newton"]) for row in rows[:3]] == [3, 3, 0]


@settings(max_examples=30, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.sampled_from([1.0, 3.0, 12.5, 100.0]))
def test_the_trees_the_browser_evaluates_are_the_stretched_bowls(
    a: float, b: float, kappa: float
) -> None:
    """At κ the trees are the bowl with the same directions and λmin = 2, and λmax = 2κ."""
    browser = ROTATED_SPEC["browser"]
    values = {"w1": a, "w2": b, "kappa": kappa}
    u, v = (w1 - w2) / sympy.sqrt(2), (w1 + w2) / sympy.sqrt(2)
    loss = u**2 + kappa * v**2
    at = {w1: a, w2: b}
    tolerance = {"rel_tol": 1e-12, "abs_tol": 1e-12}
    assert math.isclose(
        evaluate_tree(browser["function"], values), float(loss.subs(at)), **tolerance
    )
    for tree, variable in zip(browser["partials"], (w1, w2), strict=True):
        expected = float(sympy.diff(loss, variable).subs(at))
        assert math.isclose(evaluate_tree(tree, values), expected, **tolerance)
    matrix = sympy.hessian(loss, [w1, w2])
    entries = [matrix[0, 0], matrix[0, 1], matrix[1, 1]]
    for tree, entry in zip(browser["hessian"], entries, strict=True):
        assert math.isclose(evaluate_tree(tree, values), float(entry), **tolerance)


def test_the_slider_starts_at_the_bowls_own_kappa() -> None:
    assert ROTATED_SPEC["browser"]["kappa"] == {"value": 3, "min": 1, "max": 100, "step": 0.1}
    assert ROTATED_SPEC["kappa_text"] == "3"
    assert ROTATED_SPEC["browser"]["levels"] == []
    bowl = ROTATED_SPEC["browser"]["bowl"]
    assert bowl is not None and bowl["minimum"] == [0, 0] and bowl["lowest"] == 0
    # Rings evenly spaced along the gentle direction, where L curves like 2u²/2: L = (0.4k)².
    assert bowl["rings"] == pytest.approx([(0.4 * k) ** 2 for k in range(1, 15)])
    assert ROTATED_SPEC["browser"]["rate"] is None


def test_a_loss_that_is_no_quadratic_gets_the_engines_level_lines_and_its_rate() -> None:
    spec = compute(
        {
            "expression": "(1 - w1)^2 + 10(w2 - w1^2)^2",
            "window": [-2, 2, -1, 3],
            "start": {"w1": -1.2, "w2": 1},
            "rate": 0.01,
        }
    )
    browser = spec["browser"]
    assert browser["quadratic"] is False and browser["bowl"] is None
    assert browser["rate"] == 0.01 and len(browser["levels"]) > 5
    assert readout(spec, "rate") == "0.01, the lesson's rate"
    loss = (1 - w1) ** 2 + 10 * (w2 - w1**2) ** 2
    at = {w1: sympy.Rational(-6, 5), w2: 1}
    matrix = sympy.hessian(loss, [w1, w2]).subs(at)
    landed = sympy.Matrix([at[w1], at[w2]]) - matrix.inv() * sympy.Matrix(
        [sympy.diff(loss, v).subs(at) for v in (w1, w2)]
    )
    shown = numbers(readout(spec, "newton"))
    assert all(rounds_to(s, c) for s, c in zip(shown, landed, strict=True))
    assert "steps to |∇L| < 0.001" in readout(spec, "newton-steps")


def test_the_defaults_are_a_stretched_bowl_from_up_and_left() -> None:
    spec = compute({})
    assert spec["browser"]["start"] == [-1.5, 1]
    assert spec["browser"]["window"] == [-2, 2, -2, 2]
    assert spec["browser"]["kappa"] is None and spec["browser"]["steps"] == 1000
    assert readout(spec, "kappa") == "3"


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"colour": "red"}, "has no parameter 'colour'"),
        ({"expression": " "}, "expression must be a loss of two weights"),
        ({"kappa": [1]}, "kappa must be the slider's two ends"),
        ({"kappa": [0.5, 10]}, "kappa must run from at least 1 up to at most 1000"),
        ({"kappa": [10, 5]}, "kappa must run from at least 1"),
        ({"kappa": [1, 10.05]}, "kappa's ends must be multiples of 0.1"),
        ({"window": [-2, 2, -1]}, "window must be four numbers"),
        ({"window": [2, -2, -2, 2]}, "window must run from lower to higher values"),
        ({"window": [-2, 2, -1, 2]}, "window must be as tall as it is wide"),
        ({"rate": 0}, "needs rate > 0"),
        ({"tolerance": "small"}, "tolerance must be a decimal number"),
        ({"steps": 0}, "steps must be a whole number from 1 to 5000"),
        ({"steps": True}, "from 1 to 5000"),
        ({"start": [1, 1]}, "start must give each weight a number"),
        ({"start": {"w1": "x"}}, "start: w1: x is not a name and a number"),
    ],
)
def test_bad_parameters_are_refused_in_the_web_process(params: dict[str, Any], words: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(words)):
        curvature_explorer.read_params(params)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"expression": "w^2"}, "needs a loss of two weights, for its contour map; w^2 has 1 (w)"),
        ({"expression": "kappa^2 + w^2"}, "kappa names the condition number"),
        ({"expression": "w1^4 + w2^2"}, "needs a rate for w1^4 + w2^2"),
        ({"expression": "w1^2 - w2^2", "kappa": [1, 10]}, "stretches a quadratic bowl"),
        ({"expression": "w1^2 + 3w2^2", "kappa": [5, 10]}, "κ = λmax/λmin = 3, which must be"),
        ({"expression": "w1^2 + 2w1 w2 + 3w2^2", "kappa": [1, 10]}, "must be a multiple of 0.1"),
        ({"start": {"w1": 3, "w2": 0}}, "the start w1 = 3 is off the map"),
        ({"start": {"w1": 1}}, "the point gives no value for w2"),
    ],
)
def test_what_needs_the_engine_is_refused_by_the_worker(params: dict[str, Any], words: str) -> None:
    with pytest.raises((EngineError, WidgetParamsError), match=re.escape(words)):
        compute(params)


def test_the_widget_is_registered() -> None:
    assert WIDGETS["curvature-explorer"].spec.resolve() is explorer_spec.compute_spec


@pytest.fixture(scope="module")
def course_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=COURSE, workers=1, timeout=20.0, database=database, rate_limit=0)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_page_shows_the_readouts_words_and_table_without_javascript(
    course_client: TestClient,
) -> None:
    response = course_client.get("/lessons/stretched-bowl")
    assert response.status_code == 200
    html = response.text
    assert html.count('data-widget="curvature-explorer"') == 1
    for row in ROTATED_SPEC["readouts"]:
        assert f'data-out="{row["key"]}">{escape(row["value"])}</span>' in html
    assert escape(ROTATED_SPEC["description"]) in html
    body = html[
        html.index("<tbody data-rows>") : html.index("</tbody>", html.index("<tbody data-rows>"))
    ]
    assert body.count("<tr>") == len(ROTATED_SPEC["rows"])
    assert "<td>−0.5</td><td>0.75</td>" in body  # step 1 of descent at η = 1/4
    assert "need JavaScript" in html
    sliders = [a for tag, a in elements(html, "input") if a.get("id") == "curv-kappa"]
    assert sliders and sliders[0]["value"] == "3.0" and sliders[0]["max"] == "100.0"


def test_where_the_hessian_is_singular_newton_stops_and_says_so() -> None:
    spec = compute({"expression": "w1^4 + w2^2", "rate": 0.1, "start": {"w1": 0, "w2": 1}})
    matrix = sympy.hessian(w1**4 + w2**2, [w1, w2]).subs({w1: 0, w2: 1})
    assert matrix.det() == 0
    assert readout(spec, "newton") == "nowhere: H has no inverse"
    assert readout(spec, "newton-steps") == "stuck after 0 steps: H has no inverse there"
    assert readout(spec, "kappa") == "none: L does not curve up every way here"
    assert "H has no inverse here, so Newton's step is undefined." in spec["description"]
    # Descent is fine there: w2 shrinks by 1 − 0.1·2 = 0.8 a step, and w1 stays at 0.
    exact = iterate(
        w1**4 + w2**2, (w1, w2), (sympy.Integer(0), sympy.Integer(1)), sympy.Rational(1, 10), 60
    )
    count = next(
        k for k, p in enumerate(exact) if gradient_length(w1**4 + w2**2, (w1, w2), p) < TOLERANCE
    )
    assert readout(spec, "descent-steps") == f"{count} steps to |∇L| < 0.001"
