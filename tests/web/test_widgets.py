"""Widget specs: every number a widget shows comes from engine-made trees that agree with SymPy."""

from __future__ import annotations

import math
import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.evaluate.tree import evaluate_tree
from steepest.lessons import Lesson, WidgetBlock
from steepest.widgets import (
    WIDGETS,
    UnknownWidget,
    WidgetParamsError,
    best_box,
    get_widget,
    surface_explorer,
)
from steepest.widgets.best_box import spec as box_spec
from steepest.widgets.surface_explorer import spec as surface_spec

x, w1, w2 = sympy.symbols("x w1 w2", real=True)
VOLUME = x * (6 - 2 * x) ** 2

BOX_SPEC = box_spec.compute_spec(best_box.read_params({}))
SURFACE_SPEC = surface_spec.compute_spec(
    surface_explorer.read_params({"expression": "w1^2 + 3w2^2"})
)


@settings(max_examples=50, deadline=None)
@given(st.floats(min_value=0.01, max_value=2.99))
def test_best_box_trees_are_the_volume_and_its_slope(cut: float) -> None:
    browser = BOX_SPEC["browser"]
    volume = evaluate_tree(browser["volume"], {"x": cut})
    slope = evaluate_tree(browser["slope"], {"x": cut})
    assert math.isclose(volume, float(VOLUME.subs(x, cut)), rel_tol=1e-12, abs_tol=1e-12)
    expected = float(sympy.diff(VOLUME, x).subs(x, cut))
    assert math.isclose(slope, expected, rel_tol=1e-12, abs_tol=1e-9)


def test_best_box_optimum_is_where_the_slope_vanishes() -> None:
    (best,) = [
        c
        for c in sympy.solve(sympy.diff(VOLUME, x), x)
        if 0 < c < 3 and sympy.diff(VOLUME, x, 2).subs(x, c) < 0
    ]
    assert BOX_SPEC["browser"]["optimum"] == {
        "x": float(best),
        "value": float(VOLUME.subs(x, best)),
    }
    assert BOX_SPEC["optimum_text"] == {"x": "1", "value": "16"}


def test_best_box_slider_stays_inside_the_open_interval() -> None:
    browser = BOX_SPEC["browser"]
    assert 0 < browser["min"] < browser["default"] == 0.35 < browser["max"] < 3
    assert browser["step"] == 0.01


@pytest.mark.parametrize(
    "params",
    [
        {"sheet": 6, "colour": "red"},
        {"sheet": "six"},
        {"sheet": 6, "default": 4},
        {"sheet": 6, "min": 2, "max": 1},
        {"step": 5},
    ],
)
def test_best_box_refuses_bad_params(params: dict[str, object]) -> None:
    with pytest.raises(WidgetParamsError):
        best_box.read_params(params)


@settings(max_examples=50, deadline=None)
@given(st.floats(-2, 2), st.floats(-2, 2))
def test_surface_gradient_trees_agree_with_sympy(a: float, b: float) -> None:
    loss = w1**2 + 3 * w2**2
    surface = SURFACE_SPEC["browser"]["surface"]
    values = {"w1": a, "w2": b}
    assert math.isclose(
        evaluate_tree(surface["function"], values),
        float(loss.subs({w1: a, w2: b})),
        abs_tol=1e-12,
    )
    for symbol in (w1, w2):
        expected = float(sympy.diff(loss, symbol).subs({w1: a, w2: b}))
        tree = surface["partials"][symbol.name]
        assert math.isclose(evaluate_tree(tree, values), expected, abs_tol=1e-12)


def test_surface_spec_starts_from_the_matching_preset() -> None:
    from steepest.engine.surface.presets import PRESETS

    browser = SURFACE_SPEC["browser"]
    preset = PRESETS["stretched-bowl"]
    assert browser["preset"] == "stretched-bowl"
    assert (browser["start"], browser["rate"]) == (preset.start, preset.rate)
    assert browser["surface"]["window"] == list(preset.window)
    assert all(level["lines"] for level in browser["surface"]["levels"])


def test_surface_start_is_where_the_ball_is_first_dropped() -> None:
    from steepest.engine.surface.descent import descent_json

    params = {"expression": "w1^2 + 3w2^2", "range": 3, "start": {"w2": -1, "w1": 1.5}}
    browser = surface_spec.compute_spec(surface_explorer.read_params(params))["browser"]
    assert browser["start"] == {"w1": 1.5, "w2": -1.0}
    # The ball's path, as /api/descent works it out, begins there and steps along −η∇L.
    rate = browser["rate"]
    first, second = descent_json("w1^2 + 3w2^2", browser["start"], rate, 1)["points"][:2]
    assert first == {"w1": 1.5, "w2": -1.0}
    at = {w1: 1.5, w2: -1.0}
    loss = w1**2 + 3 * w2**2
    expected = {v.name: float(at[v] - rate * sympy.diff(loss, v).subs(at)) for v in (w1, w2)}
    assert second == pytest.approx(expected)


def test_surface_start_may_name_the_variables_as_a_learner_types_them() -> None:
    params = {"expression": "θ^2 + w2^2", "start": {"θ": 1, "w₂": -0.5}}
    browser = surface_spec.compute_spec(surface_explorer.read_params(params))["browser"]
    assert browser["start"] == {"theta": 1.0, "w2": -0.5}


def test_surface_start_of_a_preset_is_checked_against_the_presets_window() -> None:
    from steepest.engine.surface.presets import PRESETS

    rosenbrock = PRESETS["rosenbrock"]
    x0, x1, _y0, y1 = rosenbrock.window
    inside = {"w1": x0, "w2": y1}
    params = {"expression": rosenbrock.expression, "start": inside}
    assert surface_spec.compute_spec(surface_explorer.read_params(params))["browser"]["start"] == (
        inside
    )
    # The window is not square: 2.5 would fit on the w2 axis, but not on the w1 axis.
    params["start"] = {"w1": x1 + 0.5, "w2": 0}
    message = "w1 = 2.5 is off the map, which shows -2 ≤ w1 ≤ 2"
    with pytest.raises(WidgetParamsError, match=re.escape(message)):
        surface_spec.compute_spec(surface_explorer.read_params(params))


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ({"w1": 1}, "a number for each of the loss's two variables"),
        ({"w1": 1, "w2": 1, "w3": 1}, "a number for each of the loss's two variables"),
        ([1, 1], "a number for each of the loss's two variables"),
        ({"w1": "one", "w2": 1}, "w1: 'one' is not a decimal number"),
        ({"w1": True, "w2": 1}, "w1: True is not a decimal number"),
    ],
)
def test_surface_start_must_be_two_numbers(start: object, message: str) -> None:
    with pytest.raises(WidgetParamsError, match=re.escape(message)):
        surface_explorer.read_params({"expression": "w1^2 + w2^2", "start": start})


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ({"w1": 1, "x": 1}, "start names w1 and x, but the loss's variables are w1 and w2"),
        ({"w1": 2.5, "w2": 0}, "start w1 = 2.5 is off the map, which shows -2 ≤ w1 ≤ 2"),
        ({"w1": 0, "w2": -2.01}, "start w2 = -2.01 is off the map, which shows -2 ≤ w2 ≤ 2"),
    ],
)
def test_surface_start_must_name_the_losss_variables_and_lie_on_the_map(
    start: object, message: str
) -> None:
    params = surface_explorer.read_params({"expression": "w1^2 + w2^2", "start": start})
    with pytest.raises(WidgetParamsError, match=re.escape(message)):
        surface_spec.compute_spec(params)


def test_surface_needs_two_variables() -> None:
    from steepest.engine.errors import VariableError

    with pytest.raises(VariableError):
        surface_spec.compute_spec(surface_explorer.read_params({"expression": "x^2"}))
    with pytest.raises(WidgetParamsError):
        surface_explorer.read_params({"range": 2})
    with pytest.raises(WidgetParamsError):
        surface_explorer.read_params({"expression": "x^2 + y^2", "rate": 2})


def test_every_widget_of_the_lesson_is_registered(lesson: Lesson) -> None:
    names = {b.name for s in lesson.sections for b in s.blocks if isinstance(b, WidgetBlock)}
    assert names <= set(WIDGETS)
    with pytest.raises(UnknownWidget):
        get_widget("no-such-widget")
