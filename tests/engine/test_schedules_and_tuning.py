"""Learning-rate schedules against PyTorch's documented formulas, written again here in floats,
and Polyak's tuned heavy ball against the spectral radius of its step matrix (NumPy)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer_reference import pytorch_one_cycle
from steepest.engine.errors import EvaluationError
from steepest.engine.optimizers.schedules import (
    cosine_rate,
    decay_rate,
    one_cycle_rate,
    warmup_rate,
)
from steepest.engine.optimizers.tuning import tuned_heavy_ball

FAST = settings(max_examples=50, deadline=None, derandomize=True)
RATES = st.sampled_from([sympy.Rational(1, 10), sympy.Rational(3, 100), sympy.Integer(1)])


def near(found: sympy.Expr, expected: float) -> bool:
    return math.isclose(float(found), expected, rel_tol=1e-12, abs_tol=1e-15)


@FAST
@given(RATES, st.sampled_from([sympy.Rational(1, 2), sympy.Rational(9, 10)]), st.integers(1, 10),
       st.integers(0, 60))  # fmt: skip
def test_decay_is_pytorchs_step_lr(
    rate: sympy.Expr, factor: sympy.Expr, every: int, step: int
) -> None:
    # StepLR: lr = base_lr * gamma ** (last_epoch // step_size)
    expected = float(rate) * float(factor) ** (step // every)
    assert near(decay_rate(rate, factor, every, step), expected)


@FAST
@given(
    RATES,
    st.integers(1, 50),
    st.integers(0, 80),
    st.sampled_from([sympy.S.Zero, sympy.Rational(1, 1000)]),
)
def test_cosine_is_pytorchs_cosine_annealing(
    rate: sympy.Expr, total: int, step: int, floor: sympy.Expr
) -> None:
    # CosineAnnealingLR's closed form, held at eta_min once T_cur reaches T_max.
    t = min(step, total)
    expected = float(floor) + (float(rate) - float(floor)) * (1 + math.cos(math.pi * t / total)) / 2
    assert near(cosine_rate(rate, total, step, floor), expected)


def test_cosine_rates_are_exact() -> None:
    eta = sympy.Symbol("eta", positive=True)
    assert cosine_rate(eta, 4, 2) == eta / 2
    assert sympy.simplify(cosine_rate(eta, 4, 1) - eta * (2 + sympy.sqrt(2)) / 4) == 0


@FAST
@given(RATES, st.integers(1, 20), st.integers(0, 40))
def test_warmup_is_pytorchs_linear_lr_from_one_over_the_length(
    rate: sympy.Expr, length: int, step: int
) -> None:
    # LinearLR(start_factor=1/W, end_factor=1, total_iters=W − 1); W = 1 is no warmup at all.
    start, iterations = 1 / length, length - 1
    progress = 1.0 if iterations == 0 else min(step, iterations) / iterations
    expected = float(rate) * (start + (1 - start) * progress)
    assert near(warmup_rate(rate, length, step), expected)


@FAST
@given(RATES, st.integers(10, 200), st.data())
def test_one_cycle_is_pytorchs_one_cycle_lr(
    rate: sympy.Expr, total: int, data: st.DataObject
) -> None:
    step = data.draw(st.integers(0, total - 1))
    assert near(one_cycle_rate(rate, total, step), pytorch_one_cycle(float(rate), total, step))


def test_schedules_refuse_steps_they_do_not_have() -> None:
    with pytest.raises(EvaluationError, match="before the first step"):
        warmup_rate(sympy.Integer(1), 5, -1)
    with pytest.raises(EvaluationError, match="steps 0 to 99"):
        one_cycle_rate(sympy.Integer(1), 100, 100)
    with pytest.raises(EvaluationError, match="no rise"):
        one_cycle_rate(sympy.Integer(1), 3, 0)
    with pytest.raises(EvaluationError, match="at least 1 step"):
        decay_rate(sympy.Integer(1), sympy.Rational(1, 2), 0, 3)


# -- Polyak's heavy ball ---------------------------------------------------------------------


def spectral_radius(rate: float, beta: float, curvature: float) -> float:
    """The largest modulus of the eigenvalues of the heavy-ball step along one direction:
    (d_{k+1}, d_k) = ((1 + β − ηλ, −β), (1, 0)) (d_k, d_{k−1})."""
    matrix = np.array([[1 + beta - rate * curvature, -beta], [1.0, 0.0]])
    return float(max(abs(np.linalg.eigvals(matrix))))


@st.composite
def bowls(draw: st.DrawFn) -> sympy.Matrix:
    a, d = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    limit = math.isqrt(a * d - 1) if a * d > 1 else 0
    c = draw(st.integers(-limit, limit))
    return sympy.Matrix([[a, c], [c, d]])


@FAST
@given(bowls())
def test_tuned_momentum_is_polyaks_and_settles_every_direction_at_its_rate(
    matrix: sympy.Matrix,
) -> None:
    low, high = sorted(float(v) for v in np.linalg.eigvalsh(np.array(matrix.tolist(), float)))
    tuned = tuned_heavy_ball(matrix, "H")
    # Goh, "Why Momentum Really Works": α = (2/(√λ1 + √λn))², β = ((√λn − √λ1)/(√λn + √λ1))².
    root_sum = math.sqrt(low) + math.sqrt(high)
    assert near(tuned.rate, (2 / root_sum) ** 2)
    assert near(tuned.beta, ((math.sqrt(high) - math.sqrt(low)) / root_sum) ** 2)
    kappa = high / low
    assert near(tuned.factor, (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1))
    rate, beta, factor = float(tuned.rate), float(tuned.beta), float(tuned.factor)
    for curvature in np.linspace(low, high, 9):
        assert spectral_radius(rate, beta, curvature) <= factor + 1e-6
    # No nearby settings make the slower of the two extreme directions faster.
    for nudged_rate in (rate * 0.97, rate, rate * 1.03):
        for nudged_beta in (beta * 0.97, beta, min(beta * 1.03 + 1e-3, 0.999)):
            slowest = max(spectral_radius(nudged_rate, nudged_beta, c) for c in (low, high))
            assert slowest >= factor - 1e-6
    if kappa > 1:  # better than gradient descent at its best rate 2/(λmin + λmax)
        assert factor < (kappa - 1) / (kappa + 1)


def test_tuned_momentum_is_exact_and_needs_a_bowl() -> None:
    tuned = tuned_heavy_ball(sympy.diag(1, 9), "H")  # κ = 9: √κ = 3
    assert (tuned.rate, tuned.beta, tuned.factor) == (
        sympy.Rational(1, 4),
        sympy.Rational(1, 4),
        sympy.Rational(1, 2),
    )
    with pytest.raises(EvaluationError, match="not positive definite"):
        tuned_heavy_ball(sympy.diag(1, -1), "H")
