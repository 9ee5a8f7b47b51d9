"""The surface-explorer widget: the contour map of a loss in two weights, the gradient arrow at
any point, a ball rolling down by gradient descent, and a slice along one weight.

The server does the mathematics: the engine parses the loss, differentiates it and traces its
level lines (contourpy) in a compute worker (`spec.py` for the first map; `POST /api/surface`
and `POST /api/descent` for the rest, see `steepest.compute.tasks.surface`). The browser gets
the level lines as polylines and the loss and its partials as expression trees, which it only
evaluates (arrows and the slice are plain arithmetic on those trees). This module is what the
web process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypedDict

from steepest.compute import Task
from steepest.engine.surface.presets import PresetJson
from steepest.engine.surface.surface_types import SurfaceJson
from steepest.widgets.params import (
    SIGNED_DECIMAL,
    WidgetParamsError,
    decimal_texts,
    reject_unknown,
)
from steepest.widgets.widget import Widget

NAME = "surface-explorer"
TEMPLATE = "widgets/_surface_explorer.html"
SCRIPT = "js/widgets/surface-explorer.js"

PARAMS = ("expression", "range", "rate", "start")


@dataclass(frozen=True)
class SurfaceExplorerParams:
    expression: str
    # Without a matching preset, the map shows −range ≤ w ≤ range on both axes.
    range: str | None = None
    # The learning rate η the slider starts at; by default the preset's.
    rate: str | None = None
    # Where the ball is first dropped, by variable name, as exact decimal text; by default the
    # preset's start. Whether the names are the loss's variables, and so which axis each is on
    # and whether the point is on the map, only the engine can tell (spec.py).
    start: tuple[tuple[str, str], ...] | None = None


def read_params(params: Mapping[str, Any]) -> SurfaceExplorerParams:
    reject_unknown(NAME, params, PARAMS)
    expression = params.get("expression")
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} needs an expression, such as w1^2 + 3w2^2")
    texts = decimal_texts(NAME, params, ("range", "rate"))
    read = SurfaceExplorerParams(expression, **texts, start=_start(params.get("start")))
    if read.range is not None and not Fraction(read.range) > 0:
        raise WidgetParamsError(f"{NAME} needs range > 0")
    if read.rate is not None and not 0 < Fraction(read.rate) < 1:
        raise WidgetParamsError(f"{NAME} needs 0 < rate < 1")
    return read


def _start(given: Any) -> tuple[tuple[str, str], ...] | None:
    if given is None:
        return None
    example = "as in {w1: 1.5, w2: 1}"
    if not isinstance(given, Mapping) or len(given) != 2:
        raise WidgetParamsError(
            f"{NAME} start needs a number for each of the loss's two variables, {example}"
        )
    pairs = []
    for name, value in given.items():
        text = str(value).strip()
        if isinstance(value, bool) or not SIGNED_DECIMAL.fullmatch(text):
            raise WidgetParamsError(f"{NAME} start: {name}: {value!r} is not a decimal number")
        pairs.append((str(name), text))
    return tuple(pairs)


class SurfaceExplorerBrowser(TypedDict):
    """What the page hands the browser: the first map, the presets, and where the ball starts."""

    source: str
    surface: SurfaceJson
    presets: list[PresetJson]
    preset: str | None
    start: dict[str, float]
    rate: float
    steps: int
    levels: int


class SurfaceExplorerSpec(TypedDict):
    browser: SurfaceExplorerBrowser
    description: str
    loss_mathml: str
    gradient_mathml: str
    variables_mathml: list[str]


SPEC: Task[SurfaceExplorerParams, SurfaceExplorerSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
