"""Practice on the second-derivative test: a point where ∇L = 0 is a minimum, a maximum or a
saddle, read off the Hessian there (lesson 05).

    level 1  quadratics      2(w1 − 1)² − 3(w1 − 1)(w2 + 2) + (w2 + 2)²   one critical point
    level 2  cubics          w1³ − 3w1 + 2(w2 − 1)², w1³ + w2³ − 6w1w2     two of them
    level 3  a double well   (w1² − 4)² − 3(w2 − 1)²                      three of them

The kind of point is drawn first, so the three answers come up about equally often, and the
Hessian at the point is never singular: the test always has an answer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EngineError, EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.draws import MAX_TRIES, coefficient
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem, make_problem

Variables = tuple[sympy.Symbol, sympy.Symbol]
Point = tuple[int, int]
# A template draws a function and one of its critical points.
Template = Callable[[np.random.Generator, Variables], tuple[sympy.Expr, Point]]


def _centre(rng: np.random.Generator) -> Point:
    return int(rng.integers(-2, 3)), int(rng.integers(-2, 3))


def _quadratic(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    u, w = v
    p, q = _centre(rng)
    a, b, c = coefficient(rng, 4), coefficient(rng, 4), int(rng.integers(-4, 5))
    du, dw = u - p, w - q
    return sympy.expand(a * du**2 + c * du * dw + b * dw**2), (p, q)


def _cubic(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    u, w = v
    k = int(rng.integers(1, 3))
    sign = 1 if rng.random() < 0.5 else -1
    if rng.random() < 0.5:
        q, b = int(rng.integers(-2, 3)), coefficient(rng, 3)
        at = (k if rng.random() < 0.5 else -k, q)
        return sign * (u**3 - 3 * k**2 * u) + b * sympy.expand((w - q) ** 2), at
    # Two critical points: a saddle at the origin and an extremum at (k, k).
    at = (0, 0) if rng.random() < 0.5 else (k, k)
    return sign * (u**3 + w**3 - 3 * k * u * w), at


def _double_well(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    u, w = v
    k = int(rng.integers(1, 3))
    q, c = int(rng.integers(-2, 3)), coefficient(rng, 3)
    at = (int(rng.choice([-k, 0, k])), q)
    return (u**2 - k**2) ** 2 + c * (w - q) ** 2, at


_TEMPLATES: dict[int, Template] = {1: _quadratic, 2: _cubic, 3: _double_well}


def critical_point_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """A critical point of a polynomial of the level to classify, the same for the same seed."""
    rng = np.random.default_rng(seed)
    wanted = CLASSIFICATIONS[int(rng.integers(0, len(CLASSIFICATIONS)))]
    variables = (make_symbol("w1"), make_symbol("w2"))
    for _ in range(MAX_TRIES):
        function, at = _TEMPLATES[level](rng, variables)
        point = tuple(sympy.Integer(c) for c in at)
        try:
            problem = make_problem(kind, function, variables, point=point, level=level, seed=seed)
        except EngineError:
            continue  # a singular Hessian: the test would say nothing
        if problem.classification == wanted:
            return problem
    raise EvaluationError(f"no critical point to classify at level {level} for seed {seed}")
