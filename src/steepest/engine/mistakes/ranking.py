"""Which explanation of a wrong answer to believe when several fit.

One answer can be several mistakes at once: −2(wx + b − y) is ∂L/∂b with its sign lost, and also
∂L/∂y exactly; 2(wx + b − y) is ∂L/∂w without the chain rule's x, and also ∂L/∂b. The catalogue
lists what each mistake would give; this order says which is likelier, so the diagnosis names a
one-symbol slip before a whole derivative taken by the wrong variable. Codes not listed (an
optimum's, a step's, a curvature's) never compete with these and keep their catalogue order.
"""

from __future__ import annotations

from collections.abc import Iterable

from steepest.engine.answer_kinds import MistakeCode
from steepest.engine.mistakes.mistake import Mistake

# Likeliest first: one lost symbol (a sign, a constant term left in, a factor) before a step
# left out (not evaluating, not differentiating), before the answer to another question
# (another variable, the point). 2w + 1 for w² − 4w + 5 keeps the 5 before it turns −4w into w;
# x·e^(xy) for ∂/∂x of e^(xy) is ∂/∂y whole before it is y·e^(xy) with the names swapped.
LIKELIHOOD: tuple[MistakeCode, ...] = (
    "sign",
    "kept_constant_term",
    "chain_factor",
    "power_coefficient",
    "constant_factor",
    "not_evaluated",
    "point_not_gradient",
    "loss_not_derivative",
    "swapped_components",
    "swapped_point",
    "normalised",
    "not_held_constant",
    "wrong_variable",
    "renamed_variable",
)


def ranked(mistakes: Iterable[Mistake]) -> tuple[Mistake, ...]:
    """The mistakes likeliest first; a stable sort, so equals keep the catalogue's order."""
    return tuple(sorted(mistakes, key=_rank))


def _rank(mistake: Mistake) -> int:
    code = mistake.code
    return LIKELIHOOD.index(code) if code in LIKELIHOOD else len(LIKELIHOOD)
