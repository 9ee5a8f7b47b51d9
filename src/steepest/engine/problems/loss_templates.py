"""The losses in two variables that the derivative topics (partial, gradient, descent, mixed)
practise: nine templates at each level, so that problems vary (`deal.py`).

    level 1  polynomials                  3w1² − 2w1w2 + w2³, 2xy + 3x − y
    level 2  products                     (2x − 1)(y + 3), (w1 w2 − 2)², (x + 2y − 1)²
    level 3  exp, log and trig losses     e^(x − 2y), ln(w1² + w2² + 1), sin(πx/2)·y², w1·e^(−w2)

A template draws a loss and says which variables must stay positive (for ln). Each can give a
hand-sized answer at some small whole point, so a problem at a point never runs out of draws.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.problems.draws import coefficient

Variables = tuple[sympy.Symbol, sympy.Symbol]
Template = Callable[[np.random.Generator, Variables], tuple[sympy.Expr, frozenset[str]]]
_ANYWHERE: frozenset[str] = frozenset()


def _c(rng: np.random.Generator, largest: int = 5) -> int:
    return coefficient(rng, largest)


_POLYNOMIALS: tuple[Template, ...] = (
    lambda r, v: (_c(r) * v[0] ** 2 + _c(r) * v[0] * v[1] + _c(r) * v[1] ** 2, _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 3 + _c(r) * v[0] * v[1], _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 2 * v[1] + _c(r) * v[1], _ANYWHERE),
    lambda r, v: (_c(r) * v[0] * v[1] ** 2 + _c(r) * v[0], _ANYWHERE),
    lambda r, v: (_c(r) * v[0] * v[1] + _c(r) * v[0] + _c(r) * v[1], _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 2 + _c(r) * v[1] ** 3, _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 2 * v[1] + _c(r) * v[0] * v[1] ** 2, _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 3 + _c(r) * v[1] ** 2 + _c(r) * v[1], _ANYWHERE),
    lambda r, v: (_c(r) * v[0] ** 2 * v[1] ** 2 + _c(r) * v[0], _ANYWHERE),
)

_PRODUCTS: tuple[Template, ...] = (
    lambda r, v: ((_c(r, 3) * v[0] + _c(r, 3)) * (_c(r, 3) * v[1] + _c(r, 3)), _ANYWHERE),
    lambda r, v: (_c(r, 3) * v[0] ** int(r.integers(1, 3)) * (v[1] + _c(r, 3)) ** 2, _ANYWHERE),
    lambda r, v: ((v[0] * v[1] + _c(r, 3)) ** 2, _ANYWHERE),
    # The squared error of a line through one data point: an ML loss in miniature.
    lambda r, v: ((_c(r, 3) * v[0] + _c(r, 3) * v[1] + _c(r, 3)) ** 2, _ANYWHERE),
    lambda r, v: ((v[0] + _c(r, 3)) ** 2 * (v[1] + _c(r, 3)), _ANYWHERE),
    lambda r, v: (v[0] * v[1] * (_c(r, 3) * v[0] + _c(r, 3) * v[1]), _ANYWHERE),
    lambda r, v: ((v[0] ** 2 + abs(_c(r, 3))) * (v[1] + _c(r, 3)), _ANYWHERE),
    lambda r, v: ((v[0] + _c(r, 2) * v[1]) ** 3, _ANYWHERE),
    lambda r, v: (_c(r, 3) * v[0] * (v[0] * v[1] + _c(r, 3)), _ANYWHERE),
)

_TRANSCENDENTAL: tuple[Template, ...] = (
    lambda r, v: (sympy.exp(_c(r, 2) * v[0] + _c(r, 2) * v[1]), _ANYWHERE),
    lambda r, v: (v[0] * sympy.exp(_c(r, 2) * v[1]), _ANYWHERE),
    lambda r, v: (sympy.log(v[0] ** 2 + v[1] ** 2 + 1), _ANYWHERE),
    lambda r, v: (sympy.sin(sympy.pi * v[0] / 2) * v[1] ** 2, _ANYWHERE),
    # Softplus of a linear score: the logistic-regression loss.
    lambda r, v: (sympy.log(1 + sympy.exp(_c(r, 2) * v[0] + _c(r, 2) * v[1])), _ANYWHERE),
    lambda r, v: (sympy.log(v[0]) * v[1] + v[0], frozenset({v[0].name})),
    lambda r, v: (sympy.exp(v[0] * v[1]), _ANYWHERE),
    lambda r, v: (sympy.cos(sympy.pi * v[0]) * _c(r, 3) * v[1], _ANYWHERE),
    lambda r, v: (v[1] * sympy.exp(-(v[0] ** 2)) + _c(r, 3) * v[0], _ANYWHERE),
)

LOSS_TEMPLATES: dict[int, tuple[Template, ...]] = {
    1: _POLYNOMIALS,
    2: _PRODUCTS,
    3: _TRANSCENDENTAL,
}
"""Each level's templates; a problem's seed chooses one (`deal.template_of`)."""
