"""Curvature at a point: the Hessian and its eigen-directions are SymPy's, the Taylor model
matches the loss to second order, Newton's step is p − H⁻¹∇L, the best fixed rate is
2/(λmin + λmax), and a bowl stretched to κ keeps its minimum, directions and λmin."""

from __future__ import annotations

import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.errors import EvaluationError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.bowl import read_bowl
from steepest.engine.surface.curvature import (
    best_fixed_rate,
    curvature_at,
    newton_step,
    stretched_bowl,
    taylor_model,
)

LOSSES = [
    "w1^2 + 3w2^2",
    "2w1^2 + 2w1 w2 + 2w2^2",
    "(1 - w1)^2 + 10(w2 - w1^2)^2",
    "w1^4 + w2^2 - w1 w2",
    "w1^2 - w2^2 + w1 w2^3",
]
POINTS = [(-1, 1), (sympy.Rational(1, 2), 2), (0, sympy.Rational(-3, 4))]


def read(text: str) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    loss = parse(text)
    return loss, order_variables(loss.free_symbols)


def at_point(
    variables: list[sympy.Symbol], point: tuple[sympy.Expr, ...]
) -> dict[sympy.Symbol, sympy.Expr]:
    return {v: sympy.sympify(c) for v, c in zip(variables, point, strict=True)}


@pytest.mark.parametrize("text", LOSSES)
@pytest.mark.parametrize("point", POINTS)
def test_the_hessian_and_its_eigen_directions_are_sympys(
    text: str, point: tuple[sympy.Expr, ...]
) -> None:
    loss, variables = read(text)
    at = at_point(variables, point)
    local = curvature_at(loss, variables, at)
    reference = sympy.hessian(loss, variables).subs(at)
    assert local.hessian == reference
    assert local.gradient == tuple(sympy.diff(loss, v).subs(at) for v in variables)
    expected = sorted(reference.eigenvals(multiple=True), key=float)
    assert [sympy.simplify(a - b) for a, b in zip(local.eigenvalues, expected, strict=True)] == [
        0,
        0,
    ]
    for direction in local.directions:
        vector = sympy.Matrix(direction.vector)
        residual = reference * vector - direction.curvature * vector
        assert sympy.simplify(residual) == sympy.zeros(2, 1)
        assert sympy.simplify(vector.dot(vector)) == 1
    low, high = expected
    if low > 0:
        assert local.condition is not None
        assert sympy.simplify(local.condition - high / low) == 0
    else:
        assert local.condition is None


@pytest.mark.parametrize("text", LOSSES)
def test_the_taylor_model_matches_the_loss_to_second_order(text: str) -> None:
    loss, variables = read(text)
    at = at_point(variables, (sympy.Rational(1, 2), -1))
    model = taylor_model(loss, variables, at)
    assert sympy.Poly(model, *variables).total_degree() <= 2
    assert model.subs(at) == loss.subs(at)
    for v in variables:
        assert sympy.diff(model, v).subs(at) == sympy.diff(loss, v).subs(at)
        for u in variables:
            assert sympy.diff(model, v, u) == sympy.diff(loss, v, u).subs(at)


@settings(max_examples=25, deadline=None)
@given(st.integers(-30, 30), st.integers(-30, 30), st.integers(-3, 3), st.integers(-3, 3))
def test_along_any_line_the_model_is_the_losss_taylor_polynomial_of_degree_two(
    a: int, b: int, u: int, v: int
) -> None:
    """Along p + t·(u, v) the model is L's Taylor polynomial in t, cut after t²: the value,
    slope and half the second derivative of L along the line, at t = 0. (Worked out by
    differentiating in t, which is what `sympy.series` does here, at a fiftieth of its time.)"""
    loss, variables = read("(1 - w1)^2 + 10(w2 - w1^2)^2 + sin(w1 w2)")
    at = at_point(variables, (sympy.Rational(a, 10), sympy.Rational(b, 10)))
    model = taylor_model(loss, variables, at)
    t = sympy.Symbol("t")
    line = {w: c + t * d for (w, c), d in zip(at.items(), (u, v), strict=True)}
    along = loss.subs(line)
    taylor = sum(sympy.diff(along, t, k).subs(t, 0) * t**k / sympy.factorial(k) for k in range(3))
    assert sympy.expand(model.subs(line) - taylor) == 0


@pytest.mark.parametrize("text", ["w1^2 + 3w2^2", "2w1^2 + 2w1 w2 + 2w2^2 - w1 + 3w2 + 1"])
def test_newton_lands_on_a_quadratics_minimum_in_one_step(text: str) -> None:
    loss, variables = read(text)
    (minimum,) = sympy.solve([sympy.diff(loss, v) for v in variables], variables, dict=True)
    for point in POINTS:
        landed = newton_step(loss, variables, at_point(variables, point))
        assert landed == tuple(minimum[v] for v in variables)


@pytest.mark.parametrize("text", LOSSES[2:])
def test_newtons_step_is_p_minus_h_inverse_times_the_gradient(text: str) -> None:
    loss, variables = read(text)
    at = at_point(variables, (sympy.Rational(1, 2), 2))
    matrix = sympy.hessian(loss, variables).subs(at)
    slope = sympy.Matrix([sympy.diff(loss, v).subs(at) for v in variables])
    expected = sympy.Matrix([at[v] for v in variables]) - matrix.inv() * slope
    landed = newton_step(loss, variables, at)
    assert [sympy.simplify(a - b) for a, b in zip(landed, expected, strict=True)] == [0, 0]


def test_newtons_step_is_undefined_where_the_hessian_is_singular() -> None:
    loss, variables = read("w1^3 + w2^2")
    at = at_point(variables, (0, 1))
    with pytest.raises(EvaluationError, match=re.escape("singular (an eigenvalue is 0)")):
        newton_step(loss, variables, at)


@pytest.mark.parametrize("text", ["w1^2 + 3w2^2", "2w1^2 + 2w1 w2 + 2w2^2", "w1^2 + 50w2^2"])
def test_the_best_fixed_rate_makes_both_factors_kappa_minus_one_over_kappa_plus_one(
    text: str,
) -> None:
    loss, variables = read(text)
    matrix = sympy.hessian(loss, variables)
    low, high = sorted(matrix.eigenvals(multiple=True))
    rate = best_fixed_rate(matrix)
    assert rate == 2 / (low + high)
    kappa = high / low
    # The published rule: at η = 2/(λmin + λmax) both factors 1 − ηλ have size (κ − 1)/(κ + 1).
    assert abs(1 - rate * low) == abs(1 - rate * high) == (kappa - 1) / (kappa + 1)


def test_a_loss_that_is_no_bowl_has_no_best_fixed_rate() -> None:
    loss, variables = read("w1^2 - w2^2")
    with pytest.raises(EvaluationError, match="not positive definite"):
        best_fixed_rate(sympy.hessian(loss, variables))


@pytest.mark.parametrize("text", ["w1^2 + 3w2^2", "2w1^2 + 2w1 w2 + 2w2^2 - w1 + 3w2 + 1"])
@pytest.mark.parametrize("kappa", [1, 3, sympy.Rational(25, 2), 100])
def test_a_stretched_bowl_keeps_its_minimum_directions_and_gentlest_curvature(
    text: str, kappa: sympy.Expr
) -> None:
    loss, variables = read(text)
    bowl = read_bowl(loss, variables)
    stretched = stretched_bowl(bowl, kappa)
    matrix = sympy.hessian(stretched, variables)
    low, high = sorted(matrix.eigenvals(multiple=True), key=float)
    gentle = bowl.directions[0]
    assert sympy.simplify(low - gentle.curvature) == 0
    assert sympy.simplify(high - kappa * gentle.curvature) == 0
    steep = sympy.Matrix(bowl.directions[1].vector)
    assert sympy.simplify(matrix * steep - high * steep) == sympy.zeros(2, 1)
    (minimum,) = sympy.solve([sympy.diff(stretched, v) for v in variables], variables, dict=True)
    offsets = [sympy.simplify(minimum[v] - m) for v, m in zip(variables, bowl.minimum, strict=True)]
    assert offsets == [0, 0]
    assert sympy.simplify(stretched.subs(minimum) - bowl.lowest) == 0


@pytest.mark.parametrize("text", ["w1^2 + 3w2^2", "2w1^2 + 2w1 w2 + 2w2^2 - w1 + 3w2 + 1"])
def test_at_its_own_kappa_a_stretched_bowl_is_the_bowl(text: str) -> None:
    loss, variables = read(text)
    bowl = read_bowl(loss, variables)
    own = bowl.steepest / bowl.directions[0].curvature
    assert sympy.simplify(stretched_bowl(bowl, own) - loss) == 0
