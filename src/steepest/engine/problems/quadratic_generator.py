"""Practice on curvature: the largest stable learning rate of gradient descent on a quadratic
(lesson 04), and the Hessian of a polynomial in two variables.

    stable_rate  level 1  one weight            3w² − 6w                    η_max = 1/3
                 level 2  a separable bowl      2(w1 − 1)² + 5w2²           η_max = 1/5
                 level 3  a bowl with a cross term   2w1² + 3w1w2 + 2w2²    η_max = 2/7

    hessian      level 1  quadratics            3w1² − 2w1w2 + w2² + 4w1, (w1 + 2w2)²
                 level 2  cubics                w1³ − 2w1²w2 + 3w2², w1²w2 + 2w1w2²
                 level 3  products and powers   (w1w2 − 2)², 3w1²(w2 + 1)², w1w2(w1 + w2 + 1)

Each level of either topic holds nine templates (`deal.py`; the bowls' in `bowl_templates.py`).

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
from steepest.engine.problems.deal import template_of
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


def _c(rng: np.random.Generator, largest: int = 5) -> int:
    return coefficient(rng, largest)


_QUADRATICS: tuple[Template, ...] = (
    lambda r, v: _c(r) * v[0] ** 2 + _c(r) * v[1] ** 2 + _c(r) * v[0] * v[1] + _c(r) * v[0],
    lambda r, v: _c(r) * v[0] ** 2 + _c(r) * v[1] ** 2 + _c(r) * v[0] * v[1],
    lambda r, v: _c(r) * v[0] ** 2 + _c(r) * v[1] ** 2 + _c(r) * v[0] * v[1] + _c(r),
    lambda r, v: _c(r) * v[0] ** 2 + _c(r) * v[1] ** 2 + _c(r) * v[0] * v[1] + _c(r) * v[1],
    lambda r, v: (_c(r, 3) * v[0] + _c(r, 3) * v[1]) ** 2,
    lambda r, v: _c(r) * (v[0] + _c(r, 3)) ** 2 + _c(r) * v[0] * v[1] + _c(r) * v[1] ** 2,
    lambda r, v: v[0] * (_c(r) * v[0] + _c(r) * v[1]) + _c(r) * v[1] ** 2,
    lambda r, v: _c(r) * v[0] ** 2 + v[1] * (_c(r) * v[0] + _c(r) * v[1]),
    lambda r, v: _c(r) * v[0] ** 2 + _c(r) * v[1] ** 2 + (v[0] - _c(r, 3)) * (v[1] - _c(r, 3)),
)


def _monomials(powers: tuple[tuple[int, int], ...]) -> Template:
    """A polynomial of these monomials (p, q) standing for u^p·v^q, each with a coefficient."""

    def draw(rng: np.random.Generator, v: Variables) -> sympy.Expr:
        return sympy.Add(*(_c(rng) * v[0] ** p * v[1] ** q for p, q in powers))

    return draw


# Each cubic has its own monomials, one of them mixed, so that the mixed partial is not zero.
_CUBICS: tuple[Template, ...] = tuple(
    _monomials(powers)
    for powers in (
        ((3, 0), (2, 1), (0, 2)),
        ((0, 3), (1, 2), (2, 0)),
        ((3, 0), (0, 3), (1, 1)),
        ((2, 1), (1, 2)),
        ((3, 0), (1, 1), (0, 2)),
        ((2, 1), (0, 3), (1, 0)),
        ((1, 2), (3, 0), (0, 1)),
        ((2, 1), (2, 0), (0, 2)),
        ((1, 2), (2, 0), (0, 2)),
    )
)

_PRODUCTS: tuple[Template, ...] = (
    lambda r, v: (v[0] * v[1] + _c(r, 3)) ** 2,
    lambda r, v: _c(r, 3) * v[0] ** 2 * (v[1] + _c(r, 3)) ** 2,
    lambda r, v: (_c(r, 3) * v[0] + _c(r, 3) * v[1] + _c(r, 3)) ** 3,
    lambda r, v: (v[0] ** 2 + abs(_c(r, 3))) * (v[1] + _c(r, 3)) ** 2,
    lambda r, v: (v[0] + _c(r, 3)) ** 2 * (v[1] + _c(r, 3)) ** 2,
    lambda r, v: (v[0] * v[1] + _c(r, 3)) ** 3,
    lambda r, v: v[0] * v[1] * (v[0] + v[1] + _c(r, 3)),
    lambda r, v: (v[0] ** 2 + v[1] ** 2 + _c(r, 3)) ** 2,
    lambda r, v: (_c(r, 3) * v[0] - v[1]) ** 2 * (v[0] + _c(r, 3)),
)


_HESSIAN_TEMPLATES: dict[int, tuple[Template, ...]] = {
    1: _QUADRATICS,
    2: _CUBICS,
    3: _PRODUCTS,
}


def hessian_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """The Hessian of a polynomial of the level, with a mixed partial that is not zero."""
    rng = np.random.default_rng(seed)
    templates = _HESSIAN_TEMPLATES[level]
    template = templates[template_of(seed, len(templates))]
    for _ in range(MAX_TRIES):
        variables = _variables(rng)
        function = template(rng, variables)
        problem = make_problem(kind, function, variables, level=level, seed=seed)
        if problem.expected[1] != 0 and all(entry != 0 for entry in problem.expected[::3]):
            return problem
    raise EvaluationError(f"no well-posed Hessian problem at level {level} for seed {seed}")
