"""The first step of Adam and of RMSProp with ε = 0, and the ways each is misremembered, as
rules for `exact_walk`:

    adam_step     Adam (Kingma & Ba), default β1, β2: m̂ = g and v̂ = g², so each weight moves
                  by η·sign(g)
                  bias_correction_forgotten  m = g/10 over √v = |g|/√1000: η·√10·sign(g)
    rmsprop_step  RMSProp, ρ = 0.9: E = g²/10, so each weight moves by η·√10·sign(g)
                  decay_weight_forgotten     E ← ρE + g² (no 1 − ρ): η·sign(g)
    either        plain_descent              w ← w − ηg

With ε = 0 every answer is exact: a step of size η, or η·√10.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import AdaptiveSlipKind, ProblemKind
from steepest.engine.optimizers.rules import (
    ADAM_BETA1,
    ADAM_BETA2,
    Adam,
    GradientDescent,
    RMSProp,
    Rule,
    State,
    Vector,
)

_NO_EPSILON = sympy.S.Zero


@dataclass(frozen=True)
class _AdamUncorrected:
    """Adam's step with m and v used as they are, not divided by 1 − βᵗ."""

    rate: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        first = tuple(
            ADAM_BETA1 * m + (1 - ADAM_BETA1) * g for m, g in zip(state.first, slope, strict=True)
        )
        second = tuple(
            ADAM_BETA2 * v + (1 - ADAM_BETA2) * g**2
            for v, g in zip(state.second, slope, strict=True)
        )
        moved = tuple(
            w - self.rate * m / sympy.sqrt(v)
            for w, m, v in zip(weights, first, second, strict=True)
        )
        return moved, State(state.taken + 1, first, second)


def adaptive_rules(kind: ProblemKind, rate: sympy.Expr) -> tuple[Rule, ...]:
    """The rule of `kind` (adam_step or rmsprop_step) for its one step, ε = 0."""
    if kind == "adam_step":
        return (Adam(rate, epsilon=_NO_EPSILON),)
    return (RMSProp(rate, epsilon=_NO_EPSILON),)


SlippedRules = Callable[[sympy.Expr], tuple[Rule, ...]]

ADAPTIVE_SLIPS: dict[ProblemKind, dict[AdaptiveSlipKind, SlippedRules]] = {
    "adam_step": {
        "bias_correction_forgotten": lambda rate: (_AdamUncorrected(rate),),
        "plain_descent": lambda rate: (GradientDescent(rate),),
    },
    "rmsprop_step": {
        "decay_weight_forgotten": lambda rate: (
            RMSProp(rate, decay=sympy.S.Zero, epsilon=_NO_EPSILON),
        ),
        "plain_descent": lambda rate: (GradientDescent(rate),),
    },
}
"""Each kind's slips, as rules from η."""
