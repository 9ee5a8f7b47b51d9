"""Practice on minibatch gradients (lesson 06): the gradient at (w, b) of a line's mean squared
error over a batch of listed examples. Nine templates at each level, so problems vary
(`deal.py`): a template says what each example of the batch is like, which decides the terms
the learner meets in the sum: an x of 0 drops the w term, an x of 1 leaves w bare, a target
of 0 leaves no constant.

    level 1  two examples                 (0, 3), (2, 5)             at (w, b) = (1, 0)
    level 2  three examples               (1, 2), (2, 0), (3, 5)     at (0, 1)
    level 3  three, one x negative        (−2, 1), (0, 3), (1, −1)   at (2, −1)

Whole numbers throughout; both components of the answer are nonzero, so a summed or sign-flipped
gradient is never the answer.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.batch import Example, mean_squared_error
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.draws import MAX_TRIES
from steepest.engine.problems.problem import Problem, make_problem

Input = Literal["zero", "one", "other", "negative"]
"""What an example's x is: 0, 1, another whole number above 1, or below 0."""
Kind = tuple[Input, bool]
"""An example of a template: its x, and whether its target y is 0."""

_INPUTS: dict[Input, tuple[int, ...]] = {
    "zero": (0,),
    "one": (1,),
    "other": (2, 3, 4),
    "negative": (-3, -2, -1),
}

_ANY, _NIL = False, True
_TWO: tuple[tuple[Kind, ...], ...] = (
    (("other", _ANY), ("other", _ANY)),
    (("other", _ANY), ("other", _NIL)),
    (("one", _ANY), ("other", _ANY)),
    (("one", _NIL), ("other", _ANY)),
    (("one", _ANY), ("other", _NIL)),
    (("zero", _ANY), ("other", _ANY)),
    (("zero", _NIL), ("other", _ANY)),
    (("zero", _ANY), ("other", _NIL)),
    (("zero", _ANY), ("one", _ANY)),
)


def _three(first: Input) -> tuple[tuple[Kind, ...], ...]:
    """Nine batches of three, each with an x of the kind `first`."""
    return (
        ((first, _ANY), ("other", _ANY), ("other", _ANY)),
        ((first, _ANY), ("other", _ANY), ("other", _NIL)),
        ((first, _ANY), ("other", _NIL), ("other", _NIL)),
        ((first, _ANY), ("one", _ANY), ("other", _ANY)),
        ((first, _ANY), ("one", _NIL), ("other", _ANY)),
        ((first, _ANY), ("zero", _ANY), ("other", _ANY)),
        ((first, _ANY), ("zero", _NIL), ("other", _ANY)),
        ((first, _ANY), ("zero", _ANY), ("one", _ANY)),
        ((first, _NIL), ("zero", _NIL), ("one", _ANY)),
    )


BATCH_TEMPLATES: dict[int, tuple[tuple[Kind, ...], ...]] = {
    1: _TWO,
    2: _three("other"),
    3: _three("negative"),
}


def _batch(rng: np.random.Generator, kinds: tuple[Kind, ...]) -> tuple[Example, ...] | None:
    """Examples of the given kinds, with different x; None when the draw repeats an x."""
    xs = [int(rng.choice(_INPUTS[given])) for given, _ in kinds]
    ys = [0 if nil else int(rng.choice([-3, -2, -1, 1, 2, 3, 4, 5])) for _, nil in kinds]
    if len(set(xs)) < len(xs):
        return None
    return tuple((sympy.Integer(x), sympy.Integer(y)) for x, y in zip(xs, ys, strict=True))


def batch_gradient_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """∇L at a whole point for a batch of the seed's template, both components nonzero."""
    rng = np.random.default_rng(seed)
    weight, bias = make_symbol("w"), make_symbol("b")
    templates = BATCH_TEMPLATES[level]
    kinds = templates[template_of(seed, len(templates))]
    for _ in range(MAX_TRIES):
        examples = _batch(rng, kinds)
        if examples is None:
            continue
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
        if all(c != 0 for c in problem.expected):
            return problem
    raise EvaluationError(f"no well-posed batch gradient at level {level} for seed {seed}")
