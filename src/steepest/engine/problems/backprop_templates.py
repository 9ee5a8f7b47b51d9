"""Practice for lesson 03: the gradient of a loss built as a small computation graph, the
chain rule run backwards through it, at a point. Nine graphs at each level (`deal.py`).

    level 1  one neuron          (2w + b − 3)², a linear unit and its squared error
    level 2  two layers          (v·(2w) − 3)², two weights in a row
    level 3  exp, log, logistic  ln(1 + e^(−(2w + b))), the logistic loss of one example

The data of each graph (an input x and a target y) are small whole numbers baked into the loss,
so the learner differentiates with respect to the knobs only. The knobs are w and b at level 1
and 3, and the weights w1, w2 of the two layers at level 2.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.problems.draws import coefficient

Variables = tuple[sympy.Symbol, sympy.Symbol]
Template = Callable[[np.random.Generator, Variables], tuple[sympy.Expr, frozenset[str]]]
_ANYWHERE: frozenset[str] = frozenset()


def _x(rng: np.random.Generator) -> int:
    """An input: a nonzero whole number, so the weight it multiplies matters."""
    return coefficient(rng, 3)


def _y(rng: np.random.Generator) -> int:
    """A target: a nonzero whole number, so no node of the graph drops out."""
    return coefficient(rng, 3)


_ONE_NEURON: tuple[Template, ...] = (
    lambda r, v: ((_x(r) * v[0] + v[1] - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((_x(r) * v[0] + v[1] - _y(r)) ** 2 / 2, _ANYWHERE),
    lambda r, v: ((v[0] * v[1] - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((_x(r) * v[0] + v[1]) ** 3, _ANYWHERE),
    lambda r, v: ((_x(r) * v[0] ** 2 + v[1] - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: (
        (_x(r) * v[0] + v[1] - _y(r)) ** 2 + (_x(r) * v[0] + v[1] - _y(r)) ** 2,
        _ANYWHERE,
    ),
    lambda r, v: ((v[0] * (_x(r) + v[1]) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: (_x(r) * (v[0] + v[1]) ** 2 - _y(r) * v[0], _ANYWHERE),
    lambda r, v: ((_x(r) * v[0] + v[1]) ** 2 * v[1], _ANYWHERE),
)

_TWO_LAYERS: tuple[Template, ...] = (
    lambda r, v: ((v[1] * (_x(r) * v[0]) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((v[1] * (_x(r) * v[0]) ** 2 - _y(r)) ** 2, _ANYWHERE),
    # A skip connection: w1 reaches the loss along two paths, whose slopes add.
    lambda r, v: ((v[1] * (_x(r) * v[0]) + v[0] - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((v[1] * (v[0] + _x(r)) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: (((v[0] + v[1]) * _x(r) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((v[0] ** 2 + _x(r) * v[1] - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((v[1] * (v[0] - _x(r)) ** 2 - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: (((_x(r) * v[0] - _y(r)) ** 2 + v[1]) ** 2, _ANYWHERE),
    lambda r, v: ((v[1] ** 2 * (_x(r) * v[0]) - _y(r)) ** 2, _ANYWHERE),
)

_EXP_AND_LOG: tuple[Template, ...] = (
    # The logistic loss of one example with label ±1: softplus of minus the margin.
    lambda r, v: (sympy.log(1 + sympy.exp(-(_x(r) * v[0] + v[1]))), _ANYWHERE),
    # The Poisson loss of a count y under the rate e^(wx + b).
    lambda r, v: (sympy.exp(_x(r) * v[0] + v[1]) - _y(r) * (v[0] + v[1]), _ANYWHERE),
    lambda r, v: ((sympy.exp(_x(r) * v[0] + v[1]) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: (sympy.log((_x(r) * v[0] + v[1]) ** 2 + 1), _ANYWHERE),
    lambda r, v: ((v[0] * sympy.exp(v[1]) - _y(r)) ** 2, _ANYWHERE),
    lambda r, v: ((sympy.log(v[0]) * _x(r) + v[1] - _y(r)) ** 2, frozenset({v[0].name})),
    lambda r, v: ((_x(r) * v[0] + v[1]) * sympy.exp(-v[1]), _ANYWHERE),
    lambda r, v: (v[0] * sympy.exp(_x(r) * v[1]), _ANYWHERE),
    lambda r, v: (sympy.log(1 + sympy.exp(_x(r) * v[0])) + _y(r) * v[1] ** 2, _ANYWHERE),
)

BACKPROP_TEMPLATES: dict[int, tuple[Template, ...]] = {
    1: _ONE_NEURON,
    2: _TWO_LAYERS,
    3: _EXP_AND_LOG,
}
"""Each level's graphs; a problem's seed chooses one (`deal.template_of`)."""

BACKPROP_KNOBS: dict[int, tuple[str, str]] = {1: ("w", "b"), 2: ("w1", "w2"), 3: ("w", "b")}
"""The knobs each level differentiates by."""
