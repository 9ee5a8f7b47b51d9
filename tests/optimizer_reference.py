"""The references the optimizers are checked against: each algorithm written again in plain
floats straight from its paper's pseudo-code or PyTorch's documented form, independent of the
engine.

Import it as `from optimizer_reference import reference_adam`: `tests/` is on `sys.path`
during a run.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

FloatGradient = Callable[[np.ndarray], np.ndarray]


def reference_heavy_ball(
    grad: FloatGradient, w: np.ndarray, steps: int, lr: float, momentum: float, nesterov: bool
) -> np.ndarray:
    """torch.optim.SGD's documented algorithm, dampening 0: b_1 = g_1, b_t = μb_{t−1} + g_t,
    g ← g + μb_t with Nesterov, else g ← b_t; θ ← θ − γg."""
    buffer = None
    for _ in range(steps):
        g = grad(w)
        buffer = g.copy() if buffer is None else momentum * buffer + g
        w = w - lr * (g + momentum * buffer if nesterov else buffer)
    return w


def reference_adagrad(
    grad: FloatGradient, w: np.ndarray, steps: int, lr: float, eps: float
) -> np.ndarray:
    """Duchi, Hazan & Singer (2011), diagonal form, as torch.optim.Adagrad: state_sum += g²,
    θ ← θ − γ g/(√state_sum + ε)."""
    total = np.zeros_like(w)
    for _ in range(steps):
        g = grad(w)
        total = total + g * g
        w = w - lr * g / (np.sqrt(total) + eps)
    return w


def reference_rmsprop(
    grad: FloatGradient, w: np.ndarray, steps: int, lr: float, rho: float, eps: float
) -> np.ndarray:
    """Hinton, Neural Networks for Machine Learning, lecture 6e: MeanSquare(w, t) =
    0.9·MeanSquare(w, t−1) + 0.1·(∂E/∂w)², divide the gradient by √MeanSquare (ε under the root)."""
    mean_square = np.zeros_like(w)
    for _ in range(steps):
        g = grad(w)
        mean_square = rho * mean_square + (1 - rho) * g * g
        w = w - lr * g / np.sqrt(mean_square + eps)
    return w


def reference_adam(
    grad: FloatGradient,
    w: np.ndarray,
    steps: int,
    alpha: float,
    beta1: float,
    beta2: float,
    eps: float,
) -> np.ndarray:
    """Kingma & Ba (2015), Algorithm 1, line by line."""
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = grad(w)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        w = w - alpha * m_hat / (np.sqrt(v_hat) + eps)
    return w


def pytorch_one_cycle(
    max_lr: float,
    total: int,
    step: int,
    pct_start: float = 0.3,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
) -> float:
    """OneCycleLR.get_lr, two phases, annealed along a cosine (its defaults as defaults)."""
    initial = max_lr / div_factor
    phases = [
        (pct_start * total - 1, initial, max_lr),
        (total - 1, max_lr, initial / final_div_factor),
    ]
    start_step = 0.0
    for index, (end_step, start_lr, end_lr) in enumerate(phases):
        if step <= end_step or index == len(phases) - 1:
            pct = (step - start_step) / (end_step - start_step)
            return end_lr + (start_lr - end_lr) / 2 * (math.cos(math.pi * pct) + 1)
        start_step = end_step
    raise AssertionError("unreachable: the last phase takes every step")


def reference_polyak(
    grad: FloatGradient, w: np.ndarray, steps: int, lr: float, beta: float
) -> np.ndarray:
    """Polyak (1964): w_{k+1} = w_k − α∇f(w_k) + β(w_k − w_{k−1}), starting with w_{−1} = w_0."""
    previous = w
    for _ in range(steps):
        w, previous = w - lr * grad(w) + beta * (w - previous), w
    return w


def reference_sutskever(
    grad: FloatGradient, theta: np.ndarray, steps: int, lr: float, mu: float
) -> tuple[np.ndarray, np.ndarray]:
    """Sutskever et al. (2013), Nesterov's accelerated gradient: v ← μv − ε∇f(θ + μv),
    θ ← θ + v, with v starting at 0. Gives θ and v."""
    v = np.zeros_like(theta)
    for _ in range(steps):
        v = mu * v - lr * grad(theta + mu * v)
        theta = theta + v
    return theta, v
