"""A small regression data set made from a seed, its loss as an average over examples, and the
minibatches of stochastic gradient descent, all exact and all reproducible (seeded.py says how,
so that a browser draws the same points and batches).

Each example is a point near the line y = a·x + b:

    x = (k − 20)/10           k a draw below 41: x runs over −2, −1.9, …, 2
    y = a·x + b + σ·(j − 10)/10    j a draw below 21: the noise is a tenth-multiple of σ in [−σ, σ]

(k, then j, for each example in turn, from the stream of the seed). The loss of the data set is
the mean of a per-example loss ℓ(w; x, y), such as (w·x + b − y)², and a minibatch's gradient
the mean of ∇ℓ over its examples. An epoch shuffles the examples (its own stream) and cuts them
into batches of the given size in that order, the last one smaller when the size does not
divide the count, as PyTorch's DataLoader does without drop_last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.errors import EvaluationError
from steepest.engine.optimizers.rules import Vector
from steepest.engine.optimizers.seeded import below, draws, epoch_seed, shuffled
from steepest.engine.optimizers.walks import Gradient, slopes_at

# The grid of inputs and of noise: 41 values of x in tenths, 21 tenths of σ.
INPUTS = 41
NOISE_LEVELS = 21
MAX_EXAMPLES = 1000


@dataclass(frozen=True)
class Example:
    x: sympy.Expr
    y: sympy.Expr


@dataclass(frozen=True)
class Regression:
    """A per-example loss in the weights and the data names x and y, with its data."""

    loss: sympy.Expr
    weights: tuple[sympy.Symbol, ...]
    x: sympy.Symbol
    y: sympy.Symbol
    examples: tuple[Example, ...]

    def example_loss(self, index: int) -> sympy.Expr:
        example = self.examples[index]
        return self.loss.xreplace({self.x: example.x, self.y: example.y})

    def mean_loss(self, indices: Sequence[int] | None = None) -> sympy.Expr:
        """The mean loss over the examples of `indices`, or over all of them."""
        chosen = range(len(self.examples)) if indices is None else indices
        return sympy.Add(*(self.example_loss(i) for i in chosen)) / len(chosen)

    def batch_gradient(self, indices: Sequence[int] | None = None) -> tuple[sympy.Expr, ...]:
        """∇ of the mean loss over a batch (or over the data set), as formulas in the weights."""
        return tuple(sympy.expand(g) for g in gradient(self.mean_loss(indices), self.weights))


def line_examples(
    seed: int, count: int, slope: sympy.Expr, intercept: sympy.Expr, noise: sympy.Expr
) -> tuple[Example, ...]:
    """`count` examples near y = slope·x + intercept, drawn from the stream of `seed`."""
    if not 1 <= count <= MAX_EXAMPLES:
        raise EvaluationError(f"a data set has from 1 to {MAX_EXAMPLES} examples")
    stream = draws(seed)
    examples = []
    for _ in range(count):
        x = sympy.Rational(below(next(stream), INPUTS) - INPUTS // 2, 10)
        shift = sympy.Rational(below(next(stream), NOISE_LEVELS) - NOISE_LEVELS // 2, 10)
        examples.append(Example(x, slope * x + intercept + noise * shift))
    return tuple(examples)


def epoch_batches(count: int, size: int, seed: int, epoch: int) -> tuple[tuple[int, ...], ...]:
    """The indices of each batch of epoch `epoch` (from 0), in the order they are used."""
    if size < 1:
        raise EvaluationError("a batch holds at least 1 example")
    order = shuffled(range(count), epoch_seed(seed, epoch))
    return tuple(order[start : start + size] for start in range(0, count, size))


def minibatch_gradient(problem: Regression, size: int, seed: int) -> Gradient:
    """The gradient of stochastic gradient descent: step k uses batch k of the epochs in turn."""
    count = len(problem.examples)
    per_epoch = -(-count // size)  # batches in an epoch, the last one perhaps smaller

    def at(weights: Vector, index: int) -> Vector:
        epoch, place = divmod(index, per_epoch)
        batch = epoch_batches(count, size, seed, epoch)[place]
        return slopes_at(problem.batch_gradient(batch), problem.weights)(weights, index)

    return at
