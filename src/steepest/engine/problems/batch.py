"""A line ŷ = w·x + b fitted to a few examples: its mean squared error over the batch, the loss
whose gradient the `batch_gradient` practice asks for (lesson 06).

    L(w, b) = (1/n)·Σ (w·xᵢ + b − yᵢ)²
    ∂L/∂w = (2/n)·Σ rᵢ·xᵢ,   ∂L/∂b = (2/n)·Σ rᵢ,   rᵢ = w·xᵢ + b − yᵢ, the residual
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

Example = tuple[sympy.Expr, sympy.Expr]
"""One (x, y) of the batch."""


def mean_squared_error(
    examples: Sequence[Example], weight: sympy.Symbol, bias: sympy.Symbol
) -> sympy.Expr:
    """The batch's mean squared error, kept as a mean of squares rather than expanded."""
    squares = [(weight * x + bias - y) ** 2 for x, y in examples]
    return sympy.Mul(sympy.Rational(1, len(examples)), sympy.Add(*squares), evaluate=False)


def residuals(
    examples: Sequence[Example], at: tuple[sympy.Expr, sympy.Expr]
) -> tuple[sympy.Expr, ...]:
    """w·xᵢ + b − yᵢ for each example, at the point (w, b)."""
    weight, bias = at
    return tuple(weight * x + bias - y for x, y in examples)
