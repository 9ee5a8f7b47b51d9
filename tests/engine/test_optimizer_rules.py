"""The update rules and their walks against the published algorithms, each written again here
in plain floats straight from its paper's pseudo-code (or PyTorch's documented form), on
quadratics drawn by hypothesis; and the closed forms of gradient descent and heavy-ball momentum
on a quadratic."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer_reference import (
    FloatGradient,
    reference_adagrad,
    reference_adam,
    reference_heavy_ball,
    reference_polyak,
    reference_rmsprop,
    reference_sutskever,
)
from steepest.engine.calculus.descent_steps import descent_position
from steepest.engine.errors import EvaluationError, LimitExceeded
from steepest.engine.optimizers.rules import (
    AdaGrad,
    Adam,
    GradientDescent,
    HeavyBall,
    Nesterov,
    RMSProp,
    Rule,
)
from steepest.engine.optimizers.walks import optimizer_path

w1, w2 = sympy.symbols("w1 w2", real=True)
RATE = sympy.Rational(1, 10)
BETA = sympy.Rational(9, 10)

# -- the quadratics ------------------------------------------------------------------------------


Bowl = tuple[sympy.Matrix, tuple[int, int], tuple[int, int]]


@st.composite
def bowls(draw: st.DrawFn) -> Bowl:
    """A positive-definite Hessian of small whole numbers, a linear term, and a start."""
    a = draw(st.integers(1, 8))
    d = draw(st.integers(1, 8))
    limit = math.isqrt(a * d - 1) if a * d > 1 else 0
    c = draw(st.integers(-limit, limit))
    linear = (draw(st.integers(-5, 5)), draw(st.integers(-5, 5)))
    start = (draw(st.integers(-4, 4)), draw(st.integers(-4, 4)))
    return sympy.Matrix([[a, c], [c, d]]), linear, start


def quadratic(matrix: sympy.Matrix, linear: tuple[int, int]) -> sympy.Expr:
    w = sympy.Matrix([w1, w2])
    return sympy.expand((w.T * matrix * w)[0] / 2 + linear[0] * w1 + linear[1] * w2)


def float_gradient(matrix: sympy.Matrix, linear: tuple[int, int]) -> FloatGradient:
    h = np.array(matrix.tolist(), dtype=float)
    b = np.array(linear, dtype=float)
    return lambda w: h @ w + b


def engine_walk(rule: Rule, loss: sympy.Expr, start: tuple[int, int], steps: int) -> np.ndarray:
    point = {w1: sympy.Integer(start[0]), w2: sympy.Integer(start[1])}
    last = optimizer_path(rule, loss, [w1, w2], point, steps)[-1]
    return np.array([float(c) for c in last])


def close(found: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.allclose(found, expected, rtol=1e-9, atol=1e-9))


BOWL_SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


Reference = Callable[[FloatGradient, np.ndarray, int], np.ndarray]
RULES: dict[str, tuple[Rule, Reference]] = {
    "heavy ball": (
        HeavyBall(RATE, BETA),
        lambda grad, w, steps: reference_heavy_ball(grad, w, steps, 0.1, 0.9, False),
    ),
    "nesterov": (
        Nesterov(RATE, BETA),
        lambda grad, w, steps: reference_heavy_ball(grad, w, steps, 0.1, 0.9, True),
    ),
    "adagrad": (
        AdaGrad(RATE),
        lambda grad, w, steps: reference_adagrad(grad, w, steps, 0.1, 1e-10),
    ),
    "rmsprop": (
        RMSProp(RATE),
        lambda grad, w, steps: reference_rmsprop(grad, w, steps, 0.1, 0.9, 1e-8),
    ),
    "adam": (
        Adam(RATE),
        lambda grad, w, steps: reference_adam(grad, w, steps, 0.1, 0.9, 0.999, 1e-8),
    ),
}


@pytest.mark.parametrize("name", sorted(RULES))
@BOWL_SETTINGS
@given(bowls(), st.integers(1, 8))
def test_each_walk_is_its_published_algorithm(name: str, bowl: Bowl, steps: int) -> None:
    """With the published defaults: PyTorch's SGD momentum, AdaGrad's ε = 10⁻¹⁰, Hinton's
    ρ = 0.9, Adam's β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸."""
    matrix, linear, start = bowl
    rule, reference = RULES[name]
    expected = reference(float_gradient(matrix, linear), np.array(start, float), steps)
    assert close(engine_walk(rule, quadratic(matrix, linear), start, steps), expected)


@BOWL_SETTINGS
@given(bowls(), st.integers(0, 8))
def test_momentum_in_pytorchs_form_is_polyaks_and_sutskevers(bowl: Bowl, steps: int) -> None:
    """The heavy ball is Polyak's rule with the same rate and β. PyTorch's Nesterov weights are
    Sutskever's look-ahead point θ + μv: with v_t = −ηb_t both follow the same recurrence."""
    matrix, linear, start = bowl
    loss, grad, w0 = (
        quadratic(matrix, linear),
        float_gradient(matrix, linear),
        np.array(start, float),
    )
    heavy = engine_walk(HeavyBall(RATE, BETA), loss, start, steps)
    assert close(heavy, reference_polyak(grad, w0, steps, 0.1, 0.9))
    theta, v = reference_sutskever(grad, w0, steps, 0.1, 0.9)
    assert close(engine_walk(Nesterov(RATE, BETA), loss, start, steps), theta + 0.9 * v)


@BOWL_SETTINGS
@given(bowls(), st.integers(0, 6))
def test_momentum_with_beta_zero_is_gradient_descent(bowl: Bowl, steps: int) -> None:
    matrix, linear, start = bowl
    loss = quadratic(matrix, linear)
    point = {w1: sympy.Integer(start[0]), w2: sympy.Integer(start[1])}
    plain = descent_position(loss, [w1, w2], point, RATE, steps)
    for rule in (
        HeavyBall(RATE, sympy.S.Zero),
        Nesterov(RATE, sympy.S.Zero),
        GradientDescent(RATE),
    ):
        assert optimizer_path(rule, loss, [w1, w2], point, steps)[-1] == plain


@BOWL_SETTINGS
@given(bowls(), st.integers(0, 10))
def test_gradient_descent_and_momentum_on_a_quadratic_follow_the_closed_form(
    bowl: Bowl, steps: int
) -> None:
    """GD: w_k − w* = (I − ηH)^k (w_0 − w*). Heavy ball: (w_k − w*, w_{k−1} − w*) is the power
    of the block matrix ((1 + β)I − ηH, −βI; I, 0) applied to (w_0 − w*, w_0 − w*), since
    v_0 = 0 means w_{−1} = w_0."""
    matrix, linear, start = bowl
    loss = quadratic(matrix, linear)
    minimum = -matrix.inv() * sympy.Matrix(linear)
    offset = sympy.Matrix(start) - minimum
    point = {w1: sympy.Integer(start[0]), w2: sympy.Integer(start[1])}
    identity = sympy.eye(2)
    gd = minimum + (identity - RATE * matrix) ** steps * offset
    assert optimizer_path(GradientDescent(RATE), loss, [w1, w2], point, steps)[-1] == tuple(gd)
    block = sympy.BlockMatrix(
        [[(1 + BETA) * identity - RATE * matrix, -BETA * identity], [identity, sympy.zeros(2)]]
    ).as_explicit()
    stacked = block**steps * sympy.Matrix([*offset, *offset])
    heavy = minimum + stacked[:2, 0]
    assert optimizer_path(HeavyBall(RATE, BETA), loss, [w1, w2], point, steps)[-1] == tuple(heavy)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.lists(st.integers(-50, 50).filter(bool), min_size=1, max_size=3),
    st.sampled_from([sympy.Rational(1, 10), sympy.Rational(1, 1000), sympy.Integer(2)]),
)
def test_adams_first_step_is_the_rate_times_the_sign_of_the_gradient(
    slopes: list[int], rate: sympy.Expr
) -> None:
    """m̂₁ = g and v̂₁ = g², so the first step is ηg/(|g| + ε): η·sign(g) to within ηε/|g|."""
    names = sympy.symbols(f"u1:{len(slopes) + 1}", real=True)
    loss = sum((g * u for g, u in zip(slopes, names, strict=True)), sympy.S.Zero)
    start = dict.fromkeys(names, sympy.S.Zero)
    epsilon = sympy.Rational(1, 10**8)
    first = optimizer_path(Adam(rate, epsilon=epsilon), loss, names, start, 1)[1]
    for moved, g in zip(first, slopes, strict=True):
        assert abs(moved + rate * sympy.sign(g)) <= rate * epsilon / abs(g)
    exact = optimizer_path(Adam(rate, epsilon=sympy.S.Zero), loss, names, start, 1)[1]
    assert exact == tuple(-rate * sympy.sign(g) for g in slopes)


def test_a_symbolic_rate_gives_a_formula_and_needs_a_polynomial_gradient() -> None:
    eta, beta = sympy.symbols("eta beta", real=True)
    loss = w1**2 + 3 * w2**2
    start = {w1: sympy.Integer(1), w2: sympy.Integer(1)}
    two = optimizer_path(HeavyBall(eta, beta), loss, [w1, w2], start, 2, symbolic=True)[-1]
    # By hand from the rule: v1 = g0, w1 = w0 − ηg0; v2 = βg0 + g1, w2 = w1 − ηv2.
    for index, curvature in enumerate((2, 6)):
        after_one = 1 - eta * curvature
        expected = after_one - eta * (beta * curvature + curvature * after_one)
        assert sympy.expand(two[index] - expected) == 0
    with pytest.raises(EvaluationError, match="only when the gradient is a polynomial"):
        optimizer_path(HeavyBall(eta, beta), sympy.exp(w1), [w1], {w1: sympy.S.Zero}, 2, True)


def test_a_walk_that_flies_off_loses_its_slope_or_runs_too_long_is_refused() -> None:
    start = {w1: sympy.Integer(2)}
    with pytest.raises(EvaluationError, match="flown off"):
        optimizer_path(HeavyBall(sympy.Integer(1), BETA), w1**4, [w1], start, 40)
    with pytest.raises(EvaluationError, match=r"step 2 has no slope .* at \(-1.9\)"):
        optimizer_path(Adam(sympy.Integer(2)), sympy.sqrt(w1), [w1], {w1: RATE}, 3)
    with pytest.raises(LimitExceeded, match="at most 1000 steps"):
        optimizer_path(GradientDescent(RATE), w1**2, [w1], start, 1001)
