"""A loss of two variables as a contour map: level lines, critical points, and a description.

The function is evaluated on a grid with numpy by walking its compiled tree (no code is made
from learner text), and contourpy traces the level lines. The browser gets the lines, the
trees of L and its partials (to draw gradient arrows itself), and a sentence for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from steepest.engine.answer_kinds import ClassifiedKind
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.real_results import (
    require_float_constants,
    require_real,
    require_workable,
)
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, VariableError
from steepest.engine.evaluate.arrays import FloatArray, evaluate_gradient, evaluate_tree_array
from steepest.engine.evaluate.tree import Tree, to_tree
from steepest.engine.limits import MAX_LEVEL_LINES
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.contours import (
    LevelSet,
    choose_levels,
    significant,
    trace_level_lines,
    value_range,
)
from steepest.engine.surface.critical_points import critical_points_on_grid
from steepest.engine.surface.presets import DEFAULT_PRESET, DEFAULT_WINDOW, PRESETS, Window
from steepest.engine.surface.surface_types import Spacing, SurfaceJson

# The presets live in their own SymPy-free module; they are named here too for callers that
# think of them as part of the surface.
__all__ = [
    "DEFAULT_PRESET",
    "PRESETS",
    "CriticalPoint",
    "SurfaceReport",
    "format_number",
    "level_sets",
    "surface_json",
]

DEFAULT_LEVELS = 12
GRID_SIZES = range(20, 401)
MAX_COORDINATE = 1e4
MIN_SPAN = 1e-3
MAX_CRITICAL_POINTS = 12


@dataclass(frozen=True)
class CriticalPoint:
    point: dict[str, float]
    kind: ClassifiedKind
    value: float


@dataclass(frozen=True)
class SurfaceReport:
    expression: str
    """L as the engine prints it, for the legend and the readouts."""
    variables: tuple[str, str]
    window: Window
    levels: list[LevelSet]
    spacing: Spacing
    value_range: tuple[float, float]
    function: Tree
    partials: dict[str, Tree]
    partials_text: dict[str, str]
    critical_points: list[CriticalPoint]
    description: str

    def to_json(self) -> SurfaceJson:
        return {
            "expression": self.expression,
            "variables": list(self.variables),
            "window": list(self.window),
            "levels": [{"value": s.value, "lines": s.lines} for s in self.levels],
            "spacing": self.spacing,
            "range": list(self.value_range),
            "function": self.function,
            "partials": self.partials,
            "partials_text": self.partials_text,
            "critical_points": [
                {"point": c.point, "kind": c.kind, "value": c.value} for c in self.critical_points
            ],
            "description": self.description,
        }


def surface_json(
    expression: str,
    window: Sequence[float] | None = None,
    levels: int | Sequence[float] = DEFAULT_LEVELS,
) -> SurfaceJson:
    """The web API's entry point: text in, JSON-ready level sets out. Runs in a compute worker."""
    expr = require_float_constants(require_workable(parse(expression), "L"), "L")
    variables = order_variables(expr.free_symbols)
    return level_sets(expr, variables, window or DEFAULT_WINDOW, levels).to_json()


def level_sets(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    window: Sequence[float] = DEFAULT_WINDOW,
    levels: int | Sequence[float] = DEFAULT_LEVELS,
    grid: int = 200,
) -> SurfaceReport:
    """Level lines of L(x, y) over the window, traced on a grid×grid mesh.

    With a count, the levels are chosen to suit the range of L (see `choose_levels`); with a
    list, exactly those levels are traced.
    """
    x, y = _surface_variables(expr, variables)
    names = (x.name, y.name)
    bounds = _checked_window(window, names)
    if isinstance(grid, bool) or grid not in GRID_SIZES:
        raise LimitExceeded(f"the grid must have {GRID_SIZES[0]} to {GRID_SIZES[-1]} points a side")
    function = to_tree(expr)
    slopes_exact = {
        name: require_real(d, f"∂L/∂{name}")
        for name, d in zip(names, gradient(expr, (x, y)), strict=True)
    }
    partials = {name: to_tree(d) for name, d in slopes_exact.items()}

    mesh = np.meshgrid(np.linspace(*bounds[:2], grid), np.linspace(*bounds[2:], grid))
    at_mesh = dict(zip(names, mesh, strict=True))
    values = evaluate_tree_array(function, at_mesh)
    if not np.isfinite(values).any():
        raise EvaluationError(f"L = {to_text(expr)} has no real value anywhere in this window")
    low, high = value_range(values)
    if not math.isfinite(high - low):
        # Its span overflows a float (1.6e308 − (−1.6e308)): no level can be placed evenly.
        raise EvaluationError(
            "L spans more than a float can hold in this window: its values run to about"
            f" ±{format_number(max(abs(low), abs(high)))}"
        )
    if isinstance(levels, int):
        chosen, spacing = choose_levels(values, _checked_count(levels))
    else:
        chosen, spacing = _checked_levels(levels), "given"
    traced = trace_level_lines(mesh, values, chosen, bounds)

    points = np.stack(mesh, axis=-1)
    # ∇L on the grid only seeds Newton and finds the steepest place: every other grid line,
    # and the edges, are plenty, for a quarter of the work.
    lines = np.unique(np.r_[np.arange(0, grid, 2), grid - 1])
    coarse = points[np.ix_(lines, lines)]
    slopes = evaluate_gradient([partials[n] for n in names], names, coarse)
    box = (np.array(bounds[0::2]), np.array(bounds[1::2]))
    found, kinds = critical_points_on_grid(
        function, [partials[n] for n in names], names, (coarse, slopes), box, MAX_CRITICAL_POINTS
    )
    at_found = evaluate_tree_array(function, dict(zip(names, found.T, strict=True)))
    critical = [
        CriticalPoint(dict(zip(names, p.tolist(), strict=True)), kind, significant(v, 6))
        for p, v, kind in zip(found, at_found.tolist(), kinds, strict=True)
        if math.isfinite(v)
    ]
    extent = value_range(values)
    description = _describe(
        to_text(expr),
        names,
        bounds,
        (chosen, spacing),
        critical,
        (points, values),
        (coarse, slopes),
    )
    return SurfaceReport(
        to_text(expr),
        names,
        bounds,
        traced,
        spacing,
        extent,
        function,
        partials,
        {name: to_text(d) for name, d in slopes_exact.items()},
        critical,
        description,
    )


# -- input checks -------------------------------------------------------------------------------


def _surface_variables(
    expr: sympy.Expr, variables: Sequence[sympy.Symbol]
) -> tuple[sympy.Symbol, sympy.Symbol]:
    used = order_variables(expr.free_symbols)
    unknown = [s.name for s in used if s not in variables]
    if unknown:
        listed = ", ".join(v.name for v in variables) or "none"
        raise VariableError(f"L uses {', '.join(unknown)}, which is not a variable here ({listed})")
    wanted = "give a loss of two variables, such as w1^2 + 3w2^2"
    if not used:
        raise VariableError(f"L = {to_text(expr)} is a constant, not a surface: {wanted}")
    if len(used) == 1:
        raise VariableError(
            f"L = {to_text(expr)} depends only on {used[0].name}, so it is a curve,"
            f" not a surface: {wanted}"
        )
    if len(variables) != 2:
        listed = ", ".join(v.name for v in variables)
        raise VariableError(
            f"a contour map shows a loss of exactly two variables, not {len(variables)} ({listed})"
        )
    return variables[0], variables[1]


def _checked_window(window: Sequence[float], names: tuple[str, str]) -> Window:
    if len(window) != 4 or not all(_is_real_number(v) for v in window):
        raise EngineError(
            f"the window must be four numbers: {names[0]} from, to, {names[1]} from, to"
        )
    bounds: Window = (float(window[0]), float(window[1]), float(window[2]), float(window[3]))
    for name, low, high in ((names[0], *bounds[:2]), (names[1], *bounds[2:])):
        if not (math.isfinite(low) and math.isfinite(high)):
            raise EngineError(f"the window for {name} must be finite")
        if not low < high:
            raise EngineError(f"the window for {name} must run from a smaller to a larger number")
        if max(abs(low), abs(high)) > MAX_COORDINATE:
            raise LimitExceeded(f"the window for {name} must stay within ±{MAX_COORDINATE:g}")
        if high - low < MIN_SPAN:
            raise LimitExceeded(f"the window for {name} must be at least {MIN_SPAN:g} wide")
    return bounds


def _checked_count(count: int) -> int:
    if isinstance(count, bool) or not 1 <= count <= MAX_LEVEL_LINES:
        raise LimitExceeded(f"ask for 1 to {MAX_LEVEL_LINES} level lines")
    return count


def _checked_levels(levels: Sequence[float]) -> list[float]:
    if isinstance(levels, str) or not all(_is_real_number(v) for v in levels):
        raise EngineError("the levels must be a count or a list of numbers")
    if not 1 <= len(levels) <= MAX_LEVEL_LINES:
        raise LimitExceeded(f"ask for 1 to {MAX_LEVEL_LINES} level lines")
    if not all(math.isfinite(v) for v in levels):
        raise EngineError("every level must be a finite number")
    return sorted({float(v) for v in levels})


def _is_real_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- words for screen readers -------------------------------------------------------------------


def _describe(
    text: str,
    names: tuple[str, str],
    bounds: Window,
    levels: tuple[list[float], Spacing],
    critical: list[CriticalPoint],
    surface: tuple[FloatArray, FloatArray],
    slope: tuple[FloatArray, FloatArray],
) -> str:
    """Where L is lowest, highest and steepest, from the grid's points and values and the
    (coarser) grid of ∇L, and the critical points found."""
    x, y = names
    place = 1e-3 * min(bounds[1] - bounds[0], bounds[3] - bounds[2])
    flat_values, flat_points = surface[1].reshape(-1), surface[0].reshape(-1, 2)
    lowest, highest = int(np.nanargmin(flat_values)), int(np.nanargmax(flat_values))
    height = 1e-3 * float(flat_values[highest] - flat_values[lowest])
    low, high = (
        format_number(flat_values[lowest], height),
        format_number(flat_values[highest], height),
    )
    ends = [format_number(b) for b in bounds]
    sentences = [
        f"Contour map of L = {text} for {x} from {ends[0]} to {ends[1]}"
        f" and {y} from {ends[2]} to {ends[3]}."
    ]
    chosen, spacing = levels
    if not chosen:
        sentences.append(f"L is flat in this window, about {low}, so there are no level lines.")
    else:
        sentences.append(
            f"In this window L runs from {low} to {high}; {len(chosen)} level lines are drawn,"
            f" from L = {format_number(chosen[0])} to L = {format_number(chosen[-1])}."
        )
    if spacing == "even" and len(chosen) > 1:
        sentences.append(
            "The levels are evenly spaced, so where the lines crowd together L is steep."
        )
    elif spacing == "geometric":
        sentences.append(
            "L spans several orders of magnitude here, so the levels are spaced by ratios,"
            " not evenly: crowded lines alone do not mean steep."
        )
    for c in critical[:4]:
        kind = "a saddle point" if c.kind == "saddle" else f"a {c.kind}"
        where = _point_text(names, c.point.values(), place)
        sentences.append(f"There is {kind} at {where}, where L = {format_number(c.value, height)}.")
    if len(critical) > 4:
        sentences.append(f"There are {len(critical) - 4} more points where ∇L = 0.")
    if not critical:
        sentences.append(
            "No single minimum, maximum or saddle point is in view: the lowest value shown,"
            f" {low}, is at {_point_text(names, flat_points[lowest], place)}, and the highest,"
            f" {high}, at {_point_text(names, flat_points[highest], place)}."
        )
    slopes, slope_points = slope[1].reshape(-1, 2), slope[0].reshape(-1, 2)
    steepness = np.hypot(slopes[:, 0], slopes[:, 1])
    if np.isfinite(steepness).any():
        steepest = int(np.nanargmax(steepness))
        gradient_there = slopes[steepest]
        sentences.append(
            f"It is steepest near {_point_text(names, slope_points[steepest], place)}, where"
            f" ∇L = ({format_number(gradient_there[0])}, {format_number(gradient_there[1])}),"
            f" of length {format_number(steepness[steepest])}."
        )
    return " ".join(sentences)


def _point_text(names: tuple[str, str], coordinates: Any, place: float) -> str:
    pairs = zip(names, coordinates, strict=True)
    return "(" + ", ".join(f"{n} = {format_number(c, place)}" for n, c in pairs) + ")"


def format_number(value: float, place: float = 0.0) -> str:
    """3 significant digits, after rounding away digits finer than `place`.

    Grid values miss exact points (the bowl's lowest grid value is 0.0002, not 0), so figures
    are rounded to a thousandth of the window or range first. "−" is read as "minus".
    """
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        # Overflowed in floats: a size, not "infinity", which L is not.
        return "more than 1.8e308" if value > 0 else "less than −1.8e308"
    if 0 < place < math.inf:
        unit = 10.0 ** math.floor(math.log10(place))
        units = float(value) / unit
        # A value near 1e308 counted in ten-thousandths overflows: it has no digits to round.
        value = round(units) * unit if math.isfinite(units) else value
    rounded = significant(float(value))
    if rounded == 0:
        return "0"
    if 1e-4 <= abs(rounded) < 1e6:
        text = f"{rounded:f}".rstrip("0").rstrip(".")
    else:
        mantissa, exponent = f"{rounded:.2e}".split("e")
        text = f"{float(mantissa):g}e{int(exponent)}"
    return text.replace("-", "−")
