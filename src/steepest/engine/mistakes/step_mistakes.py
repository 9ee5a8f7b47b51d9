"""The wrong answers an optimizer's steps invite: the heavy-ball rule v ← βv + g, w ← w − ηv
misremembered over two steps, and Adam's or RMSProp's first step.

Each slip is a rule (`problems.heavy_ball.SLIPPED_RULES`, `problems.adaptive.ADAPTIVE_SLIPS`)
walked from the same start, so its answer is exact; the message names the mistake and the rule
that fixes it, never the answer.
"""

from __future__ import annotations

from steepest.engine.answer_kinds import AdaptiveSlipKind, MomentumSlipKind
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.problems.adaptive import ADAPTIVE_SLIPS
from steepest.engine.problems.exact_walk import exact_walk
from steepest.engine.problems.heavy_ball import SLIPPED_RULES
from steepest.engine.problems.problem import Problem

_MOMENTUM_MESSAGES: dict[MomentumSlipKind, tuple[str, str]] = {
    "velocity_forgotten": (
        "Your second step is plain gradient descent, w ← w − η·g: the velocity was forgotten."
        " The first step leaves v equal to the first gradient, and the second step moves by"
        " η times v ← βv + g, the old velocity kept at β and the new gradient added.",
        "The second step forgot the velocity: it carries the first gradient, shrunk by β.",
    ),
    "rate_applied_twice": (
        "You put η into the velocity, v ← βv + η·g, and then stepped by η·v: the rate is"
        " applied twice. In this form the velocity sums gradients, v ← βv + g, and η scales"
        " only the step w ← w − ηv.",
        "The rate is applied twice: η belongs only in the step, not in the velocity.",
    ),
    "momentum_on_gradient": (
        "You applied β to the new gradient, v ← v + β·g. β belongs on the old velocity, which"
        " it shrinks each step, and the new gradient is added whole: v ← βv + g.",
        "β belongs on the old velocity: the new gradient is added whole.",
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
            found.append(Mistake(code, landed[-1], *_MOMENTUM_MESSAGES[code]))
    return tuple(found)


_ADAPTIVE_MESSAGES: dict[AdaptiveSlipKind, tuple[str, str]] = {
    "bias_correction_forgotten": (
        "You used the averages m and v as they are. After one step from m = v = 0 they hold only"
        " (1 − β1)·g and (1 − β2)·g², far too small; Adam divides them by 1 − β1ᵗ and 1 − β2ᵗ"
        " before the step, and the step uses m̂/√v̂.",
        "The bias correction is missing: divide the averages by one minus β to the power t.",
    ),
    "decay_weight_forgotten": (
        "You added the whole g² to the average: RMSProp weighs the new square by 1 − ρ,"
        " E ← ρE + (1 − ρ)g², so after one step from E = 0 the average is only (1 − ρ)·g².",
        "The new square is added whole: RMSProp weighs it by one minus ρ.",
    ),
    "plain_descent": (
        "That is a plain gradient-descent step, w ← w − η·g. An adaptive rule divides the"
        " gradient by the root of its average square first, so each weight moves by about η"
        " whatever the size of its gradient.",
        "That is a plain descent step: divide the gradient by the root of its average square.",
    ),
}


def adaptive_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    """Where each slip of Adam's or RMSProp's step lands; none that equals the answer."""
    assert problem.point is not None
    (rate,) = problem.rates
    found = []
    for code, slipped in ADAPTIVE_SLIPS[problem.kind].items():
        landed = exact_walk(problem.function, problem.variables, problem.point, slipped(rate))
        if landed[-1] != problem.expected:
            found.append(Mistake(code, landed[-1], *_ADAPTIVE_MESSAGES[code]))
    return tuple(found)
