"""The wrong answers the curvature problems invite: the largest stable learning rate of gradient
descent on a quadratic, and the Hessian of a loss of two variables.

A stable rate is 2/λmax, where λmax is the Hessian's largest eigenvalue. The slips are the
classic ones: 1/λmax (the factor 2 forgotten, or the rate that lands on the minimum in one step
confused with the limit), 2/λmin (the flattest direction instead of the steepest), the best
rate 2/(λmin + λmax), a coefficient a of a·w² taken for its curvature 2a, and the diagonal of
the Hessian read as its eigenvalues when a cross term w1·w2 couples the weights. The Hessian's
are in its mixed partial: forgotten, halved (as if from the matrix of wᵀAw), or the whole matrix
halved. Messages name the mistake and the rule that fixes it, never the answer.
"""

from __future__ import annotations

import sympy

from steepest.engine.calculus.derivatives import hessian
from steepest.engine.calculus.quadratic import eigenvalues, quadratic_hessian
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.problems.problem import Problem


def stable_rate_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    """Wrong rates, most telling first; none that equals the answer or an earlier one."""
    matrix = quadratic_hessian(problem.function, problem.variables)
    values = eigenvalues(matrix)
    low, high = values[0], values[-1]
    diagonal = max(matrix[i, i] for i in range(matrix.rows))
    name = problem.name
    candidates = [
        Mistake(
            "rate_without_two",
            (1 / high,),
            "That is 1/λmax, where a step along the steepest direction lands exactly on the"
            " minimum. Each step multiplies the distance along it by 1 − η·λmax, and descent"
            " still converges while that factor stays above −1: the limit is twice as large.",
            "That rate lands on the minimum in one step: the largest stable rate is larger.",
        ),
        Mistake(
            "coefficient_not_curvature",
            (4 / high,),
            f"You used a coefficient of {name} where its curvature belongs: the second"
            " derivative of a·w² is 2a, not a. The rule η < 2/λ takes λ from the Hessian.",
            "You used a coefficient of the loss: the curvature of a·w² is its second derivative.",
        ),
        Mistake(
            "smallest_curvature",
            (2 / low,),
            "That rate is stable along the flattest direction, the smallest eigenvalue λmin."
            " Along the steepest one the steps overshoot and grow: the largest eigenvalue"
            " λmax sets the limit.",
            "That is the flattest direction's limit: the steepest curvature sets the bound.",
        ),
        Mistake(
            "best_rate",
            (2 / (low + high),),
            "That is the best rate, 2/(λmin + λmax), the one that converges fastest. The"
            " question asks for the largest rate at which descent still converges.",
            "That is the fastest rate: the question asks for the largest stable one.",
        ),
        Mistake(
            "ignored_cross_term",
            (2 / diagonal,),
            "You read the curvatures off the diagonal of the Hessian, but the cross term"
            " couples the weights: the steepest curvature is the Hessian's largest eigenvalue,"
            " a root of det(H − λI) = 0.",
            "The cross term couples the weights: take the curvature from the eigenvalues.",
        ),
    ]
    kept: list[Mistake] = []
    seen = {problem.expected[0]}
    for mistake in candidates:
        if mistake.answer[0] not in seen:
            kept.append(mistake)
            seen.add(mistake.answer[0])
    return tuple(kept)


def hessian_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    """Wrong matrices, entries row by row, most telling first."""
    matrix = hessian(problem.function, problem.variables)
    first, second = (v.name for v in problem.variables)
    mixed = f"∂²{problem.name}/∂{first}∂{second}"
    half = sympy.Rational(1, 2)
    return (
        Mistake(
            "missing_mixed_partial",
            tuple(_with_off_diagonal(matrix, 0)),
            f"The entries off the diagonal are the mixed partial {mixed}: differentiate"
            f" ∂{problem.name}/∂{first} with respect to {second}. Your answer has 0 there.",
            f"The entries off the diagonal are the mixed partial {mixed}: work it out.",
        ),
        Mistake(
            "halved_mixed_partial",
            tuple(_with_off_diagonal(matrix, half)),
            f"The entries off the diagonal are each the whole mixed partial {mixed}, not half"
            f" of it. Splitting the coefficient of {first}·{second} between them gives the"
            " matrix A of a quadratic wᵀAw, which is not the Hessian.",
            "Each entry off the diagonal is the whole mixed partial, not a share of it.",
        ),
        Mistake(
            "half_hessian",
            tuple(half * entry for entry in matrix),
            "Every entry is half what it should be: that is the matrix A of the quadratic"
            " form wᵀAw. The Hessian holds the second derivatives, and the second derivative"
            " of a·w² is 2a.",
            "Every entry is halved: the Hessian holds the second derivatives themselves.",
        ),
        Mistake(
            "sign",
            tuple(-entry for entry in matrix),
            "The sign is off: your answer is the negative of the right one. Check each minus sign.",
            "Every sign is flipped: check each minus sign.",
        ),
    )


def _with_off_diagonal(matrix: sympy.Matrix, scale: sympy.Expr) -> list[sympy.Expr]:
    """The entries row by row, with those off the diagonal multiplied by `scale`."""
    return [
        matrix[i, j] * (1 if i == j else scale)
        for i in range(matrix.rows)
        for j in range(matrix.cols)
    ]
