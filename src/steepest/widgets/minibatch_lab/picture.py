"""The minibatch lab's pictures as the server draws them, for the page without JavaScript: the
contour map with both walks, and the scatter of the data with the line the minibatch walk ends
on. Only screen coordinates are worked out here; the template writes the SVG."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from steepest.engine.optimizers.minibatch import Example
from steepest.engine.optimizers.rules import Vector
from steepest.engine.surface.surface_types import LevelSetJson
from steepest.widgets.minibatch_lab import ContourJson, StaticPicture

MAP_SIZE = 300
SCATTER_WIDTH, SCATTER_HEIGHT = 300, 200
SCATTER_X = (-2.2, 2.2)
# Colours in the stylesheet, .level-0 (lowest) to .level-7, as js/widgets/surface/map.js picks.
BANDS = 8


def _band(index: int, count: int) -> int:
    # Half up, as JavaScript's Math.round.
    return math.floor(index / (count - 1) * (BANDS - 1) + 0.5) if count > 1 else BANDS // 2


MapPoint = Callable[[float, float], tuple[float, float]]


def map_scale(window: Sequence[float], size: int) -> MapPoint:
    """A point of the window on a size×size map, in SVG units (up is up)."""
    x0, x1, y0, y1 = window

    def on_map(x: float, y: float) -> tuple[float, float]:
        # Far off the map a point only needs to leave it: keep the SVG's numbers small.
        sx = min(1e4, max(-1e4, (x - x0) / (x1 - x0) * size))
        sy = min(1e4, max(-1e4, size - (y - y0) / (y1 - y0) * size))
        return round(sx, 1), round(sy, 1)

    return on_map


def map_polyline(on_map: MapPoint, points: Sequence[Sequence[float]]) -> str:
    """A walk as an SVG polyline's points."""
    return " ".join("{},{}".format(*on_map(float(p[0]), float(p[1]))) for p in points)


def map_contours(on_map: MapPoint, levels: Sequence[LevelSetJson]) -> list[ContourJson]:
    """The level lines as SVG paths, each with its colour band as surface/map.js picks it."""
    return [
        {
            "band": _band(index, len(levels)),
            "d": "M" + "L".join(f"{x},{y}" for x, y in (on_map(p[0], p[1]) for p in line)),
        }
        for index, level in enumerate(levels)
        for line in level["lines"]
    ]


def static_picture(
    window: Sequence[float],
    levels: Sequence[LevelSetJson],
    full: Sequence[Vector],
    mini: Sequence[Vector],
    minimum: Sequence[float],
    examples: Sequence[Example],
    fitted: Vector,
) -> StaticPicture:
    on_map = map_scale(window, MAP_SIZE)

    def polyline(points: Sequence[Sequence[float]]) -> str:
        return map_polyline(on_map, points)

    contours = map_contours(on_map, levels)
    xs = [float(e.x) for e in examples]
    ys = [float(e.y) for e in examples]
    low, high = min(ys), max(ys)
    pad = max(0.5, (high - low) * 0.1)
    low, high = low - pad, high + pad

    def on_scatter(x: float, y: float) -> list[float]:
        sx = (x - SCATTER_X[0]) / (SCATTER_X[1] - SCATTER_X[0]) * SCATTER_WIDTH
        sy = SCATTER_HEIGHT - (y - low) / (high - low) * SCATTER_HEIGHT
        return [round(sx, 1), round(sy, 1)]

    w, b = (float(c) for c in fitted)
    ends = [on_scatter(x, w * x + b) for x in SCATTER_X]
    return {
        "size": MAP_SIZE,
        "contours": contours,
        "full_path": polyline(full),
        "minibatch_path": polyline(mini),
        "minimum": list(on_map(*minimum)),
        "points": [on_scatter(x, y) for x, y in zip(xs, ys, strict=True)],
        "line": [*ends[0], *ends[1]],
    }
