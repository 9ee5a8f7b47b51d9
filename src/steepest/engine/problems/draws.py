"""Small random draws the problem generators share, so a coefficient means the same everywhere."""

from __future__ import annotations

import numpy as np


def coefficient(rng: np.random.Generator, largest: int = 5) -> int:
    """A nonzero integer up to `largest` in size, positive seven times in ten."""
    value = int(rng.integers(1, largest + 1))
    return value if rng.random() < 0.7 else -value


MAX_TRIES = 200
"""Draws a generator makes before it gives up on a seed; none comes near it."""
