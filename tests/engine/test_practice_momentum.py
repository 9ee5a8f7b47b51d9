"""The `momentum_step` practice topic (lesson 07): where two heavy-ball steps from a point land.
Answer keys are checked against PyTorch's documented SGD momentum in plain floats
(tests/optimizer_reference.py), each slip against the rule it misremembers, written the same
way; answers are scored and their slips named."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pytest
import sympy

from optimizer_reference import reference_heavy_ball
from steepest.engine.answer_kinds import MomentumSlipKind
from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import worked_solution

SEEDS = range(40)
PROBLEMS = [
    generate_problem("momentum_step", lv, "momentum_step", s) for lv in (1, 2, 3) for s in SEEDS
]
Slipped = Callable[[Callable[[np.ndarray], np.ndarray], np.ndarray, float, float], np.ndarray]


def label(problem: Problem) -> str:
    return f"level{problem.level}-seed{problem.seed}"


def float_gradient(problem: Problem) -> Callable[[np.ndarray], np.ndarray]:
    slope = sympy.lambdify(
        problem.variables, list(sympy.derive_by_array(problem.function, problem.variables))
    )
    return lambda w: np.array(slope(*w), dtype=float)


def start_and_settings(problem: Problem) -> tuple[np.ndarray, float, float]:
    assert problem.point is not None
    rate, beta = problem.rates
    return np.array([float(c) for c in problem.point]), float(rate), float(beta)


def descent_second(
    grad: Callable[[np.ndarray], np.ndarray], w: np.ndarray, lr: float, beta: float
) -> np.ndarray:
    """One heavy-ball step, then the second as plain descent w ← w − ηg."""
    w = reference_heavy_ball(grad, w, 1, lr, beta, nesterov=False)
    return w - lr * grad(w)


def rate_in_velocity(
    grad: Callable[[np.ndarray], np.ndarray], w: np.ndarray, lr: float, beta: float
) -> np.ndarray:
    """v ← βv + ηg, w ← w − ηv, twice from v = 0."""
    v = np.zeros_like(w)
    for _ in range(2):
        v = beta * v + lr * grad(w)
        w = w - lr * v
    return w


def beta_on_gradient(
    grad: Callable[[np.ndarray], np.ndarray], w: np.ndarray, lr: float, beta: float
) -> np.ndarray:
    """v ← v + βg, w ← w − ηv, twice from v = 0."""
    v = np.zeros_like(w)
    for _ in range(2):
        v = v + beta * grad(w)
        w = w - lr * v
    return w


SLIPS: dict[MomentumSlipKind, Slipped] = {
    "velocity_forgotten": descent_second,
    "rate_applied_twice": rate_in_velocity,
    "momentum_on_gradient": beta_on_gradient,
}


def decimals(values: tuple[sympy.Expr, ...]) -> str:
    """An answer as a learner types it from a calculator: exact decimals, (a, b) for two."""
    texts = [str(Decimal(int(v.p)) / Decimal(int(v.q))) for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_is_where_two_pytorch_momentum_steps_land(problem: Problem) -> None:
    w, rate, beta = start_and_settings(problem)
    landed = reference_heavy_ball(float_gradient(problem), w, 2, rate, beta, nesterov=False)
    assert all(c.is_Rational for c in problem.expected)
    assert np.allclose([float(c) for c in problem.expected], landed, rtol=0, atol=1e-12)


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_each_slip_lands_where_its_misremembered_rule_does_and_is_named(problem: Problem) -> None:
    w, rate, beta = start_and_settings(problem)
    mistakes = {m.code: m.answer for m in likely_mistakes(problem)}
    assert set(mistakes) == set(SLIPS)
    for code, slipped in SLIPS.items():
        landed = slipped(float_gradient(problem), w, rate, beta)
        assert np.allclose([float(c) for c in mistakes[code]], landed, rtol=0, atol=1e-12)
        feedback = diagnose(problem, decimals(mistakes[code]))
        assert (feedback.verdict, feedback.mistake) == ("incorrect", code), feedback.message


def test_levels_hold_one_weight_then_a_separable_bowl_then_a_cross_term() -> None:
    for problem in PROBLEMS:
        hessian = sympy.hessian(problem.function, problem.variables)
        # A bowl, written in any of its templates: shifted, with a linear term, a constant.
        assert sympy.Poly(problem.function, *problem.variables).total_degree() == 2
        assert all(v > 0 for v in hessian.eigenvals(multiple=True))
        if problem.level == 1:
            assert len(problem.variables) == 1 and problem.shape == "scalar"
        else:
            assert problem.shape == "vector" and len(problem.expected) == 2
            assert (hessian[0, 1] == 0) == (problem.level == 2)


def test_rates_and_answers_are_simple_decimals_from_whole_starts() -> None:
    for problem in PROBLEMS:
        assert problem.point is not None and all(c.is_Integer and c != 0 for c in problem.point)
        for value in (*problem.rates, *problem.expected):
            assert sympy.factorint(value.q).keys() <= {2, 5}  # a terminating decimal
        assert all(0 < r < 1 for r in problem.rates)
        assert str(Decimal(int(problem.rates[0].p)) / Decimal(int(problem.rates[0].q))) in (
            problem.prompt()
        )


@pytest.mark.parametrize("problem", PROBLEMS[::7], ids=label)
def test_the_answer_is_right_as_decimals_as_fractions_and_named(problem: Problem) -> None:
    fractions = [to_text(c) for c in problem.expected]
    exact = fractions[0] if len(fractions) == 1 else "(" + ", ".join(fractions) + ")"
    named = ("w" if len(fractions) > 1 else problem.names[0]) + " = " + exact
    for text in (decimals(problem.expected), exact, named):
        assert diagnose(problem, text).verdict == "correct", text


@pytest.mark.parametrize("problem", PROBLEMS[::7], ids=label)
def test_a_wrong_point_is_incorrect_and_an_unreadable_one_costs_nothing(problem: Problem) -> None:
    start = decimals(tuple(problem.point or ()))
    wrong = diagnose(problem, start)
    assert wrong.verdict == "incorrect" and wrong.mistake is None
    assert diagnose(problem, "(1," if problem.is_vector else "2w +").verdict == "invalid"
    if problem.is_vector:
        assert diagnose(problem, "∇L = " + decimals(problem.expected)).verdict == "invalid"


def landed_in(formula: str) -> list[float]:
    """The numbers of a step's formula `w = (a, b)` or `w = a`."""
    return [float(sympy.Rational(t)) for t in formula.split(" = ")[1].strip("()").split(", ")]


@pytest.mark.parametrize("problem", PROBLEMS[::9], ids=label)
def test_the_solution_finds_the_gradient_then_takes_each_step(problem: Problem) -> None:
    solution = worked_solution(problem)
    steps = solution["steps"]
    assert [s["kind"] for s in steps] == ["slope", "heavy_ball_step", "heavy_ball_step"]
    assert solution["answer"] == [to_text(c) for c in problem.expected]
    w, rate, beta = start_and_settings(problem)
    grad = float_gradient(problem)
    for taken, step in enumerate(steps[1:], start=1):
        landed = reference_heavy_ball(grad, w, taken, rate, beta, nesterov=False)
        assert np.allclose(landed_in(step["formula"]), landed, rtol=0, atol=1e-12)
    # The panel shows each step's html: the text, escaped, its maths MathML.
    assert all("html" in s and s["text"] for s in steps)
