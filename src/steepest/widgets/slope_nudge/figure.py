"""The slope-nudge plot's window, and the figure the page shows as served: the curve, the point
at the start, its secant for the first nudge and its tangent, laid out in a fixed viewBox.

With JavaScript, the browser redraws the same window at the width it has (js/widgets/
slope-nudge.js); without it, this figure is the plot. Runs in a compute worker.
"""

from __future__ import annotations

import math

import numpy as np

from steepest.engine.evaluate.arrays import evaluate_tree_array
from steepest.engine.evaluate.tree import Tree, evaluate_tree
from steepest.widgets.slope_nudge import FigureFrame, StaticFigure, TickJson

WIDTH = 560
HEIGHT = 300
# Room for the tick labels on the left and below; the same margins as the browser's drawing.
BOX = {"left": 52.0, "right": WIDTH - 16.0, "top": 16.0, "bottom": HEIGHT - 40.0}
SAMPLES = 240
# Each line is drawn this share of the range to either side of the point.
LINE_REACH = 0.22
# Headroom above the highest point of the curve, as a share of its rise.
HEADROOM = 0.08


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `count`."""
    raw = span / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-12))


def _ticks(low: float, high: float, step: float) -> list[TickJson]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [{"value": k * step, "text": _tick_text(k * step)} for k in range(first, last + 1)]


def _tick_text(value: float) -> str:
    text = f"{round(value, 9):.10g}"
    return "0" if text in ("0", "-0") else text.replace("-", "\u2212")


def frame(loss: Tree, variable: str, low: float, high: float) -> FigureFrame:
    """The window in values: the curve's lowest and highest points in view, with room above."""
    xs = np.linspace(low, high, SAMPLES + 1)
    ys = evaluate_tree_array(loss, {variable: xs})
    finite = ys[np.isfinite(ys)]
    bottom, top = float(finite.min()), float(finite.max())
    if top - bottom < 1e-9 * max(1.0, abs(top)):
        bottom, top = bottom - 1, top + 1
    y_step = nice_step(top - bottom, 4)
    bottom = math.floor(bottom / y_step + 1e-9) * y_step
    top = math.ceil((top + HEADROOM * (top - bottom)) / y_step - 1e-9) * y_step
    return {
        "bottom": bottom,
        "top": top,
        "xTicks": _ticks(low, high, nice_step(high - low, 6)),
        "yTicks": _ticks(bottom, top, y_step),
    }


def _line(
    at: float, value: float, slope: float, reach: tuple[float, float]
) -> tuple[float, float, float, float]:
    """The line of `slope` through (at, value), from at − reach[0] to at + reach[1]."""
    left, right = at - reach[0], at + reach[1]
    return left, value - slope * reach[0], right, value + slope * reach[1]


def static_figure(
    loss: Tree,
    slope: Tree,
    variable: str,
    window: tuple[float, float, FigureFrame],
    start: float,
    nudge: float,
    minimum: tuple[float, float] | None,
) -> StaticFigure:
    """The plot at the start, with the first nudge, in the fixed viewBox WIDTH × HEIGHT."""
    low, high, values = window
    bottom, top = values["bottom"], values["top"]

    def sx(x: float) -> float:
        return round(BOX["left"] + (x - low) / (high - low) * (BOX["right"] - BOX["left"]), 2)

    def sy(y: float) -> float:
        rise = (y - bottom) / (top - bottom)
        return round(BOX["bottom"] - rise * (BOX["bottom"] - BOX["top"]), 2)

    xs = np.linspace(low, high, SAMPLES + 1)
    ys = evaluate_tree_array(loss, {variable: xs})
    pen, curve = "M", []
    for x, y in zip(xs, ys, strict=True):
        if not math.isfinite(y):
            pen = "M"
            continue
        # Far outside the box the curve only needs to leave it: keep coordinates of sane size.
        curve.append(f"{pen}{sx(float(x))},{max(-1e4, min(1e4, sy(float(y))))}")
        pen = "L"

    value = evaluate_tree(loss, {variable: start})
    nudged = evaluate_tree(loss, {variable: start + nudge})
    reach = LINE_REACH * (high - low)
    secant = _line(start, value, (nudged - value) / nudge, (reach, max(reach, nudge + reach / 4)))
    tangent = _line(start, value, evaluate_tree(slope, {variable: start}), (reach, reach))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "box": dict(BOX),
        "curve": "".join(curve),
        "x_ticks": [(sx(t["value"]), t["text"]) for t in values["xTicks"]],
        "y_ticks": [(sy(t["value"]), t["text"]) for t in values["yTicks"]],
        "point": (sx(start), sy(value)),
        "nudged": (sx(start + nudge), sy(nudged)) if start + nudge <= high else None,
        "secant": (sx(secant[0]), sy(secant[1]), sx(secant[2]), sy(secant[3])),
        "tangent": (sx(tangent[0]), sy(tangent[1]), sx(tangent[2]), sy(tangent[3])),
        "minimum": None if minimum is None else (sx(minimum[0]), sy(minimum[1])),
    }
