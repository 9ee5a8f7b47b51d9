"""The wrong answers two heavy-ball steps invite: the rule v ← βv + g, w ← w − ηv misremembered.

Each slip is a rule of `problems.heavy_ball.SLIPPED_RULES` walked from the same start, so its
answer is exact; the message names the mistake and the rule that fixes it, never the answer.
"""

from __future__ import annotations

from steepest.engine.answer_kinds import MomentumSlipKind
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.problems.exact_walk import exact_walk
from steepest.engine.problems.heavy_ball import SLIPPED_RULES
from steepest.engine.problems.problem import Problem

_MESSAGES: dict[MomentumSlipKind, str] = {
    "velocity_forgotten": (
        "Your second step is plain gradient descent, w ← w − η·g: the velocity was forgotten."
        " The first step leaves v equal to the first gradient, and the second step moves by"
        " η times v ← βv + g, the old velocity kept at β and the new gradient added."
    ),
    "rate_applied_twice": (
        "You put η into the velocity, v ← βv + η·g, and then stepped by η·v: the rate is"
        " applied twice. In this form the velocity sums gradients, v ← βv + g, and η scales"
        " only the step w ← w − ηv."
    ),
    "momentum_on_gradient": (
        "You applied β to the new gradient, v ← v + β·g. β belongs on the old velocity, which"
        " it shrinks each step, and the new gradient is added whole: v ← βv + g."
    ),
}


def momentum_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    """Where each slip lands, most telling first; none that equals the answer."""
    assert problem.point is not None
    rate, beta = problem.rates
    found = []
    for code, slipped in SLIPPED_RULES.items():
        landed = exact_walk(problem.function, problem.variables, problem.point, slipped(rate, beta))
        if landed[-1] != problem.expected:
            found.append(Mistake(code, landed[-1], _MESSAGES[code]))
    return tuple(found)
