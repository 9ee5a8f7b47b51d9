"""Worked solutions of the curvature problems: the Hessian from its second derivatives, and the
largest stable learning rate from the Hessian's eigenvalues.

On a quadratic each step of gradient descent multiplies the distance to the minimum along an
eigen-direction of the Hessian by 1 − ηλ, so descent converges when |1 − ηλ| < 1 for every
eigenvalue λ: 0 < η < 2/λmax (`calculus/quadratic.py`). The steps say so with the numbers of the
problem.
"""

from __future__ import annotations

import html

import sympy

from steepest.engine.calculus.derivatives import hessian
from steepest.engine.calculus.quadratic import eigenvalues
from steepest.engine.notation.printing import (
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_matrix,
    to_mathml,
    to_text,
)
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import CurvatureStepJson, CurvatureStepKind


def matrix_mathml(matrix: sympy.Matrix) -> str:
    """A whole <math> element for a matrix of expressions."""
    rows = [[mathml_fragment(matrix[i, j]) for j in range(matrix.cols)] for i in range(matrix.rows)]
    return mathml_math(mathml_matrix(rows))


def matrix_text(matrix: sympy.Matrix) -> str:
    """[a, b; c, d]: the spelling an answer may use."""
    rows = (
        ", ".join(to_text(matrix[i, j]) for j in range(matrix.cols)) for i in range(matrix.rows)
    )
    return "[" + "; ".join(rows) + "]"


def hessian_steps(problem: Problem) -> list[CurvatureStepJson]:
    """The second derivatives one by one, then the matrix they make."""
    matrix = hessian(problem.function, problem.variables)
    name, variables = problem.name, problem.variables
    seconds = []
    for i, first in enumerate(variables):
        for j, second in enumerate(variables[i:], start=i):
            below = f"∂{first.name}²" if i == j else f"∂{first.name}∂{second.name}"
            seconds.append(f"∂²{name}/{below} = {to_text(matrix[i, j])}")
    mixed = (
        " The mixed partials agree whichever variable goes first, so the matrix is symmetric."
        if len(variables) > 1
        else ""
    )
    return [
        _step(
            "second_derivatives",
            "Take every second derivative",
            "Differentiate each first partial again, by each variable: "
            + "; ".join(seconds)
            + "."
            + mixed,
            "; ".join(seconds),
            to_mathml(matrix[0, 1] if len(variables) > 1 else matrix[0, 0]),
        ),
        _step(
            "hessian",
            "Put them in a matrix",
            "Row i, column j of the Hessian holds ∂²"
            + name
            + "/∂wi∂wj: the pure second derivatives on the diagonal, the mixed one off it.",
            f"H = {matrix_text(matrix)}",
            matrix_mathml(matrix),
        ),
    ]


def stable_rate_steps(problem: Problem) -> list[CurvatureStepJson]:
    """The curvature, its eigenvalues and the rule η < 2/λmax."""
    matrix = hessian(problem.function, problem.variables)
    values = eigenvalues(matrix)
    high, rate = values[-1], problem.expected[0]
    name, one = problem.name, len(problem.variables) == 1
    if one:
        (w,) = problem.variables
        curvature = _step(
            "hessian",
            "Find the curvature",
            f"The second derivative {name}″({w.name}) = {to_text(matrix[0, 0])} is the same"
            " everywhere: the loss is a parabola.",
            f"{name}″({w.name}) = {to_text(matrix[0, 0])}",
            to_mathml(matrix[0, 0]),
        )
        eigen_text = f"In one variable the curvature is the one eigenvalue: λ = {to_text(high)}."
    else:
        curvature = _step(
            "hessian",
            "Find the Hessian",
            "The second derivatives of a quadratic are numbers: the Hessian is the same"
            " everywhere.",
            f"H = {matrix_text(matrix)}",
            matrix_mathml(matrix),
        )
        shown = " and ".join(to_text(v) for v in values)
        if matrix.is_diagonal():
            eigen_text = f"H is diagonal, so its eigenvalues are its diagonal entries: {shown}."
        else:
            equation = sympy.Eq(sympy.factor((matrix - sympy.Symbol("λ") * sympy.eye(2)).det()), 0)
            eigen_text = (
                f"The cross term couples the weights: solve det(H − λI) ="
                f" {to_text(equation.lhs)} = 0, which gives λ = {shown}."
            )
    lam = sympy.Symbol("λ")
    eigen = _step(
        "eigenvalues",
        "Find the eigenvalues",
        eigen_text,
        f"λmax = {to_text(high)}",
        mathml_math(mathml_equation(mathml_fragment(lam), mathml_fragment(high))),
    )
    limit = _step(
        "stable_rate",
        "Apply η < 2/λmax",
        "Each step multiplies the distance to the minimum along an eigen-direction by 1 − ηλ."
        " Descent converges when |1 − ηλ| < 1 for every λ, that is when"
        f" 0 < η < 2/λmax = 2/{to_text(high)} = {to_text(rate)}.",
        f"η_max = {to_text(rate)}",
        to_mathml(rate),
    )
    return [curvature, eigen, limit]


def classification_steps(problem: Problem) -> list[CurvatureStepJson]:
    """The Hessian at the critical point, and what its determinant and diagonal say."""
    name = problem.name
    general = hessian(problem.function, problem.variables)
    matrix = general.xreplace(problem.point_map)
    determinant = sympy.simplify(matrix.det())
    corner = matrix[0, 0]
    shown = " and ".join(to_text(v) for v in eigenvalues(matrix))
    first = problem.names[0]
    if determinant < 0:
        verdict = (
            f"det H = {to_text(determinant)} < 0: the eigenvalues ({shown}) have opposite signs,"
            f" so {name} curves up one way and down another. A saddle point."
        )
    else:
        kind = "minimum" if corner > 0 else "maximum"
        curving = "up" if corner > 0 else "down"
        verdict = (
            f"det H = {to_text(determinant)} > 0: the eigenvalues ({shown}) have the same sign,"
            f" and ∂²{name}/∂{first}² = {to_text(corner)} {'>' if corner > 0 else '<'} 0 gives"
            f" it: {name} curves {curving} in every direction. A {kind}."
        )
    return [
        _step(
            "hessian",
            "The Hessian at the point",
            f"Take every second derivative, H = {matrix_text(general)}, and put in the point.",
            f"H = {matrix_text(matrix)}",
            matrix_mathml(matrix),
        ),
        _step(
            "classify_point",
            "Read its determinant and diagonal",
            verdict,
            f"det H = {to_text(determinant)}",
            to_mathml(determinant),
        ),
    ]


def _step(
    kind: CurvatureStepKind, title: str, text: str, formula: str, mathml: str
) -> CurvatureStepJson:
    return {
        "kind": kind,
        "title": title,
        "text": text,
        "formula": formula,
        "mathml": mathml,
        "html": html.escape(text, quote=False),
    }
