"""The curvature practice topics: `stable_rate` (lesson 04), the largest learning rate at which
gradient descent converges on a quadratic, and `hessian`, a polynomial's Hessian as a matrix.
Answer keys are checked against sympy.hessian and eigenvals, and against the update rule
itself; answers are scored and their slips named."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem, make_problem
from steepest.engine.problems.solutions import worked_solution

SEEDS = range(40)
RATES = [generate_problem("stable_rate", lv, "stable_rate", s) for lv in (1, 2, 3) for s in SEEDS]
HESSIANS = [generate_problem("hessian", lv, "hessian", s) for lv in (1, 2, 3) for s in SEEDS]
W1, W2 = make_symbol("w1"), make_symbol("w2")


def label(problem: Problem) -> str:
    return f"level{problem.level}-seed{problem.seed}"


def curvatures(problem: Problem) -> list[sympy.Expr]:
    """The Hessian's eigenvalues, ascending, straight from SymPy."""
    found = sympy.hessian(problem.function, problem.variables).eigenvals(multiple=True)
    return sorted(found)


# -- stable_rate ---------------------------------------------------------------------------------


@pytest.mark.parametrize("problem", RATES, ids=label)
def test_the_rate_is_two_over_the_largest_eigenvalue_of_a_positive_definite_hessian(
    problem: Problem,
) -> None:
    values = curvatures(problem)
    assert values[0] > 0
    assert problem.expected == (2 / values[-1],)
    assert problem.expected[0].is_Rational


@pytest.mark.parametrize("problem", RATES[::7], ids=label)
def test_descent_converges_just_below_the_rate_and_diverges_just_above(problem: Problem) -> None:
    """The published rule, w ← w − η∇L, run for real from a point off the minimum."""
    grad = sympy.lambdify(
        problem.variables, sympy.derive_by_array(problem.function, problem.variables)
    )
    minimum = sympy.solve(
        list(sympy.derive_by_array(problem.function, problem.variables)),
        problem.variables,
        dict=True,
    )[0]
    best = np.array([float(minimum[v]) for v in problem.variables])

    def distance_after(rate: float) -> float:
        # Off every eigen-direction, so the steepest one is in play.
        w = best + np.array([1.0, 0.37])[: len(best)]
        for _ in range(400):
            w = w - rate * np.array(grad(*w), dtype=float)
        return float(np.linalg.norm(w - best))

    limit = float(problem.expected[0])
    assert distance_after(0.95 * limit) < 1e-3
    assert distance_after(1.05 * limit) > 1e3


def test_levels_hold_one_weight_then_a_separable_bowl_then_a_cross_term() -> None:
    for problem in RATES:
        hessian = sympy.hessian(problem.function, problem.variables)
        if problem.level == 1:
            assert len(problem.variables) == 1
        elif problem.level == 2:
            assert hessian.is_diagonal() and hessian[0, 0] != hessian[1, 1]
        else:
            assert hessian[0, 1] != 0
            assert all(v.is_Integer for v in curvatures(problem))


@pytest.mark.parametrize("problem", RATES[::5], ids=label)
def test_the_rate_exactly_or_to_three_figures_is_right_and_fewer_figures_costs_nothing(
    problem: Problem,
) -> None:
    rate = problem.expected[0]
    assert diagnose(problem, to_text(rate)).verdict == "correct"
    assert diagnose(problem, "eta = " + to_text(rate)).verdict == "correct"
    assert diagnose(problem, f"{float(rate):.3g}").verdict == "correct"
    if sympy.Rational(f"{float(rate):.2g}") != rate:
        assert diagnose(problem, f"{float(rate):.2g}").verdict == "invalid"
    assert diagnose(problem, "1/").verdict == "invalid"
    assert diagnose(problem, to_text(2 * rate + 1)).verdict == "incorrect"


def bowl(function: str) -> Problem:
    return make_problem("stable_rate", parse(function, ["w1", "w2"]), (W1, W2))


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("1/14", "rate_without_two"),  # 1/λmax, λ = 4 and 14
        ("0.0714", "rate_without_two"),  # the same, as a decimal
        ("2/7", "coefficient_not_curvature"),  # 2/(λmax/2)
        ("1/2", "smallest_curvature"),  # 2/λmin
        ("1/9", "best_rate"),  # 2/(λmin + λmax)
        ("1/6", "ignored_cross_term"),  # 2/max(H_ii) = 2/12
    ],
)
def test_the_slips_of_the_rate_are_named(answer: str, code: str) -> None:
    problem = bowl("6w1^2 - 4w1*w2 + 3w2^2")
    assert curvatures(problem) == [4, 14] and problem.expected == (sympy.Rational(1, 7),)
    feedback = diagnose(problem, answer)
    assert (feedback.verdict, feedback.mistake) == ("incorrect", code), feedback.message


def test_a_slip_that_gives_the_right_rate_is_not_offered() -> None:
    """On one weight the best rate is 1/λ, the rate without the 2: named once, and never the
    answer itself."""
    problem = make_problem("stable_rate", parse("3w^2", ["w"]), (make_symbol("w"),))
    answers = [m.answer[0] for m in likely_mistakes(problem)]
    assert len(answers) == len(set(answers)) and problem.expected[0] not in answers


@pytest.mark.parametrize("problem", RATES[::9], ids=label)
def test_the_rate_solution_finds_the_curvature_its_eigenvalues_and_the_rule(
    problem: Problem,
) -> None:
    solution = worked_solution(problem)
    assert [s["kind"] for s in solution["steps"]] == ["hessian", "eigenvalues", "stable_rate"]
    assert solution["steps"][1]["formula"] == f"λmax = {to_text(curvatures(problem)[-1])}"
    assert solution["steps"][-1]["formula"] == f"η_max = {to_text(problem.expected[0])}"
    # The panel shows each step's html: the text, escaped.
    assert all("html" in s and s["text"] for s in solution["steps"])


# -- hessian -------------------------------------------------------------------------------------


def matrix_text(entries: tuple[sympy.Expr, ...] | list[sympy.Expr]) -> str:
    a, b, c, d = (to_text(e) for e in entries)
    return f"[{a}, {b}; {c}, {d}]"


@pytest.mark.parametrize("problem", HESSIANS, ids=label)
def test_the_hessian_key_is_sympy_hessian_row_by_row(problem: Problem) -> None:
    reference = sympy.hessian(problem.function, problem.variables)
    assert len(problem.expected) == 4
    for key, entry in zip(problem.expected, reference, strict=True):
        assert sympy.simplify(key - entry) == 0
    assert problem.expected[1] != 0  # forgetting the mixed partial shows
    assert problem.function.is_polynomial(*problem.variables)


@pytest.mark.parametrize("problem", HESSIANS[::3], ids=label)
def test_the_hessian_typed_either_way_is_correct(problem: Problem) -> None:
    a, b, c, d = (to_text(e) for e in problem.expected)
    for typed in (
        f"[{a}, {b}; {c}, {d}]",
        f"[[{a}, {b}], [{c}, {d}]]",
        f"H = (({a}, {b}), ({c}, {d}))",
    ):
        feedback = diagnose(problem, typed)
        assert feedback.verdict == "correct", (typed, feedback.message)


def test_levels_grow_from_quadratics_to_cubics_to_products() -> None:
    for problem in HESSIANS:
        degree = sympy.Poly(problem.function, *problem.variables).total_degree()
        if problem.level == 1:
            assert degree == 2
        elif problem.level == 2:
            assert degree == 3 and problem.function.is_Add
        else:
            assert problem.function.is_Mul or problem.function.is_Pow


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("[6, 0; 0, -2]", "missing_mixed_partial"),
        ("[6, 5/2; 5/2, -2]", "halved_mixed_partial"),
        ("[3, 5/2; 5/2, -1]", "half_hessian"),
        ("[-6, -5; -5, 2]", "sign"),
    ],
)
def test_the_slips_of_the_hessian_are_named(answer: str, code: str) -> None:
    problem = make_problem("hessian", parse("3w1^2 + 5w1*w2 - w2^2 + 2w2", ["w1", "w2"]), (W1, W2))
    feedback = diagnose(problem, answer)
    assert (feedback.verdict, feedback.mistake) == ("incorrect", code), feedback.message


def test_a_wrong_entry_is_named_and_a_malformed_matrix_costs_nothing() -> None:
    problem = make_problem("hessian", parse("w1^2*w2", ["w1", "w2"]), (W1, W2))
    wrong = diagnose(problem, "[2w2, 2w1; 2w1, 1]")
    assert wrong.verdict == "incorrect" and "Entry (2, 2)" in wrong.message
    assert [c.equivalent for c in wrong.components] == [True, True, True, False]
    for malformed in ("[2w2, 2w1, 2w1, 0]", "[2w2, 2w1; 2w1]", "[2w2, 2w1; 2w1, ]", "(2w2, 2w1)"):
        assert diagnose(problem, malformed).verdict == "invalid", malformed


@pytest.mark.parametrize("problem", HESSIANS[::9], ids=label)
def test_the_hessian_solution_takes_every_second_derivative_then_the_matrix(
    problem: Problem,
) -> None:
    solution = worked_solution(problem)
    kinds = [s["kind"] for s in solution["steps"]]
    assert kinds == ["partial", "partial", "second_derivatives", "hessian"]
    assert solution["steps"][-1]["formula"] == "H = " + matrix_text(problem.expected)
    assert "<mtable>" in solution["answer_mathml"]


def test_a_slip_in_one_second_derivative_is_named_at_its_entry() -> None:
    """∂L/∂w1 = 6w1² + w2² taken right, then the power rule slipped differentiating it again."""
    problem = make_problem("hessian", parse("2w1^3 + w1*w2^2", ["w1", "w2"]), (W1, W2))
    assert list(problem.expected) == list(sympy.hessian(problem.function, (W1, W2)))
    feedback = diagnose(problem, "[6w1, 2w2; 2w2, 2w1]")
    assert feedback.component_mistakes == ("power_coefficient", None, None, None)
    assert feedback.message.startswith("Entry (1, 1) is not right; the others are.")
