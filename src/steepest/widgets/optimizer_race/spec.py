"""The optimizer race's spec, computed in a compute worker.

The engine reads every landscape's loss, traces its level lines, and walks all four update
rules (engine/optimizers) at the lesson's settings on the first landscape, for the table and
the words the page shows without JavaScript.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import sympy

from steepest.engine.calculus.points import Point, read_point
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.optimizers.rules import (
    ADAM_EPSILON,
    RMSPROP_EPSILON,
    Adam,
    GradientDescent,
    HeavyBall,
    RMSProp,
    Rule,
    Vector,
)
from steepest.engine.optimizers.walks import optimizer_path
from steepest.engine.surface.level_sets import level_sets
from steepest.engine.surface.surface_types import LevelSetJson
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.minibatch_lab.picture import map_contours, map_polyline, map_scale
from steepest.widgets.optimizer_race import (
    NAME,
    OWN,
    LandscapeJson,
    OptimizerRaceParams,
    OptimizerRaceSpec,
    RacerRow,
    StaticMap,
)
from steepest.widgets.optimizer_race.landscapes import LANDSCAPES, OPTIMIZERS, Landscape
from steepest.widgets.optimizer_race.words import NAMES, description
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.two_weights import loss_of_two_weights

LEVELS = 12
MAP_SIZE = 300
# Four maps in one page: a coarser grid than the surface explorer's keeps the page small, and
# the lines stay smooth at the map's size.
GRID = 120
# The η sliders step through 1, 2 and 5 times each power of ten from 10⁻⁴ to 1, and the
# lesson's own rates.
LADDER = [Fraction(m, 10**k) for k in range(4, -1, -1) for m in (1, 2, 5)][:-2]


def compute_spec(params: OptimizerRaceParams) -> OptimizerRaceSpec:
    chosen = [(key, LANDSCAPES[key]) for key in params.landscapes]
    if params.expression is not None:
        chosen.insert(0, (OWN, _own(params)))
    ladder = sorted(set(LADDER) | {Fraction(r) for _, land in chosen for r in land.rates})
    landscapes = [_landscape_json(key, land, ladder) for key, land in chosen]
    surface = landscapes[0]["surface"]

    first = chosen[0][1]
    loss, variables = loss_of_two_weights(NAME, first.expression)
    start = _start(first, variables)
    rules = _rules(first.rates, params)
    walks = [optimizer_path(rule, loss, variables, start, params.steps) for rule in rules]
    ends = [tuple(float(c) for c in w[-1]) for w in walks]
    losses = [float(loss.subs(dict(zip(variables, w[-1], strict=True)))) for w in walks]
    rows: list[RacerRow] = [
        {"key": k, "name": n, "cells": [number_text(c) for c in (*end, value)]}
        for k, n, end, value in zip(OPTIMIZERS, NAMES, ends, losses, strict=True)
    ]
    return {
        "browser": {
            "variables": [v.name for v in variables],
            "landscapes": landscapes,
            "ladder": [float(r) for r in ladder],
            "ladderTexts": [_decimal_text(r) for r in ladder],
            "settings": {
                "beta": float(params.beta),
                "rho": float(params.rho),
                "beta1": float(params.beta1),
                "beta2": float(params.beta2),
            },
            "rmspropEpsilon": float(RMSPROP_EPSILON),
            "adamEpsilon": float(ADAM_EPSILON),
            "steps": params.steps,
        },
        "first_label": first.label,
        "start_text": "(" + ", ".join(number_text(float(start[v])) for v in variables) + ")",
        "rate_texts": list(first.rates),
        "epsilon_texts": [number_text(float(RMSPROP_EPSILON)), number_text(float(ADAM_EPSILON))],
        "description": description(first.label, params.steps, first.rates, ends, losses),
        "rows": rows,
        "picture": _picture(surface["window"], surface["levels"], walks),
        "max_length": DEFAULT_LIMITS.max_length,
    }


def _picture(
    window: list[float], levels: list[LevelSetJson], walks: list[list[Vector]]
) -> StaticMap:
    on_map = map_scale(window, MAP_SIZE)
    ends = [on_map(float(w[-1][0]), float(w[-1][1])) for w in walks]
    return {
        "size": MAP_SIZE,
        "contours": map_contours(on_map, levels),
        "paths": [
            {"key": key, "points": map_polyline(on_map, walk), "end": list(end)}
            for key, walk, end in zip(OPTIMIZERS, walks, ends, strict=True)
        ],
        "start": list(on_map(float(walks[0][0][0]), float(walks[0][0][1]))),
    }


def _own(params: OptimizerRaceParams) -> Landscape:
    assert params.expression is not None
    _, variables = loss_of_two_weights(NAME, params.expression)
    low1, high1, low2, high2 = (Fraction(t) for t in params.window)
    if params.start is None:
        start = (_decimal_text((3 * low1 + high1) / 4), _decimal_text((low2 + high2) / 2))
    else:
        given = read_point(dict(params.start), variables)
        start = (
            _decimal_text(_fraction(given[variables[0]])),
            _decimal_text(_fraction(given[variables[1]])),
        )
        inside = low1 <= Fraction(start[0]) <= high1 and low2 <= Fraction(start[1]) <= high2
        if not inside:
            raise WidgetParamsError(
                f"{NAME}: the start must lie inside the window {list(params.window)}"
            )
    return Landscape(
        f"your loss, L = {params.expression}",
        params.expression,
        params.window,
        start,
        None,
        params.rates,
    )


def _start(land: Landscape, variables: list[sympy.Symbol]) -> Point:
    return {v: sympy.Rational(t) for v, t in zip(variables, land.start, strict=True)}


def _rules(rates: tuple[str, str, str, str], params: OptimizerRaceParams) -> list[Rule]:
    sgd, momentum, rmsprop, adam = (sympy.Rational(r) for r in rates)
    return [
        GradientDescent(sgd),
        HeavyBall(momentum, sympy.Rational(params.beta)),
        RMSProp(rmsprop, sympy.Rational(params.rho)),
        Adam(adam, sympy.Rational(params.beta1), sympy.Rational(params.beta2)),
    ]


def _landscape_json(key: str, land: Landscape, ladder: list[Fraction]) -> LandscapeJson:
    loss, variables = loss_of_two_weights(NAME, land.expression)
    window = [float(t) for t in land.window]
    surface = level_sets(loss, variables, window, LEVELS, grid=GRID).to_json()
    return {
        "key": key,
        "label": land.label,
        "surface": surface,
        "lowest": None if land.lowest is None else float(land.lowest),
        "start": [float(t) for t in land.start],
        "rates": [ladder.index(Fraction(r)) for r in land.rates],
    }


def _fraction(value: sympy.Expr) -> Fraction:
    return Fraction(str(value))


def _decimal_text(value: Fraction) -> str:
    """The shortest exact decimal: 0.1, not 0.100."""
    return f"{(Decimal(value.numerator) / Decimal(value.denominator)).normalize():f}"
