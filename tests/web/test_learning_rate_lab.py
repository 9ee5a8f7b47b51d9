"""The learning-rate lab's spec: every number in it is the engine's, checked here against SymPy
by a direct iteration of the update rule; bad parameters are refused with what is wrong."""

from __future__ import annotations

import math
import re
from html import escape
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from descent_reference import gradient_length, iterate, rounds_to
from steepest.engine.errors import EngineError
from steepest.engine.evaluate.tree import evaluate_tree
from steepest.widgets import WIDGETS, WidgetParamsError, learning_rate_lab
from steepest.widgets.learning_rate_lab import spec as lab_spec
from steepest.widgets.learning_rate_lab.words import number_text

from .page_parts import elements

SLUG = "gradient-descent-and-the-learning-rate"
w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = w1**2 + 3 * w2**2


def compute(params: dict[str, Any]) -> learning_rate_lab.LearningRateLabSpec:
    return lab_spec.compute_spec(learning_rate_lab.read_params(params))


LESSON_SPEC = compute({"curvatures": [2, 6], "rate": 0.1, "start": {"w1": 1, "w2": 1}})


def test_the_table_is_the_update_rule_run_by_sympy() -> None:
    start = (sympy.Integer(1), sympy.Integer(1))
    points = iterate(BOWL, (w1, w2), start, sympy.Rational(1, 10), 20)
    rows = LESSON_SPEC["rows"]
    assert [row["step"] for row in rows] == list(range(21))
    for row, point in zip(rows, points, strict=True):
        at = dict(zip((w1, w2), point, strict=True))
        for shown, exact in zip(row["coordinates"], point, strict=True):
            assert rounds_to(shown, exact), (row, point)
        assert rounds_to(row["loss"], BOWL.subs(at))
        assert rounds_to(row["slope"], gradient_length(BOWL, (w1, w2), point))
    assert rows[1]["coordinates"] == ["0.8", "0.4"]
    assert rows[2]["coordinates"] == ["0.64", "0.16"]


def test_the_bowls_numbers_are_its_hessians() -> None:
    browser = LESSON_SPEC["browser"]
    eigenvalues = sorted(sympy.hessian(BOWL, [w1, w2]).eigenvals(multiple=True))
    assert [d["curvature"] for d in browser["directions"]] == [float(e) for e in eigenvalues]
    assert [d["label"] for d in browser["directions"]] == ["w1", "w2"]
    assert browser["threshold"] == float(2 / eigenvalues[-1])
    assert browser["onset"] == float(1 / eigenvalues[-1])
    assert (browser["thresholdText"], browser["onsetText"]) == ("0.333", "0.167")
    assert browser["minimum"] == [0, 0] and browser["lowest"] == 0
    factors = [d["factor_text"] for d in LESSON_SPEC["directions"]]
    assert factors == [number_text(float(1 - sympy.Rational(1, 10) * e)) for e in eigenvalues]
    assert [d["kind"] for d in LESSON_SPEC["directions"]] == ["stable", "stable"]


@settings(max_examples=40, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3))
def test_the_trees_the_browser_steps_with_are_sympys(a: float, b: float) -> None:
    loss = w1**2 + w1 * w2 + 2 * w2**2 - w1
    spec = compute({"expression": "w1^2 + w1 w2 + 2w2^2 - w1"})["browser"]
    values = {"w1": a, "w2": b}
    at = {w1: a, w2: b}
    tolerance = {"rel_tol": 1e-12, "abs_tol": 1e-12}
    assert math.isclose(
        evaluate_tree(spec["surface"]["function"], values), float(loss.subs(at)), **tolerance
    )
    lowest = min(sympy.solve([sympy.diff(loss, v) for v in (w1, w2)], [w1, w2], dict=True))
    excess = loss - loss.subs(lowest)
    assert math.isclose(evaluate_tree(spec["excess"], values), float(excess.subs(at)), **tolerance)
    for v in (w1, w2):
        tree = spec["surface"]["partials"][v.name]
        assert math.isclose(
            evaluate_tree(tree, values), float(sympy.diff(loss, v).subs(at)), **tolerance
        )


def test_the_slider_reaches_past_the_threshold_in_round_steps() -> None:
    browser = LESSON_SPEC["browser"]
    assert (browser["rateMin"], browser["rateMax"], browser["rateStep"]) == (0.001, 0.4, 0.001)
    assert browser["rateMin"] < browser["onset"] < browser["threshold"] < browser["rateMax"]
    assert browser["rate"] == 0.1 and browser["steps"] == 20 and browser["tolerance"] == 0.001
    assert browser["start"] == [1, 1]
    assert browser["surface"]["window"] == [-2, 2, -2, 2]
    # The level lines are rings, evenly spaced along the gentle axis: L = w1² at w1 = 0.4k.
    levels = [level["value"] for level in browser["surface"]["levels"]]
    assert levels == pytest.approx([(0.4 * k) ** 2 for k in range(1, len(levels) + 1)])


def test_defaults_start_one_unit_from_the_minimum_at_a_round_rate() -> None:
    spec = compute({})
    assert spec["browser"]["start"] == [1, 1]
    assert spec["browser"]["rate"] == 0.1  # 0.3 × (2/6), rounded down
    assert spec["rate_text"] == "0.1"
    shifted = compute({"expression": "(w1 - 2)^2 + 5(w2 + 1)^2"})["browser"]
    assert shifted["minimum"] == [2, -1] and shifted["start"] == [3, 0]
    assert shifted["threshold"] == 0.2 and shifted["rate"] == 0.06


def test_a_rate_with_more_decimals_gets_a_finer_slider() -> None:
    browser = compute({"rate": 0.1234})["browser"]
    assert browser["rateStep"] == 0.0001 and browser["rate"] == 0.1234


def test_the_description_says_what_each_direction_does() -> None:
    assert LESSON_SPEC["description"] == (
        "At η = 0.1, one step multiplies the gap to the minimum along w1 by 0.8: it shrinks"
        " without crossing the floor; along w2 by 0.4: it shrinks without crossing the floor."
        " Stable: every factor lies between 0 and 1, so L falls at every step. After 20 steps"
        " L = 1.33e−4, from 4 at the start. |∇L| stays above 0.001 for all 20 steps, so the rule"
        " “stop when |∇L| < 0.001” does not stop it."
    )
    fast = compute({"rate": 0.25})
    # At η = 1/4 both gaps halve: |∇L| = 0.5^k·√40 falls below 0.001 once k ≥ 13.
    stop = next(k for k in range(40) if 0.5**k * math.sqrt(40) < 0.001)
    assert f"stops it after {stop} steps." in fast["description"]
    assert "Oscillates, but converges" in fast["description"]
    assert "Diverges" in compute({"rate": 0.4})["description"]
    assert "On the edge" in compute({"curvatures": [2, 4], "rate": 0.5})["description"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (0.8, "0.8"),
        (1 / 3, "0.333"),
        (-0.5, "−0.5"),
        (1234.5, "1230"),
        (0.3125, "0.313"),  # a half rounds away from zero, as JavaScript's toPrecision does
        (-0.3125, "−0.313"),
        (0.000123456, "1.23e−4"),
        (12345.0, "1.23e4"),
        (0.00099996, "1e−3"),
        (9.996e-5, "1e−4"),
    ],
)
def test_numbers_are_written_to_three_figures(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"colour": "red"}, "has no parameter 'colour'"),
        ({"expression": "w1^2", "curvatures": [1, 2]}, "an expression or curvatures, not both"),
        ({"expression": "  "}, "expression must be a quadratic"),
        ({"curvatures": [2]}, "curvatures must be two numbers"),
        ({"curvatures": [2, -6]}, "curvatures must be positive decimal numbers, not '-6'"),
        ({"curvatures": [2, 0]}, "curvatures must be positive"),
        ({"rate": 0}, "needs rate > 0"),
        ({"rate": "fast"}, "rate must be a decimal number"),
        ({"tolerance": 0}, "needs tolerance > 0"),
        ({"steps": 0}, "steps must be a whole number from 1 to 100"),
        ({"steps": 101}, "from 1 to 100"),
        ({"steps": True}, "from 1 to 100"),
        ({"steps": 2.5}, "from 1 to 100"),
        ({"start": [1, 1]}, "start must give each weight a number"),
        ({"start": {"w1": "one"}}, "start: w1: one is not a name and a number"),
    ],
)
def test_bad_parameters_are_refused_in_the_web_process(params: dict[str, Any], words: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(words)):
        learning_rate_lab.read_params(params)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"expression": "w1^4 + w2^2"}, "not a quadratic in w1, w2: it has degree 4"),
        ({"expression": "w1^2 - 3w2^2"}, "is not a bowl: along w2 it curves down"),
        ({"expression": "w^2"}, "needs a loss of two weights, for its contour map; w^2 has 1 (w)"),
        ({"expression": "x^2 + y^2 + z^2"}, "has 3 (x, y, z)"),
        ({"start": {"w1": 0, "w2": 0}}, "the start is the minimum of L"),
        ({"start": {"w1": 1}}, "the point gives no value for w2"),
        ({"start": {"w1": 1, "w3": 1}}, "the point names 'w3', which is not a variable"),
        ({"rate": 0.7}, "rate 0.7 is more than twice the threshold 2/λmax = 0.333"),
    ],
)
def test_what_needs_the_engine_is_refused_by_the_worker(params: dict[str, Any], words: str) -> None:
    with pytest.raises((EngineError, WidgetParamsError), match=re.escape(words)):
        compute(params)


def test_the_widget_is_registered() -> None:
    assert WIDGETS["learning-rate-lab"].spec.resolve() is lab_spec.compute_spec


def test_the_lesson_page_shows_the_steps_and_the_words_without_javascript(
    client: TestClient,
) -> None:
    response = client.get(f"/lessons/{SLUG}")
    assert response.status_code == 200
    html = response.text
    assert html.count('data-widget="learning-rate-lab"') == 1
    rows = html[
        html.index("<tbody data-rows>") : html.index("</tbody>", html.index("<tbody data-rows>"))
    ]
    assert rows.count("<tr>") == 21
    assert "<td>0.8</td><td>0.4</td><td>1.12</td>" in rows
    assert escape(LESSON_SPEC["description"], quote=False) in html
    assert "The rate slider and the three pictures need JavaScript" in html
    sliders = [a for tag, a in elements(html, "input") if a.get("id") == "rate-lab-rate"]
    assert sliders and sliders[0]["max"] == "0.4" and sliders[0]["value"] == "0.1"
