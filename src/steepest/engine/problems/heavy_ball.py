"""The heavy-ball rule of `optimizers.rules`, and the ways it is misremembered, as rules for
`exact_walk` to take step by step:

    the rule                 v ← βv + g,   w ← w − ηv      (PyTorch's SGD momentum)
    velocity_forgotten       the second step taken as plain descent, w ← w − ηg
    rate_applied_twice       v ← βv + ηg,  w ← w − ηv      (η in the velocity and the step)
    momentum_on_gradient     v ← v + βg,   w ← w − ηv      (β on the gradient, not on v)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy

from steepest.engine.answer_kinds import MomentumSlipKind
from steepest.engine.optimizers.rules import (
    GradientDescent,
    HeavyBall,
    Rule,
    State,
    Vector,
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
