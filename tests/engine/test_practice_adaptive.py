"""The `adam_step` practice topic (lesson 08): where Adam's or RMSProp's first step lands, with
ε = 0. Answer keys are checked against Kingma & Ba's Algorithm 1 and Hinton's RMSProp in plain
floats (tests/optimizer_reference.py), each slip against the rule it misremembers, written the
same way; answers are scored and their slips named."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import sympy

from optimizer_reference import reference_adam, reference_rmsprop
from steepest.engine.answer_kinds import AdaptiveSlipKind
from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import worked_solution
from steepest.engine.problems.topics import TOPICS

SEEDS = range(30)
PROBLEMS = [
    generate_problem("adam_step", lv, kind, s)
    for kind in TOPICS["adam_step"].kinds
    for lv in (1, 2, 3)
    for s in SEEDS
]
BETA1, BETA2, RHO = 0.9, 0.999, 0.9  # the published defaults the prompt names
FloatGradient = Callable[[np.ndarray], np.ndarray]
Slipped = Callable[[FloatGradient, np.ndarray, float], np.ndarray]


def label(problem: Problem) -> str:
    return f"{problem.kind}-level{problem.level}-seed{problem.seed}"


def float_gradient(problem: Problem) -> FloatGradient:
    slope = sympy.lambdify(
        problem.variables, list(sympy.derive_by_array(problem.function, problem.variables))
    )
    return lambda w: np.array(slope(*w), dtype=float)


def start_and_rate(problem: Problem) -> tuple[np.ndarray, float]:
    assert problem.point is not None
    return np.array([float(c) for c in problem.point]), float(problem.rates[0])


def uncorrected_adam(grad: FloatGradient, w: np.ndarray, lr: float) -> np.ndarray:
    """Algorithm 1's first step with m and v used as they are."""
    g = grad(w)
    m, v = (1 - BETA1) * g, (1 - BETA2) * g * g
    return w - lr * m / np.sqrt(v)


def undecayed_rmsprop(grad: FloatGradient, w: np.ndarray, lr: float) -> np.ndarray:
    """E ← ρE + g², the new square not weighed by 1 − ρ: from E = 0, ρ = 0 gives it."""
    return reference_rmsprop(grad, w, 1, lr, 0.0, 0.0)


def descent(grad: FloatGradient, w: np.ndarray, lr: float) -> np.ndarray:
    return w - lr * grad(w)


SLIPS: dict[str, dict[AdaptiveSlipKind, Slipped]] = {
    "adam_step": {"bias_correction_forgotten": uncorrected_adam, "plain_descent": descent},
    "rmsprop_step": {"decay_weight_forgotten": undecayed_rmsprop, "plain_descent": descent},
}


def reference_step(problem: Problem) -> np.ndarray:
    w, rate = start_and_rate(problem)
    if problem.kind == "adam_step":
        return reference_adam(float_gradient(problem), w, 1, rate, BETA1, BETA2, 0.0)
    return reference_rmsprop(float_gradient(problem), w, 1, rate, RHO, 0.0)


def typed(values: tuple[sympy.Expr, ...]) -> str:
    texts = [to_text(v) for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


def figures(values: tuple[sympy.Expr, ...], digits: int) -> str:
    texts = [f"{float(v):.{digits}g}" for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_is_where_the_published_rule_lands(problem: Problem) -> None:
    assert np.allclose([float(c) for c in problem.expected], reference_step(problem), atol=1e-12)
    assert not any(c.has(sympy.Float) for c in problem.expected)  # exact, roots kept


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_each_weight_moves_by_eta_or_eta_root_ten_against_its_gradient(problem: Problem) -> None:
    """With ε = 0 the first step is η·sign(g) for Adam and η·√10·sign(g) for RMSProp."""
    w, rate = start_and_rate(problem)
    size = rate if problem.kind == "adam_step" else rate * np.sqrt(10)
    expected = w - size * np.sign(float_gradient(problem)(w))
    assert np.allclose([float(c) for c in problem.expected], expected, atol=1e-12)


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_each_slip_lands_where_its_misremembered_rule_does_and_is_named(problem: Problem) -> None:
    w, rate = start_and_rate(problem)
    mistakes = {m.code: m.answer for m in likely_mistakes(problem)}
    assert set(mistakes) == set(SLIPS[problem.kind])
    for code, slipped in SLIPS[problem.kind].items():
        landed = slipped(float_gradient(problem), w, rate)
        assert np.allclose([float(c) for c in mistakes[code]], landed, atol=1e-12)
        for text in (typed(mistakes[code]), figures(mistakes[code], 4)):
            feedback = diagnose(problem, text)
            assert (feedback.verdict, feedback.mistake) == ("incorrect", code), text


def test_levels_hold_one_weight_then_a_separable_bowl_then_a_cross_term() -> None:
    for problem in PROBLEMS:
        hessian = sympy.hessian(problem.function, problem.variables)
        assert all(v > 0 for v in hessian.eigenvals(multiple=True))
        if problem.level == 1:
            assert len(problem.variables) == 1 and problem.shape == "scalar"
        else:
            assert problem.shape == "vector" and len(problem.expected) == 2
            assert (hessian[0, 1] == 0) == (problem.level == 2)


def test_the_topic_asks_both_rules_at_every_level() -> None:
    assert {(p.kind, p.level) for p in PROBLEMS} == {
        (kind, level) for kind in ("adam_step", "rmsprop_step") for level in (1, 2, 3)
    }


@pytest.mark.parametrize("problem", PROBLEMS[::7], ids=label)
def test_the_answer_is_right_exact_or_to_three_figures_and_fewer_cost_nothing(
    problem: Problem,
) -> None:
    named = ("w = " if problem.is_vector else f"{problem.names[0]} = ") + typed(problem.expected)
    for text in (typed(problem.expected), figures(problem.expected, 4), named):
        assert diagnose(problem, text).verdict == "correct", text
    if any(not c.is_Rational for c in problem.expected):
        assert diagnose(problem, figures(problem.expected, 2)).verdict == "invalid"
    assert diagnose(problem, "(1," if problem.is_vector else "2w +").verdict == "invalid"


@pytest.mark.parametrize("problem", PROBLEMS[::7], ids=label)
def test_a_point_that_did_not_move_is_incorrect_and_unnamed(problem: Problem) -> None:
    feedback = diagnose(problem, typed(tuple(problem.point or ())))
    assert feedback.verdict == "incorrect" and feedback.mistake is None


@pytest.mark.parametrize("problem", PROBLEMS[::9], ids=label)
def test_the_solution_takes_the_gradient_the_averages_and_the_step(problem: Problem) -> None:
    solution = worked_solution(problem)
    steps = solution["steps"]
    middle = ["moments", "bias_correction"] if problem.kind == "adam_step" else ["moments"]
    assert [s["kind"] for s in steps] == ["slope", *middle, "adaptive_step"]
    assert solution["answer"] == [to_text(c) for c in problem.expected]
    assert steps[-1]["formula"].endswith(typed(problem.expected))
    assert all("html" in s and s["text"] for s in steps)
