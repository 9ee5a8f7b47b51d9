"""Practice on curvature: the largest stable learning rate of gradient descent on a quadratic
(lesson 04), and the Hessian of a polynomial in two variables.

    stable_rate  level 1  one weight            3w² − 6w                    η_max = 1/3
                 level 2  a separable bowl      2(w1 − 1)² + 5w2²           η_max = 1/5
                 level 3  a bowl with a cross term   2w1² + 3w1w2 + 2w2²    η_max = 2/7

    hessian      level 1  quadratics            3w1² − 2w1w2 + w2² + 4w1
                 level 2  cubics                w1³ − 2w1²w2 + 3w2²
                 level 3  products and powers   (w1w2 − 2)², 3w1²(w2 + 1)²

Every bowl is positive definite, and at level 3 its eigenvalues are whole numbers: they are the
roots of a quadratic a learner solves by hand, chosen from the pairs whose discriminant is a
square. Every Hessian has a mixed partial that is not zero, so forgetting it shows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.bowl_templates import Curvatures, dressed_bowl
from steepest.engine.problems.draws import MAX_TRIES, coefficient
from steepest.engine.problems.problem import Problem, make_problem

_PAIRS = (("w1", "w2"), ("x", "y"))
_LARGEST = 6

Variables = tuple[sympy.Symbol, sympy.Symbol]
Template = Callable[[np.random.Generator, Variables], sympy.Expr]


def _bowls_with_whole_eigenvalues() -> tuple[tuple[int, int, int], ...]:
    """Every a·u² + c·uv + b·v² with 1 ≤ a, b ≤ 6 and 0 < |c| ≤ 6 that is positive definite and
    whose Hessian [[2a, c], [c, 2b]] has whole eigenvalues a + b ± √((a − b)² + c²)."""
    found = []
    for a in range(1, _LARGEST + 1):
        for b in range(1, _LARGEST + 1):
            for c in (*range(-_LARGEST, 0), *range(1, _LARGEST + 1)):
                root = sympy.sqrt((a - b) ** 2 + c**2)
                if root.is_Integer and a + b > root:
                    found.append((a, b, c))
    return tuple(found)


_CROSS_BOWLS = _bowls_with_whole_eigenvalues()


def _variables(rng: np.random.Generator) -> Variables:
    names = _PAIRS[int(rng.integers(0, len(_PAIRS)))]
    return make_symbol(names[0]), make_symbol(names[1])


def _curvatures(rng: np.random.Generator, count: int) -> list[int]:
    """Distinct positive coefficients of the squares."""
    return [int(c) + 1 for c in rng.choice(_LARGEST, size=count, replace=False)]


def _bowl_curvatures(rng: np.random.Generator, level: int) -> Curvatures:
    """The curvatures of a positive-definite bowl of the level: what stable_rate asks about.
    A shift, a linear term or a constant (`bowl_templates.py`) moves the minimum but not the
    curvature: the rate does not depend on them."""
    if level == 1:
        (a,) = _curvatures(rng, 1)
        return a, 0, 0
    if level == 2:
        a, b = _curvatures(rng, 2)
        return a, b, 0
    return _CROSS_BOWLS[int(rng.integers(0, len(_CROSS_BOWLS)))]


def stable_rate_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """η_max = 2/λmax for a bowl of the level, the same for the same seed."""
    rng = np.random.default_rng(seed)
    function, variables = dressed_bowl(rng, level, seed, _bowl_curvatures(rng, level))
    return make_problem(kind, function, variables, level=level, seed=seed)


def _quadratic(rng: np.random.Generator, v: Variables) -> sympy.Expr:
    a, b = v
    linear = coefficient(rng) * (a if rng.random() < 0.5 else b)
    squares = coefficient(rng) * a**2 + coefficient(rng) * b**2
    return squares + coefficient(rng) * a * b + linear


def _cubic(rng: np.random.Generator, v: Variables) -> sympy.Expr:
    a, b = v
    mixed = [(2, 1), (1, 2), (1, 1)]
    others = [(3, 0), (0, 3), (2, 0), (0, 2)]
    p, q = mixed[int(rng.integers(0, len(mixed)))]
    picks = rng.choice(len(others), size=int(rng.integers(1, 3)), replace=False)
    terms = [coefficient(rng) * a**p * b**q]
    terms.extend(coefficient(rng) * a ** others[i][0] * b ** others[i][1] for i in picks)
    return sympy.Add(*terms)


def _product(rng: np.random.Generator, v: Variables) -> sympy.Expr:
    a, b = v
    c1, c2, k = (coefficient(rng, 3) for _ in range(3))
    shape = int(rng.integers(0, 4))
    if shape == 0:
        return (a * b + k) ** 2
    if shape == 1:
        return c1 * a**2 * (b + k) ** 2
    if shape == 2:
        return (c1 * a + c2 * b + k) ** 3
    return (a**2 + abs(k)) * (b + c1) ** 2


_HESSIAN_TEMPLATES: dict[int, Template] = {1: _quadratic, 2: _cubic, 3: _product}


def hessian_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """The Hessian of a polynomial of the level, with a mixed partial that is not zero."""
    rng = np.random.default_rng(seed)
    for _ in range(MAX_TRIES):
        variables = _variables(rng)
        function = _HESSIAN_TEMPLATES[level](rng, variables)
        problem = make_problem(kind, function, variables, level=level, seed=seed)
        if problem.expected[1] != 0 and all(entry != 0 for entry in problem.expected[::3]):
            return problem
    raise EvaluationError(f"no well-posed Hessian problem at level {level} for seed {seed}")
