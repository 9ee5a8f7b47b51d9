"""Claims about curvature: the Hessian and its entries, its eigenvalues and its condition number.
The references are SymPy's `hessian`, second differences of the loss, and NumPy's eigenvalues."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EvaluationError, VariableError

w1, w2, lam = (sympy.Symbol(name, real=True) for name in ("w1", "w2", "lambda"))
BENT = w1**2 * w2 + sympy.sin(w1) + 3 * w2**2
BENT_TEXT = "w1^2 w2 + sin(w1) + 3w2^2"
COUPLED = w1**2 + w1 * w2 + 2 * w2**2
COUPLED_TEXT = "w1^2 + w1 w2 + 2w2^2"


def second_differences(at: tuple[float, float], step: float = 1e-4) -> list[list[float]]:
    """The Hessian of BENT at `at` by central second differences of the loss alone."""
    loss = sympy.lambdify((w1, w2), BENT)

    def shifted(i: int, j: int) -> float:
        return float(loss(at[0] + i * step, at[1] + j * step))

    d11 = (shifted(1, 0) - 2 * shifted(0, 0) + shifted(-1, 0)) / step**2
    d22 = (shifted(0, 1) - 2 * shifted(0, 0) + shifted(0, -1)) / step**2
    d12 = (shifted(1, 1) - shifted(1, -1) - shifted(-1, 1) + shifted(-1, -1)) / (4 * step**2)
    return [[d11, d12], [d12, d22]]


def matrix_text(rows: list[list[float]], places: int) -> str:
    return (
        "(" + ", ".join("(" + ", ".join(f"{e:.{places}f}" for e in row) + ")" for row in rows) + ")"
    )


def test_hessian_at_a_point_matches_sympy_and_second_differences() -> None:
    exact = sympy.hessian(BENT, [w1, w2]).subs({w1: 1, w2: 2})
    estimate = second_differences((1.0, 2.0))
    assert np.allclose(np.array(exact.tolist(), dtype=float), estimate, atol=1e-4)
    statement = f"hessian {BENT_TEXT} at w1 = 1, w2 = 2"
    assert verify_claim(statement, f"about {matrix_text(estimate, 3)}").ok
    latex = r"\begin{pmatrix} 4 - \sin 1 & 2 \\ 2 & 6 \end{pmatrix}"
    assert exact == sympy.Matrix([[4 - sympy.sin(1), 2], [2, 6]])
    assert verify_claim(statement, f"${latex}$").ok
    moved = [[estimate[0][0], estimate[0][1] + 0.01], [estimate[1][0], estimate[1][1]]]
    wrong = verify_claim(statement, f"about {matrix_text(moved, 3)}")
    assert not wrong.ok and wrong.got == "((4 - sin(1) ≈ 3.1585, 2), (2, 6))"


def test_hessian_without_a_point_compares_each_entry_as_a_function() -> None:
    exact = sympy.hessian(BENT, [w1, w2])
    assert exact == sympy.Matrix([[2 * w2 - sympy.sin(w1), 2 * w1], [2 * w1, 6]])
    statement = f"hessian {BENT_TEXT}"
    assert verify_claim(
        statement, r"$\begin{bmatrix} 2w_2 - \sin w_1 & 2w_1 \\ 2w_1 & 6 \end{bmatrix}$"
    ).ok
    assert verify_claim(statement, "((2w2 - sin(w1), 2w1), (2w1, 6))").ok
    assert not verify_claim(statement, "((2w2 + sin(w1), 2w1), (2w1, 6))").ok
    assert not verify_claim(statement, "(2w2 - sin(w1), 2w1, 2w1, 6)").ok


def test_hessian_entry_is_the_mixed_second_partial() -> None:
    mixed = sympy.diff(BENT, w1, w2)
    assert verify_claim(f"hessian {BENT_TEXT} wrt w1, w2", f"${sympy.latex(mixed)}$").ok
    assert verify_claim(
        f"hessian {BENT_TEXT} wrt w2, w1 at w1 = 3, w2 = 0", str(mixed.subs(w1, 3))
    ).ok
    wrong = verify_claim(f"hessian {BENT_TEXT} wrt w2, w2", "3")
    assert not wrong.ok and wrong.got == "6"


def test_a_hessian_holds_the_lessons_parameters() -> None:
    names = ClaimNames(parameters=("λ",))
    exact = sympy.hessian(lam * w1**2 + w2**2, [w1, w2])
    assert exact == sympy.Matrix([[2 * lam, 0], [0, 2]])
    assert verify_claim(
        "hessian lambda w1^2 + w2^2",
        r"$\begin{pmatrix} 2\lambda & 0 \\ 0 & 2 \end{pmatrix}$",
        names,
    ).ok
    assert verify_claim("eigenvalues lambda w1^2 + w2^2", r"$(2, 2\lambda)$", names).ok
    with pytest.raises(EvaluationError, match="holds lambda, so whether it is positive definite"):
        verify_claim("condition λ w1^2 + w2^2", "1", names)


def test_eigenvalues_come_in_any_order_each_as_often_as_it_repeats() -> None:
    hessian = np.array(sympy.hessian(COUPLED, [w1, w2]).tolist(), dtype=float)
    low, high = np.linalg.eigvalsh(hessian)
    statement = f"eigenvalues {COUPLED_TEXT}"
    assert verify_claim(statement, f"about ({low:.3f}, {high:.3f})").ok
    assert verify_claim(statement, f"about ({high:.3f}, {low:.3f})").ok
    assert verify_claim(statement, r"$\{3 + \sqrt{2}, 3 - \sqrt{2}\}$").ok
    wrong = verify_claim(statement, f"about ({low:.3f}, {low:.3f})")
    assert not wrong.ok and wrong.got == "3 - sqrt(2) ≈ 1.5858, sqrt(2) + 3 ≈ 4.4142 (in any order)"
    assert verify_claim("eigenvalues w1^2 + w2^2", "$(2, 2)$").ok
    assert not verify_claim("eigenvalues w1^2 + w2^2", "$2$").ok


def test_eigenvalues_of_a_hessian_that_changes_need_a_point() -> None:
    with pytest.raises(EvaluationError, match=r"changes from point to point \(it holds w1, w2"):
        verify_claim(f"eigenvalues {BENT_TEXT}", "1")
    at = np.array(second_differences((1.0, 2.0)))
    low, high = np.linalg.eigvalsh(at)
    assert verify_claim(
        f"eigenvalues {BENT_TEXT} at w1 = 1, w2 = 2", f"about ({high:.2f}, {low:.2f})"
    ).ok


def test_condition_number_is_the_largest_over_the_smallest_eigenvalue() -> None:
    hessian = np.array(sympy.hessian(COUPLED, [w1, w2]).tolist(), dtype=float)
    reference = float(np.linalg.cond(hessian))
    statement = f"condition {COUPLED_TEXT}"
    assert verify_claim(statement, f"about {reference:.3f}").ok
    assert not verify_claim(statement, f"about {reference + 0.01:.3f}").ok
    assert math.isclose(reference, (3 + math.sqrt(2)) / (3 - math.sqrt(2)))
    assert verify_claim("condition w1^2 + 3w2^2", "3").ok


def test_condition_number_needs_a_positive_definite_hessian() -> None:
    with pytest.raises(EvaluationError, match=r"eigenvalues -1, 5: it is not positive definite"):
        verify_claim("condition w1^2 + w2^2 - 3w1 w2", "1")


def test_curvature_statements_the_engine_cannot_work_out_say_why() -> None:
    with pytest.raises(VariableError, match="5 has no variables"):
        verify_claim("hessian 5", "0")
    with pytest.raises(VariableError, match="the point gives no value for w3"):
        verify_claim("hessian w1^2 wrt w1, w3 at w1 = 1", "0")
    with pytest.raises(VariableError, match="eta is a parameter"):
        verify_claim("hessian eta w^2 wrt eta, w", "2w", ClaimNames(parameters=("eta",)))
