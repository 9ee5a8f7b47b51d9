"""Level lines from a grid of values: which levels to draw, and their polylines for the browser.

contourpy traces the lines; the clean-up (rounding, dropping repeats and slivers, thinning)
runs with numpy on all points of all levels at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import contourpy
import numpy as np
import numpy.typing as npt

from steepest.engine.numeric import FloatArray
from steepest.engine.presets import Window

Polyline = list[list[float]]
IndexArray = npt.NDArray[np.intp]
Spacing = Literal["even", "geometric", "given"]


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
