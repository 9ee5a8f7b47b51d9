"""The slope-nudge widget's spec: its trees are L and L′ as SymPy has them, its table is the
difference quotient worked out exactly, and bad parameters get a message that says what is wrong."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from steepest.engine.errors import MathSyntaxError
from steepest.engine.evaluate.tree import evaluate_tree
from steepest.widgets import WIDGETS, WidgetParamsError, slope_nudge
from steepest.widgets.slope_nudge import spec as nudge_spec
from steepest.widgets.slope_nudge.number_text import error_text, six_figures

from .page_parts import elements, section_html

w = sympy.Symbol("w", real=True)
LOSS = (w - 3) ** 2 + 1
SPEC = nudge_spec.compute_spec(slope_nudge.read_params({}))
LESSON_01 = "/lessons/loss-and-the-derivative-as-a-slope"


def quotient(loss: sympy.Expr, at: sympy.Expr, h: sympy.Expr) -> sympy.Expr:
    return (loss.subs(w, at + h) - loss.subs(w, at)) / h


def test_the_widget_is_registered() -> None:
    assert WIDGETS["slope-nudge"] is slope_nudge.WIDGET


@settings(max_examples=50, deadline=None)
@given(st.floats(min_value=-10, max_value=10))
def test_trees_are_the_loss_and_its_derivative(at: float) -> None:
    browser = SPEC["browser"]
    assert math.isclose(
        evaluate_tree(browser["loss"], {"w": at}), float(LOSS.subs(w, at)), abs_tol=1e-9
    )
    slope = float(sympy.diff(LOSS, w).subs(w, at))
    assert math.isclose(evaluate_tree(browser["slope"], {"w": at}), slope, abs_tol=1e-9)


def test_nudges_run_one_two_five_over_four_powers_of_ten() -> None:
    browser = SPEC["browser"]
    assert browser["nudgeTexts"] == [
        "0.0001", "0.0002", "0.0005", "0.001", "0.002", "0.005",
        "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1",
    ]  # fmt: skip
    assert browser["nudges"] == [float(text) for text in browser["nudgeTexts"]]
    assert browser["nudge"] == 12
    assert (browser["step"], browser["decimals"]) == (0.05, 2)


@pytest.mark.parametrize(
    ("low", "high", "largest", "step"),
    [
        ("0", "6", "1", "0.05"),
        ("-2", "2", "1", "0.02"),
        ("0", "100", "20", "1"),
        ("0", "1", "0.2", "0.01"),
    ],
)
def test_the_largest_nudge_is_a_round_quarter_of_the_range(
    low: str, high: str, largest: str, step: str
) -> None:
    allowed = slope_nudge.nudges(Fraction(low), Fraction(high))
    assert allowed[-1] == Fraction(largest)
    assert allowed[0] == Fraction(largest) / 10**4
    assert slope_nudge.key_step(Fraction(low), Fraction(high)) == Fraction(step)


def test_rows_are_the_exact_difference_quotients() -> None:
    at = sympy.Integer(1)
    slope = sympy.diff(LOSS, w).subs(w, at)
    assert [row["h"] for row in SPEC["rows"]] == SPEC["browser"]["nudgeTexts"][::-1]
    for row in SPEC["rows"]:
        h = sympy.Rational(row["h"])
        exact = quotient(LOSS, at, h)
        assert row["nudged"] == six_figures(float(LOSS.subs(w, at + h)))
        assert row["quotient"] == six_figures(float(exact))
        assert row["error"] == error_text(float(exact - slope))
        # For this parabola the secant misses the tangent by exactly h.
        assert exact - slope == h
    assert [row["current"] for row in SPEC["rows"]] == [True] + [False] * 12


def test_the_lowest_point_and_the_words_come_from_the_engine() -> None:
    (bottom,) = sympy.solve(sympy.diff(LOSS, w), w)
    assert SPEC["browser"]["minimum"] == {"w": float(bottom), "value": float(LOSS.subs(w, bottom))}
    assert SPEC["description"] == (
        "Over 0 ≤ w ≤ 6 the loss starts at 10 when w = 0, falls to 1 at w = 3, then rises to 10"
        " at w = 6. Its lowest point in view is L = 1 at w = 3."
    )
    assert SPEC["state_text"] == (
        "The point sits at w = 1.00, where L = 5 and the tangent has slope −4. With h = 1, the"
        " secant to w + h has slope −3."
    )
    assert SPEC["slope_text"] == "−4"


def test_static_figure_draws_the_curve_through_the_point() -> None:
    figure = SPEC["figure"]
    frame = SPEC["browser"]["figure"]
    assert frame["bottom"] <= 1 and frame["top"] >= 10
    box = figure["box"]
    # The point (1, 5) on the screen, by the same map the browser uses.
    px = box["left"] + (1 - 0) / 6 * (box["right"] - box["left"])
    py = box["bottom"] - (5 - frame["bottom"]) / (frame["top"] - frame["bottom"]) * (
        box["bottom"] - box["top"]
    )
    assert figure["point"] == pytest.approx((px, py), abs=0.01)
    assert figure["curve"].startswith("M") and figure["curve"].count("L") == 240
    # The tangent of slope −4 and the secant of slope −3, as drawn.
    x1, y1, x2, y2 = figure["tangent"]
    scale = (box["bottom"] - box["top"]) / (frame["top"] - frame["bottom"])
    per_w = (box["right"] - box["left"]) / 6
    assert -(y2 - y1) / scale / ((x2 - x1) / per_w) == pytest.approx(-4, abs=0.01)
    x1, y1, x2, y2 = figure["secant"]
    assert -(y2 - y1) / scale / ((x2 - x1) / per_w) == pytest.approx(-3, abs=0.01)


def test_a_sine_loss_gets_its_table_and_lowest_point_from_the_engine() -> None:
    spec = nudge_spec.compute_spec(
        slope_nudge.read_params({"expression": "sin(x)", "range": [-2, 2], "start": -1})
    )
    assert spec["browser"]["variable"] == "x"
    at, h = sympy.Integer(-1), sympy.Rational("0.1")
    row = next(r for r in spec["rows"] if r["h"] == "0.1")
    exact = (sympy.sin(at + h) - sympy.sin(at)) / h
    assert row["quotient"] == six_figures(float(exact))
    x = sympy.Symbol("x", real=True)
    assert row["error"] == error_text(float(exact - sympy.diff(sympy.sin(x), x).subs(x, at)))
    assert spec["browser"]["minimum"] == {"w": -float(sympy.pi / 2), "value": -1.0}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "red"}, "slope-nudge has no parameter 'colour'"),
        ({"expression": ""}, "needs an expression in one variable"),
        ({"range": [0]}, "range must be two numbers, as in [0, 6]"),
        ({"range": "0, 6"}, "range must be two numbers"),
        ({"range": [6, 0]}, "from a smaller number to a larger one"),
        ({"range": ["a", 6]}, "range must be a decimal number, not 'a'"),
        ({"start": 7}, "start must lie in the range [0, 6]"),
        ({"nudge": 0.3}, "nudge must be one of 1, 0.5, 0.2, 0.1"),
        ({"nudge": "1e-3"}, "nudge must be a decimal number"),
    ],
)
def test_bad_params_are_refused_saying_what_is_wrong(params: dict[str, Any], message: str) -> None:
    with pytest.raises(WidgetParamsError) as caught:
        slope_nudge.read_params(params)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("w1^2 + w2^2", "needs a loss of one variable, such as (w - 3)^2 + 1; w1^2 + w2^2 has 2"),
        ("7", "has 0 (none)"),
        ("1/(w - 2)", "L must have a value everywhere on [0, 7]"),
        ("abs(w - 2)", "L has a kink in [0, 6], where w - 2 = 0"),
        ("sqrt(5 - w)", "L must have a value everywhere on [0, 7]"),
    ],
)
def test_losses_the_widget_cannot_draw_are_refused(expression: str, message: str) -> None:
    with pytest.raises(WidgetParamsError) as caught:
        nudge_spec.compute_spec(slope_nudge.read_params({"expression": expression}))
    assert message in str(caught.value)


def test_an_unreadable_loss_is_a_syntax_error_with_its_column() -> None:
    with pytest.raises(MathSyntaxError) as caught:
        nudge_spec.compute_spec(slope_nudge.read_params({"expression": "(w - 3"}))
    assert caught.value.column is not None


def test_number_texts_match_the_rules_of_the_browser() -> None:
    assert [six_figures(v) for v in (-3.9000000000000057, 4.609999999999999, 0.0, 2.5e7)] == [
        "−3.9",
        "4.61",
        "0",
        "2.50 × 10⁷",
    ]
    assert [error_text(v) for v in (0.1, -0.0123, 1e-13)] == ["1.00 × 10⁻¹", "−1.23 × 10⁻²", "0"]


def test_lesson_01_serves_the_widget_with_its_table_and_figure(client: TestClient) -> None:
    response = client.get(LESSON_01)
    assert response.status_code == 200
    part = section_html(response.text, "see-it-move")
    assert 'data-widget="slope-nudge"' in part
    slider = next(a for t, a in elements(part, "input") if a.get("type") == "range")
    assert (slider["min"], slider["max"], slider["value"]) == ("0", "12", "12")
    assert '<path d="M' in part and 'class="secant"' in part and 'class="tangent"' in part
    assert part.count("<tr") == 14  # a header row and one per nudge
    assert "−3.9999" in part and "1.00 × 10⁻⁴" in part
    assert '<noscript><p class="needs-js">' in part
