"""The momentum lab's spec, computed in a compute worker.

The engine reads the loss as a bowl, works out Polyak's η* and β* for it
(engine/optimizers/tuning.py), traces its level lines, and walks heavy-ball momentum and plain
gradient descent at the first settings by their update rules (engine/optimizers), exactly
while the numbers stay rational, for the table and the words the page shows without
JavaScript.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import read_point
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.printing import mathml_equation, mathml_fragment, mathml_math
from steepest.engine.optimizers.rules import GradientDescent, HeavyBall, Vector
from steepest.engine.optimizers.tuning import tuned_heavy_ball
from steepest.engine.optimizers.walks import optimizer_path
from steepest.engine.surface.bowl import Bowl, read_bowl
from steepest.engine.surface.level_sets import level_sets
from steepest.widgets.learning_rate_lab.spec import (
    bowl_levels,
    bowl_loss,
    default_start,
    fraction,
    nice_down,
    nice_up,
    slider_step,
)
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.momentum_lab import NAME, MomentumLabParams, MomentumLabSpec, WalkRow
from steepest.widgets.momentum_lab.words import description, stop_text
from steepest.widgets.params import WidgetParamsError

# The β slider moves in hundredths, or finer when the lesson's β has more decimals, up to one
# step below 1.
BETA_PLACES = 2


def compute_spec(params: MomentumLabParams) -> MomentumLabSpec:
    loss, variables = bowl_loss(NAME, params.expression, params.curvatures)
    bowl = read_bowl(loss, variables)
    tuned = tuned_heavy_ball(bowl.hessian, "the Hessian of L")
    start = read_point(dict(params.start), variables) if params.start else default_start(bowl)
    offsets = [start[v] - m for v, m in zip(variables, bowl.minimum, strict=True)]
    if all(o == 0 for o in offsets):
        raise WidgetParamsError(
            f"{NAME}: the start is the minimum of L, so no step would move; start elsewhere"
        )
    rate = _rate(params, bowl, tuned.rate)
    beta = Fraction(params.beta)
    top = nice_up(max(Fraction(6, 5) * fraction(max(bowl.threshold, tuned.rate)), rate))
    step = slider_step(top, params.rate)
    places = max(BETA_PLACES, len(params.beta.split(".")[1]) if "." in params.beta else 0)
    # Wide enough for both walks' swings: momentum overshoots further than descent does.
    half = float(nice_up(2 * max(fraction(abs(o)) for o in offsets)))
    centre = [float(m) for m in bowl.minimum]
    window = [centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half]
    surface = level_sets(loss, variables, window, bowl_levels(bowl, half, window)).to_json()

    exact_rate = _rational(rate)
    begin = {v: start[v] for v in variables}
    momentum = optimizer_path(
        HeavyBall(exact_rate, _rational(beta)), loss, variables, begin, params.steps
    )
    plain = optimizer_path(GradientDescent(exact_rate), loss, variables, begin, params.steps)
    tolerance = sympy.Rational(params.tolerance)
    momentum_losses, momentum_stop = _losses_and_stop(bowl, momentum, tolerance)
    plain_losses, plain_stop = _losses_and_stop(bowl, plain, tolerance)
    rate_text, beta_text = _decimal_text(rate), _decimal_text(beta)
    tuned_texts = (number_text(float(tuned.rate)), number_text(float(tuned.beta)))
    return {
        "browser": {
            "variables": [v.name for v in variables],
            "surface": surface,
            "excess": to_tree(bowl.excess()),
            "lowest": float(bowl.lowest),
            "threshold": float(bowl.threshold),
            "thresholdText": number_text(float(bowl.threshold)),
            "tunedRate": float(tuned.rate),
            "tunedRateText": tuned_texts[0],
            "tunedBeta": float(tuned.beta),
            "tunedBetaText": tuned_texts[1],
            "rate": float(rate),
            "rateMin": float(step),
            "rateMax": float(top),
            "rateStep": float(step),
            "beta": float(beta),
            "betaStep": float(Fraction(1, 10**places)),
            "betaMax": float(1 - Fraction(1, 10**places)),
            "start": [float(start[v]) for v in variables],
            "steps": params.steps,
            "tolerance": float(tolerance),
            "toleranceText": params.tolerance,
        },
        "loss_mathml": mathml_math(
            mathml_equation(mathml_fragment(sympy.Function("L")(*variables)), mathml_fragment(loss))
        ),
        "start_text": "(" + ", ".join(number_text(float(start[v])) for v in variables) + ")",
        "tuned_rate_mathml": _starred("η", tuned.rate),
        "tuned_beta_mathml": _starred("β", tuned.beta),
        "rate_text": rate_text,
        "beta_text": beta_text,
        "readouts": {
            "rate": rate_text,
            "beta": beta_text,
            "momentum-loss": number_text(momentum_losses[-1]),
            "plain-loss": number_text(plain_losses[-1]),
            "momentum-stop": stop_text(momentum_stop, params.steps),
            "plain-stop": stop_text(plain_stop, params.steps),
        },
        "description": description(
            (rate_text, beta_text),
            (momentum_losses, plain_losses),
            (momentum_stop, plain_stop),
            params.tolerance,
            tuned_texts,
        ),
        "rows": _rows(bowl, momentum, plain, momentum_losses, plain_losses),
    }


def _rate(params: MomentumLabParams, bowl: Bowl, tuned: sympy.Expr) -> Fraction:
    if params.rate is None:
        return nice_down(fraction(tuned))
    rate = Fraction(params.rate)
    # Along a curvature λ the heavy ball settles only while ηλ < 2(1 + β), below 4 for every
    # β < 1: past 4/λmax no momentum helps.
    if rate > 2 * fraction(bowl.threshold):
        edge = number_text(float(2 * bowl.threshold))
        raise WidgetParamsError(
            f"{NAME}: rate {params.rate} is above 4/λmax = {edge}, where both walks diverge"
            f" whatever the momentum; choose at most {edge}"
        )
    return rate


def _losses_and_stop(
    bowl: Bowl, points: list[Vector], tolerance: sympy.Expr
) -> tuple[list[float], int | None]:
    """L at every point, and the first step where |∇L| < tolerance (None if none is)."""
    slopes = gradient(bowl.loss, bowl.variables)
    losses: list[float] = []
    stopped_at = None
    for step, point in enumerate(points):
        at = dict(zip(bowl.variables, point, strict=True))
        if stopped_at is None and sum(s.subs(at) ** 2 for s in slopes) < tolerance**2:
            stopped_at = step
        losses.append(float(bowl.loss.subs(at)))
    return losses, stopped_at


def _rows(
    bowl: Bowl,
    momentum: list[Vector],
    plain: list[Vector],
    momentum_losses: list[float],
    plain_losses: list[float],
) -> list[WalkRow]:
    def cells(point: Vector, loss: float) -> list[str]:
        return [number_text(float(c)) for c in point] + [number_text(loss)]

    return [
        {"step": k, "momentum": cells(m, ml), "plain": cells(p, pl)}
        for k, (m, p, ml, pl) in enumerate(
            zip(momentum, plain, momentum_losses, plain_losses, strict=True)
        )
    ]


def _starred(letter: str, value: sympy.Expr) -> str:
    """η* = its exact value, and ≈ three figures when that is a radical, not a fraction."""
    name = f"<msup><mi>{letter}</mi><mo>*</mo></msup>"
    exact = mathml_equation(name, mathml_fragment(value))
    if value.is_Rational:
        return mathml_math(exact)
    return mathml_math(f"{exact}<mo>≈</mo><mn>{number_text(float(value))}</mn>")


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _decimal_text(value: Fraction) -> str:
    """The shortest exact decimal, as the browser writes a slider's value: 0.1, not 0.100."""
    return f"{(Decimal(value.numerator) / Decimal(value.denominator)).normalize():f}"
