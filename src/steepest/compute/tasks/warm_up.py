"""Imported last by the forkserver, before it forks any worker: one small call of each kind of
engine work whose module it has imported, so that what SymPy and numpy load or build on first
use is in place once, in the forkserver, rather than in every worker on its first call.

Without it a fresh worker's first preview took 50-60 ms against 0.2-0.5 ms after, most of it
SymPy importing sympy.combinatorics and sympy.tensor on its first Add; a first practice problem
imports sympy.assumptions.wrapper, first level sets numpy.ma. Workers are replaced after every
timeout, so a client flooding the server with expensive input would otherwise hand that cost
to whoever's call next met a fresh worker.

Nothing here is a task: the compute lanes list this module in their preload (`lanes.py`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from steepest.compute.tasks.messages import (
    DescentQuery,
    EquivalenceQuery,
    GradientQuery,
    PracticeAnswer,
    PracticeKey,
    PreviewQuery,
    SurfaceQuery,
)

logger = logging.getLogger(__name__)


def _answers() -> None:
    from steepest.compute.tasks import answers

    answers.preview(PreviewQuery("2w1 + 6w2"))
    answers.preview(PreviewQuery("(2w1, 6w2)"))
    # A box under a question previews as that question's check reads: the problem is rebuilt.
    answers.preview(PreviewQuery("(2, -12)", problem=PracticeKey("gradient", 3, "gradient_at", 7)))
    answers.equivalence(EquivalenceQuery("sin(x) + exp(x)", "exp(x) + sin(x)", ["x"]))


def _gradients() -> None:
    from steepest.compute.tasks import gradients

    gradients.gradient_report(GradientQuery("w1^2 + 3w2^2", {"w1": 1, "w2": "1/2"}))


def _practice() -> None:
    from steepest.compute.tasks import practice

    key = PracticeKey("gradient", 3, "gradient_at", 7)
    practice.practice_problem(key)
    practice.practice_feedback(PracticeAnswer(key, "(1, 2)"))


def _surface() -> None:
    from steepest.compute.tasks import surface

    surface.level_sets(SurfaceQuery("w1^2 + 3w2^2", None, 12))
    surface.descent_path(DescentQuery("w1^2 + 3w2^2", {"w1": 1, "w2": 1}, 0.1, 10))


_WARM_UPS: dict[str, Callable[[], None]] = {
    "steepest.compute.tasks.answers": _answers,
    "steepest.compute.tasks.gradients": _gradients,
    "steepest.compute.tasks.practice": _practice,
    "steepest.compute.tasks.surface": _surface,
}


def _warm_up() -> None:
    for module, warm_up in _WARM_UPS.items():
        if module not in sys.modules:
            continue  # a pool that never runs these tasks need not load what they use
        try:
            warm_up()
        except Exception:
            # Workers would only start colder; the forkserver must start regardless.
            logger.exception("warming up %s failed", module)


_warm_up()
