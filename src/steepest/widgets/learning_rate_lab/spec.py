"""The learning-rate lab's spec, computed in a compute worker.

The engine reads the loss as a bowl (its curvatures are the Hessian's eigenvalues, its threshold
2/λmax, its minimum), traces its level lines, and works out every step at the first rate by the
update rule in exact arithmetic, for the table and the words the page shows without JavaScript.
"""

from __future__ import annotations

import html
import math
from decimal import Decimal
from fractions import Fraction

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import read_point
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.printing import mathml_equation, mathml_fragment, mathml_math
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.surface.bowl import (
    Bowl,
    Direction,
    descend_exactly,
    direction_text,
    factor_kind,
    read_bowl,
    step_factor,
)
from steepest.engine.surface.level_sets import level_sets
from steepest.widgets.learning_rate_lab import (
    NAME,
    IterateRow,
    LearningRateLabParams,
    LearningRateLabSpec,
)
from steepest.widgets.learning_rate_lab.words import DirectionState, description, number_text
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.two_weights import loss_of_two_weights

# Round numbers for the ends of the slider and the window: 1, 1.2, 1.5, 2, … times a power of 10.
NICE = tuple(Fraction(n) for n in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8"))
# The slider's track holds at least this many positions.
SLIDER_POSITIONS = 400
# Level lines: this many rings inside the window along the gentlest direction, evenly spaced
# there, and more outward up to the window's corners, at most MOST_LEVELS in all.
RINGS = 5
MOST_LEVELS = 14


def compute_spec(params: LearningRateLabParams) -> LearningRateLabSpec:
    loss, variables = bowl_loss(NAME, params.expression, params.curvatures)
    bowl = read_bowl(loss, variables)
    start = read_point(dict(params.start), variables) if params.start else default_start(bowl)
    offsets = [start[v] - m for v, m in zip(variables, bowl.minimum, strict=True)]
    if all(o == 0 for o in offsets):
        raise WidgetParamsError(
            f"{NAME}: the start is the minimum of L, so no step would move; start elsewhere"
        )
    rate = _rate(params, bowl)
    top = nice_up(max(Fraction(6, 5) * fraction(bowl.threshold), rate))
    step = slider_step(top, params.rate)
    half = float(nice_up(Fraction(8, 5) * max(fraction(abs(o)) for o in offsets)))
    centre = [float(m) for m in bowl.minimum]
    window = [centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half]
    surface = level_sets(loss, variables, window, bowl_levels(bowl, half, window)).to_json()

    exact_rate = sympy.Rational(rate.numerator, rate.denominator)
    points = descend_exactly(loss, variables, start, exact_rate, params.steps)
    rows, losses, stopped_at = _rows(bowl, points, sympy.Rational(params.tolerance))
    # The shortest exact decimal, as the browser writes the slider's value: 0.1, not 0.100.
    rate_text = f"{(Decimal(rate.numerator) / Decimal(rate.denominator)).normalize():f}"
    states = [
        DirectionState(
            direction_text(d),
            float(step_factor(d, exact_rate)),
            factor_kind(step_factor(d, exact_rate)),
        )
        for d in bowl.directions
    ]
    eta = make_symbol("eta")
    return {
        "browser": {
            "variables": [v.name for v in variables],
            "surface": surface,
            "excess": to_tree(bowl.excess()),
            "minimum": centre,
            "lowest": float(bowl.lowest),
            "directions": [
                {
                    "curvature": float(d.curvature),
                    "curvatureText": number_text(float(d.curvature)),
                    "vector": [float(c) for c in d.vector],
                    "label": state.label,
                }
                for d, state in zip(bowl.directions, states, strict=True)
            ],
            "threshold": float(bowl.threshold),
            "thresholdText": number_text(float(bowl.threshold)),
            "onset": float(bowl.onset),
            "onsetText": number_text(float(bowl.onset)),
            "rate": float(rate),
            "rateMin": float(step),
            "rateMax": float(top),
            "rateStep": float(step),
            "start": [float(start[v]) for v in variables],
            "steps": params.steps,
            "tolerance": float(Fraction(params.tolerance)),
        },
        "loss_mathml": mathml_math(
            mathml_equation(mathml_fragment(sympy.Function("L")(*variables)), mathml_fragment(loss))
        ),
        "variables_mathml": [mathml_math(mathml_fragment(v)) for v in variables],
        "start_text": "(" + ", ".join(number_text(float(start[v])) for v in variables) + ")",
        "directions": [
            {
                "label": state.label,
                "label_html": _label_html(d),
                "curvature_mathml": mathml_math(mathml_fragment(d.curvature)),
                "factor_mathml": mathml_math(mathml_fragment(1 - d.curvature * eta)),
                "factor_text": number_text(state.factor),
                "kind": state.kind,
            }
            for d, state in zip(bowl.directions, states, strict=True)
        ],
        "threshold_mathml": _ratio_mathml(2, bowl),
        "onset_mathml": _ratio_mathml(1, bowl),
        "rate_text": rate_text,
        "description": description(rate_text, states, losses, stopped_at, params.tolerance),
        "rows": rows,
    }


def bowl_loss(
    widget: str, expression: str | None, curvatures: tuple[str, str]
) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    """The loss a bowl widget is given, and its two weights: typed, or λ1·w1²/2 + λ2·w2²/2."""
    if expression is None:
        w1, w2 = make_symbol("w1"), make_symbol("w2")
        first, second = (sympy.Rational(c) / 2 for c in curvatures)
        return first * w1**2 + second * w2**2, [w1, w2]
    return loss_of_two_weights(widget, expression)


def default_start(bowl: Bowl) -> dict[sympy.Symbol, sympy.Expr]:
    """One unit from the minimum along each weight."""
    return {v: m + 1 for v, m in zip(bowl.variables, bowl.minimum, strict=True)}


def _rate(params: LearningRateLabParams, bowl: Bowl) -> Fraction:
    threshold = fraction(bowl.threshold)
    if params.rate is None:
        return nice_down(threshold * Fraction(3, 10))
    rate = Fraction(params.rate)
    if rate > 2 * threshold:
        raise WidgetParamsError(
            f"{NAME}: rate {params.rate} is more than twice the threshold 2/λmax ="
            f" {number_text(float(bowl.threshold))}, where every step would more than triple the"
            f" swing; choose at most {number_text(float(2 * threshold))}"
        )
    return rate


def slider_step(top: Fraction, rate: str | None) -> Fraction:
    """A power of ten: at most 1/SLIDER_POSITIONS of the track, and fine enough that the given
    rate is one of the slider's positions."""
    power = math.floor(math.log10(top / SLIDER_POSITIONS))
    if rate is not None and "." in rate:
        power = min(power, -len(rate.split(".")[1]))
    return Fraction(10) ** power


def bowl_levels(bowl: Bowl, half: float, window: list[float]) -> list[float]:
    """L* + λmin·r²/2 for evenly spaced r: rings evenly spaced along the gentlest direction,
    out to the highest corner of the window."""
    lowest = float(bowl.lowest)
    gentle = float(bowl.directions[0].curvature)
    corners = [(x, y) for x in window[:2] for y in window[2:]]
    at = [dict(zip(bowl.variables, corner, strict=True)) for corner in corners]
    highest = max(float(bowl.loss.subs(point)) for point in at)
    spacing = half / RINGS
    levels = []
    for ring in range(1, MOST_LEVELS + 1):
        level = lowest + gentle * (ring * spacing) ** 2 / 2
        if level >= highest:
            break
        levels.append(level)
    return levels


def _rows(
    bowl: Bowl, points: list[tuple[sympy.Expr, ...]], tolerance: sympy.Expr
) -> tuple[list[IterateRow], list[float], int | None]:
    """The table's rows, the loss at each step, and the first step where |∇L| < tolerance."""
    slopes = gradient(bowl.loss, bowl.variables)
    rows: list[IterateRow] = []
    losses: list[float] = []
    stopped_at = None
    for step, point in enumerate(points):
        at = dict(zip(bowl.variables, point, strict=True))
        squared = sum(s.subs(at) ** 2 for s in slopes)
        if stopped_at is None and squared < tolerance**2:
            stopped_at = step
        loss = float(bowl.loss.subs(at))
        losses.append(loss)
        rows.append(
            {
                "step": step,
                "coordinates": [number_text(float(c)) for c in point],
                "loss": number_text(loss),
                "slope": number_text(math.sqrt(float(squared))),
            }
        )
    return rows, losses, stopped_at


def _label_html(direction: Direction) -> str:
    """An axis as the variable typeset (w₁), any other direction in words."""
    if direction.axis is not None:
        return mathml_math(mathml_fragment(direction.axis))
    return html.escape(direction_text(direction))


def _ratio_mathml(numerator: int, bowl: Bowl) -> str:
    """n/λmax = its value: 2/6 = 1/3."""
    shown = f"<mfrac><mn>{numerator}</mn>{mathml_fragment(bowl.steepest)}</mfrac>"
    value = sympy.radsimp(numerator / bowl.steepest)
    return mathml_math(mathml_equation(shown, mathml_fragment(value)))


def fraction(value: sympy.Expr) -> Fraction:
    """A number as a Fraction: exact for rationals, to 15 digits for radicals."""
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return Fraction(str(sympy.N(value, 15)))


def nice_up(value: Fraction) -> Fraction:
    power = Fraction(10) ** math.floor(math.log10(value))
    return next(n * power for n in (*NICE, Fraction(10)) if n * power >= value)


def nice_down(value: Fraction) -> Fraction:
    power = Fraction(10) ** math.floor(math.log10(value))
    return next(n * power for n in reversed(NICE) if n * power <= value)
