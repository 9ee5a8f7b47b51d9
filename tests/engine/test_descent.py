"""Gradient descent steps by SymPy's gradient, settles in bowls, and says when it flies off."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping

import pytest
import sympy

from steepest.engine.calculus.points import Coordinate
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, VariableError
from steepest.engine.limits import MAX_DESCENT_STEPS
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.descent import DescentReport, descend, descent_json
from steepest.engine.surface.level_sets import PRESETS, level_sets

STRETCHED = "w1^2 + 3w2^2"
START = {"w1": -1.8, "w2": 1.0}


def run(text: str, start: Mapping[str, Coordinate], rate: float, steps: int = 200) -> DescentReport:
    expr = parse(text)
    return descend(expr, order_variables(expr.free_symbols), start, rate, steps)


def sympy_loss(text: str, point: tuple[float, ...]) -> float:
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    return float(expr.xreplace(dict(zip(variables, map(sympy.Float, point), strict=True))))


@pytest.mark.parametrize(
    "text",
    [
        "w1^2 + w2^2",
        STRETCHED,
        "(w1 - 1)^2 + (w1 + w2)^2",
        "w1^4 + w2^2",
        "log(1 + exp(w1 - w2)) + w2^2/2",
        "cosh(w1) + cosh(w2/2)",
    ],
)
def test_a_small_rate_lowers_a_convex_loss_at_every_step(text: str) -> None:
    report = run(text, START, rate=0.02, steps=300)
    assert not report.diverged
    for before, after in itertools.pairwise(report.losses):
        assert after < before
    for point, loss in zip(report.points, report.losses, strict=True):
        assert loss == pytest.approx(sympy_loss(text, point), rel=1e-12, abs=1e-15)


def test_each_step_moves_by_rate_times_sympys_gradient() -> None:
    text = "(1 - w1)^2 + 100(w2 - w1^2)^2"
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    report = run(text, {"w1": -1.2, "w2": 1.0}, rate=0.001, steps=20)
    for here, there in itertools.pairwise(report.points):
        at = dict(zip(variables, map(sympy.Float, here), strict=True))
        expected = [
            c - 0.001 * float(sympy.diff(expr, v).xreplace(at))
            for c, v in zip(here, variables, strict=True)
        ]
        assert there == pytest.approx(expected, rel=1e-12)


def test_the_stretched_bowl_converges_to_the_origin() -> None:
    report = run(STRETCHED, START, rate=0.3)
    assert report.converged and not report.diverged
    assert report.points[-1] == pytest.approx((0, 0), abs=1e-5)
    assert report.losses[-1] < 1e-10
    assert "settled at (w1 = 0, w2 = 0)" in report.message
    # Rate 0.3 is above 1/6, so the steep w2 coordinate changes sign every step: a zig-zag.
    signs = [math.copysign(1, p[1]) for p in report.points[:20]]
    assert all(a != b for a, b in itertools.pairwise(signs))
    assert "zig-zags along w2" in report.message


def test_rate_above_two_over_the_curvature_diverges_and_is_flagged() -> None:
    report = run(STRETCHED, START, rate=0.4)
    assert report.diverged and not report.converged
    assert report.losses[-1] > 100 * report.losses[0]
    assert len(report.points) < 50  # it stops as soon as the blow-up is plain
    assert "2/6 ≈ 0.333" in report.message
    assert "along w2" in report.message


def test_rate_just_below_the_limit_does_not_diverge() -> None:
    report = run(STRETCHED, START, rate=0.3, steps=1000)
    assert not report.diverged and report.converged


def test_rate_limit_is_two_over_the_largest_hessian_eigenvalue() -> None:
    for text in ["w1^2 + 3w2^2", "2w1^2 + w1 w2 + w2^2", "w1^2 - w2^2 + 5w1 w2"]:
        expr = parse(text)
        variables = order_variables(expr.free_symbols)
        eigenvalues = [float(e) for e in sympy.hessian(expr, variables).eigenvals(multiple=True)]
        report = descend(expr, variables, {"w1": 0.5, "w2": 0.5}, 0.01, 5)
        assert report.rate_limit == pytest.approx(2 / max(eigenvalues), rel=1e-12)


def test_a_saddle_rolls_off_without_bound_but_is_not_flagged_as_divergence() -> None:
    preset = PRESETS["saddle"]
    report = run(preset.expression, preset.start, preset.rate, steps=1000)
    assert not report.diverged and not report.converged
    assert report.losses[-1] < -1e6
    assert "no lowest point" in report.message


def test_which_valley_the_ball_settles_in_depends_on_where_it_starts() -> None:
    preset = PRESETS["two-valleys"]
    expr = parse(preset.expression)
    variables = order_variables(expr.free_symbols)
    minima = [
        tuple(c.point.values())
        for c in level_sets(expr, variables, preset.window).critical_points
        if c.kind == "minimum"
    ]
    ends = {
        run(preset.expression, start, 0.5, 500).points[-1]
        for start in ({"w1": 0.5, "w2": 0.6}, {"w1": -0.5, "w2": -0.6})
    }
    assert len(minima) == len(ends) == 2
    for end in ends:
        assert min(math.dist(end, m) for m in minima) < 1e-3


def test_starting_where_the_slope_is_zero_stays_put() -> None:
    report = run(STRETCHED, {"w1": 0, "w2": 0}, rate=0.1)
    assert report.converged and report.points == [(0.0, 0.0)]
    assert "no slope" in report.message


def test_a_step_out_of_the_domain_stops_the_walk() -> None:
    report = run("log(w1) + w2^2", {"w1": 1, "w2": 1}, rate=2)
    assert report.points == [(1.0, 1.0)]
    assert not report.diverged and not report.converged
    assert "leaves the region where L is defined" in report.message


def test_overflow_is_divergence() -> None:
    report = run("exp(w1^2) + w2^2", {"w1": 3, "w2": 0}, rate=1, steps=50)
    assert report.diverged
    assert all(math.isfinite(v) for v in report.losses)


def test_running_out_of_steps_says_so() -> None:
    report = run(STRETCHED, START, rate=0.01, steps=10)
    assert not report.converged and not report.diverged
    assert len(report.points) == 11
    assert "After 10 steps" in report.message and "a rate up to 0.333" in report.message


def test_start_may_be_typed_as_exact_numbers() -> None:
    report = run(STRETCHED, {"w1": "1/2", "w2": "-sqrt(2)/4"}, rate=0.1, steps=1)
    assert report.points[0] == pytest.approx((0.5, -math.sqrt(2) / 4))


def test_json_has_named_points_and_no_nan() -> None:
    data = descent_json(STRETCHED, START, 0.4, 100)
    text = json.dumps(data, allow_nan=False)
    assert set(json.loads(text)) >= {"points", "losses", "diverged", "converged", "message"}
    assert data["points"][0] == START and data["diverged"] is True
    assert len(data["points"]) == len(data["losses"])


def test_presets_suggest_a_rate_that_does_not_diverge() -> None:
    for preset in PRESETS.values():
        report = run(preset.expression, preset.start, preset.rate, steps=300)
        assert not report.diverged
        assert report.rate_limit is None or preset.rate < report.rate_limit


@pytest.mark.parametrize(
    ("rate", "steps", "error", "message"),
    [
        (0.1, MAX_DESCENT_STEPS + 1, LimitExceeded, "at most 1000 steps"),
        (0.1, 0, EngineError, "at least 1"),
        (0.1, True, EngineError, "whole number"),
        (0.1, 2.5, EngineError, "whole number"),
        (0, 10, EngineError, "positive"),
        (-0.1, 10, EngineError, "positive"),
        (math.nan, 10, EngineError, "positive"),
        (math.inf, 10, LimitExceeded, "at most"),
        (100, 10, LimitExceeded, "at most 10"),
    ],
)
def test_bad_rates_and_step_counts_are_refused(
    rate: float, steps: int, error: type[EngineError], message: str
) -> None:
    with pytest.raises(error, match=message):
        descent_json(STRETCHED, START, rate, steps)


@pytest.mark.parametrize(
    ("start", "error", "message"),
    [
        ({"w1": 1}, VariableError, "no value for w2"),
        ({"w1": 1, "w2": 1, "w3": 1}, VariableError, "'w3', which is not a variable"),
        ({"w1": 1, "w2": math.inf}, VariableError, "finite"),
        ({"w1": 1e9, "w2": 0}, LimitExceeded, "within"),
    ],
)
def test_bad_starts_are_refused(
    start: dict[str, float], error: type[EngineError], message: str
) -> None:
    with pytest.raises(error, match=message):
        descent_json(STRETCHED, start, 0.1, 10)


def test_a_start_where_l_is_undefined_is_refused() -> None:
    with pytest.raises(EvaluationError, match="no finite value at the start"):
        descent_json("log(w1) + w2^2", {"w1": -1, "w2": 0}, 0.1, 10)


def test_a_loss_without_variables_is_refused() -> None:
    with pytest.raises(VariableError, match="no variables"):
        descent_json("3 + pi", {}, 0.1, 10)


def test_a_slope_too_large_to_square_in_floats_is_a_walk_not_a_crash() -> None:
    # exp(400) ≈ 5e173: its square overflows a float, which used to raise OverflowError.
    report = descent_json("exp(x)", {"x": 400}, 0.1, 10)
    assert math.isclose(report["losses"][0], math.exp(400))
    assert report["diverged"] or not report["converged"]


def test_a_slope_beyond_the_floats_at_the_start_is_refused_in_words() -> None:
    # L = e^(e^x) ≈ 1.7e306 at x = 6.558 fits a float; its slope e^x·L ≈ 1.2e309 does not.
    assert math.isfinite(math.exp(math.exp(6.558)))
    with pytest.raises(EvaluationError, match="too large for a float"):
        descent_json("exp(exp(x))", {"x": 6.558}, 0.1, 10)


def test_a_curvature_too_small_for_its_rate_limit_to_be_a_float_gives_no_limit() -> None:
    # 2/λ with λ = 2e-320 overflows: it used to reach the words as inf and crash them.
    report = descent_json("1e-320 x^2", {"x": 1}, 0.1, 10)
    assert report["rate_limit"] is None
    json.dumps(report, allow_nan=False)


def test_a_first_step_that_leaps_out_uphill_is_an_overshoot_not_an_escape() -> None:
    # L = 1e300·x² curves with λ = 2e300, so any rate above 1e-300 overshoots.
    report = descent_json("1e300 x^2", {"x": 1e-100}, 0.1, 10)
    assert report["diverged"]
    assert report["message"].startswith("The ball flew off: its first step leaps to")
    assert report["rate_limit"] == pytest.approx(1e-300)
