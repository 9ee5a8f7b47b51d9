"""A quadratic bowl, and what one step of gradient descent does on it, worked out exactly.

On a quadratic L(w) = L* + ½(w − w*)ᵀH(w − w*) the gradient is H(w − w*), so the step
w ← w − η∇L(w) multiplies the offset from the minimum w* by the matrix I − ηH, the same matrix
at every point. Along an eigen-direction of H, whose eigenvalue λ is the curvature there, that
is the number 1 − ηλ. The offset shrinks when |1 − ηλ| < 1, crosses the floor at each step
when 1 − ηλ < 0, and grows when 1 − ηλ < −1; so every direction shrinks exactly when
0 < η < 2/λmax. This needs a bowl: a quadratic curving up in every direction, which has one
lowest point. Anything else is refused with what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import sympy

from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.points import Point
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.notation.printing import to_text

# Significant digits of a step that is not rational: far finer than anything shown.
DIGITS = 40

FactorKind = Literal["stable", "oscillates", "bounces", "diverges"]
"""What repeating a factor f does to an offset: shrinks it on its own side (0 ≤ f < 1),
shrinks it while flipping its side (−1 < f < 0), flips it at full size forever (f = −1), or
makes it grow (f < −1)."""


@dataclass(frozen=True)
class Direction:
    """An eigen-direction of the bowl's Hessian."""

    curvature: sympy.Expr
    """λ, the eigenvalue: L curves like λu²/2 along this direction."""
    vector: tuple[sympy.Expr, ...]
    """A unit eigenvector, its largest component positive."""
    axis: sympy.Symbol | None
    """The variable the direction runs along, when it is an axis."""


@dataclass(frozen=True)
class Bowl:
    loss: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    hessian: sympy.Matrix
    directions: tuple[Direction, ...]
    """By curvature, gentlest first."""
    minimum: tuple[sympy.Expr, ...]
    """w*, in the order of `variables`."""
    lowest: sympy.Expr
    """L(w*)."""

    @property
    def steepest(self) -> sympy.Expr:
        """λmax, the curvature that limits the rate."""
        return self.directions[-1].curvature

    @property
    def threshold(self) -> sympy.Expr:
        """2/λmax: every rate below it shrinks every offset, every rate above it does not."""
        return sympy.radsimp(2 / self.steepest)

    @property
    def onset(self) -> sympy.Expr:
        """1/λmax: above it, the steepest direction crosses the floor at every step."""
        return sympy.radsimp(1 / self.steepest)

    def excess(self) -> sympy.Expr:
        """L − L* as ½(w − w*)ᵀH(w − w*), unexpanded, so floats near w* keep their digits."""
        offsets = [v - m for v, m in zip(self.variables, self.minimum, strict=True)]
        size = len(offsets)
        return sympy.Add(
            *(
                self.hessian[i, j] * offsets[i] * offsets[j] / 2
                for i in range(size)
                for j in range(size)
            )
        )


def read_bowl(loss: sympy.Expr, variables: Sequence[sympy.Symbol]) -> Bowl:
    """The bowl `loss` is, or an EvaluationError saying why it is not one."""
    names = ", ".join(v.name for v in variables)
    unknown = sorted(s.name for s in loss.free_symbols if s not in variables)
    if unknown:
        raise VariableError(f"L uses {', '.join(unknown)}, which is not one of its weights")
    try:
        degree = sympy.Poly(loss, *variables).total_degree()
    except sympy.PolynomialError:
        raise EvaluationError(
            f"L = {to_text(loss)} is not a quadratic in {names}: it is not a polynomial, so its"
            " curvature changes from place to place and no one rate suits it everywhere"
        ) from None
    if degree > 2:
        raise EvaluationError(
            f"L = {to_text(loss)} is not a quadratic in {names}: it has degree {degree}, so its"
            " curvature changes from place to place and no one rate suits it everywhere"
        )
    matrix = hessian(loss, variables)
    directions = eigen_directions(matrix, variables)
    gentlest = directions[0]
    if not gentlest.curvature.is_positive:
        shape = "is flat" if gentlest.curvature.is_zero else "curves down"
        raise EvaluationError(
            f"L = {to_text(loss)} is not a bowl: along {direction_text(gentlest)} it"
            f" {shape} (curvature {to_text(gentlest.curvature)}), so it has no lowest point and"
            " descent never settles, whatever the rate"
        )
    slopes = gradient(loss, variables)
    solved = sympy.solve(slopes, list(variables), dict=True)
    (at,) = solved  # a positive-definite Hessian: exactly one point where ∇L = 0
    minimum = tuple(sympy.radsimp(at[v]) for v in variables)
    lowest = sympy.radsimp(loss.subs(dict(zip(variables, minimum, strict=True))))
    return Bowl(loss, tuple(variables), matrix, directions, minimum, lowest)


def eigen_directions(
    matrix: sympy.Matrix, variables: Sequence[sympy.Symbol]
) -> tuple[Direction, ...]:
    """The eigen-directions of a symmetric matrix of numbers, by eigenvalue, smallest first;
    the axes, when every direction is one (H = λI)."""
    found: list[Direction] = []
    for value, _multiplicity, vectors in matrix.eigenvects():
        if len(vectors) == len(variables):
            # H = λI: every direction is an eigen-direction, so take the axes.
            vectors = [sympy.eye(len(variables))[:, i] for i in range(len(variables))]
        for vector in vectors:
            found.append(_direction(sympy.radsimp(value), vector, variables))
    return tuple(sorted(found, key=lambda d: (float(d.curvature), _axis_order(d, variables))))


def _direction(
    value: sympy.Expr, vector: sympy.Matrix, variables: Sequence[sympy.Symbol]
) -> Direction:
    length = sympy.sqrt(sum(c**2 for c in vector))
    unit = [sympy.radsimp(c / length) for c in vector]
    largest = max(range(len(unit)), key=lambda i: abs(float(unit[i])))
    if unit[largest].is_negative:
        unit = [-c for c in unit]
    axis = variables[largest] if all(c == 0 for i, c in enumerate(unit) if i != largest) else None
    return Direction(value, tuple(unit), axis)


def _axis_order(direction: Direction, variables: Sequence[sympy.Symbol]) -> int:
    return -1 if direction.axis is None else list(variables).index(direction.axis)


def direction_text(direction: Direction) -> str:
    """The axis's name (w1), else the unit vector to three figures: "(0.383, 0.924)"."""
    if direction.axis is not None:
        return str(direction.axis.name)
    parts = ", ".join(f"{float(c):.3g}".replace("-", "−") for c in direction.vector)
    return f"the direction ({parts})"


def step_factor(direction: Direction, rate: sympy.Expr) -> sympy.Expr:
    """What one step at `rate` multiplies the offset along `direction` by: 1 − ηλ."""
    return sympy.radsimp(1 - rate * direction.curvature)


def factor_kind(factor: sympy.Expr) -> FactorKind:
    if factor >= 0:
        return "stable"
    if factor > -1:
        return "oscillates"
    if factor == -1:
        return "bounces"
    return "diverges"


def descend_exactly(
    loss: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Point,
    rate: sympy.Expr,
    steps: int,
) -> list[tuple[sympy.Expr, ...]]:
    """The start and every point after it, by the update rule w ← w − η∇L(w) itself.

    Rational coefficients, starts and rates give exact rational points. Anything else (π in
    the loss, a radical minimum) is carried with DIGITS significant digits, because its exact
    form would grow with every step.
    """
    slopes = gradient(loss, variables)
    point = tuple(_carried(start[v]) for v in variables)
    points = [point]
    for _ in range(steps):
        at = dict(zip(variables, point, strict=True))
        point = tuple(_carried(c - rate * s.subs(at)) for c, s in zip(point, slopes, strict=True))
        points.append(point)
    return points


def _carried(value: sympy.Expr) -> sympy.Expr:
    if value.is_Rational:
        return value
    return sympy.Float(sympy.N(value, DIGITS), DIGITS)
