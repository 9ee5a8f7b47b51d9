"""Walking update rules from a point on a loss, exactly: where each step lands.

A walk takes one rule per step, so it may change rule halfway (a slip of the second step only);
the state carries on. Unlike `optimizers.walks`, which goes on in 60 digits once a root
appears, every value stays exact: a practice answer key is compared with what a learner types.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.optimizers.rules import Rule, Vector, initial_state


def exact_walk(
    function: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    start: Sequence[sympy.Expr],
    rules: Sequence[Rule],
) -> list[Vector]:
    """The weights after each step, the i-th step taken by `rules[i]`."""
    slopes = gradient(function, tuple(variables))
    weights, state = tuple(start), initial_state(len(variables))
    landed = []
    for rule in rules:
        at = dict(zip(variables, weights, strict=True))
        weights, state = rule.step(weights, tuple(g.xreplace(at) for g in slopes), state)
        landed.append(weights)
    return landed


def rate_text(value: sympy.Rational) -> str:
    """η or β as the decimal it is (0.05, 0.9): the problems draw only terminating ones."""
    return str(Decimal(int(value.p)) / Decimal(int(value.q)))
