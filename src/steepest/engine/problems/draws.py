"""Small random draws the problem generators share, so a coefficient means the same everywhere."""

from __future__ import annotations

import numpy as np
import sympy


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


def small_curvatures(rng: np.random.Generator, level: int) -> tuple[int, int, int]:
    """The curvatures (a, b, c) of a positive-definite bowl with small whole coefficients
    (`bowl_templates.py` writes it out): a·w² at level 1, a separable bowl a·w1² + b·w2² at
    level 2, one with a cross term c·w1w2 at level 3."""
    if level == 1:
        return int(rng.integers(1, _LARGEST_CURVATURE + 1)), 0, 0
    a, b = (int(c) + 1 for c in rng.choice(_LARGEST_CURVATURE, size=2, replace=False))
    if level == 2:
        return a, b, 0
    # |c| < 2√(ab) keeps the bowl positive definite; c ≠ 0 couples the weights.
    crosses = [
        c
        for c in range(-_LARGEST_CURVATURE, _LARGEST_CURVATURE + 1)
        if c != 0 and c * c < 4 * a * b
    ]
    return a, b, crosses[int(rng.integers(0, len(crosses)))]
