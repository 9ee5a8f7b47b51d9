"""Claims about gradient descent: positions after K steps, the factors a step multiplies distances
by, the stable rates, and where an inequality holds. The references are the update rule iterated
here, NumPy's eigenvalues, and the inequality tested on a grid."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, MathSyntaxError

w, w1, w2, eta = (sympy.Symbol(name, real=True) for name in ("w", "w1", "w2", "eta"))
ETA = ClaimNames(parameters=("eta",))


def iterate(
    loss: sympy.Expr,
    variables: list[sympy.Symbol],
    start: list[sympy.Expr],
    rate: sympy.Expr,
    steps: int,
) -> list[sympy.Expr]:
    """The update rule w ← w − rate·∇L(w), applied `steps` times by substitution."""
    slopes = [sympy.diff(loss, v) for v in variables]
    position = list(start)
    for _ in range(steps):
        at = dict(zip(variables, position, strict=True))
        position = [
            sympy.expand(c - rate * s.subs(at)) for c, s in zip(position, slopes, strict=True)
        ]
    return position


def latex_vector(values: list[sympy.Expr]) -> str:
    return "$(" + ", ".join(sympy.latex(v) for v in values) + ")$"


def test_position_after_k_steps_is_the_update_rule_iterated() -> None:
    loss = w1**2 + 3 * w2**2 + w1 * w2 - w1
    expected = iterate(
        loss, [w1, w2], [sympy.Integer(1), sympy.Integer(-1)], sympy.Rational(1, 10), 5
    )
    statement = "position w1^2 + 3w2^2 + w1 w2 - w1 from w1 = 1, w2 = -1 after 5 steps at rate 0.1"
    assert verify_claim(statement, latex_vector(expected)).ok
    rounded = [f"{float(c):.4f}" for c in expected]
    assert verify_claim(statement, f"about ({rounded[0]}, {rounded[1]})").ok
    nudged = [expected[0], expected[1] + sympy.Rational(1, 1000)]
    wrong = verify_claim(statement, f"about ({rounded[0]}, {float(nudged[1]):.4f})")
    assert not wrong.ok and f"{float(expected[1]):.4f}".rstrip("0") in wrong.got


def test_position_follows_the_order_of_the_start_point() -> None:
    one_step = iterate(
        w1**2 + 3 * w2**2, [w2, w1], [sympy.Integer(1), sympy.Integer(1)], sympy.Rational(1, 10), 1
    )
    assert verify_claim(
        "position w1^2 + 3w2^2 from w2 = 1, w1 = 1 after 1 step at rate 0.1", latex_vector(one_step)
    ).ok


def test_position_at_a_parameter_rate_is_a_polynomial_in_it() -> None:
    expected = iterate(w1**2 + 3 * w2**2, [w1, w2], [sympy.Integer(1), sympy.Integer(1)], eta, 2)
    assert [sympy.factor(c) for c in expected] == [(2 * eta - 1) ** 2, (6 * eta - 1) ** 2]
    statement = "position w1^2 + 3w2^2 from w1 = 1, w2 = 1 after 2 steps at rate eta"
    assert verify_claim(statement, latex_vector(expected), ETA).ok
    assert verify_claim(statement, r"$((1 - 2\eta)^2, (1 - 6\eta)^2)$", ETA).ok
    wrong = verify_claim(statement, r"$((1 - 2\eta)^2, (1 - 3\eta)^2)$", ETA)
    assert not wrong.ok and "36*eta^2 - 12*eta + 1" in wrong.got


def test_position_on_a_loss_that_is_not_a_polynomial_is_rounded_as_shown() -> None:
    # The logistic loss ln(1 + e^-w), whose slope is -1/(1 + e^w), stepped in floats.
    position = 0.5
    for _ in range(20):
        position -= 0.5 * (-1 / (1 + math.exp(position)))
    statement = "position ln(1 + e^(-w)) from w = 0.5 after 20 steps at rate 0.5"
    assert verify_claim(statement, f"about {position:.4f}").ok
    assert not verify_claim(statement, f"about {position + 0.001:.4f}").ok
    with pytest.raises(EvaluationError, match="only when the gradient is a polynomial"):
        verify_claim("position ln(1 + e^(-w)) from w = 0.5 after 2 steps at rate eta", "1", ETA)


def test_position_after_no_steps_is_the_start_and_steps_are_bounded() -> None:
    assert verify_claim("position w^2 from w = 3 after 0 steps at rate 0.1", "3").ok
    with pytest.raises(LimitExceeded, match="at most 1000 steps"):
        verify_claim("position w^2 from w = 3 after 1001 steps at rate 0.1", "0")
    with pytest.raises(EvaluationError, match="flown off"):
        verify_claim("position w^4 from w = 2 after 40 steps at rate 1", "0")


def test_factors_are_what_one_step_multiplies_each_distance_to_the_minimum_by() -> None:
    loss = (w1 - 1) ** 2 + 3 * (w2 + 2) ** 2
    d1, d2 = sympy.Rational(1, 3), sympy.Rational(-5, 7)  # any distances from the minimum
    after = iterate(loss, [w1, w2], [1 + d1, -2 + d2], eta, 1)
    factors = [sympy.expand((after[0] - 1) / d1), sympy.expand((after[1] + 2) / d2)]
    assert factors == [1 - 2 * eta, 1 - 6 * eta]
    statement = "factors (w1 - 1)^2 + 3(w2 + 2)^2 at rate eta"
    assert verify_claim(statement, latex_vector(factors), ETA).ok
    swapped = verify_claim(statement, latex_vector(factors[::-1]), ETA)
    assert not swapped.ok and swapped.got == "(1 - 2*eta, 1 - 6*eta) (the factors of w1, w2)"
    for variable, factor in zip(("w1", "w2"), factors, strict=True):
        one = f"factor (w1 - 1)^2 + 3(w2 + 2)^2 wrt {variable} at rate eta"
        assert verify_claim(one, f"${sympy.latex(factor)}$", ETA).ok
    assert verify_claim("factors w1^2 + 3w2^2 at rate 0.1", "$(0.8, 0.4)$").ok


def test_factors_of_coupled_weights_are_per_eigen_direction_in_any_order() -> None:
    hessian = np.array([[2.0, 1.0], [1.0, 2.0]])  # of w1^2 + w1 w2 + w2^2
    low, high = np.linalg.eigvalsh(np.eye(2) - 0.1 * hessian)
    statement = "factors w1^2 + w1 w2 + w2^2 at rate 0.1"
    assert verify_claim(statement, f"$({low:.3f}, {high:.3f})$").ok
    assert verify_claim(statement, f"$({high:.3f}, {low:.3f})$").ok
    assert not verify_claim(statement, f"$({low:.3f}, {low:.3f})$").ok
    with pytest.raises(EvaluationError, match=r"w1 does not move on its own.*∂w2 = 1"):
        verify_claim("factor w1^2 + w1 w2 + w2^2 wrt w1 at rate 0.1", "0.8")


@pytest.mark.parametrize(
    "statement",
    [
        "factors w1^4 + w2^2 at rate eta",
        "stable rate exp(w1) + w2^2",
        "factor w^3 wrt w at rate eta",
    ],
)
def test_a_loss_that_is_not_quadratic_has_no_factors_nor_stable_rate(statement: str) -> None:
    with pytest.raises(EvaluationError, match="is not a quadratic"):
        verify_claim(statement, "1", ETA)


def test_the_rate_is_a_positive_number_or_a_declared_parameter() -> None:
    with pytest.raises(EngineError, match="declare a rate such as η"):
        verify_claim("factors w^2 at rate eta", r"$1 - 2\eta$")
    with pytest.raises(EngineError, match="not positive"):
        verify_claim("factors w^2 at rate -0.1", "1.2")


def distance_after(hessian: np.ndarray, rate: float, steps: int) -> float:
    """How far from the minimum w = 0 a walk from (1, 1) ends, stepping w ← w − rate·Hw."""
    position = np.ones(len(hessian))
    for _ in range(steps):
        position = position - rate * hessian @ position
    return float(np.linalg.norm(position))


def test_stable_rate_is_two_over_the_largest_eigenvalue() -> None:
    matrix = sympy.hessian(w1**2 + w1 * w2 + 2 * w2**2, [w1, w2])
    bound = 2 / max(matrix.eigenvals())
    hessian = np.array(matrix.tolist(), dtype=float)
    assert math.isclose(float(bound), 2 / max(np.linalg.eigvalsh(hessian)))
    # Just below the bound the walk closes in; just above, it flies off.
    assert distance_after(hessian, 0.99 * float(bound), 2000) < 1e-3
    assert distance_after(hessian, 1.01 * float(bound), 2000) > 1e3
    statement = "stable rate w1^2 + w1 w2 + 2w2^2"
    for shown in (
        rf"$\eta < {sympy.latex(bound)}$",
        rf"$0 < \eta < {sympy.latex(bound)}$",
        f"η < {float(bound):.3f}",
        f"${float(bound):.4f}$",
    ):
        assert verify_claim(statement, shown, ETA).ok, shown
    assert verify_claim(statement, rf"$\alpha < {sympy.latex(bound)}$").ok
    # The rate may have any name but a variable's: w1 < 0.45 says nothing about rates.
    for shown in (
        rf"$\eta \le {sympy.latex(bound)}$",
        f"η < {float(bound) + 0.01:.3f}",
        r"$\eta > 0$",
        rf"$w_1 < {sympy.latex(bound)}$",
    ):
        wrong = verify_claim(statement, shown, ETA)
        assert not wrong.ok and wrong.got.startswith("0 < η < ") and "λmax" in wrong.got


def test_stable_rate_needs_a_positive_definite_hessian() -> None:
    with pytest.raises(EvaluationError, match="eigenvalues -2, 2: it is not positive definite"):
        verify_claim("stable rate w1^2 - w2^2", "1", ETA)
    with pytest.raises(EvaluationError, match=r"eigenvalues 0, 4.*the loss is flat"):
        verify_claim("stable rate (w1 + w2)^2", "1", ETA)


def holds_on_grid(
    inequality: sympy.Basic, unknown: sympy.Symbol, low: float, high: float
) -> list[bool]:
    return [bool(inequality.subs(unknown, t)) for t in np.linspace(low, high, 401)]


def test_where_finds_the_values_of_its_one_unknown() -> None:
    shown_set = sympy.Interval.open(0, sympy.Rational(1, 3))
    grid = holds_on_grid(abs(1 - 6 * eta) < 1, eta, -1, 1)
    assert grid == [bool(shown_set.contains(t)) for t in np.linspace(-1, 1, 401)]
    statement = "where abs(1 - 6eta) < 1"
    assert verify_claim(statement, r"$0 < \eta < \frac{1}{3}$", ETA).ok
    assert verify_claim(statement, r"$\frac{1}{3} > \eta > 0$", ETA).ok
    wrong = verify_claim(statement, r"$\eta < \frac{1}{3}$", ETA)
    assert not wrong.ok and wrong.got == "0 < eta < 1/3 ≈ 0.3333"
    with pytest.raises(MathSyntaxError, match="has 2: show the inequality"):
        verify_claim(statement, r"$\frac{1}{3}$", ETA)


def test_where_a_one_sided_set_may_be_shown_by_its_bound() -> None:
    assert sympy.solve(1 - 6 * eta, eta) == [sympy.Rational(1, 6)]
    assert holds_on_grid(1 - 6 * eta < 0, eta, 0.17, 1) == [True] * 401
    assert holds_on_grid(1 - 6 * eta < 0, eta, -1, 0.16) == [False] * 401
    statement = "where 1 - 6eta < 0"
    assert verify_claim(statement, r"$\frac{1}{6}$", ETA).ok
    assert verify_claim(statement, r"$\eta > \frac{1}{6}$", ETA).ok
    assert not verify_claim(statement, r"$\eta \geq \frac{1}{6}$", ETA).ok
    assert not verify_claim(statement, r"$\lambda > \frac{1}{6}$", ETA).ok
    assert verify_claim("where 1 - 6eta <= 0", r"$\eta \ge 0.167$", ETA).ok


def test_where_a_set_of_two_pieces_is_not_one_interval() -> None:
    wrong = verify_claim("where abs(x) > 1", "$x > 1$")
    assert not wrong.ok and wrong.got == "x < -1 or x > 1"
    assert not verify_claim("where x^2 < 0", "$x > 0$").ok


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        ("where x + y < 1", "one unknown, and x \\+ y < 1 holds x, y"),
        ("where sin(x) < 1/2", "periodic"),
        ("where x < 1 < 2", "write one inequality"),
        ("where < 1", "a side is missing"),
    ],
)
def test_where_statements_the_engine_cannot_solve_say_why(statement: str, match: str) -> None:
    with pytest.raises(EngineError, match=match):
        verify_claim(statement, "$x > 1$")


def worst_factor(eigenvalues: np.ndarray, rate: float) -> float:
    """How much the slowest-shrinking distance keeps per step: max |1 − rate·λ|."""
    return float(np.max(np.abs(1 - rate * eigenvalues)))


def test_best_rate_makes_the_largest_factor_smallest() -> None:
    matrix = sympy.hessian(w1**2 + w1 * w2 + 2 * w2**2, [w1, w2])
    low, high = sorted(matrix.eigenvals())
    # SymPy's reference: the rate where the flattest and steepest factors are equal and opposite.
    (balanced,) = sympy.solve(sympy.Eq(1 - eta * low, -(1 - eta * high)), eta)
    eigenvalues = np.linalg.eigvalsh(np.array(matrix.tolist(), dtype=float))
    grid = np.linspace(0.001, float(2 / high), 4001)
    best_on_grid = grid[np.argmin([worst_factor(eigenvalues, r) for r in grid])]
    assert math.isclose(float(balanced), best_on_grid, abs_tol=float(grid[1] - grid[0]))
    statement = "best rate w1^2 + w1 w2 + 2w2^2"
    assert verify_claim(statement, f"${sympy.latex(sympy.nsimplify(balanced))}$").ok
    assert verify_claim(statement, f"about {float(balanced):.4f}").ok
    wrong = verify_claim(statement, f"{float(balanced) + 0.01:.4f}")
    assert not wrong.ok and "2/(λmin + λmax)" in wrong.got


def test_best_rate_of_the_lessons_bowl_halves_both_distances() -> None:
    assert verify_claim("best rate w1^2 + 3w2^2", r"$\frac{1}{4}$").ok
    assert verify_claim("factors w1^2 + 3w2^2 at rate 1/4", "$(0.5, -0.5)$").ok
    hessian = np.diag([2.0, 6.0])
    # A walk at the best rate ends closer than one at a rate a little to either side.
    at_best = distance_after(hessian, 0.25, 30)
    assert at_best < min(distance_after(hessian, 0.23, 30), distance_after(hessian, 0.27, 30))


def test_best_rate_of_one_curvature_lands_on_the_minimum_in_one_step() -> None:
    (curvature,) = sympy.hessian(3 * (w - 1) ** 2, [w]).eigenvals()
    verdict = verify_claim("best rate 3(w - 1)^2", f"${sympy.latex(1 / curvature)}$")
    assert verdict.ok and "one step lands on the minimum" in verdict.got
    assert verify_claim(
        f"position 3(w - 1)^2 from w = 4 after 1 step at rate {1 / curvature}", "1"
    ).ok


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        ("best rate w1^2 - w2^2", "not positive definite"),
        ("best rate w1^4 + w2^2", "is not a quadratic"),
    ],
)
def test_best_rate_needs_a_bowl(statement: str, match: str) -> None:
    with pytest.raises(EvaluationError, match=match):
        verify_claim(statement, "0.25")
