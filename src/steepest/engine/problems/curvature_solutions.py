"""Worked solutions of the curvature problems: the Hessian from its second derivatives, the
largest stable learning rate from the Hessian's eigenvalues, and a critical point's kind from
the Hessian there.

On a quadratic each step of gradient descent multiplies the distance to the minimum along an
eigen-direction of the Hessian by 1 − ηλ, so descent converges when |1 − ηλ| < 1 for every
eigenvalue λ: 0 < η < 2/λmax (`calculus/quadratic.py`). The steps say so with the numbers of the
problem, each sentence as text and as HTML whose maths is MathML.
"""

from __future__ import annotations

import html
from typing import TypeAlias

import sympy

from steepest.engine.calculus.derivatives import hessian
from steepest.engine.calculus.quadratic import eigenvalues
from steepest.engine.notation.printing import (
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_matrix,
    mathml_row,
    to_mathml,
    to_text,
)
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import CurvatureStepJson, CurvatureStepKind

# A sentence is words and maths in turn: a str is words, an expression or matrix is maths.
Part: TypeAlias = str | sympy.Expr | sympy.MatrixBase

_ETA_MAX = "<msub><mi>η</mi><mi>max</mi></msub>"
_LAMBDA_MAX = "<msub><mi>λ</mi><mi>max</mi></msub>"
_DET_H = "<mrow><mi>det</mi><mo>\u2061</mo><mi>H</mi></mrow>"


def matrix_mathml(matrix: sympy.Matrix) -> str:
    """A whole <math> element for a matrix of expressions."""
    return mathml_math(_matrix_fragment(matrix))


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
    pairs = [(i, j) for i in range(len(variables)) for j in range(i, len(variables))]
    parts: list[Part] = ["Differentiate each first partial again, by each variable: "]
    for number, (i, j) in enumerate(pairs):
        parts += ["; " if number else "", f"{_second_text(name, variables, i, j)} = ", matrix[i, j]]
    parts.append(".")
    if len(variables) > 1:
        parts.append(" The mixed partials agree whichever variable goes first: H is symmetric.")
    equations = [
        [mathml_equation(_second_mathml(name, variables, i, j), mathml_fragment(matrix[i, j]))]
        for i, j in pairs
    ]
    formula = "; ".join(
        f"{_second_text(name, variables, i, j)} = {to_text(matrix[i, j])}" for i, j in pairs
    )
    return [
        _step(
            "second_derivatives",
            "Take every second derivative",
            parts,
            formula,
            mathml_math(
                f'<mtable columnalign="left">{"".join(_table_row(r) for r in equations)}</mtable>'
            ),
        ),
        _step(
            "hessian",
            "Put them in a matrix",
            [
                f"Row i, column j of the Hessian holds ∂²{name}/∂wi∂wj: the pure second"
                " derivatives on the diagonal, the mixed one off it."
            ],
            f"H = {matrix_text(matrix)}",
            _named("<mi>H</mi>", _matrix_fragment(matrix)),
        ),
    ]


def stable_rate_steps(problem: Problem) -> list[CurvatureStepJson]:
    """The curvature, its eigenvalues and the rule η < 2/λmax."""
    matrix = hessian(problem.function, problem.variables)
    values = eigenvalues(matrix)
    high, rate = values[-1], problem.expected[0]
    name = problem.name
    if len(problem.variables) == 1:
        w = problem.names[0]
        curvature = _step(
            "hessian",
            "Find the curvature",
            [
                f"The second derivative {name}″({w}) = ",
                matrix[0, 0],
                " is the same everywhere: the loss is a parabola.",
            ],
            f"{name}″({w}) = {to_text(matrix[0, 0])}",
            _named(f"<mrow><mi>{name}</mi><mo>″</mo></mrow>", mathml_fragment(matrix[0, 0])),
        )
        eigen: list[Part] = ["In one variable the curvature is the one eigenvalue: λ = ", high, "."]
    else:
        curvature = _step(
            "hessian",
            "Find the Hessian",
            [
                "The second derivatives of a quadratic are numbers: the Hessian is the same"
                " everywhere."
            ],
            f"H = {matrix_text(matrix)}",
            _named("<mi>H</mi>", _matrix_fragment(matrix)),
        )
        if matrix.is_diagonal():
            eigen = [
                "H is diagonal, so its eigenvalues are its diagonal entries: ",
                values[0],
                " and ",
                values[-1],
                ".",
            ]
        else:
            lam = sympy.Symbol("λ")
            characteristic = sympy.factor((matrix - lam * sympy.eye(matrix.rows)).det())
            eigen = [
                "The cross term couples the weights: solve det(H − λI) = ",
                characteristic,
                " = 0, which gives λ = ",
                values[0],
                " and ",
                values[-1],
                ".",
            ]
    return [
        curvature,
        _step(
            "eigenvalues",
            "Find the eigenvalues",
            eigen,
            f"λmax = {to_text(high)}",
            _named(_LAMBDA_MAX, mathml_fragment(high)),
        ),
        _step(
            "stable_rate",
            "Apply η < 2/λmax",
            [
                "Each step multiplies the distance to the minimum along an eigen-direction by"
                " 1 − ηλ. Descent converges when |1 − ηλ| < 1 for every λ, that is when"
                " 0 < η < 2/λmax = ",
                rate,
                ".",
            ],
            f"η_max = {to_text(rate)}",
            _named(_ETA_MAX, mathml_fragment(rate)),
        ),
    ]


def classification_steps(problem: Problem) -> list[CurvatureStepJson]:
    """The Hessian at the critical point, and what its determinant and diagonal say."""
    name = problem.name
    general = hessian(problem.function, problem.variables)
    matrix = general.xreplace(problem.point_map)
    determinant = sympy.simplify(matrix.det())
    corner = matrix[0, 0]
    low, high = eigenvalues(matrix)[0], eigenvalues(matrix)[-1]
    verdict: list[Part] = ["det H = ", determinant]
    if determinant < 0:
        verdict += [
            " < 0: the eigenvalues, ",
            low,
            " and ",
            high,
            ", have opposite signs, so",
            f" {name} curves up one way and down another. A saddle point.",
        ]
    else:
        kind, curving, sign = ("minimum", "up", ">") if corner > 0 else ("maximum", "down", "<")
        verdict += [
            " > 0: the eigenvalues, ",
            low,
            " and ",
            high,
            ", have the same sign, and",
            f" ∂²{name}/∂{problem.names[0]}² = ",
            corner,
            f" {sign} 0 gives it: {name}",
            f" curves {curving} in every direction. A {kind}.",
        ]
    return [
        _step(
            "hessian",
            "The Hessian at the point",
            ["Take every second derivative, H = ", general, ", and put in the point."],
            f"H = {matrix_text(matrix)}",
            _named("<mi>H</mi>", _matrix_fragment(matrix)),
        ),
        _step(
            "classify_point",
            "Read its determinant and diagonal",
            verdict,
            f"det H = {to_text(determinant)}",
            _named(_DET_H, mathml_fragment(determinant)),
        ),
    ]


def _step(
    kind: CurvatureStepKind, title: str, parts: list[Part], formula: str, mathml: str
) -> CurvatureStepJson:
    return {
        "kind": kind,
        "title": title,
        "text": "".join(_text(part) for part in parts),
        "formula": formula,
        "mathml": mathml,
        "html": "".join(_html(part) for part in parts),
    }


def _text(part: Part) -> str:
    if isinstance(part, str):
        return part
    return matrix_text(part) if isinstance(part, sympy.MatrixBase) else to_text(part)


def _html(part: Part) -> str:
    if isinstance(part, str):
        return html.escape(part, quote=False)
    return matrix_mathml(part) if isinstance(part, sympy.MatrixBase) else to_mathml(part)


def _matrix_fragment(matrix: sympy.Matrix) -> str:
    rows = [[mathml_fragment(matrix[i, j]) for j in range(matrix.cols)] for i in range(matrix.rows)]
    return mathml_matrix(rows)


def _named(name: str, value: str) -> str:
    """`name = value` as a whole <math> element, from two fragments."""
    return mathml_math(mathml_equation(name, value))


def _table_row(cells: list[str]) -> str:
    return "<mtr>" + "".join(f"<mtd>{cell}</mtd>" for cell in cells) + "</mtr>"


def _second_text(name: str, variables: tuple[sympy.Symbol, ...], i: int, j: int) -> str:
    below = f"∂{variables[i].name}²" if i == j else f"∂{variables[i].name}∂{variables[j].name}"
    return f"∂²{name}/{below}"


def _second_mathml(name: str, variables: tuple[sympy.Symbol, ...], i: int, j: int) -> str:
    """∂²L/∂x² or ∂²L/∂x∂y as a fraction."""
    top = mathml_row("<msup><mo>∂</mo><mn>2</mn></msup>", f"<mi>{name}</mi>")
    first, second = (mathml_fragment(variables[k]) for k in (i, j))
    if i == j:
        bottom = mathml_row(
            "<mo>∂</mo>", f"<msup>{first}</msup>".replace("</msup>", "<mn>2</mn></msup>")
        )
    else:
        bottom = mathml_row("<mo>∂</mo>", first, "<mo>∂</mo>", second)
    return f"<mfrac>{top}{bottom}</mfrac>"
