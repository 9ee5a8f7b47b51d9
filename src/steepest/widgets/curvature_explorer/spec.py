"""The curvature explorer's spec, computed in a compute worker.

The engine reads the loss, works out its Hessian's trees (in κ too, when a slider stretches the
bowl), the level lines, the readouts at the first point exactly, and both walks from there in
floats on the trees, as the browser will, for the table and the words the page shows without
JavaScript.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy

from steepest.engine.calculus.derivatives import gradient, hessian
from steepest.engine.calculus.points import Point, read_point
from steepest.engine.errors import EvaluationError
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.printing import mathml_equation, mathml_fragment, mathml_math
from steepest.engine.surface.bowl import Bowl, read_bowl
from steepest.engine.surface.curvature import (
    best_fixed_rate,
    curvature_at,
    newton_step,
    stretched_bowl,
)
from steepest.engine.surface.level_sets import level_sets
from steepest.engine.surface.step_counts import Trees, Walk, descent_walk, newton_walk
from steepest.engine.surface.surface_types import LevelSetJson
from steepest.widgets.curvature_explorer import (
    KAPPA_STEP,
    NAME,
    BowlJson,
    CurvatureExplorerParams,
    CurvatureExplorerSpec,
    KappaJson,
    StepRow,
)
from steepest.widgets.curvature_explorer.words import Reading, description, readouts, walk_text
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.two_weights import loss_of_two_weights

KAPPA = "kappa"
# Level lines: rings evenly spaced along the gentlest direction, RINGS of them in half the
# window, at most MOST_LEVELS in all; a loss that is no bowl gets this many chosen levels.
RINGS = 5
MOST_LEVELS = 14
LEVELS = 12
# The table without JavaScript lists the first steps of both walks.
TABLE_ROWS = 30


def compute_spec(params: CurvatureExplorerParams) -> CurvatureExplorerSpec:
    loss, variables = _loss(params.expression)
    window = [Fraction(t) for t in params.window]
    start = (
        read_point(dict(params.start), variables)
        if params.start
        else _default_start(window, variables)
    )
    _require_on_map(start, variables, window)
    quadratic = _is_quadratic(loss, variables)
    bowl = read_bowl(loss, variables) if quadratic and _curves_up(loss, variables) else None

    family, kappa = loss, None
    if params.kappa is not None:
        family, kappa = _stretchable(loss, bowl, params)
    rate = _rate(params, bowl)
    partials = gradient(family, variables)
    entries = hessian(family, variables)
    names = (variables[0].name, variables[1].name)
    trees = Trees(
        names,
        (to_tree(partials[0]), to_tree(partials[1])),
        (to_tree(entries[0, 0]), to_tree(entries[0, 1]), to_tree(entries[1, 1])),
        {} if kappa is None else {KAPPA: kappa["value"]},
    )
    first = (float(start[variables[0]]), float(start[variables[1]]))
    tolerance = float(Fraction(params.tolerance))
    descent = descent_walk(trees, first, float(rate), tolerance, params.steps)
    newton = newton_walk(trees, first, tolerance, params.steps)
    reading = _reading(loss, variables, start, rate, params, (descent, newton))

    half = float(window[1] - window[0]) / 2
    bounds = [float(w) for w in window]
    rings = _rings(bowl, half) if bowl is not None else []
    levels = [] if kappa is not None else _levels(loss, variables, bounds, bowl, rings)
    bowl_json: BowlJson | None = None
    if kappa is not None and bowl is not None:
        bowl_json = {
            "minimum": [float(m) for m in bowl.minimum],
            "lowest": float(bowl.lowest),
            "rings": rings,
        }
    return {
        "browser": {
            "variables": list(names),
            "window": bounds,
            "function": to_tree(family),
            "partials": list(trees.partials),
            "hessian": list(trees.hessian),
            "levels": levels,
            "bowl": bowl_json,
            "kappa": kappa,
            "rate": None if params.rate is None else float(rate),
            "quadratic": quadratic,
            "start": list(first),
            "tolerance": tolerance,
            "steps": params.steps,
        },
        "loss_mathml": mathml_math(
            mathml_equation(mathml_fragment(sympy.Function("L")(*variables)), mathml_fragment(loss))
        ),
        "kappa_text": "" if kappa is None else number_text(kappa["value"]),
        "tolerance_text": number_text(tolerance),
        "readouts": readouts(reading),
        "description": description(reading),
        "rows": _rows(descent, newton),
    }


def _loss(expression: str) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    loss, variables = loss_of_two_weights(NAME, expression)
    if KAPPA in (v.name for v in variables):
        raise WidgetParamsError(f"{NAME}: kappa names the condition number; call the weight else")
    return loss, variables


def _default_start(window: list[Fraction], variables: list[sympy.Symbol]) -> Point:
    """Up and to the left of the window's centre, off both axes."""
    half = (window[1] - window[0]) / 2
    at = ((window[0] + window[1]) / 2 - half * 3 / 4, (window[2] + window[3]) / 2 + half / 2)
    return {
        v: sympy.Rational(c.numerator, c.denominator) for v, c in zip(variables, at, strict=True)
    }


def _require_on_map(point: Point, variables: list[sympy.Symbol], window: list[Fraction]) -> None:
    for v, (low, high) in zip(variables, (window[:2], window[2:]), strict=True):
        if not low <= point[v] <= high:
            raise WidgetParamsError(
                f"{NAME}: the start {v.name} = {point[v]} is off the map, which shows"
                f" {low} ≤ {v.name} ≤ {high}"
            )


def _is_quadratic(loss: sympy.Expr, variables: list[sympy.Symbol]) -> bool:
    try:
        return bool(sympy.Poly(loss, *variables).total_degree() <= 2)
    except sympy.PolynomialError:
        return False


def _curves_up(loss: sympy.Expr, variables: list[sympy.Symbol]) -> bool:
    values = hessian(loss, variables).eigenvals(multiple=True)
    return all(v.is_positive for v in values)


def _stretchable(
    loss: sympy.Expr, bowl: Bowl | None, params: CurvatureExplorerParams
) -> tuple[sympy.Expr, KappaJson]:
    """The bowl as a formula in κ, and the slider, which starts at the bowl's own κ."""
    if bowl is None:
        raise WidgetParamsError(
            f"{NAME}: the kappa slider stretches a quadratic bowl, and {params.expression} is"
            " not one: its curvature changes from place to place or it curves down somewhere"
        )
    assert params.kappa is not None
    low, high = (Fraction(t) for t in params.kappa)
    own = sympy.radsimp(bowl.steepest / bowl.directions[0].curvature)
    step = sympy.Rational(KAPPA_STEP.numerator, KAPPA_STEP.denominator)
    on_slider = own.is_Rational and (own / step).is_integer and low <= own <= high
    if not on_slider:
        raise WidgetParamsError(
            f"{NAME}: the slider starts at the bowl's own κ = λmax/λmin ="
            f" {number_text(float(own))}, which must be a multiple of 0.1 from {params.kappa[0]}"
            f" to {params.kappa[1]}"
        )
    family = stretched_bowl(bowl, sympy.Symbol(KAPPA, positive=True))
    kappa: KappaJson = {
        "value": float(own),
        "min": float(low),
        "max": float(high),
        "step": float(KAPPA_STEP),
    }
    return family, kappa


def _rate(params: CurvatureExplorerParams, bowl: Bowl | None) -> sympy.Expr:
    if params.rate is not None:
        return sympy.Rational(params.rate)
    if bowl is None:
        raise WidgetParamsError(
            f"{NAME} needs a rate for {params.expression}: its curvature is not the same"
            " everywhere, or it curves down somewhere, so there is no best fixed rate"
        )
    return best_fixed_rate(bowl.hessian)


def _reading(
    loss: sympy.Expr,
    variables: list[sympy.Symbol],
    start: Point,
    rate: sympy.Expr,
    params: CurvatureExplorerParams,
    walks: tuple[Walk, Walk],
) -> Reading:
    local = curvature_at(loss, variables, start)
    try:
        newton: tuple[float, float] | None = _pair(newton_step(loss, variables, start))
    except EvaluationError:
        newton = None
    descent, method = walks
    tolerance = number_text(float(Fraction(params.tolerance)))
    gentle, steep = local.directions
    return Reading(
        point=_pair(tuple(start[v] for v in variables)),
        loss=float(local.value),
        gradient=_pair(local.gradient),
        hessian=(
            float(local.hessian[0, 0]),
            float(local.hessian[0, 1]),
            float(local.hessian[1, 1]),
        ),
        eigenvalues=(float(gentle.curvature), float(steep.curvature)),
        vectors=(_pair(gentle.vector), _pair(steep.vector)),
        newton=newton,
        rate=float(rate),
        best_rate=params.rate is None,
        descent=walk_text(descent.end, descent.steps, params.steps, tolerance),
        newton_walk=walk_text(method.end, method.steps, params.steps, tolerance),
    )


def _pair(values: tuple[sympy.Expr, ...]) -> tuple[float, float]:
    first, second = values
    return float(first), float(second)


def _rings(bowl: Bowl, half: float) -> list[float]:
    """L − L* = λmin·r²/2 for r evenly spaced: rings evenly spaced along the gentlest
    direction, RINGS of them across half the window."""
    gentle = float(bowl.directions[0].curvature)
    spacing = half / RINGS
    return [gentle * (ring * spacing) ** 2 / 2 for ring in range(1, MOST_LEVELS + 1)]


def _levels(
    loss: sympy.Expr,
    variables: list[sympy.Symbol],
    window: list[float],
    bowl: Bowl | None,
    rings: list[float],
) -> list[LevelSetJson]:
    if bowl is None:
        return level_sets(loss, variables, window, LEVELS).to_json()["levels"]
    lowest = float(bowl.lowest)
    corners = [{variables[0]: x, variables[1]: y} for x in window[:2] for y in window[2:]]
    highest = max(float(loss.subs(corner)) for corner in corners)
    values = [lowest + ring for ring in rings if lowest + ring < highest]
    return level_sets(loss, variables, window, values).to_json()["levels"]


def _rows(descent: Walk, newton: Walk) -> list[StepRow]:
    count = min(max(len(descent.points), len(newton.points)), TABLE_ROWS)
    return [
        {"step": k, "descent": _cells(descent, k), "newton": _cells(newton, k)}
        for k in range(count)
    ]


def _cells(walk: Walk, k: int) -> list[str]:
    if k >= len(walk.points):
        return []
    x, y = walk.points[k]
    slope = walk.slopes[k]
    return [number_text(x), number_text(y), number_text(slope) if math.isfinite(slope) else "—"]
