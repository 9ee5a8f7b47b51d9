"""Claims about Newton's method, w ← w − H(w)⁻¹∇L(w): where K steps lead. The references are
SymPy's own critical points (found by `solve`), the update rule iterated here with the Hessian's
inverse, and NumPy's linear solver in floats for a loss that is not a polynomial."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from steepest.engine.claims.expected import expected_value
from steepest.engine.claims.statements import read_statement
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EvaluationError, LimitExceeded

w, w1, w2 = (sympy.Symbol(name, real=True) for name in ("w", "w1", "w2"))


def newton_iterated(
    loss: sympy.Expr, variables: list[sympy.Symbol], start: list[sympy.Expr], steps: int
) -> list[sympy.Expr]:
    """Newton's update, applied `steps` times with the Hessian's inverse."""
    slopes = sympy.Matrix([sympy.diff(loss, v) for v in variables])
    curvatures = sympy.hessian(loss, variables)
    position = sympy.Matrix(start)
    for _ in range(steps):
        at = dict(zip(variables, position, strict=True))
        position = sympy.simplify(position - curvatures.subs(at).inv() * slopes.subs(at))
    return list(position)


def latex_vector(values: list[sympy.Expr]) -> str:
    return "$(" + ", ".join(sympy.latex(v) for v in values) + ")$"


@pytest.mark.parametrize(
    ("loss_text", "loss"),
    [
        ("2w1^2 + 2w1 w2 + 2w2^2 - 4w1 + w2", 2 * w1**2 + 2 * w1 * w2 + 2 * w2**2 - 4 * w1 + w2),
        ("w1^2 - w2^2 + 3w2", w1**2 - w2**2 + 3 * w2),
    ],
)
def test_one_newton_step_lands_on_a_quadratics_critical_point(
    loss_text: str, loss: sympy.Expr
) -> None:
    (critical,) = sympy.solve([sympy.diff(loss, v) for v in (w1, w2)], [w1, w2], dict=True)
    statement = f"newton {loss_text} from w1 = 3, w2 = -1"
    assert verify_claim(statement, latex_vector([critical[w1], critical[w2]])).ok
    wrong = verify_claim(statement, latex_vector([critical[w1] + 1, critical[w2]]))
    assert not wrong.ok


def test_newton_steps_on_a_quartic_are_the_update_rule_iterated() -> None:
    loss = w1**4 + w2**2 + w1 * w2
    expected = newton_iterated(loss, [w1, w2], [sympy.Integer(1), sympy.Integer(1)], 3)
    statement = "newton w1^4 + w2^2 + w1 w2 from w1 = 1, w2 = 1 after 3 steps"
    assert verify_claim(statement, latex_vector(expected)).ok
    assert read_statement(statement).steps == 3
    assert read_statement("newton w1^4 + w2^2 from w1 = 1, w2 = 1").steps == 1


def test_newton_on_a_loss_that_is_not_a_polynomial_is_rounded_as_shown() -> None:
    # L = e^w + w^2, stepped in floats: w ← w − (e^w + 2w)/(e^w + 2).
    position = 1.0
    for _ in range(4):
        curvature, slope = math.exp(position) + 2, math.exp(position) + 2 * position
        position -= float(np.linalg.solve([[curvature]], [slope])[0])
    statement = "newton exp(w) + w^2 from w = 1 after 4 steps"
    assert verify_claim(statement, f"about {position:.5f}").ok
    assert not verify_claim(statement, f"about {position + 0.001:.5f}").ok


def test_a_newton_step_where_the_hessian_is_singular_is_refused() -> None:
    with pytest.raises(EvaluationError, match="singular"):
        verify_claim("newton w1^2 + w2 from w1 = 1, w2 = 1", "$(0, 0)$")


def test_newton_claims_are_limited_in_steps() -> None:
    with pytest.raises(LimitExceeded, match="at most"):
        verify_claim("newton w^2 from w = 1 after 5000 steps", "0")


def test_a_newton_step_from_where_the_loss_has_no_value_is_refused() -> None:
    with pytest.raises(EvaluationError, match="no real value"):
        verify_claim("newton log(w) from w = -1", "0")


def test_exact_newton_steps_go_on_while_the_hessian_is_small_but_not_zero() -> None:
    # On w^3 each step halves w, so the Hessian 6w shrinks towards 0 without reaching it.
    (expected,) = newton_iterated(w**3, [w], [sympy.Integer(1)], 200)
    assert expected == sympy.Rational(1, 2**200)
    found = expected_value(read_statement("newton w^3 from w = 1 after 200 steps"))
    assert found.values == (expected,)
