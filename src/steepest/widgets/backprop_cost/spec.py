"""The backprop-cost widget's timings, measured in a compute worker for n from 10 to 10⁶.

The loss is least squares over a small batch, L(w) = ½‖Xw − y‖² with X of shape (batch, n):
one forward pass costs about batch · n multiplications. Finite differences need n + 1 forward
passes; the backward pass (r = Xw − y, then ∂L/∂w = Xᵀr, written out by hand) costs about two.
Where n + 1 passes would take too long, a sample of nudges is timed and the rest extrapolated,
and the spec says so. Both gradients are compared on every entry that was actually nudged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from steepest.widgets.backprop_cost import BackpropCostParams, BackpropCostSpec, CostRow

_Result = TypeVar("_Result")

SIZES = (10, 100, 1_000, 10_000, 100_000, 1_000_000)
BATCH = 4
# Every knob is nudged up to this n; beyond it, this many nudges are timed and extrapolated.
FULL_UP_TO = 1_000
SAMPLED_NUDGES = 16
STEP = 1e-6
# Forward differences are off by about STEP/2 · ∂²L/∂w², here about STEP · BATCH.
AGREEMENT = 1e-4
# Time a call at least twice (the first run pays for warming up) and until this long has
# passed, and keep the fastest run: timings of small n are noisy.
TIMING_BUDGET_S = 0.004


class GradientsDisagree(AssertionError):
    """Finite differences and the backward pass gave different gradients."""


def compute_spec(params: BackpropCostParams) -> BackpropCostSpec:
    """One row of timings per n, in seconds."""
    rows = [measure(n) for n in SIZES]
    return {
        "browser": {"rows": rows, "batch": BATCH},
        "rows": rows,
        "worst_difference": max(row["largest_difference"] for row in rows),
    }


def measure(n: int, seed: int = 0) -> CostRow:
    """Time both ways of getting ∂L/∂w for one n and check that they agree."""
    generator = np.random.default_rng(seed + n)
    # Uniform numbers are quicker to draw than normal ones, and any data will do here.
    data = generator.uniform(-1.0, 1.0, (BATCH, n))
    targets = generator.uniform(-1.0, 1.0, BATCH)
    # Scaled so Xw stays near 1 whatever n is: the loss, and its rounding error, stay small.
    weights = generator.uniform(-1.0, 1.0, n) * np.sqrt(3 / n)

    def loss(w: NDArray[np.float64]) -> float:
        residual = data @ w - targets
        return 0.5 * float(residual @ residual)

    def backward_pass() -> NDArray[np.float64]:
        residual = data @ weights - targets  # forward, keeping the value the sweep needs
        # ∂L/∂w = Xᵀ · ∂L/∂(Xw), and ∂L/∂(Xw) = r; written rᵀX it reads X row by row.
        gradient: NDArray[np.float64] = residual @ data
        return gradient

    nudged = np.arange(n) if n <= FULL_UP_TO else generator.choice(n, SAMPLED_NUDGES, False)

    def finite_differences() -> NDArray[np.float64]:
        base = loss(weights)
        slopes = np.empty(len(nudged))
        for k, i in enumerate(nudged):
            moved = weights.copy()
            moved[i] += STEP
            slopes[k] = (loss(moved) - base) / STEP
        return slopes

    forward_s = _fastest(lambda: loss(weights))
    backward_s, gradient = _fastest_with_result(backward_pass)
    sample_s, slopes = _fastest_with_result(finite_differences)
    worst = float(np.max(np.abs(slopes - gradient[nudged])))
    if worst > AGREEMENT * (1 + float(np.max(np.abs(gradient)))):
        raise GradientsDisagree(f"n = {n}: finite differences are off by {worst:.3g}")
    # The sample timed len(nudged) nudged passes plus the base pass; the full job is n + 1.
    finite_s = sample_s * (n + 1) / (len(nudged) + 1)
    return {
        "n": n,
        "forward_seconds": forward_s,
        "backward_seconds": backward_s,
        "finite_seconds": finite_s,
        "evaluations": n + 1,
        "measured": len(nudged),
        "estimated": bool(len(nudged) < n),
        "ratio": finite_s / backward_s,
        "largest_difference": worst,
    }


def _fastest(call: Callable[[], object]) -> float:
    return _fastest_with_result(call)[0]


def _fastest_with_result(call: Callable[[], _Result]) -> tuple[float, _Result]:
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 2 or spent < TIMING_BUDGET_S:
        runs += 1
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
    return best, result
