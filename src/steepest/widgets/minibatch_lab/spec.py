"""The minibatch lab's spec, computed in a compute worker.

The engine makes the data set from the seed, walks both descents at the author's settings in
exact arithmetic (optimizers/walks.py, with the minibatch gradient of optimizers/minibatch.py),
finds the best fit, and traces the loss's level lines for the picture the page shows without
JavaScript. The browser gets the per-example loss and its partials as expression trees and
redoes all of it, for any seed, batch size and rate, with its twin of the seeded generator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

import sympy

from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import mathml_equation, mathml_fragment, mathml_math
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.optimizers.minibatch import (
    Regression,
    epoch_batches,
    line_examples,
    minibatch_gradient,
)
from steepest.engine.optimizers.rules import GradientDescent, Vector
from steepest.engine.optimizers.walks import loss_gradient, walk
from steepest.engine.surface.level_sets import level_sets
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.minibatch_lab import (
    MOST_RATE,
    MOST_SEED,
    WEIGHTS,
    DataRow,
    MinibatchLabParams,
    MinibatchLabSpec,
    StepRow,
)
from steepest.widgets.minibatch_lab.picture import static_picture

LOSS = "(w x + b - y)^2"
# Level lines: rings evenly spaced along the gentlest direction, RINGS of them inside the
# window's half-width, at most MOST_LEVELS (js/widgets/minibatch-lab/descent.js draws the same).
RINGS = 5
MOST_LEVELS = 12
# The window reaches this many times the start's distance from the best fit, in half-units.
REACH = Fraction(5, 4)


def compute_spec(params: MinibatchLabParams) -> MinibatchLabSpec:
    weights = tuple(make_symbol(name) for name in WEIGHTS)
    x, y = make_symbol("x"), make_symbol("y")
    loss = parse(LOSS, [*WEIGHTS, "x", "y"])
    line = [sympy.Rational(t) for t in (params.slope, params.intercept, params.noise)]
    examples = line_examples(params.seed, params.examples, *line)
    problem = Regression(loss, weights, x, y, examples)
    mean = sympy.expand(problem.mean_loss())
    rate = sympy.Rational(params.rate)
    start: Vector = tuple(sympy.Rational(c) for c in params.start)
    rule = GradientDescent(rate)
    full = walk(rule, loss_gradient(mean, weights), start, params.steps)
    mini = walk(rule, minibatch_gradient(problem, params.batch, params.seed), start, params.steps)

    best = sympy.solve(sympy.derive_by_array(mean, weights), weights, dict=True)[0]
    minimum = [float(best[w]) for w in weights]
    window = _window(start, minimum)
    half = (window[1] - window[0]) / 2

    def at(point: Sequence[sympy.Expr]) -> float:
        return float(mean.xreplace(dict(zip(weights, point, strict=True))))

    rate_text = f"{Decimal(params.rate).normalize():f}"
    rows = _rows(params, mini, full, at)
    data: list[DataRow] = [
        {"index": i + 1, "x": number_text(float(e.x)), "y": number_text(float(e.y))}
        for i, e in enumerate(examples)
    ]
    hessian = sympy.hessian(mean, weights)
    gentle = float(min(hessian.eigenvals(multiple=True)))
    lowest = at(tuple(best[w] for w in weights))
    levels = _levels(lowest, gentle, half, window, at)
    surface = level_sets(mean, weights, window, levels).to_json()
    return {
        "browser": {
            "variables": list(WEIGHTS),
            "loss": to_tree(loss),
            "partials": {w.name: to_tree(sympy.diff(loss, w)) for w in weights},
            "seed": params.seed,
            "seedMax": MOST_SEED,
            "examples": params.examples,
            "batch": params.batch,
            "slope": float(line[0]),
            "intercept": float(line[1]),
            "noise": float(line[2]),
            "rate": float(rate),
            "rateMin": float(_rate_step(params.rate)),
            "rateMax": float(MOST_RATE),
            "rateStep": float(_rate_step(params.rate)),
            "start": [float(c) for c in start],
            "steps": params.steps,
            "window": window,
        },
        "loss_mathml": mathml_math(
            mathml_equation(mathml_fragment(sympy.Function("ℓ")(*weights)), mathml_fragment(loss))
        ),
        "line_text": _line_text(line[0], line[1]),
        "rate_text": rate_text,
        "description": description(
            rate_text,
            params,
            [float(c) for c in full[-1]],
            [float(c) for c in mini[-1]],
            at(full[-1]),
            at(mini[-1]),
            minimum,
            lowest,
        ),
        "data": data,
        "rows": rows,
        "picture": static_picture(
            window, surface["levels"], full, mini, minimum, examples, mini[-1]
        ),
    }


def _rows(
    params: MinibatchLabParams,
    mini: Sequence[Vector],
    full: Sequence[Vector],
    at: Callable[[Sequence[sympy.Expr]], float],
) -> list[StepRow]:
    """Each step's batch (its examples numbered from 1), both walks' points and their loss."""
    count, size = params.examples, params.batch
    per_epoch = -(-count // size)
    rows: list[StepRow] = []
    for k, (m, f) in enumerate(zip(mini, full, strict=True)):
        epoch, place = divmod(k, per_epoch)
        batch = epoch_batches(count, size, params.seed, epoch)[place]
        rows.append(
            {
                "step": k,
                "epoch": epoch + 1,
                # The last point takes no step: its batch would be the next walk's.
                "batch": " ".join(str(i + 1) for i in batch) if k < params.steps else "",
                "minibatch": [number_text(float(c)) for c in m],
                "minibatch_loss": number_text(at(m)),
                "full": [number_text(float(c)) for c in f],
                "full_loss": number_text(at(f)),
            }
        )
    return rows


def description(
    rate_text: str,
    params: MinibatchLabParams,
    full: list[float],
    mini: list[float],
    full_loss: float,
    mini_loss: float,
    best: list[float],
    lowest: float,
) -> str:
    """Both walks' ends in words; js/widgets/minibatch-lab/words.js writes the same."""

    def point(p: Sequence[float]) -> str:
        return f"(w, b) = ({number_text(p[0])}, {number_text(p[1])})"

    steps = f"{params.steps} step{'' if params.steps == 1 else 's'}"
    return (
        f"{params.examples} examples from seed {params.seed}; the best fit is {point(best)},"
        f" where L = {number_text(lowest)}. At η = {rate_text}, after {steps} from"
        f" {point([float(c) for c in params.start])}, full-batch descent reaches {point(full)},"
        f" L = {number_text(full_loss)}; minibatch descent, {params.batch} example"
        f"{'' if params.batch == 1 else 's'} a step, reaches {point(mini)},"
        f" L = {number_text(mini_loss)}."
    )


def _window(start: Vector, minimum: list[float]) -> list[float]:
    """A square around the best fit rounded to a half, reaching REACH times the start's
    distance from it, in halves of a unit: round numbers for the map's ticks."""
    centre = [round(m * 2) / 2 for m in minimum]
    distance = max(abs(float(s) - c) for s, c in zip(start, centre, strict=True))
    half = max(0.5, math.ceil(float(REACH) * distance * 2) / 2)
    return [centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half]


def _rate_step(rate: str) -> Fraction:
    """0.01, or finer when the author's rate has more decimals."""
    places = len(rate.split(".")[1]) if "." in rate else 0
    return Fraction(1, 10 ** max(2, places))


def _levels(
    lowest: float,
    gentle: float,
    half: float,
    window: list[float],
    at: Callable[[Sequence[sympy.Expr]], float],
) -> list[float]:
    """L* + λmin·r²/2 for r = half/RINGS, 2·half/RINGS, …, below the window's highest corner."""
    corners = [(sympy.Float(a), sympy.Float(c)) for a in window[:2] for c in window[2:]]
    highest = max(at(corner) for corner in corners)
    levels = []
    for ring in range(1, MOST_LEVELS + 1):
        level = lowest + gentle * (ring * half / RINGS) ** 2 / 2
        if level >= highest:
            break
        levels.append(level)
    return levels


def _line_text(slope: sympy.Expr, intercept: sympy.Expr) -> str:
    """2x − 1, as the lede writes the line the data scatter about."""
    text = f"{number_text(float(slope))}x"
    if intercept != 0:
        sign = "−" if intercept < 0 else "+"
        text += f" {sign} {number_text(abs(float(intercept)))}"
    return text
