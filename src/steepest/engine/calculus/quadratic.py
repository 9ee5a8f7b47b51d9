"""A quadratic loss and what gradient descent does on it, exactly.

On a quadratic L(w) = ½·wᵀHw + bᵀw + c the gradient is Hw + b, so a step w ← w − η∇L moves the
distance to the minimum by the matrix I − ηH, the same at every point. Along an eigen-direction
of H with eigenvalue λ the distance is multiplied by 1 − ηλ each step; when H is diagonal those
directions are the axes, and each weight is multiplied by 1 − η·H_ii on its own. Every distance
shrinks when |1 − ηλ| < 1 for every λ, that is 0 < η < 2/λmax, and only for a positive-definite
H. The slowest direction sets the pace, max |1 − ηλ|, and it is smallest at η = 2/(λmin + λmax),
where the two extreme factors are equal and opposite. Off a quadratic none of this is the same
from point to point, so it is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.derivatives import hessian
from steepest.engine.errors import EvaluationError
from steepest.engine.notation.printing import to_text


@dataclass(frozen=True)
class StepFactors:
    """What one step of gradient descent multiplies distances to the minimum by."""

    factors: tuple[sympy.Expr, ...]
    per_variable: bool
    """True when each weight moves on its own (a diagonal Hessian): one factor per variable, in
    their order. False: one per eigen-direction, in no particular order."""


def quadratic_hessian(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Matrix:
    """The Hessian of a loss of degree at most 2 in `variables`, the same at every point; an
    EvaluationError for any other loss. Coefficients may hold parameters (λ·w²)."""
    names = ", ".join(v.name for v in variables)
    try:
        degree = sympy.Poly(expr, *variables).total_degree()
    except sympy.PolynomialError:
        raise EvaluationError(
            f"{to_text(expr)} is not a quadratic in {names}: it is not even a polynomial, so its"
            " curvature changes from point to point"
        ) from None
    if degree > 2:
        raise EvaluationError(
            f"{to_text(expr)} is not a quadratic in {names}: it has degree {degree}, so its"
            " curvature changes from point to point"
        )
    return hessian(expr, variables)


def step_factors(matrix: sympy.Matrix, rate: sympy.Expr) -> StepFactors:
    """The factor 1 − rate·λ of each direction of a quadratic with Hessian `matrix`."""
    if matrix.is_diagonal():
        diagonal = [matrix[i, i] for i in range(matrix.rows)]
        return StepFactors(tuple(sympy.expand(1 - rate * h) for h in diagonal), True)
    values = eigenvalues(matrix)
    return StepFactors(tuple(sympy.expand(1 - rate * v) for v in values), False)


def eigenvalues(matrix: sympy.Matrix) -> tuple[sympy.Expr, ...]:
    """Every eigenvalue of a symmetric matrix, each as often as it repeats; ascending when they
    are numbers. They are real: a Hessian is symmetric."""
    found = matrix.eigenvals(multiple=True)
    values = tuple(sympy.simplify(v) for v in found)
    if all(v.is_number for v in values):
        return tuple(sorted(values, key=lambda v: sympy.N(v, 30)))
    return values


def positive_eigenvalues(
    matrix: sympy.Matrix, what: str, needed_for: str
) -> tuple[sympy.Expr, ...]:
    """The eigenvalues of a positive-definite matrix, ascending; otherwise an EvaluationError
    naming the eigenvalue in the way. `what` names the matrix and `needed_for` says what needs
    it positive definite, for the message."""
    values = eigenvalues(matrix)
    symbols = sorted({s.name for v in values for s in v.free_symbols})
    if symbols:
        raise EvaluationError(
            f"{what} holds {', '.join(symbols)}, so whether it is positive definite depends on"
            f" its value, and {needed_for}"
        )
    lowest = values[0]
    if not lowest.is_positive:
        shown = ", ".join(to_text(v) for v in values)
        along = "is flat" if lowest.is_zero else "curves down"
        raise EvaluationError(
            f"{what} has the eigenvalues {shown}: it is not positive definite (along the"
            f" direction of {to_text(lowest)} the loss {along}), and {needed_for}"
        )
    return values


def condition_number(matrix: sympy.Matrix, what: str) -> sympy.Expr:
    """λmax / λmin of a positive-definite matrix."""
    needed_for = "the condition number λmax/λmin is defined for a positive-definite one only"
    values = positive_eigenvalues(matrix, what, needed_for)
    return sympy.simplify(values[-1] / values[0])


def stable_rates(matrix: sympy.Matrix, what: str) -> sympy.Interval:
    """The learning rates at which every step shrinks every distance to the minimum of a
    quadratic with Hessian `matrix`: 0 < η < 2/λmax."""
    needed_for = "no learning rate makes every step of gradient descent shrink every distance"
    values = positive_eigenvalues(matrix, what, needed_for)
    return sympy.Interval.open(0, 2 / values[-1])


@dataclass(frozen=True)
class FastestRate:
    """The rate at which the slowest direction of a quadratic closes in fastest."""

    rate: sympy.Expr
    """2/(λmin + λmax): it makes the factors of the flattest and the steepest directions equal
    in size and opposite in sign, and moving it either way makes one of them larger."""
    factor: sympy.Expr
    """The size of the largest factor there, (λmax − λmin)/(λmax + λmin)."""


def fastest_rate(matrix: sympy.Matrix, what: str) -> FastestRate:
    """The learning rate that makes the largest |1 − ηλ| smallest, on a quadratic with Hessian
    `matrix`, which must be positive definite."""
    needed_for = "no learning rate makes every step of gradient descent shrink every distance"
    values = positive_eigenvalues(matrix, what, needed_for)
    low, high = values[0], values[-1]
    rate = sympy.simplify(2 / (low + high))
    return FastestRate(rate, sympy.simplify((high - low) / (high + low)))
