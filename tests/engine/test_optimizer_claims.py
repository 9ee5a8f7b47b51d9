"""Claims about optimizers: positions after K steps of each rule (against the float references
of optimizer_reference.py), Polyak's tuned heavy ball (against Goh's closed form), a schedule's
rate (against PyTorch's formulas), minibatch SGD on the seeded data (against the update done
here in floats), and the statements' settings and their mistakes."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from optimizer_reference import (
    pytorch_one_cycle,
    reference_adagrad,
    reference_adam,
    reference_heavy_ball,
    reference_rmsprop,
)
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.statements import read_statement
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EvaluationError, LimitExceeded, MathSyntaxError, VariableError
from steepest.engine.optimizers.minibatch import epoch_batches, line_examples

LOSS = "w1^2 + 3w2^2 + w1 w2 - w1"
START = "w1 = 1, w2 = -1"


def gradient(w: np.ndarray) -> np.ndarray:
    """∇(w1² + 3w2² + w1w2 − w1)."""
    return np.array([2 * w[0] + w[1] - 1, 6 * w[1] + w[0]])


W0 = np.array([1.0, -1.0])
REFERENCES = {
    "momentum": (" with beta = 0.9", reference_heavy_ball(gradient, W0, 5, 0.1, 0.9, False)),
    "nesterov": (" with beta = 0.9", reference_heavy_ball(gradient, W0, 5, 0.1, 0.9, True)),
    "adagrad": ("", reference_adagrad(gradient, W0, 5, 0.1, 1e-10)),
    "rmsprop": (" with rho = 0.9, eps = 10^-8", reference_rmsprop(gradient, W0, 5, 0.1, 0.9, 1e-8)),
    "adam": (
        " with beta1 = 0.9, beta2 = 0.999, eps = 1e-8",
        reference_adam(gradient, W0, 5, 0.1, 0.9, 0.999, 1e-8),
    ),
}


def shown(values: np.ndarray | list[float], places: int = 6) -> str:
    return "about (" + ", ".join(f"{v:.{places}f}" for v in values) + ")"


@pytest.mark.parametrize("kind", sorted(REFERENCES))
def test_a_position_after_k_steps_is_the_published_algorithms(kind: str) -> None:
    settings, expected = REFERENCES[kind]
    statement = f"{kind} {LOSS} from {START} after 5 steps at rate 0.1{settings}"
    assert verify_claim(statement, shown(expected)).ok
    assert not verify_claim(statement, shown([expected[0], expected[1] + 1e-4])).ok


def test_defaults_are_the_published_ones() -> None:
    for kind in ("adagrad", "rmsprop", "adam"):
        _settings, expected = REFERENCES[kind]
        written = f"{kind} {LOSS} from {START} after 5 steps at rate 0.1"
        assert verify_claim(written, shown(expected)).ok, kind


def test_the_first_adam_step_is_the_rate_times_the_sign_of_the_gradient() -> None:
    g = gradient(W0)
    step = W0 - 0.1 * np.sign(g)
    statement = f"adam {LOSS} from {START} after 1 step at rate 0.1"
    assert verify_claim(statement, shown(step)).ok
    # g = (0, −5): w1 has no slope, so even with ε = 0 (0/0) it does not move.
    exact = [int(w) - sympy.Rational(1, 10) * int(np.sign(c)) for w, c in zip(W0, g, strict=True)]
    shown_exact = "(" + ", ".join(str(c) for c in exact) + ")"
    assert verify_claim(statement + " with eps = 0", shown_exact).ok
    assert not verify_claim(statement, shown_exact).ok  # ε = 10⁻⁸ moves it a little less


def test_a_position_at_parameter_settings_is_a_formula_in_them() -> None:
    eta, beta = sympy.symbols("eta beta", real=True)
    names = ClaimNames(parameters=("eta", "beta"))
    # By hand on w²: g = 2w. v1 = 2, w1 = 1 − 2η; v2 = 2β + 2(1 − 2η), w2 = w1 − ηv2.
    after_one = 1 - 2 * eta
    expected = sympy.expand(after_one - eta * (2 * beta + 2 * after_one))
    statement = "momentum w^2 from w = 1 after 2 steps at rate eta with beta = beta"
    assert verify_claim(statement, f"${sympy.latex(expected)}$", names).ok
    assert not verify_claim(statement, f"${sympy.latex(expected + eta)}$", names).ok


def test_settings_are_named_checked_and_completed() -> None:
    move = f"{LOSS} from {START} after 1 step at rate 0.1"
    with pytest.raises(VariableError, match="momentum needs its beta"):
        verify_claim(f"momentum {move}", "0")
    with pytest.raises(VariableError, match="adam takes no setting 'rho'"):
        verify_claim(f"adam {move} with rho = 0.9", "0")
    with pytest.raises(EvaluationError, match="not from 0 up to"):
        verify_claim(f"momentum {move} with beta = 1", "0")
    with pytest.raises(EvaluationError, match="below 0"):
        verify_claim(f"adagrad {move} with ε = -1", "0")
    with pytest.raises(MathSyntaxError, match="column"):
        read_statement(f"adam {move} with beta1 0.9")
    statement = read_statement(f"adam {move} with β1 = 0.8, epsilon = 0")
    assert statement.settings == (("β1", "0.8"), ("epsilon", "0")) and statement.rate == "0.1"
    assert verify_claim(f"adam {move} with β1 = 0.8, epsilon = 0", "(1, -0.9)").ok


def goh_settings(low: float, high: float) -> tuple[float, float]:
    """Goh, "Why Momentum Really Works" (Distill, 2017): α = (2/(√λ1 + √λn))²,
    β = ((√λn − √λ1)/(√λn + √λ1))²."""
    root_sum = math.sqrt(low) + math.sqrt(high)
    return (2 / root_sum) ** 2, ((math.sqrt(high) - math.sqrt(low)) / root_sum) ** 2


def test_tuned_momentum_is_polyaks_for_the_hessians_extreme_eigenvalues() -> None:
    low, high = np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 6.0]]))  # of w1² + w1w2 + 3w2²
    rate, beta = goh_settings(low, high)
    assert verify_claim("tuned momentum w1^2 + w1 w2 + 3w2^2", shown([rate, beta], 4)).ok
    assert verify_claim("tuned beta w1^2 + w1 w2 + 3w2^2", f"about {beta:.4f}").ok
    assert verify_claim("tuned factor w1^2 + w1 w2 + 3w2^2", f"about {math.sqrt(beta):.4f}").ok
    assert not verify_claim("tuned beta w1^2 + w1 w2 + 3w2^2", f"about {beta + 1e-3:.4f}").ok
    # κ = 9 exactly: η* = 4/(√2 + √18)² = 1/8, β* = (1/2)².
    assert verify_claim("tuned momentum w1^2 + 9w2^2", "(1/8, 1/4)").ok
    assert verify_claim("tuned factor w1^2 + 9w2^2", "1/2").ok
    with pytest.raises(EvaluationError, match="not positive definite"):
        verify_claim("tuned beta w1^2 - w2^2", "0")
    with pytest.raises(EvaluationError, match="not a quadratic"):
        verify_claim("tuned beta w1^4 + w2^2", "0")


@pytest.mark.parametrize("step", [0, 7, 29, 30, 64, 99])
def test_a_schedules_rate_is_pytorchs(step: int) -> None:
    decay = 0.1 * 0.5 ** (step // 10)
    cosine = 0.001 + (0.1 - 0.001) * (1 + math.cos(math.pi * min(step, 80) / 80)) / 2
    warmup = 0.1 * min(step + 1, 5) / 5
    cases = {
        f"schedule decay 0.1 at step {step} with factor = 0.5, every = 10": decay,
        f"schedule cosine 0.1 at step {step} with total = 80, floor = 0.001": cosine,
        f"schedule warmup 0.1 at step {step} with length = 5": warmup,
        f"schedule one-cycle 0.1 at step {step} with total = 100": pytorch_one_cycle(
            0.1, 100, step
        ),
    }
    for statement, expected in cases.items():
        assert verify_claim(statement, f"about {expected:.8f}").ok, statement
        assert not verify_claim(statement, f"about {expected * 1.01 + 1e-7:.8f}").ok, statement


@pytest.mark.parametrize("step", [0, 9, 10, 11, 50, 79])
def test_a_one_cycle_schedule_takes_pytorchs_other_settings(step: int) -> None:
    expected = pytorch_one_cycle(0.2, 80, step, pct_start=0.25, div_factor=10, final_div_factor=100)
    statement = (
        f"schedule one-cycle 0.2 at step {step} with total = 80, rise = 0.25, divisor = 10,"
        " final = 100"
    )
    assert verify_claim(statement, f"about {expected:.8f}").ok
    with pytest.raises(EvaluationError, match="the divisor '0' is not above 0"):
        verify_claim("schedule one-cycle 0.2 at step 3 with total = 80, divisor = 0", "0")


def test_a_schedule_of_a_parameter_rate_is_a_formula_and_its_settings_are_checked() -> None:
    names = ClaimNames(parameters=("eta",))
    assert verify_claim(
        "schedule cosine eta at step 25 with total = 100", r"$\frac{(2 + \sqrt{2})\eta}{4}$", names
    ).ok
    assert verify_claim("schedule warmup eta at step 0 with length = 4", r"$\eta/4$", names).ok
    with pytest.raises(VariableError, match="cosine needs its total"):
        verify_claim("schedule cosine 0.1 at step 3", "0")
    with pytest.raises(EvaluationError, match="not a whole number"):
        verify_claim("schedule warmup 0.1 at step 3 with length = 2.5", "0")
    with pytest.raises(VariableError, match="warmup takes no setting 'floor'"):
        verify_claim("schedule warmup 0.1 at step 3 with length = 5, floor = 0", "0")
    with pytest.raises(LimitExceeded, match="at most"):
        verify_claim("schedule decay 0.1 at step 100000 with factor = 0.5, every = 1", "0")


SGD = (
    "sgd (w x + b - y)^2 from w = 0, b = 0 after {steps} steps at rate 0.05 with seed = 7,"
    " examples = 10, batch = 4, slope = 2, intercept = -1, noise = 0.5"
)


def test_an_sgd_position_is_minibatch_descent_on_the_seeded_data() -> None:
    examples = line_examples(7, 10, sympy.Integer(2), sympy.Integer(-1), sympy.Rational(1, 2))
    xs = np.array([float(e.x) for e in examples])
    ys = np.array([float(e.y) for e in examples])
    weights = np.zeros(2)
    for step in range(7):  # batches of 4, 4 and 2 per epoch
        epoch, place = divmod(step, 3)
        batch = list(epoch_batches(10, 4, 7, epoch)[place])
        residual = weights[0] * xs[batch] + weights[1] - ys[batch]
        slope = np.array([np.mean(2 * residual * xs[batch]), np.mean(2 * residual)])
        weights = weights - 0.05 * slope
        statement = SGD.format(steps=step + 1)
        assert verify_claim(statement, shown(weights, 8)).ok, step
        assert not verify_claim(statement, shown(weights + 1e-5, 8)).ok, step


def test_an_sgd_claim_names_its_data_and_weights_apart() -> None:
    with pytest.raises(VariableError, match="sgd needs its seed"):
        verify_claim(SGD.format(steps=1).replace("seed = 7,", ""), "0")
    with pytest.raises(VariableError, match="x names the data"):
        verify_claim(SGD.format(steps=1).replace("w = 0", "x = 0"), "0")
    with pytest.raises(VariableError, match="the data must be numbers"):
        verify_claim(SGD.format(steps=1).replace("slope = 2", "slope = eta"), "0", ("eta",))
