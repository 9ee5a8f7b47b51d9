"""Practice for lesson 01: the derivative L′(w) of a loss of one weight w, at three levels.

    level 1  polynomials                  3w³ − 2w² + 5
    level 2  products and powers          (2w − 1)(w + 3), (3w − 2)²: a line's squared error
    level 3  exp, log and trig            e^(−2w), w·e^(3w), ln(w² + 1), ln(1 + e^(2w)), sin 3w

Functions are left as drawn, products unexpanded, so that the rule a level practises is the one
that is needed: the product rule for (2w − 1)(w + 3), the chain rule for (3w − 2)².
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.draws import MAX_TRIES, coefficient
from steepest.engine.problems.problem import Problem, make_problem

# A template draws a loss of w and says whether w must stay positive (for ln w).
Template = Callable[[np.random.Generator, sympy.Symbol], tuple[sympy.Expr, bool]]


def _polynomial(rng: np.random.Generator, w: sympy.Symbol) -> tuple[sympy.Expr, bool]:
    powers = rng.choice(5, size=int(rng.integers(2, 4)), replace=False)
    if max(powers) < 2:
        powers = np.append(powers, 2 + int(rng.integers(0, 3)))
    return sympy.Add(*(coefficient(rng) * w ** int(p) for p in powers)), False


def _product(rng: np.random.Generator, w: sympy.Symbol) -> tuple[sympy.Expr, bool]:
    c1, c2, k1, k2 = (coefficient(rng, 3) for _ in range(4))
    shape = int(rng.integers(0, 4))
    if shape == 0:
        return (c1 * w + k1) * (c2 * w + k2), False
    if shape == 1:
        return c1 * w ** int(rng.integers(1, 3)) * (w + k2) ** 2, False
    if shape == 2:
        return (c1 * w + k1) ** 3, False
    # The squared error of a line y = w·x through one data point (x, y): an ML loss in miniature.
    return (c1 * w - k1) ** 2, False


def _transcendental(rng: np.random.Generator, w: sympy.Symbol) -> tuple[sympy.Expr, bool]:
    c = coefficient(rng, 3)
    shape = int(rng.integers(0, 7))
    if shape == 0:
        return sympy.exp(c * w), False
    if shape == 1:
        return w * sympy.exp(c * w), False
    if shape == 2:
        return sympy.log(w**2 + abs(c)), False
    if shape == 3:
        return (sympy.sin if rng.random() < 0.5 else sympy.cos)(c * w), False
    if shape == 4:
        # Softplus of a score: the loss of logistic regression, in one weight.
        return sympy.log(1 + sympy.exp(c * w)), False
    if shape == 5:
        return sympy.exp(-abs(c) * w**2), False
    return w * sympy.log(w), True


_TEMPLATES: dict[int, Template] = {1: _polynomial, 2: _product, 3: _transcendental}


def derivative_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """L′(w) for a loss drawn from the level's template, the same for the same seed."""
    rng = np.random.default_rng(seed)
    w = make_symbol("w")
    for _ in range(MAX_TRIES):
        function, positive = _TEMPLATES[level](rng, w)
        domain = {"w": "positive"} if positive else None
        problem = make_problem(kind, function, (w,), domain=domain, level=level, seed=seed)
        if problem.expected[0].has(w):
            return problem  # a slope that changes with w: not a line's constant slope
    raise EvaluationError(f"no well-posed derivative problem at level {level} for seed {seed}")
