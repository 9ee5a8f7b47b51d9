"""Practice on minibatch gradients (lesson 06): the gradient at (w, b) of a line's mean squared
error over a batch of listed examples.

    level 1  two examples                 (1, 3), (2, 5)             at (w, b) = (1, 0)
    level 2  three examples               (1, 2), (2, 2), (3, 5)     at (0, 1)
    level 3  three, x negative or zero    (−2, 1), (0, 3), (1, −1)   at (2, −1)

Whole numbers throughout; both components of the answer are nonzero, so a summed or sign-flipped
gradient is never the answer.
"""

from __future__ import annotations

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.batch import Example, mean_squared_error
from steepest.engine.problems.draws import MAX_TRIES
from steepest.engine.problems.problem import Problem, make_problem

_SIZES = {1: 2, 2: 3, 3: 3}
_INPUTS = {1: range(1, 4), 2: range(1, 5), 3: range(-2, 4)}


def _batch(rng: np.random.Generator, level: int) -> tuple[Example, ...]:
    xs = rng.choice(list(_INPUTS[level]), size=_SIZES[level], replace=False)
    return tuple((sympy.Integer(int(x)), sympy.Integer(int(rng.integers(-3, 6)))) for x in xs)


def batch_gradient_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """∇L at a whole point for a batch of the level, both components nonzero."""
    rng = np.random.default_rng(seed)
    weight, bias = make_symbol("w"), make_symbol("b")
    for _ in range(MAX_TRIES):
        examples = _batch(rng, level)
        point = (sympy.Integer(int(rng.integers(-1, 3))), sympy.Integer(int(rng.integers(-1, 3))))
        problem = make_problem(
            kind,
            mean_squared_error(examples, weight, bias),
            (weight, bias),
            point=point,
            examples=examples,
            level=level,
            seed=seed,
        )
        reaches_zero = level < 3 or any(x <= 0 for x, _ in examples)
        if reaches_zero and all(c != 0 for c in problem.expected):
            return problem
    raise EvaluationError(f"no well-posed batch gradient at level {level} for seed {seed}")
