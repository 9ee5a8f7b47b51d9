"""The reference the learning-rate lab's numbers are checked against: the update rule
w ← w − η∇L(w) run step after step with `sympy.diff` and `subs`, in exact arithmetic, and what
a number written to three significant figures may stand for.

Import it as `from descent_reference import iterate`: `tests/` is on `sys.path` during a run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import sympy

Point = tuple[sympy.Expr, ...]


def iterate(
    loss: sympy.Expr, variables: Sequence[sympy.Symbol], start: Point, rate: sympy.Expr, steps: int
) -> list[Point]:
    slopes = [sympy.diff(loss, v) for v in variables]
    points = [start]
    for _ in range(steps):
        at = dict(zip(variables, points[-1], strict=True))
        points.append(tuple(c - rate * s.subs(at) for c, s in zip(points[-1], slopes, strict=True)))
    return points


def gradient_length(
    loss: sympy.Expr, variables: Sequence[sympy.Symbol], point: Point
) -> sympy.Expr:
    at = dict(zip(variables, point, strict=True))
    return sympy.sqrt(sum(sympy.diff(loss, v).subs(at) ** 2 for v in variables))


def read_number(text: str) -> float:
    """A number as the widget writes it: "−0.5", "1.33e−4"."""
    return float(text.replace("−", "-"))


def rounds_to(text: str, exact: sympy.Expr | float) -> bool:
    """Whether `text` is `exact` to the three significant figures it shows (either way at a
    half, where a float a hair off the exact value may round the other way)."""
    shown = read_number(text)
    value = float(exact)
    if value == 0:
        return shown == 0
    place = 10.0 ** (math.floor(math.log10(abs(value))) - 2)
    return abs(shown - value) <= place / 2 * (1 + 1e-9)
