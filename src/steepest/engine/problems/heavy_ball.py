"""Walking an update rule from a point on a loss, exactly: where each step lands, by the
heavy-ball rule of `optimizers.rules` or by one of the ways it is misremembered.

    the rule                 v ← βv + g,   w ← w − ηv      (PyTorch's SGD momentum)
    velocity_forgotten       the second step taken as plain descent, w ← w − ηg
    rate_applied_twice       v ← βv + ηg,  w ← w − ηv      (η in the velocity and the step)
    momentum_on_gradient     v ← v + βg,   w ← w − ηv      (β on the gradient, not on v)

A walk takes one rule per step, so it may change rule halfway; the state carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import sympy

from steepest.engine.answer_kinds import MomentumSlipKind
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.optimizers.rules import (
    GradientDescent,
    HeavyBall,
    Rule,
    State,
    Vector,
    initial_state,
)

STEPS = 2
"""How many steps a momentum_step problem asks for: the second is the first the velocity moves."""


@dataclass(frozen=True)
class _RateInVelocity:
    rate: sympy.Expr
    beta: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        velocity = tuple(
            self.beta * v + self.rate * g for v, g in zip(state.first, slope, strict=True)
        )
        moved = tuple(w - self.rate * v for w, v in zip(weights, velocity, strict=True))
        return moved, replace(state, taken=state.taken + 1, first=velocity)


@dataclass(frozen=True)
class _MomentumOnGradient:
    rate: sympy.Expr
    beta: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        velocity = tuple(v + self.beta * g for v, g in zip(state.first, slope, strict=True))
        moved = tuple(w - self.rate * v for w, v in zip(weights, velocity, strict=True))
        return moved, replace(state, taken=state.taken + 1, first=velocity)


def heavy_ball_rules(rate: sympy.Expr, beta: sympy.Expr) -> tuple[Rule, ...]:
    """The rule itself, for every step."""
    return (HeavyBall(rate, beta),) * STEPS


SLIPPED_RULES: dict[MomentumSlipKind, Callable[[sympy.Expr, sympy.Expr], tuple[Rule, ...]]] = {
    "velocity_forgotten": lambda rate, beta: (HeavyBall(rate, beta), GradientDescent(rate)),
    "rate_applied_twice": lambda rate, beta: (_RateInVelocity(rate, beta),) * STEPS,
    "momentum_on_gradient": lambda rate, beta: (_MomentumOnGradient(rate, beta),) * STEPS,
}
"""Each slip's rules, step by step, from η and β."""


def rate_text(value: sympy.Rational) -> str:
    """η or β as the decimal it is (0.05, 0.9): the problems draw only terminating ones."""
    return str(Decimal(int(value.p)) / Decimal(int(value.q)))


def walk(
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
