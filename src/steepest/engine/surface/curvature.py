"""Curvature at a point, exactly: the Hessian and its eigen-directions, the second-order Taylor
model and Newton's step, the best fixed rate of gradient descent, and a bowl stretched to any
condition number κ.

Near a point p a smooth loss is, to second order, the quadratic model
    q(w) = L(p) + ∇L(p)·(w − p) + ½(w − p)ᵀH(p)(w − p),
whose level lines are ellipses where H(p) is positive definite. Newton's step goes to the
model's stationary point, p − H(p)⁻¹∇L(p); on a quadratic the model is the loss itself, so one
step lands on its minimum. Gradient descent at a fixed rate η multiplies the offset along an
eigen-direction by 1 − ηλ; the rate 2/(λmin + λmax) makes the larger of those factors smallest,
(κ − 1)/(κ + 1) with κ = λmax/λmin, which is why its step count grows with κ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.points import Point, evaluate_at, format_point
from steepest.engine.calculus.quadratic import positive_eigenvalues
from steepest.engine.errors import EvaluationError
from steepest.engine.surface.bowl import Bowl, Direction, eigen_directions


@dataclass(frozen=True)
class LocalCurvature:
    """What a loss does near one point, to second order."""

    value: sympy.Expr
    gradient: tuple[sympy.Expr, ...]
    hessian: sympy.Matrix
    directions: tuple[Direction, ...]
    """The Hessian's eigen-directions, smallest eigenvalue first."""

    @property
    def eigenvalues(self) -> tuple[sympy.Expr, ...]:
        return tuple(d.curvature for d in self.directions)

    @property
    def condition(self) -> sympy.Expr | None:
        """κ = λmax/λmin where the loss curves up every way; None elsewhere, where a ratio of
        curvatures says nothing about how hard descent is."""
        lowest, highest = self.eigenvalues[0], self.eigenvalues[-1]
        if not lowest.is_positive:
            return None
        return sympy.radsimp(highest / lowest)


def curvature_at(
    loss: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point
) -> LocalCurvature:
    """L, ∇L, H and H's eigen-directions at `point`, exact where the point is exact."""
    value, slopes, matrix = _derivatives_at(loss, variables, point)
    return LocalCurvature(value, slopes, matrix, eigen_directions(matrix, variables))


def _derivatives_at(
    loss: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point
) -> tuple[sympy.Expr, tuple[sympy.Expr, ...], sympy.Matrix]:
    """L, ∇L and H at `point`, without the eigen-directions: those of an exact H with entries
    such as sin(91/100) cost SymPy seconds, and the model and Newton's step do not need them."""
    value = evaluate_at(loss, point)
    slopes = tuple(evaluate_at(s, point) for s in gradient(loss, variables))
    matrix = hessian(loss, variables).applyfunc(lambda entry: evaluate_at(entry, point))
    return value, slopes, matrix


def taylor_model(loss: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point) -> sympy.Expr:
    """The second-order Taylor model of `loss` about `point`, in `variables`."""
    value, slopes, matrix = _derivatives_at(loss, variables, point)
    offset = sympy.Matrix([v - point[v] for v in variables])
    linear = sum((g * o for g, o in zip(slopes, offset, strict=True)), sympy.Integer(0))
    quadratic = (offset.T * matrix * offset)[0, 0] / 2
    return sympy.expand(value + linear + quadratic)


def newton_step(
    loss: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point
) -> tuple[sympy.Expr, ...]:
    """Where one Newton step from `point` lands: p − H(p)⁻¹∇L(p), the model's stationary point.
    An EvaluationError where H(p) is singular, so that the model has no such point."""
    _, slopes, matrix = _derivatives_at(loss, variables, point)
    if matrix.det() == 0:
        raise EvaluationError(
            f"the Hessian at {format_point(point)} is singular (an eigenvalue is 0), so the"
            " quadratic model has no lowest point there and Newton's step is undefined"
        )
    move = matrix.LUsolve(sympy.Matrix(slopes))
    return tuple(sympy.radsimp(point[v] - m) for v, m in zip(variables, move, strict=True))


def best_fixed_rate(matrix: sympy.Matrix) -> sympy.Expr:
    """2/(λmin + λmax): the fixed rate at which gradient descent on a quadratic with Hessian
    `matrix` shrinks its slowest direction fastest, by (κ − 1)/(κ + 1) a step."""
    needed_for = "gradient descent has no best fixed rate on it"
    values = positive_eigenvalues(matrix, "the Hessian", needed_for)
    return sympy.radsimp(2 / (values[0] + values[-1]))


def stretched_bowl(bowl: Bowl, kappa: sympy.Expr) -> sympy.Expr:
    """The bowl with the same minimum, directions and gentlest curvature λmin, and condition
    number `kappa`: L* + ½λmin((v₁·d)² + κ(v₂·d)²) with d = w − w*. At the bowl's own κ it is
    the bowl again. `kappa` may be a symbol."""
    if len(bowl.variables) != 2:
        raise EvaluationError("a bowl is stretched to a condition number in two weights only")
    offset = [v - m for v, m in zip(bowl.variables, bowl.minimum, strict=True)]
    gentle, steep = bowl.directions
    along = [sum(c * o for c, o in zip(d.vector, offset, strict=True)) for d in (gentle, steep)]
    return bowl.lowest + gentle.curvature * (along[0] ** 2 + kappa * along[1] ** 2) / 2
