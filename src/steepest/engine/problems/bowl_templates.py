"""How a practice bowl is written: nine templates at each level for the topics on quadratic
bowls (stable_rate, momentum_step, adam_step), so problems vary (`deal.py`).

The caller chooses the curvatures, which decide the answer's hard part (the Hessian): a for
a·w² at level 1, a and b for a separable bowl at level 2, and a cross term c at level 3. A
template only dresses them: a shifted centre, a linear term, a constant, a factored term.

    level 1  3w², 3w² − 6w, 3(w − 1)², 3w(w − 2), 3(w − 1)(w + 2), ...
    level 2  2w1² + 5w2², 2(w1 − 1)² + 5(w2 + 2)², 2w1² + 5w2² + 3w1, ...
    level 3  2w1² + 3w1w2 + 2w2², w1(2w1 + 3w2) + 2w2², the same about (1, −2), ...

Every coefficient stays whole, so steps with decimal rates stay terminating decimals.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.draws import coefficient

Curvatures = tuple[int, int, int]
"""(a, b, c): the bowl a·u² + c·uv + b·v², or a·w² with one weight."""
Dressing = Callable[[np.random.Generator, Curvatures, sympy.Symbol, sympy.Symbol], sympy.Expr]


def _shift(rng: np.random.Generator) -> int:
    """A nonzero shift of the centre, or a nonzero linear coefficient or constant."""
    return coefficient(rng, 3)


def _factored(rng: np.random.Generator, a: int, w: sympy.Symbol) -> sympy.Expr:
    """(w − p)(a·w − a·p + d), never a square: a·w² with its roots p and p − d/a."""
    p = _shift(rng)
    return (w - p) * (a * w - a * p + _shift(rng))


_ONE_WEIGHT: tuple[Dressing, ...] = (
    lambda r, k, w, _: k[0] * w**2,
    lambda r, k, w, _: k[0] * w**2 + _shift(r) * w,
    lambda r, k, w, _: k[0] * (w - _shift(r)) ** 2,
    lambda r, k, w, _: k[0] * w**2 + _shift(r),
    lambda r, k, w, _: k[0] * w * (w - _shift(r)),
    lambda r, k, w, _: _factored(r, k[0], w),
    lambda r, k, w, _: k[0] * (w - _shift(r)) ** 2 + _shift(r),
    lambda r, k, w, _: k[0] * w**2 + _shift(r) * w + _shift(r),
    lambda r, k, w, _: k[0] * (w - _shift(r)) ** 2 + _shift(r) * w,
)

_SEPARABLE: tuple[Dressing, ...] = (
    lambda r, k, u, v: k[0] * u**2 + k[1] * v**2,
    lambda r, k, u, v: k[0] * (u - _shift(r)) ** 2 + k[1] * (v - _shift(r)) ** 2,
    lambda r, k, u, v: k[0] * u**2 + k[1] * v**2 + _shift(r) * u,
    lambda r, k, u, v: k[0] * u**2 + k[1] * (v - _shift(r)) ** 2,
    lambda r, k, u, v: k[0] * (u - _shift(r)) ** 2 + k[1] * v**2,
    lambda r, k, u, v: k[0] * u**2 + k[1] * v**2 + _shift(r),
    lambda r, k, u, v: k[0] * u * (u - _shift(r)) + k[1] * v**2,
    lambda r, k, u, v: k[0] * u**2 + k[1] * v**2 + _shift(r) * v,
    lambda r, k, u, v: k[0] * u**2 + k[1] * v * (v - _shift(r)),
)


def _about(k: Curvatures, u: sympy.Expr, v: sympy.Expr) -> sympy.Expr:
    return k[0] * u**2 + k[2] * u * v + k[1] * v**2


_CROSSED: tuple[Dressing, ...] = (
    lambda r, k, u, v: _about(k, u, v),
    lambda r, k, u, v: _about(k, u, v) + _shift(r) * u,
    lambda r, k, u, v: _about(k, u, v) + _shift(r) * v,
    lambda r, k, u, v: _about(k, u - _shift(r), v - _shift(r)),
    lambda r, k, u, v: _about(k, u, v) + _shift(r),
    lambda r, k, u, v: k[0] * u**2 + k[2] * u * v + k[1] * (v - _shift(r)) ** 2,
    lambda r, k, u, v: u * (k[0] * u + k[2] * v) + k[1] * v**2,
    lambda r, k, u, v: k[0] * u**2 + v * (k[2] * u + k[1] * v),
    lambda r, k, u, v: _about(k, u, v) + _shift(r) * u + _shift(r) * v,
)

BOWL_TEMPLATES: dict[int, tuple[Dressing, ...]] = {1: _ONE_WEIGHT, 2: _SEPARABLE, 3: _CROSSED}


def dressed_bowl(
    rng: np.random.Generator, level: int, seed: int, curvatures: Curvatures
) -> tuple[sympy.Expr, tuple[sympy.Symbol, ...]]:
    """The bowl of `curvatures` written as the seed's template of the level says, and its
    weights: w alone at level 1, w1 and w2 after."""
    templates = BOWL_TEMPLATES[level]
    dressing = templates[template_of(seed, len(templates))]
    if level == 1:
        w = make_symbol("w")
        return dressing(rng, curvatures, w, w), (w,)
    u, v = make_symbol("w1"), make_symbol("w2")
    return dressing(rng, curvatures, u, v), (u, v)
