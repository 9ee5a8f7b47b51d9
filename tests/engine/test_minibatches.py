"""The seeded data set and its minibatches: the generator is Numerical Recipes' LCG, the same seed
gives the same data and batches, a shuffle is a permutation, and minibatch gradients are unbiased
estimates of the full gradient."""

from __future__ import annotations

from itertools import combinations, islice

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.optimizers.minibatch import (
    Regression,
    epoch_batches,
    line_examples,
    minibatch_gradient,
)
from steepest.engine.optimizers.rules import GradientDescent
from steepest.engine.optimizers.seeded import MODULUS, below, draws, shuffled
from steepest.engine.optimizers.walks import loss_gradient, walk

w, b, x, y = sympy.symbols("w b x y", real=True)
SQUARED_ERROR = (w * x + b - y) ** 2
SEEDS = st.integers(0, 2**32 - 1)
FAST = settings(max_examples=25, deadline=None, derandomize=True)


def regression(seed: int, count: int) -> Regression:
    examples = line_examples(seed, count, sympy.Integer(2), sympy.Integer(-1), sympy.Rational(1, 2))
    return Regression(SQUARED_ERROR, (w, b), x, y, examples)


def test_the_generator_is_numerical_recipes_quick_lcg() -> None:
    # Press et al., Numerical Recipes in C (2nd ed.), §7.1: the sequence from a seed of 0.
    published = [1013904223, 1196435762, 3519870697, 2868466484, 1649599747, 2670642822]
    assert list(islice(draws(0), 6)) == published
    assert list(islice(draws(MODULUS), 6)) == published  # the seed is taken mod 2^32


@FAST
@given(SEEDS, st.integers(1, 2**21 - 1))
def test_a_draw_below_n_is_the_high_part_of_the_draw_scaled_by_n(seed: int, bound: int) -> None:
    draw = next(draws(seed))
    value = below(draw, bound)
    assert 0 <= value < bound
    assert value == int(draw * bound / MODULUS)  # as a browser's floats work it out


@FAST
@given(SEEDS, st.integers(1, 30))
def test_the_same_seed_gives_the_same_data_and_batches(seed: int, count: int) -> None:
    assert line_examples(seed, count, 2, -1, 1) == line_examples(seed, count, 2, -1, 1)
    assert epoch_batches(count, 4, seed, 3) == epoch_batches(count, 4, seed, 3)
    order = shuffled(range(count), seed)
    assert sorted(order) == list(range(count))


@FAST
@given(SEEDS, st.integers(1, 30), st.sampled_from([0, sympy.Rational(1, 2), 3]))
def test_examples_lie_on_the_grid_near_the_line(seed: int, count: int, noise: sympy.Expr) -> None:
    for example in line_examples(seed, count, sympy.Integer(2), sympy.Integer(-1), noise):
        assert -2 <= example.x <= 2 and (10 * example.x).is_integer
        shift = example.y - (2 * example.x - 1)
        assert abs(shift) <= noise and (10 * shift / noise if noise else shift).is_integer


def test_different_seeds_and_epochs_differ() -> None:
    assert line_examples(1, 20, 2, -1, 1) != line_examples(2, 20, 2, -1, 1)
    epochs = {epoch_batches(20, 5, 7, epoch) for epoch in range(5)}
    assert len(epochs) == 5


@FAST
@given(SEEDS, st.integers(2, 24), st.integers(1, 6), st.integers(0, 3))
def test_an_epochs_batches_cover_every_example_once(
    seed: int, count: int, size: int, epoch: int
) -> None:
    batches = epoch_batches(count, size, seed, epoch)
    assert sorted(i for batch in batches for i in batch) == list(range(count))
    assert all(len(batch) == size for batch in batches[:-1]) and 1 <= len(batches[-1]) <= size


@FAST
@given(SEEDS, st.integers(2, 16), st.integers(1, 5), st.integers(0, 2))
def test_minibatch_gradients_over_an_epoch_average_to_the_full_gradient(
    seed: int, count: int, size: int, epoch: int
) -> None:
    problem = regression(seed, count)
    full = problem.batch_gradient()
    batches = epoch_batches(count, size, seed, epoch)
    gradients = [problem.batch_gradient(batch) for batch in batches]
    sizes = [len(batch) for batch in batches]
    for k in (0, 1):
        # Each batch weighted by its size: the last may be smaller.
        weighted = sum((n * g[k] for n, g in zip(sizes, gradients, strict=True)), sympy.S.Zero)
        assert sympy.expand(weighted / count) == full[k]
        if count % size == 0:  # equal batches: their plain mean
            assert (
                sympy.expand(sum((g[k] for g in gradients), sympy.S.Zero) / len(gradients))
                == full[k]
            )


def test_a_random_batch_is_an_unbiased_estimate_of_the_full_gradient() -> None:
    """The mean over every batch of a given size, each equally likely, is the full gradient."""
    problem = regression(11, 7)
    full = problem.batch_gradient()
    for size in range(1, 8):
        subsets = list(combinations(range(7), size))
        mean = [
            sympy.expand(sum(problem.batch_gradient(s)[k] for s in subsets) / len(subsets))
            for k in (0, 1)
        ]
        assert mean == list(full)


def test_the_loss_is_the_mean_of_the_example_losses() -> None:
    problem = regression(5, 6)
    by_hand = sum(((w * e.x + b - e.y) ** 2 for e in problem.examples), sympy.S.Zero) / len(
        problem.examples
    )
    assert sympy.expand(problem.mean_loss() - by_hand) == 0


@FAST
@given(SEEDS, st.integers(1, 10), st.integers(0, 6))
def test_sgd_with_the_whole_data_set_as_its_batch_is_gradient_descent(
    seed: int, count: int, steps: int
) -> None:
    problem = regression(seed, count)
    rule, start = GradientDescent(sympy.Rational(1, 20)), (sympy.S.Zero, sympy.S.Zero)
    stochastic = walk(rule, minibatch_gradient(problem, count, seed), start, steps)
    full = walk(rule, loss_gradient(problem.mean_loss(), problem.weights), start, steps)
    assert stochastic == full


def test_sgd_takes_the_epochs_batches_in_turn() -> None:
    problem = regression(3, 6)
    gradient_at = minibatch_gradient(problem, 4, 3)
    at = (sympy.Integer(1), sympy.Integer(1))
    point = {w: at[0], b: at[1]}
    for index, (epoch, place) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
        batch = epoch_batches(6, 4, 3, epoch)[place]
        expected = tuple(g.xreplace(point) for g in problem.batch_gradient(batch))
        assert gradient_at(at, index) == expected
