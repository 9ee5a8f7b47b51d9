"""Practice for lesson 01: the derivative L′(w) of a loss of one weight w, at three levels,
nine templates at each (`deal.py`).

    level 1  polynomials                  3w³ − 2w² + 5, 2w⁴ − w
    level 2  products and powers          (2w − 1)(w + 3), (3w − 2)²: a line's squared error
    level 3  exp, log and trig            e^(−2w), w·e^(3w), ln(w² + 1), ln(1 + e^(2w)), sin 3w,
                                          (ln w)², w·cos 2w

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
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.draws import MAX_TRIES, coefficient
from steepest.engine.problems.problem import Problem, make_problem

# A template draws a loss of w and says whether w must stay positive (for ln w).
Template = Callable[[np.random.Generator, sympy.Symbol], tuple[sympy.Expr, bool]]


def _c(rng: np.random.Generator, largest: int = 5) -> int:
    return coefficient(rng, largest)


_POLYNOMIALS: tuple[Template, ...] = (
    lambda r, w: (_c(r) * w**2 + _c(r) * w, False),
    lambda r, w: (_c(r) * w**3 + _c(r) * w, False),
    lambda r, w: (_c(r) * w**3 + _c(r) * w**2, False),
    lambda r, w: (_c(r) * w**4 + _c(r) * w**2, False),
    lambda r, w: (_c(r) * w**2 + _c(r) * w + _c(r), False),
    lambda r, w: (_c(r) * w**3 + _c(r) * w**2 + _c(r) * w + _c(r), False),
    lambda r, w: (_c(r) * w**4 + _c(r) * w**3, False),
    lambda r, w: (_c(r) * w**4 + _c(r) * w, False),
    lambda r, w: (_c(r) * w**3 + _c(r), False),
)

_PRODUCTS: tuple[Template, ...] = (
    lambda r, w: ((_c(r, 3) * w + _c(r, 3)) * (_c(r, 3) * w + _c(r, 3)), False),
    lambda r, w: (_c(r, 3) * w ** int(r.integers(1, 3)) * (w + _c(r, 3)) ** 2, False),
    lambda r, w: ((_c(r, 3) * w + _c(r, 3)) ** 3, False),
    # The squared error of a line y = w·x through one data point (x, y): an ML loss in miniature.
    lambda r, w: ((_c(r, 3) * w - _c(r, 3)) ** 2, False),
    lambda r, w: (w**2 * (_c(r, 3) * w + _c(r, 3)), False),
    lambda r, w: ((w**2 + _c(r, 3)) ** 2, False),
    lambda r, w: (w * (_c(r, 2) * w + _c(r, 3)) ** 3, False),
    lambda r, w: ((w**2 + _c(r, 3)) * (_c(r, 3) * w + _c(r, 3)), False),
    lambda r, w: ((_c(r, 2) * w + _c(r, 3)) ** 4, False),
)

_TRANSCENDENTAL: tuple[Template, ...] = (
    lambda r, w: (sympy.exp(_c(r, 3) * w), False),
    lambda r, w: (w * sympy.exp(_c(r, 3) * w), False),
    lambda r, w: (sympy.log(w**2 + abs(_c(r, 3))), False),
    lambda r, w: ((sympy.sin if r.random() < 0.5 else sympy.cos)(_c(r, 3) * w), False),
    # Softplus of a score: the loss of logistic regression, in one weight.
    lambda r, w: (sympy.log(1 + sympy.exp(_c(r, 3) * w)), False),
    lambda r, w: (sympy.exp(-abs(_c(r, 3)) * w**2), False),
    lambda r, w: (w * sympy.log(w), True),
    lambda r, w: (sympy.log(w) ** 2, True),
    lambda r, w: (w * sympy.cos(_c(r, 3) * w), False),
)

_TEMPLATES: dict[int, tuple[Template, ...]] = {
    1: _POLYNOMIALS,
    2: _PRODUCTS,
    3: _TRANSCENDENTAL,
}


def derivative_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """L′(w) for a loss drawn from the seed's template of the level (`deal.py`), the same
    for the same seed."""
    rng = np.random.default_rng(seed)
    w = make_symbol("w")
    templates = _TEMPLATES[level]
    template = templates[template_of(seed, len(templates))]
    for _ in range(MAX_TRIES):
        function, positive = template(rng, w)
        domain = {"w": "positive"} if positive else None
        problem = make_problem(kind, function, (w,), domain=domain, level=level, seed=seed)
        if problem.expected[0].has(w):
            return problem  # a slope that changes with w: not a line's constant slope
    raise EvaluationError(f"no well-posed derivative problem at level {level} for seed {seed}")
