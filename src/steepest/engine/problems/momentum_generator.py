"""Practice on momentum (lesson 07): where two heavy-ball steps from a point land.

    level 1  one weight                 3w²                    from w = 2
    level 2  a separable bowl           2w1² + w2²             from (1, −2)
    level 3  a bowl with a cross term   2w1² + w1w2 + w2²      from (1, 1)

η and β are simple decimals, v starts at 0, and every number stays a terminating decimal, so the
answer is exact. A problem is kept only when each slip of `heavy_ball.SLIPPED_RULES` lands
somewhere else, and none lands where another does: a slip answer then names its slip.
"""

from __future__ import annotations

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EvaluationError
from steepest.engine.problems.bowl_templates import dressed_bowl
from steepest.engine.problems.draws import MAX_TRIES, small_curvatures, whole_point
from steepest.engine.problems.exact_walk import exact_walk
from steepest.engine.problems.heavy_ball import SLIPPED_RULES
from steepest.engine.problems.problem import Problem, make_problem

# ηλ ≤ 1 along every direction for the curvatures `small_curvatures` draws (λ ≤ 10): no step
# overshoots wildly.
_RATES = (sympy.Rational(1, 10), sympy.Rational(1, 20))
_BETAS = (sympy.Rational(1, 2), sympy.Rational(9, 10))


def momentum_step_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """Two heavy-ball steps on a bowl of the level, each slip telling itself apart."""
    rng = np.random.default_rng(seed)
    for _ in range(MAX_TRIES):
        function, variables = dressed_bowl(rng, level, seed, small_curvatures(rng, level))
        start = whole_point(rng, len(variables))
        rates = (
            _RATES[int(rng.integers(0, len(_RATES)))],
            _BETAS[int(rng.integers(0, len(_BETAS)))],
        )
        problem = make_problem(
            kind, function, variables, point=start, rates=rates, level=level, seed=seed
        )
        landings = {
            exact_walk(function, variables, start, slipped(*rates))[-1]
            for slipped in SLIPPED_RULES.values()
        }
        if problem.expected not in landings and len(landings) == len(SLIPPED_RULES):
            return problem
    raise EvaluationError(f"no well-posed momentum problem at level {level} for seed {seed}")
