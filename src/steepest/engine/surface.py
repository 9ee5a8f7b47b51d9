"""A loss of two variables as a contour map: level lines, critical points, and a description.

The function is evaluated on a grid with numpy by walking its compiled tree (no code is made
from learner text), and contourpy traces the level lines. The browser gets the lines, the
trees of L and its partials (to draw gradient arrows itself), and a sentence for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import contourpy
import numpy as np
import numpy.typing as npt
import sympy

from steepest.engine.calculus import CriticalKind, gradient
from steepest.engine.errors import EngineError, EvaluationError, LimitExceeded, VariableError
from steepest.engine.numeric import (
    FloatArray,
    critical_points_on_grid,
    evaluate_gradient,
    evaluate_tree_array,
)
from steepest.engine.parser import parse
from steepest.engine.printing import to_text
from steepest.engine.symbols import order_variables
from steepest.engine.tree import Tree, to_tree

Window = tuple[float, float, float, float]
Polyline = list[list[float]]
IndexArray = npt.NDArray[np.intp]
Spacing = Literal["even", "geometric", "given"]

DEFAULT_WINDOW: Window = (-2.0, 2.0, -2.0, 2.0)
DEFAULT_LEVELS = 12
MAX_LEVELS = 40
GRID_SIZES = range(20, 401)
MAX_COORDINATE = 1e4
MIN_SPAN = 1e-3
MAX_CRITICAL_POINTS = 12


class Preset(NamedTuple):
    label: str
    expression: str
    window: Window
    start: dict[str, float]
    rate: float


# Starts and rates are chosen so that the first drop of the ball shows the preset's lesson.
PRESETS: dict[str, Preset] = {
    "round-bowl": Preset("round bowl", "w1^2 + w2^2", DEFAULT_WINDOW, {"w1": -1.5, "w2": 1.2}, 0.1),
    # Rate 0.3 is between 1/6 and 2/6: the ball overshoots across the steep w2 direction and
    # zig-zags, but the zig-zags shrink.
    "stretched-bowl": Preset(
        "stretched bowl", "w1^2 + 3w2^2", DEFAULT_WINDOW, {"w1": -1.8, "w2": 1.0}, 0.3
    ),
    "rosenbrock": Preset(
        "Rosenbrock's banana valley",
        "(1 - w1)^2 + 100(w2 - w1^2)^2",
        (-2.0, 2.0, -1.0, 3.0),
        {"w1": -1.2, "w2": 1.0},
        0.001,
    ),
    "saddle": Preset("saddle", "w1^2 - w2^2", DEFAULT_WINDOW, {"w1": 1.8, "w2": 0.05}, 0.1),
    # Negated bumps, so the ball has somewhere to settle: which valley depends on the start.
    "two-valleys": Preset(
        "two valleys (two Gaussian dips)",
        "-exp(-(w1 - 1)^2 - (w2 - 1)^2) - 0.8exp(-(w1 + 1)^2 - (w2 + 1)^2)",
        (-3.0, 3.0, -3.0, 3.0),
        {"w1": 0.2, "w2": -0.6},
        0.5,
    ),
}
DEFAULT_PRESET = "stretched-bowl"


@dataclass(frozen=True)
class LevelSet:
    value: float
    lines: list[Polyline]


@dataclass(frozen=True)
class CriticalPoint:
    point: dict[str, float]
    kind: CriticalKind
    value: float


@dataclass(frozen=True)
class SurfaceReport:
    variables: tuple[str, str]
    window: Window
    levels: list[LevelSet]
    spacing: Spacing
    value_range: tuple[float, float]
    function: Tree
    partials: dict[str, Tree]
    critical_points: list[CriticalPoint]
    description: str

    def to_json(self) -> dict[str, Any]:
        return {
            "variables": list(self.variables),
            "window": list(self.window),
            "levels": [{"value": s.value, "lines": s.lines} for s in self.levels],
            "spacing": self.spacing,
            "range": list(self.value_range),
            "function": self.function,
            "partials": self.partials,
            "critical_points": [
                {"point": c.point, "kind": c.kind, "value": c.value} for c in self.critical_points
            ],
            "description": self.description,
        }


def surface_json(
    expression: str,
    window: Sequence[float] | None = None,
    levels: int | Sequence[float] = DEFAULT_LEVELS,
) -> dict[str, Any]:
    """The web API's entry point: text in, JSON-ready level sets out. Runs in a compute worker."""
    expr = parse(expression)
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
    partials = {v.name: to_tree(d) for v, d in zip((x, y), gradient(expr, (x, y)), strict=True)}

    mesh = np.meshgrid(np.linspace(*bounds[:2], grid), np.linspace(*bounds[2:], grid))
    at_mesh = dict(zip(names, mesh, strict=True))
    values = evaluate_tree_array(function, at_mesh)
    if not np.isfinite(values).any():
        raise EvaluationError(f"L = {to_text(expr)} has no real value anywhere in this window")
    if isinstance(levels, int):
        chosen, spacing = choose_levels(values, _checked_count(levels))
    else:
        chosen, spacing = _checked_levels(levels), "given"
    traced = _trace(mesh, values, chosen, bounds)

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
        CriticalPoint(dict(zip(names, p.tolist(), strict=True)), kind, _significant(v, 6))
        for p, v, kind in zip(found, at_found.tolist(), kinds, strict=True)
        if math.isfinite(v)
    ]
    value_range = _value_range(values)
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
        names, bounds, traced, spacing, value_range, function, partials, critical, description
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
    if isinstance(count, bool) or not 1 <= count <= MAX_LEVELS:
        raise LimitExceeded(f"ask for 1 to {MAX_LEVELS} level lines")
    return count


def _checked_levels(levels: Sequence[float]) -> list[float]:
    if isinstance(levels, str) or not all(_is_real_number(v) for v in levels):
        raise EngineError("the levels must be a count or a list of numbers")
    if not 1 <= len(levels) <= MAX_LEVELS:
        raise LimitExceeded(f"ask for 1 to {MAX_LEVELS} level lines")
    if not all(math.isfinite(v) for v in levels):
        raise EngineError("every level must be a finite number")
    return sorted({float(v) for v in levels})


def _is_real_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- levels and lines ---------------------------------------------------------------------------


def choose_levels(values: FloatArray, count: int) -> tuple[list[float], Spacing]:
    """`count` levels, rounded to 3 significant digits for the legend, and how they are spaced.

    Evenly spaced levels are the default because only then do crowded lines mean a steep
    slope, which is what the learner is meant to read off the map (a bowl's rings crowd
    towards its rim because it does get steeper). When half of the window lies in the bottom
    tenth of the range (Rosenbrock's walls rise to 2500 over a valley floor near 0), even
    levels would all sit on the walls; then they grow in equal ratios from the lowest percent
    of the window. Not when that lowest percent is a plateau (the flat floor around a narrow
    bump), where ratios would only trace rounding-level values like L = 10⁻⁹.
    """
    sample = values[::4, ::4]  # the shape of the distribution needs no more than this
    finite = sample[np.isfinite(sample)]
    low, high = _value_range(values)
    span = high - low
    if span <= 1e-12 * max(1.0, abs(high)) or finite.size == 0:
        return [], "even"
    middle = (float(np.median(finite)) - low) / span
    from_bottom = (finite - low) / span
    spacing: Spacing = "geometric"
    if middle < 0.1 and np.quantile(from_bottom, 0.01) >= 1e-6:
        fractions = _geometric(from_bottom, count)
    else:
        fractions, spacing = np.arange(1, count + 1) / (count + 1), "even"
    return sorted({_significant(low + span * float(f)) for f in fractions}), spacing


def _value_range(values: FloatArray) -> tuple[float, float]:
    # fmin/fmax skip NaN without the copy that nanmin/nanmax make.
    return float(np.fmin.reduce(values, axis=None)), float(np.fmax.reduce(values, axis=None))


def _geometric(fractions: FloatArray, count: int) -> FloatArray:
    # Equal ratios from the lowest percent of the window; the top one stays below the maximum.
    smallest = float(np.quantile(fractions, 0.01))
    exponents: FloatArray = 1 - np.arange(count) / count
    return smallest**exponents


def _significant(value: float, digits: int = 3) -> float:
    if value == 0 or not math.isfinite(value):
        return float(value)
    return float(round(value, digits - 1 - math.floor(math.log10(abs(value)))))


def _trace(
    mesh: Sequence[FloatArray], values: FloatArray, levels: list[float], bounds: Window
) -> list[LevelSet]:
    """The level lines as polylines, rounded, cleaned and thinned for the browser.

    contourpy traces every level into one array of points with line offsets; the clean-up
    then runs on all points of all levels at once, because numpy's cost is per call.
    """
    # contourpy treats NaN (L undefined) as a hole in the surface, which is what it is.
    generator = contourpy.contour_generator(
        mesh[0][0], mesh[1][:, 0], values, line_type=contourpy.LineType.ChunkCombinedOffset
    )
    chunks, owners = [], []  # the points of each line, and the level each line belongs to
    for index, level in enumerate(levels):
        for points, offsets in zip(*generator.lines(level), strict=True):
            if points is not None:
                chunks.extend(np.split(points, offsets[1:-1]))
                owners.extend([index] * (len(offsets) - 1))
    traced = [LevelSet(level, []) for level in levels]
    if not chunks:
        return traced
    side = min(bounds[1] - bounds[0], bounds[3] - bounds[2])
    # A ten-thousandth of the window is far below a pixel, and keeps the JSON short.
    points = np.concatenate(chunks).round(max(0, math.ceil(-math.log10(side * 1e-4))))
    line = np.repeat(np.arange(len(chunks)), [len(c) for c in chunks])
    repeated = np.zeros(len(points), dtype=bool)
    repeated[1:] = (points[1:] == points[:-1]).all(axis=1) & (line[1:] == line[:-1])
    points, line = points[~repeated], line[~repeated]
    points, line = _without_slivers(points, line, 1e-3 * math.hypot(side, side))
    if len(points) == 0:
        return traced
    for _ in range(3):
        points, line = _thinned(points, line, 2e-4 * side)
    coordinates = points.tolist()
    starts = np.flatnonzero(np.r_[True, line[1:] != line[:-1]]).tolist()
    for start, end in zip(starts, [*starts[1:], len(coordinates)], strict=True):
        traced[owners[line[start]]].lines.append(coordinates[start:end])
    return traced


def _without_slivers(
    points: FloatArray, line: IndexArray, shortest: float
) -> tuple[FloatArray, IndexArray]:
    """Drops lines shorter than `shortest`: where a level barely touches the grid, not lines."""
    inside = line[1:] == line[:-1]
    steps = np.hypot(*np.diff(points, axis=0).T)
    length = np.bincount(line[1:][inside], weights=steps[inside], minlength=line[-1] + 1)
    keep = (length >= shortest)[line]
    return points[keep], line[keep]


def _thinned(
    points: FloatArray, line: IndexArray, tolerance: float
) -> tuple[FloatArray, IndexArray]:
    """Drops points within `tolerance` of the chord between their neighbours.

    Only every other point of a line is tested, against neighbours that stay, so one pass
    moves a line by less than `tolerance`; three passes shrink smooth lines several-fold.
    """
    index = np.arange(len(points))
    first = np.r_[True, line[1:] != line[:-1]]
    last = np.r_[line[1:] != line[:-1], True]
    local = index - np.maximum.accumulate(np.where(first, index, 0))
    tested = index[(local % 2 == 1) & ~last]
    before, after = points[tested - 1], points[tested + 1]
    chord, offset = after - before, points[tested] - before
    length = np.hypot(chord[:, 0], chord[:, 1])
    cross = np.abs(chord[:, 0] * offset[:, 1] - chord[:, 1] * offset[:, 0])
    distance = np.where(
        length > 0, cross / np.maximum(length, 1e-300), np.hypot(offset[:, 0], offset[:, 1])
    )
    keep = np.ones(len(points), dtype=bool)
    keep[tested[distance <= tolerance]] = False
    return points[keep], line[keep]


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
    if place > 0:
        unit = 10.0 ** math.floor(math.log10(place))
        value = round(float(value) / unit) * unit
    rounded = _significant(float(value))
    if rounded == 0:
        return "0"
    if 1e-4 <= abs(rounded) < 1e6:
        text = f"{rounded:f}".rstrip("0").rstrip(".")
    else:
        mantissa, exponent = f"{rounded:.2e}".split("e")
        text = f"{float(mantissa):g}e{int(exponent)}"
    return text.replace("-", "−")
