"""Practice varies: every level of a topic draws from at least eight templates, and the draws
the server makes (engine/problems/deal.py) never show a template twice in eight."""

from __future__ import annotations

import itertools
import random

import pytest
import sympy

from steepest.engine.problems.deal import SPREAD, next_template, seed_of
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.topics import TOPICS

LEVELS = (1, 2, 3)
CASES = [(topic, level) for topic in TOPICS for level in LEVELS]
SAMPLES = 4


def case_id(case: tuple[str, int]) -> str:
    return f"{case[0]}-{case[1]}"


def shape(expr: sympy.Basic, variables: tuple[sympy.Symbol, ...]) -> str:
    """A loss with its numbers masked: problems of one template share a few of these, problems
    of two templates none. Powers keep their exponents, which a template fixes."""
    if expr.is_Number:
        return "c"
    if isinstance(expr, sympy.Symbol):
        return f"v{variables.index(expr)}" if expr in variables else "c"
    if isinstance(expr, sympy.Pow) and expr.exp.is_Number:
        return f"({shape(expr.base, variables)})^{expr.exp}"
    inner = sorted(shape(arg, variables) for arg in expr.args)
    return f"{type(expr).__name__}({','.join(inner)})"


def drawn(topic: str, level: int, template: int, sample: int) -> Problem:
    """A problem of `template`, as a seed the server could have dealt for it."""
    count = TOPICS[topic].templates[level - 1]
    rng = random.Random(f"{topic}-{level}-{template}-{sample}")
    kinds = TOPICS[topic].kinds
    kind = kinds[sample % len(kinds)]
    return generate_problem(topic, level, kind, seed_of(template, count, rng.randrange))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_level_draws_from_at_least_eight_distinct_templates(case: tuple[str, int]) -> None:
    topic, level = case
    count = TOPICS[topic].templates[level - 1]
    assert count >= SPREAD
    shapes = [
        {
            shape(problem.function, problem.variables)
            for problem in (drawn(topic, level, template, n) for n in range(SAMPLES))
        }
        for template in range(count)
    ]
    for template, mine in enumerate(shapes):
        for other in range(template):
            assert not mine & shapes[other], f"templates {other} and {template} look alike"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_seeded_draws_repeat_no_template_within_eight(case: tuple[str, int]) -> None:
    topic, level = case
    count = TOPICS[topic].templates[level - 1]
    rng = random.Random(case_id(case))
    seen: list[int] = []
    shapes: list[str] = []
    for _ in range(40):
        template = next_template(count, seen[-(SPREAD - 1) :], rng.randrange)
        kind = TOPICS[topic].kinds[0]
        problem = generate_problem(topic, level, kind, seed_of(template, count, rng.randrange))
        seen.append(template)
        shapes.append(shape(problem.function, problem.variables))
    for start in range(len(seen) - SPREAD + 1):
        window = slice(start, start + SPREAD)
        assert len(set(seen[window])) == SPREAD, seen[window]
        # What the learner sees differs too: the problems were drawn from those templates.
        assert len(set(shapes[window])) == SPREAD, shapes[window]
    assert set(seen) == set(range(count))


def test_a_template_is_never_dealt_twice_in_a_row_even_with_few_to_deal() -> None:
    rng = random.Random(7)
    seen: list[int] = []
    for _ in range(30):
        seen.append(next_template(2, seen[-(SPREAD - 1) :], rng.randrange))
    assert all(a != b for a, b in itertools.pairwise(seen))
