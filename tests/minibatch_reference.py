"""The reference the minibatch lab's numbers are checked against: least squares by numpy, and
both descents run step after step by `descent_reference.iterate` on the mean loss of each
step's batch (SymPy's `diff` and `subs`, exact), over the engine's seeded data and batches.

Import it as `from minibatch_reference import ...`: `tests/` is on `sys.path` during a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy
import sympy

from descent_reference import Point, iterate
from steepest.engine.optimizers.minibatch import Example, epoch_batches, line_examples

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minibatch-course"
SLUG = "minibatch-lab"
w, b, x, y = sympy.symbols("w b x y", real=True)
LOSS = (w * x + b - y) ** 2


def examples(
    seed: int, count: int, slope: str = "2", intercept: str = "-1", noise: str = "0.5"
) -> tuple[Example, ...]:
    line = (sympy.Rational(slope), sympy.Rational(intercept), sympy.Rational(noise))
    return line_examples(seed, count, *line)


def mean_loss(data: tuple[Example, ...], indices: Sequence[int]) -> sympy.Expr:
    return sympy.Add(*(LOSS.subs({x: data[i].x, y: data[i].y}) for i in indices)) / len(indices)


def step_batches(count: int, size: int, seed: int, steps: int) -> list[tuple[int, ...]]:
    batches: list[tuple[int, ...]] = []
    epoch = 0
    while len(batches) < steps:
        batches.extend(epoch_batches(count, size, seed, epoch))
        epoch += 1
    return batches[:steps]


def minibatch_walk(
    data: tuple[Example, ...], size: int, seed: int, rate: sympy.Expr, start: Point, steps: int
) -> list[Point]:
    points = [start]
    for batch in step_batches(len(data), size, seed, steps):
        points.append(iterate(mean_loss(data, batch), (w, b), points[-1], rate, 1)[-1])
    return points


def full_walk(data: tuple[Example, ...], rate: sympy.Expr, start: Point, steps: int) -> list[Point]:
    return iterate(mean_loss(data, range(len(data))), (w, b), start, rate, steps)


def least_squares(data: tuple[Example, ...]) -> tuple[float, float]:
    """The best (w, b), by numpy's polynomial fit of degree 1."""
    slope, intercept = numpy.polyfit([float(e.x) for e in data], [float(e.y) for e in data], 1)
    return float(slope), float(intercept)
