"""Gradient descent and Newton's method on the compiled trees, in floats: their points are the
update rules run by SymPy in exact arithmetic, and their step counts the exact ones; descent's
count at the best fixed rate grows with κ, Newton's stays at one step on a quadratic."""

from __future__ import annotations

import math

import pytest
import sympy

from descent_reference import gradient_length, iterate
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.step_counts import Trees, Walk, descent_walk, newton_walk

TOLERANCE = sympy.Rational(1, 1000)


def trees_of(text: str) -> tuple[Trees, sympy.Expr, list[sympy.Symbol]]:
    loss = parse(text)
    variables = order_variables(loss.free_symbols)
    slopes = [sympy.diff(loss, v) for v in variables]
    matrix = sympy.hessian(loss, variables)
    trees = Trees(
        (variables[0].name, variables[1].name),
        (to_tree(slopes[0]), to_tree(slopes[1])),
        (to_tree(matrix[0, 0]), to_tree(matrix[0, 1]), to_tree(matrix[1, 1])),
        {},
    )
    return trees, loss, variables


def newton_reference(
    loss: sympy.Expr, variables: list[sympy.Symbol], start: tuple[sympy.Expr, ...], steps: int
) -> list[tuple[sympy.Expr, ...]]:
    points = [start]
    for _ in range(steps):
        at = dict(zip(variables, points[-1], strict=True))
        matrix = sympy.hessian(loss, variables).subs(at)
        slope = sympy.Matrix([sympy.diff(loss, v).subs(at) for v in variables])
        moved = sympy.Matrix(points[-1]) - matrix.inv() * slope
        points.append(tuple(moved))
    return points


def first_below(
    loss: sympy.Expr, variables: list[sympy.Symbol], points: list[tuple[sympy.Expr, ...]]
) -> int | None:
    return next(
        (k for k, p in enumerate(points) if gradient_length(loss, variables, p) < TOLERANCE),
        None,
    )


def assert_follows(walk: Walk, points: list[tuple[sympy.Expr, ...]]) -> None:
    for shown, exact in zip(walk.points, points, strict=False):
        for a, b in zip(shown, exact, strict=True):
            assert math.isclose(a, float(b), rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("w1^2 + 3w2^2", sympy.Rational(1, 4)),
        ("2w1^2 + 2w1 w2 + 2w2^2", sympy.Rational(1, 4)),
        ("w1^2 + 3w2^2", sympy.Rational(1, 10)),
    ],
)
def test_descent_is_the_update_rule_and_stops_where_sympy_says(text: str, rate: sympy.Expr) -> None:
    trees, loss, variables = trees_of(text)
    start = (sympy.Rational(-3, 2), sympy.Integer(1))
    walk = descent_walk(trees, (-1.5, 1.0), float(rate), float(TOLERANCE), 500)
    exact = iterate(loss, variables, start, rate, walk.steps)
    assert_follows(walk, exact)
    assert walk.end == "reached"
    assert walk.steps == first_below(loss, variables, exact)


def test_newton_follows_its_rule_on_a_loss_that_is_no_quadratic() -> None:
    trees, loss, variables = trees_of("w1^4 + w2^2 - w1 w2")
    start = (sympy.Rational(-3, 2), sympy.Integer(1))
    walk = newton_walk(trees, (-1.5, 1.0), float(TOLERANCE), 50)
    exact = newton_reference(loss, variables, start, walk.steps)
    assert_follows(walk, exact)
    assert walk.end == "reached" and walk.steps == first_below(loss, variables, exact)
    assert walk.steps > 1


@pytest.mark.parametrize("text", ["w1^2 + 3w2^2", "2w1^2 + 2w1 w2 + 2w2^2", "w1^2 + 100w2^2"])
def test_newton_reaches_a_quadratics_minimum_in_one_step(text: str) -> None:
    trees, _, _ = trees_of(text)
    walk = newton_walk(trees, (-1.5, 1.0), float(TOLERANCE), 50)
    assert (walk.end, walk.steps) == ("reached", 1)
    assert walk.points[1] == pytest.approx((0, 0), abs=1e-12)


def test_descents_count_at_the_best_rate_grows_with_kappa() -> None:
    counts = []
    for kappa in (1, 3, 10, 30, 100):
        text = f"w1^2/2 + {kappa}w2^2/2"
        trees, loss, variables = trees_of(text)
        rate = sympy.Rational(2, 1 + kappa)
        walk = descent_walk(trees, (-1.5, 1.0), float(rate), float(TOLERANCE), 5000)
        assert walk.end == "reached"
        exact = iterate(
            loss, variables, (sympy.Rational(-3, 2), sympy.Integer(1)), rate, walk.steps
        )
        assert walk.steps == first_below(loss, variables, exact)
        counts.append(walk.steps)
    assert counts[0] == 1  # κ = 1: the best rate is 1/λ, Newton's step itself
    assert counts == sorted(counts) and counts[-1] > 10 * counts[1]


def test_a_rate_past_two_over_lambda_max_flies_off() -> None:
    trees, _, _ = trees_of("w1^2 + 3w2^2")
    walk = descent_walk(trees, (-1.5, 1.0), 0.5, float(TOLERANCE), 1000)
    assert walk.end == "flown off"
    assert all(abs(c) <= 1e6 for p in walk.points for c in p)


def test_newton_stops_where_the_hessian_has_no_inverse() -> None:
    trees, _, _ = trees_of("w1^3 + w2^2")
    walk = newton_walk(trees, (0.0, 1.0), float(TOLERANCE), 50)
    assert (walk.end, walk.steps) == ("singular", 0)


def test_a_walk_out_of_steps_says_so() -> None:
    trees, _, _ = trees_of("w1^2 + 100w2^2")
    walk = descent_walk(trees, (-1.5, 1.0), 0.001, float(TOLERANCE), 10)
    assert (walk.end, walk.steps) == ("out of steps", 10)
