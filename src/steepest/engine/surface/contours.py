"""Level lines from a grid of values: which levels to draw, and their polylines for the browser.

contourpy traces the lines; the clean-up (rounding, dropping repeats and slivers, thinning)
runs with numpy on all points of all levels at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import contourpy
import numpy as np
import numpy.typing as npt

from steepest.engine.evaluate.arrays import FloatArray
from steepest.engine.surface.presets import Window
from steepest.engine.surface.surface_types import Spacing

Polyline = list[list[float]]
IndexArray = npt.NDArray[np.intp]
ChunkedLines = tuple[list[FloatArray | None], list[IndexArray | None]]

# Each thinning pass costs a fixed ~0.3 ms of numpy calls, repaid in a shorter JSON; after
# three, a smooth line keeps about a seventh of its points. Half a thousandth of the window is
# a fifth of a unit on the map, which the browser draws at most 440 units wide.
THINNING_PASSES = 3
THINNING_TOLERANCE = 5e-4


@dataclass(frozen=True)
class LevelSet:
    value: float
    lines: list[Polyline]


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
    low, high = value_range(values)
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
    return sorted({significant(low + span * float(f)) for f in fractions}), spacing


def value_range(values: FloatArray) -> tuple[float, float]:
    # fmin/fmax skip NaN without the copy that nanmin/nanmax make.
    return float(np.fmin.reduce(values, axis=None)), float(np.fmax.reduce(values, axis=None))


def _geometric(fractions: FloatArray, count: int) -> FloatArray:
    # Equal ratios from the lowest percent of the window; the top one stays below the maximum.
    smallest = float(np.quantile(fractions, 0.01))
    exponents: FloatArray = 1 - np.arange(count) / count
    return smallest**exponents


def significant(value: float, digits: int = 3) -> float:
    if value == 0 or not math.isfinite(value):
        return float(value)
    return float(round(value, digits - 1 - math.floor(math.log10(abs(value)))))


def trace_level_lines(
    mesh: Sequence[FloatArray], values: FloatArray, levels: list[float], bounds: Window
) -> list[LevelSet]:
    """The level lines as polylines, rounded, cleaned and thinned for the browser.

    contourpy traces all levels in one call, each into one array of points with line offsets;
    the clean-up then runs on all points of all levels at once, because numpy's cost is per
    call. The 2-D mesh is passed as it is: given 1-D axes, contourpy would build it again.
    """
    # contourpy treats NaN (L undefined) as a hole in the surface, which is what it is.
    generator = contourpy.contour_generator(
        mesh[0], mesh[1], values, line_type=contourpy.LineType.ChunkCombinedOffset
    )
    # The points, the number of points of each line, and the level of each line.
    chunks: list[FloatArray] = []
    sizes: list[IndexArray] = []
    owners: list[IndexArray] = []
    for index, level_lines in enumerate(generator.multi_lines(levels)):
        # The return type is a union over line types; this one is (points, offsets) per chunk.
        points_by_chunk, offsets_by_chunk = cast(ChunkedLines, level_lines)
        for points, offsets in zip(points_by_chunk, offsets_by_chunk, strict=True):
            if points is not None and offsets is not None:
                chunks.append(points)
                sizes.append(np.diff(offsets))
                owners.append(np.full(len(offsets) - 1, index))
    traced = [LevelSet(level, []) for level in levels]
    if not chunks:
        return traced
    side = min(bounds[1] - bounds[0], bounds[3] - bounds[2])
    # A ten-thousandth of the window is far below a pixel, and keeps the JSON short.
    points = np.concatenate(chunks).round(max(0, math.ceil(-math.log10(side * 1e-4))))
    line = np.repeat(np.arange(sum(len(s) for s in sizes)), np.concatenate(sizes))
    level_of_line = np.concatenate(owners).tolist()
    repeated = np.zeros(len(points), dtype=bool)
    repeated[1:] = (points[1:] == points[:-1]).all(axis=1) & (line[1:] == line[:-1])
    points, line = points[~repeated], line[~repeated]
    points, line = _without_slivers(points, line, 1e-3 * math.hypot(side, side))
    if len(points) == 0:
        return traced
    for _ in range(THINNING_PASSES):
        points, line = _thinned(points, line, THINNING_TOLERANCE * side)
    coordinates = points.tolist()
    starts = np.flatnonzero(np.r_[True, line[1:] != line[:-1]]).tolist()
    for start, end in zip(starts, [*starts[1:], len(coordinates)], strict=True):
        traced[level_of_line[line[start]]].lines.append(coordinates[start:end])
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
    moves a line by less than `tolerance`; each pass drops up to half the points of a smooth
    line. Distances are compared squared, to spare the square roots.
    """
    index = np.arange(len(points))
    first = np.empty(len(points), dtype=bool)
    first[0], first[1:] = True, line[1:] != line[:-1]
    last = np.empty_like(first)
    last[-1], last[:-1] = True, first[1:]
    local = index - np.maximum.accumulate(np.where(first, index, 0))
    tested = index[(local & 1 == 1) & ~last]
    before = points[tested - 1]
    chord, offset = points[tested + 1] - before, points[tested] - before
    length_squared = np.einsum("ij,ij->i", chord, chord)
    cross = chord[:, 0] * offset[:, 1] - chord[:, 1] * offset[:, 0]
    # Between two equal neighbours (a tiny closed loop) the distance is to that one point.
    limit = tolerance * tolerance * np.where(length_squared > 0, length_squared, 1.0)
    gap = np.where(length_squared > 0, cross * cross, np.einsum("ij,ij->i", offset, offset))
    keep = np.ones(len(points), dtype=bool)
    keep[tested[gap <= limit]] = False
    return points[keep], line[keep]
