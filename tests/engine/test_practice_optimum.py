"""The optimum topic: every template of every level gives, for many seeds, a function whose
asked-for best value on the interval is at one interior point a learner can find by hand."""

from __future__ import annotations

import random

import pytest
import sympy

from steepest.engine.problems.deal import seed_of
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.topics import TOPICS

COUNTS = TOPICS["optimum"].templates
CASES = [(level, template) for level in (1, 2, 3) for template in range(COUNTS[level - 1])]
SEEDS = 12
GRID = 200


def drawn(level: int, template: int) -> list[Problem]:
    rng = random.Random(f"optimum-{level}-{template}")
    count = COUNTS[level - 1]
    return [
        generate_problem("optimum", level, "optimum", seed_of(template, count, rng.randrange))
        for _ in range(SEEDS)
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]}-{case[1]}")
def test_every_template_has_its_best_value_at_an_interior_critical_point(
    case: tuple[int, int],
) -> None:
    for problem in drawn(*case):
        (x,), (best,) = problem.variables, problem.expected
        assert problem.interval is not None
        low, high = (float(end) for end in problem.interval)
        assert low < float(best) < high
        assert sympy.simplify(sympy.diff(problem.function, x).subs(x, best)) == 0
        # The best over the whole interval, not a local one: no point of a fine grid beats it.
        value = sympy.lambdify(x, problem.function)
        sign = 1 if problem.goal == "maximum" else -1
        grid = (low + (high - low) * (n + 0.5) / GRID for n in range(GRID))
        assert all(sign * value(t) <= sign * value(float(best)) + 1e-9 for t in grid)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]}-{case[1]}")
def test_every_answer_is_a_number_worked_out_by_hand(case: tuple[int, int]) -> None:
    for problem in drawn(*case):
        (best,) = problem.expected
        assert {type(f) for f in best.atoms(sympy.Function)} <= {sympy.log, sympy.exp}
        assert all(n.is_Rational and abs(n.q) <= 3 for n in best.atoms(sympy.Number))
        assert problem.name in ("A", "V", "L")
