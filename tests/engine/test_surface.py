"""Level sets are right by SymPy's reckoning: on the level, perpendicular to ∇L, and described."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np
import pytest
import sympy

from steepest.engine.calculus.critical import classify_critical_point
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, VariableError
from steepest.engine.limits import MAX_LEVEL_LINES
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.descent import descent_json
from steepest.engine.surface.level_sets import (
    DEFAULT_PRESET,
    PRESETS,
    SurfaceReport,
    format_number,
    level_sets,
    surface_json,
)

CASES = [
    ("w1^2 + 3w2^2", (-2, 2, -2, 2)),
    ("(1 - w1)^2 + 100(w2 - w1^2)^2", (-2, 2, -1, 3)),
    ("w1^2 - w2^2", (-2, 2, -2, 2)),
    ("-exp(-(w1 - 1)^2 - (w2 - 1)^2) - 0.8exp(-(w1 + 1)^2 - (w2 + 1)^2)", (-3, 3, -3, 3)),
    ("sin(x) cos(y)", (-3, 3, -3, 3)),
    ("log(x^2 + y^2)", (-2, 2, -2, 2)),
    ("sqrt(x) + y^2", (-1, 4, -2, 2)),  # undefined for x < 0: lines stop at the hole
]


def report_for(
    text: str, window: tuple[float, ...], levels: int | list[float] = 12
) -> SurfaceReport:
    expr = parse(text)
    return level_sets(expr, order_variables(expr.free_symbols), window, levels)


def vertices(report: SurfaceReport) -> list[tuple[float, np.ndarray]]:
    """Every level's polylines, with the level they should lie on."""
    return [(s.value, np.array(line)) for s in report.levels for line in s.lines]


def sympy_at(expr: sympy.Expr, names: tuple[str, ...], point: np.ndarray) -> float:
    values = {sympy.Symbol(n, real=True): sympy.Float(c) for n, c in zip(names, point, strict=True)}
    return float(expr.xreplace(values).evalf())


@pytest.mark.parametrize(("text", "window"), CASES)
def test_points_on_a_level_line_have_that_level(text: str, window: tuple[float, ...]) -> None:
    expr = parse(text)
    report = report_for(text, window)
    variables = [sympy.Symbol(n, real=True) for n in report.variables]
    slopes = [sympy.diff(expr, v) for v in variables]
    curvature = sympy.hessian(expr, variables)
    side = min(window[1] - window[0], window[3] - window[2])
    cell = math.hypot(window[1] - window[0], window[3] - window[2]) / 199
    checked = 0
    for level, line in vertices(report):
        for point in line[:: max(1, len(line) // 8)]:
            value = sympy_at(expr, report.variables, point)
            steepness = math.hypot(*(sympy_at(d, report.variables, point) for d in slopes))
            bend = np.linalg.norm(np.array(curvature.xreplace(at(variables, point)), float), 2)
            # The error allowed is the rounding of the coordinates (a ten-thousandth of the
            # window, times the slope) plus that of linear interpolation along a grid cell.
            allowed = 2e-4 * side * steepness + cell**2 * bend / 2 + 1e-9 * abs(level)
            assert abs(value - level) <= allowed, (level, point)
            checked += 1
    assert checked > 30


def at(variables: list[sympy.Symbol], point: np.ndarray) -> dict[sympy.Symbol, sympy.Float]:
    return {v: sympy.Float(c) for v, c in zip(variables, point, strict=True)}


@pytest.mark.parametrize(("text", "window"), CASES)
def test_gradient_is_perpendicular_to_level_lines(text: str, window: tuple[float, ...]) -> None:
    expr = parse(text)
    report = report_for(text, window)
    variables = [sympy.Symbol(n, real=True) for n in report.variables]
    slope = sympy.lambdify(variables, [sympy.diff(expr, v) for v in variables])
    curvature = sympy.lambdify(variables, sympy.hessian(expr, variables))
    cell = math.hypot(window[1] - window[0], window[3] - window[2]) / 199
    cosines = []
    for _, line in vertices(report):
        for before, point, after in zip(line[:-2], line[1:-1], line[2:], strict=True):
            tangent, grad = after - before, np.array(slope(*point), dtype=float)
            # A grid line follows L's level only as well as L is linear across a cell: skip
            # where ∇L turns a lot within one (a needle-thin valley, a ring one cell wide).
            turning = cell * np.linalg.norm(np.array(curvature(*point), dtype=float), 2)
            if turning > 0.05 * np.linalg.norm(grad) or not tangent.any():
                continue
            cosines.append(abs(grad @ tangent) / (np.linalg.norm(grad) * np.linalg.norm(tangent)))
    assert len(cosines) > 50
    assert np.median(cosines) < 0.01
    assert max(cosines) < 0.05


def test_stretched_bowl_has_even_levels_and_its_minimum() -> None:
    report = report_for("w1^2 + 3w2^2", (-2, 2, -2, 2))
    values = [s.value for s in report.levels]
    assert report.spacing == "even"
    assert len(values) == 12
    # 16/13 apart, give or take rounding to 3 significant digits.
    assert np.diff(values) == pytest.approx(np.full(11, 16 / 13), abs=0.07)
    assert [(c.point, c.kind, c.value) for c in report.critical_points] == [
        ({"w1": 0.0, "w2": 0.0}, "minimum", 0.0)
    ]
    # Each level line of a bowl is one closed ellipse while it fits in the window.
    inner = report.levels[0].lines
    assert len(inner) == 1 and inner[0][0] == inner[0][-1]


def test_rosenbrock_levels_grow_geometrically_down_into_the_valley() -> None:
    report = report_for("(1 - w1)^2 + 100(w2 - w1^2)^2", (-2, 2, -1, 3))
    values = np.array([s.value for s in report.levels])
    assert report.spacing == "geometric"
    ratios = values[1:] / values[:-1]
    assert ratios == pytest.approx(np.full(len(ratios), ratios.mean()), rel=0.05)
    assert values[0] < 1 < 1000 < values[-1] < report.value_range[1]
    assert [(c.point, c.kind) for c in report.critical_points] == [
        ({"w1": 1.0, "w2": 1.0}, "minimum")
    ]


def test_two_valleys_have_two_minima_and_a_saddle_between() -> None:
    preset = PRESETS["two-valleys"]
    expr = parse(preset.expression)
    variables = order_variables(expr.free_symbols)
    report = level_sets(expr, variables, preset.window)
    kinds = sorted(c.kind for c in report.critical_points)
    assert kinds == ["minimum", "minimum", "saddle"]
    for c in report.critical_points:
        point = {v: sympy.Float(c.point[v.name]) for v in variables}
        for v in variables:
            assert abs(float(sympy.diff(expr, v).xreplace(point))) < 1e-5
        assert classify_critical_point(expr, variables, point) == c.kind


def test_given_levels_are_traced_exactly() -> None:
    report = report_for("w1^2 + w2^2", (-2, 2, -2, 2), [4, 1, 2.25])
    assert [s.value for s in report.levels] == [1, 2.25, 4]
    assert report.spacing == "given"
    for level in report.levels:
        radius = math.sqrt(level.value)
        for line in level.lines:
            assert np.hypot(*np.array(line).T) == pytest.approx(radius, abs=2e-3)


def test_description_says_where_the_minimum_and_the_steepest_slope_are() -> None:
    text = report_for("w1^2 + 3w2^2", (-2, 2, -2, 2)).description
    assert "minimum at (w1 = 0, w2 = 0), where L = 0" in text
    assert "steepest near (w1 = −2, w2 = −2)" in text
    assert "evenly spaced" in text
    saddle = report_for("w1^2 - w2^2", (-2, 2, -2, 2)).description
    assert "saddle point at (w1 = 0, w2 = 0)" in saddle
    plane = report_for("x + 2y", (-1, 1, -1, 1)).description
    assert "No single minimum, maximum or saddle point is in view" in plane
    assert "lowest value shown, −3, is at (x = −1, y = −1)" in plane


def test_json_is_plain_data_with_the_documented_keys() -> None:
    data = surface_json("w1^2 + 3w2^2", [-2, 2, -2, 2], 8)
    text = json.dumps(data, allow_nan=False)
    assert set(json.loads(text)) >= {
        "variables", "window", "levels", "range", "function", "partials",
        "critical_points", "description",
    }  # fmt: skip
    assert data["variables"] == ["w1", "w2"]
    assert data["partials"]["w2"] == {"mul": [{"num": 6.0}, {"var": "w2"}]}
    assert len(data["levels"]) == 8
    # Coordinates are rounded to a ten-thousandth of the window to keep the payload small.
    coordinates = [
        c for level in data["levels"] for line in level["lines"] for p in line for c in p
    ]
    assert all(round(c, 4) == c for c in coordinates)
    assert len(text) < 40_000


def test_two_hills_have_two_summits_and_the_ball_rolls_away_from_them() -> None:
    preset = PRESETS["two-hills"]
    data = surface_json(preset.expression, preset.window)
    assert sorted(p["kind"] for p in data["critical_points"]).count("maximum") == 2
    path = descent_json(preset.expression, preset.start, preset.rate, 40)
    assert path["losses"][-1] < path["losses"][0]


def test_every_preset_draws_and_starts_inside_its_window() -> None:
    assert set(PRESETS) == {
        "round-bowl", "stretched-bowl", "rosenbrock", "saddle", "two-hills", "two-valleys",
    }  # fmt: skip
    assert PRESETS[DEFAULT_PRESET].expression == "w1^2 + 3w2^2"
    for preset in PRESETS.values():
        data = surface_json(preset.expression, preset.window)
        x0, x1, y0, y1 = preset.window
        assert x0 < preset.start["w1"] < x1 and y0 < preset.start["w2"] < y1
        assert data["levels"] and data["critical_points"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 + pi", "is a constant, not a surface"),
        ("w1^2 + 1", "depends only on w1, so it is a curve"),
        ("x + y + z", "not 3 (x, y, z)"),
    ],
)
def test_a_loss_must_have_exactly_two_variables(text: str, message: str) -> None:
    with pytest.raises(VariableError, match=re.escape(message)):
        surface_json(text)


def test_declared_variables_must_be_two_and_cover_the_loss() -> None:
    expr = parse("w1^2 + w2^2")
    w1, w2, w3 = sympy.symbols("w1 w2 w3", real=True)
    with pytest.raises(VariableError, match="not 3"):
        level_sets(expr, [w1, w2, w3])
    with pytest.raises(VariableError, match="uses w2"):
        level_sets(expr, [w1, w3])


@pytest.mark.parametrize(
    ("window", "error"),
    [
        ([-2, 2, -2], EngineError),
        ([-2, 2, -2, "2"], EngineError),
        ([-2, 2, True, 2], EngineError),
        ([2, -2, -2, 2], EngineError),
        ([-2, 2, 1, 1], EngineError),
        ([-2, math.inf, -2, 2], EngineError),
        ([-2, 2, math.nan, 2], EngineError),
        ([-1e5, 1e5, -2, 2], LimitExceeded),
        ([0, 1e-4, -2, 2], LimitExceeded),
    ],
)
def test_bad_windows_are_refused(window: Any, error: type[EngineError]) -> None:
    # Any: a window arrives as JSON, whatever its type; surface_json checks it at run time.
    with pytest.raises(error, match="window"):
        surface_json("w1^2 + w2^2", window)


@pytest.mark.parametrize(
    "levels", [0, MAX_LEVEL_LINES + 1, True, [], [1.0] * (MAX_LEVEL_LINES + 1)]
)
def test_level_counts_are_bounded(levels: Any) -> None:
    with pytest.raises(LimitExceeded, match="level"):
        surface_json("w1^2 + w2^2", None, levels)


@pytest.mark.parametrize("levels", [[1.0, math.nan], ["1"], "12"])
def test_levels_must_be_numbers(levels: Any) -> None:
    # Any, as for windows: ill-typed levels must be refused at run time.
    with pytest.raises(EngineError, match="level"):
        surface_json("w1^2 + w2^2", None, levels)


def test_grid_size_is_bounded() -> None:
    expr = parse("w1^2 + w2^2")
    with pytest.raises(LimitExceeded, match="grid"):
        level_sets(expr, order_variables(expr.free_symbols), grid=10_000)


def test_a_loss_with_no_real_value_in_the_window_is_refused() -> None:
    with pytest.raises(EvaluationError, match="no real value anywhere"):
        surface_json("sqrt(-x^2 - y^2 - 1)")


def test_presets_load_without_sympy_or_numpy() -> None:
    """The web process builds the preset menu from this module without loading the engine."""
    import subprocess
    import sys

    probe = (
        "import sys, steepest.engine.surface.presets as p; p.presets_json();"
        " print(sorted(m for m in ('sympy', 'numpy', 'contourpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_report_carries_the_loss_and_its_partials_as_text() -> None:
    data = surface_json("w1^2 w2 + sin(w2)")
    loss = parse("w1^2 w2 + sin(w2)")
    assert parse(data["expression"].replace("*", " ")) == loss
    for name, text in data["partials_text"].items():
        symbol = sympy.Symbol(name, real=True)
        assert parse(text.replace("*", " ")) == sympy.diff(loss, symbol)


def test_a_partial_with_no_real_value_is_refused_not_sent_as_nan() -> None:
    # d/dy 0^y is 0^y·log(0): SymPy's nan, which JSON cannot carry.
    with pytest.raises(EvaluationError, match="no real value"):
        surface_json("0^y x")


@pytest.mark.parametrize("text", ["exp(1000) x y", "x^2 + y^2/(10^330 + x^2)"])
def test_a_constant_beyond_the_floats_is_refused_with_its_size_not_sent_as_inf(text: str) -> None:
    with pytest.raises(LimitExceeded, match=r"which is about 10\^(434|330): too large"):
        surface_json(text)


def test_a_surface_spanning_more_than_a_float_is_refused_not_sent_as_inf_levels() -> None:
    # From about −1.7e308 to 1.7e308 in the window: the span itself overflows a float.
    with pytest.raises(EvaluationError, match="spans more than a float can hold"):
        surface_json("1.7e308 x y / 4")


@pytest.mark.parametrize(
    ("value", "text"), [(math.inf, "more than 1.8e308"), (-math.inf, "less than −1.8e308")]
)
def test_a_number_past_the_floats_is_written_as_a_bound_not_infinity(
    value: float, text: str
) -> None:
    assert format_number(value, 1e300) == text
