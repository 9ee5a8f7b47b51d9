"""Practice on adaptive steps (lesson 08): where Adam's or RMSProp's first step lands, ε = 0.

    level 1  one weight                 3w²                    from w = 2
    level 2  a separable bowl           2w1² + w2²             from (1, −2)
    level 3  a bowl with a cross term   2w1² + w1w2 + w2²      from (1, 1)

Each problem is an Adam step or an RMSProp step, as the caller asks. Every gradient component
is nonzero, so every weight moves; a problem is kept only when each slip of
`adaptive.ADAPTIVE_SLIPS` lands somewhere else than the answer and than each other.
"""

from __future__ import annotations

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.errors import EvaluationError
from steepest.engine.problems.adaptive import ADAPTIVE_SLIPS
from steepest.engine.problems.bowl_templates import dressed_bowl
from steepest.engine.problems.draws import MAX_TRIES, small_curvatures, whole_point
from steepest.engine.problems.exact_walk import exact_walk
from steepest.engine.problems.problem import Problem, make_problem

_RATES = (sympy.Rational(1, 10), sympy.Rational(1, 5), sympy.Rational(1, 2))


def adaptive_step_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """One Adam or RMSProp step on a bowl of the level, each slip telling itself apart."""
    if kind not in ("adam_step", "rmsprop_step"):
        raise EvaluationError(f"an adaptive step is an Adam or RMSProp step, not {kind}")
    rng = np.random.default_rng(seed)
    for _ in range(MAX_TRIES):
        function, variables = dressed_bowl(rng, level, seed, small_curvatures(rng, level))
        start = whole_point(rng, len(variables))
        rate = _RATES[int(rng.integers(0, len(_RATES)))]
        at = dict(zip(variables, start, strict=True))
        if any(g.xreplace(at) == 0 for g in gradient(function, variables)):
            continue
        problem = make_problem(
            kind, function, variables, point=start, rates=(rate,), level=level, seed=seed
        )
        slips = ADAPTIVE_SLIPS[kind].values()
        landings = {exact_walk(function, variables, start, slipped(rate))[-1] for slipped in slips}
        if problem.expected not in landings and len(landings) == len(slips):
            return problem
    raise EvaluationError(f"no well-posed {kind} problem at level {level} for seed {seed}")
