"""The `minibatch_gradient` practice topic (lesson 06): the gradient at (w, b) of a line's mean
squared error over a listed batch. Answer keys are checked against the same gradient worked
out in plain floats, example by example; answers are scored and their slips named."""

from __future__ import annotations

import random

import numpy as np
import pytest
import sympy

from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.batch_generator import BATCH_TEMPLATES, Input, Kind
from steepest.engine.problems.deal import seed_of
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import worked_solution

SEEDS = range(40)
PROBLEMS = [
    generate_problem("minibatch_gradient", lv, "batch_gradient", s)
    for lv in (1, 2, 3)
    for s in SEEDS
]


def label(problem: Problem) -> str:
    return f"level{problem.level}-seed{problem.seed}"


def reference_gradient(problem: Problem) -> np.ndarray:
    """(1/n)·Σ ∇(w·x + b − y)² in floats: each example's gradient 2r·(x, 1), then the mean."""
    assert problem.point is not None
    w, b = (float(c) for c in problem.point)
    each = [
        2 * (w * float(x) + b - float(y)) * np.array([float(x), 1.0]) for x, y in problem.examples
    ]
    mean: np.ndarray = np.mean(each, axis=0)
    return mean


def kind_of(x: sympy.Expr, y: sympy.Expr) -> Kind:
    given: Input = "zero" if x == 0 else "one" if x == 1 else "negative" if x < 0 else "other"
    return (given, bool(y == 0))


TEMPLATES = [(level, t) for level in (1, 2, 3) for t in range(len(BATCH_TEMPLATES[level]))]


@pytest.mark.parametrize("case", TEMPLATES, ids=lambda case: f"level{case[0]}-template{case[1]}")
def test_every_template_gives_a_well_posed_batch_of_its_kinds(case: tuple[int, int]) -> None:
    level, template = case
    rng = random.Random(f"batch-{level}-{template}")
    wanted = sorted(BATCH_TEMPLATES[level][template])
    for _ in range(15):
        seed = seed_of(template, len(BATCH_TEMPLATES[level]), rng.randrange)
        problem = generate_problem("minibatch_gradient", level, "batch_gradient", seed)
        assert sorted(kind_of(x, y) for x, y in problem.examples) == wanted
        assert np.allclose([float(c) for c in problem.expected], reference_gradient(problem))
        assert all(c.is_Rational and c != 0 for c in problem.expected)


def typed(values: tuple[sympy.Expr, ...]) -> str:
    return "(" + ", ".join(to_text(v) for v in values) + ")"


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_is_the_mean_of_the_examples_gradients(problem: Problem) -> None:
    assert np.allclose([float(c) for c in problem.expected], reference_gradient(problem))
    assert all(c.is_Rational and c != 0 for c in problem.expected)


def test_levels_hold_two_examples_then_three_then_a_negative_x() -> None:
    for problem in PROBLEMS:
        assert len(problem.examples) == (2 if problem.level == 1 else 3)
        xs = [x for x, _ in problem.examples]
        assert len(set(xs)) == len(xs)
        assert any(x < 0 for x in xs) == (problem.level == 3)


@pytest.mark.parametrize("problem", PROBLEMS[::5], ids=label)
def test_right_wrong_unreadable_and_each_slip_named(problem: Problem) -> None:
    reference = reference_gradient(problem)
    assert diagnose(problem, typed(problem.expected)).verdict == "correct"
    assert diagnose(problem, "∇L = " + typed(problem.expected)).verdict == "correct"
    size = len(problem.examples)
    summed = diagnose(problem, typed(tuple(size * c for c in problem.expected)))
    assert np.allclose([size * r for r in reference], [size * float(c) for c in problem.expected])
    assert (summed.verdict, summed.mistake) == ("incorrect", "summed_not_averaged")
    flipped = diagnose(problem, typed(tuple(-c for c in problem.expected)))
    assert (flipped.verdict, flipped.mistake) == ("incorrect", "sign")
    assert diagnose(problem, "(1,").verdict == "invalid"


@pytest.mark.parametrize("problem", PROBLEMS[::9], ids=label)
def test_the_solution_finds_the_residuals_then_averages(problem: Problem) -> None:
    solution = worked_solution(problem)
    assert [s["kind"] for s in solution["steps"]] == ["residuals", "batch_gradient"]
    assert solution["steps"][-1]["formula"] == f"∇L = {typed(problem.expected)}"
    assert solution["answer"] == [to_text(c) for c in problem.expected]
