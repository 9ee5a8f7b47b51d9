"""The best heavy-ball settings for a quadratic, Polyak's (1964):

    η* = 4/(√λmax + √λmin)²,   β* = ((√κ − 1)/(√κ + 1))²,   κ = λmax/λmin,

with which every distance to the minimum shrinks by (√κ − 1)/(√κ + 1) = √β* per step in the
long run, against (κ − 1)/(κ + 1) for gradient descent at its best rate 2/(λmax + λmin).
The rule v ← βv + g, w ← w − ηv is w ← w − η∇L(w) + β(w − w_prev), the form of Polyak and of
Goh's "Why Momentum Really Works" (Distill, 2017), with the same η and β. Along an
eigen-direction of curvature λ a step acts on (distance, previous distance) by the matrix
((1 + β − ηλ, −β), (1, 0)); the settings above give it a double eigenvalue of modulus √β at
both extreme curvatures and complex ones of that modulus between them, and no other settings
make the slowest direction faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.calculus.quadratic import positive_eigenvalues


@dataclass(frozen=True)
class MomentumTuning:
    rate: sympy.Expr
    """η*, the learning rate."""
    beta: sympy.Expr
    """β*, the momentum."""
    factor: sympy.Expr
    """(√κ − 1)/(√κ + 1): what each step multiplies the distance by in the long run."""


def tuned_heavy_ball(matrix: sympy.Matrix, what: str) -> MomentumTuning:
    """Polyak's settings for a quadratic with the positive-definite Hessian `matrix` (named
    `what` in messages)."""
    needed_for = "heavy-ball momentum has best settings for a bowl (positive definite) only"
    values = positive_eigenvalues(matrix, what, needed_for)
    low, high = sympy.sqrt(values[0]), sympy.sqrt(values[-1])
    rate = sympy.radsimp(4 / (high + low) ** 2)
    factor = sympy.radsimp((high - low) / (high + low))
    return MomentumTuning(rate, sympy.radsimp(sympy.expand(factor**2)), factor)
