"""Small random draws the problem generators share, so a coefficient means the same everywhere."""

from __future__ import annotations

import numpy as np
import sympy

from steepest.engine.notation.symbols import make_symbol


def coefficient(rng: np.random.Generator, largest: int = 5) -> int:
    """A nonzero integer up to `largest` in size, positive seven times in ten."""
    value = int(rng.integers(1, largest + 1))
    return value if rng.random() < 0.7 else -value


MAX_TRIES = 200
"""Draws a generator makes before it gives up on a seed; none comes near it."""

_LARGEST_CURVATURE = 3


def whole_point(rng: np.random.Generator, size: int) -> tuple[sympy.Integer, ...]:
    """Small whole coordinates, none zero, so every weight moves."""
    return tuple(sympy.Integer(int(rng.choice([-2, -1, 1, 2]))) for _ in range(size))


def small_bowl(rng: np.random.Generator, level: int) -> tuple[sympy.Expr, tuple[sympy.Symbol, ...]]:
    """A positive-definite quadratic with small whole coefficients and its weights: a·w² at
    level 1, a separable bowl in w1 and w2 at level 2, one with a cross term at level 3."""
    if level == 1:
        w = make_symbol("w")
        return int(rng.integers(1, _LARGEST_CURVATURE + 1)) * w**2, (w,)
    u, v = make_symbol("w1"), make_symbol("w2")
    a, b = (int(c) + 1 for c in rng.choice(_LARGEST_CURVATURE, size=2, replace=False))
    if level == 2:
        return a * u**2 + b * v**2, (u, v)
    # |c| < 2√(ab) keeps the bowl positive definite; c ≠ 0 couples the weights.
    crosses = [
        c
        for c in range(-_LARGEST_CURVATURE, _LARGEST_CURVATURE + 1)
        if c != 0 and c * c < 4 * a * b
    ]
    c = crosses[int(rng.integers(0, len(crosses)))]
    return a * u**2 + c * u * v + b * v**2, (u, v)
