"""The surface-explorer widget: the contour map of a loss in two weights, the gradient arrow at
any point, a ball rolling down by gradient descent, and a slice along one weight.

The server does the mathematics: the engine parses the loss, differentiates it and traces its
level lines (contourpy); gradient-descent paths come from `POST /api/descent`. The browser gets
the level lines as polylines and the loss and its partials as expression trees, which it only
evaluates (arrows and the slice are plain arithmetic on those trees).

The functions below that touch the engine run in compute workers; the web process imports
this module to name them, so the engine is imported inside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from steepest.engine.surface.presets import DEFAULT_WINDOW, PRESETS, Window, presets_json
from steepest.widgets.params import WidgetParamsError, decimal_texts, reject_unknown

NAME = "surface-explorer"
TEMPLATE = "widgets/_surface_explorer.html"
SCRIPT = "js/widgets/surface-explorer.js"

_KNOWN = ("expression", "range", "rate")
# Enough for the slow presets (Rosenbrock's valley) to show progress, few enough to animate.
DESCENT_STEPS = 500
LEVEL_COUNT = 12


@dataclass(frozen=True)
class SurfaceExplorerParams:
    expression: str
    # Without a matching preset, the map shows −range ≤ w ≤ range on both axes.
    range: str | None = None
    # The learning rate η the slider starts at; by default the preset's.
    rate: str | None = None


def read_params(params: Mapping[str, Any]) -> SurfaceExplorerParams:
    reject_unknown(NAME, params, _KNOWN)
    expression = params.get("expression")
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} needs an expression, such as w1^2 + 3w2^2")
    read = SurfaceExplorerParams(expression, **decimal_texts(NAME, params, ("range", "rate")))
    if read.range is not None and not Fraction(read.range) > 0:
        raise WidgetParamsError(f"{NAME} needs range > 0")
    if read.rate is not None and not 0 < Fraction(read.rate) < 1:
        raise WidgetParamsError(f"{NAME} needs 0 < rate < 1")
    return read


def _preset_for(expression: str) -> str | None:
    """The preset whose loss the author typed, spaces aside, so its window and start apply."""
    typed = "".join(expression.split())
    for key, preset in PRESETS.items():
        if "".join(preset.expression.split()) == typed:
            return key
    return None


def _start(window: Window, names: Sequence[str]) -> dict[str, float]:
    # Up and to the left of the middle: away from the usual minimum at the centre.
    x0, x1, y0, y1 = window
    return {names[0]: x0 + 0.15 * (x1 - x0), names[1]: y0 + 0.75 * (y1 - y0)}


def compute_spec(params: SurfaceExplorerParams) -> dict[str, Any]:
    """Runs in a compute worker: the first map, its formulas typeset, and the presets."""
    import sympy

    from steepest.engine.notation.parser import parse
    from steepest.engine.notation.printing import (
        mathml_equation,
        mathml_fragment,
        mathml_gradient,
        mathml_math,
        mathml_vector,
    )
    from steepest.engine.notation.symbols import order_variables
    from steepest.engine.surface.level_sets import surface_json

    preset = _preset_for(params.expression)
    window: Window = DEFAULT_WINDOW
    if preset is not None:
        window = PRESETS[preset].window
    if params.range is not None:
        side = float(Fraction(params.range))
        window = (-side, side, -side, side)
    surface = surface_json(params.expression, window, LEVEL_COUNT)
    names = surface["variables"]
    if preset is not None and params.range is None:
        start = dict(PRESETS[preset].start)
    else:
        start = _start(window, names)
    rate = PRESETS[preset].rate if preset is not None else 0.1
    if params.rate is not None:
        rate = float(Fraction(params.rate))

    loss = parse(params.expression)
    variables = order_variables(loss.free_symbols)
    named = sympy.Function("L")(*variables)
    slopes = [sympy.diff(loss, v) for v in variables]
    return {
        "browser": {
            "source": params.expression,
            "surface": surface,
            "presets": presets_json(),
            "preset": preset,
            "start": start,
            "rate": rate,
            "steps": DESCENT_STEPS,
            "levels": LEVEL_COUNT,
        },
        "description": surface["description"],
        "loss_mathml": mathml_math(mathml_equation(mathml_fragment(named), mathml_fragment(loss))),
        "gradient_mathml": mathml_math(
            mathml_equation(
                mathml_gradient("L"), mathml_vector([mathml_fragment(s) for s in slopes])
            )
        ),
        "variables_mathml": [mathml_math(mathml_fragment(v)) for v in variables],
    }


def surface_data(
    expression: str, window: Sequence[float] | None, levels: int | Sequence[float]
) -> dict[str, Any]:
    """`POST /api/surface` in a compute worker: the engine's level sets and compiled partials."""
    from steepest.engine.surface.level_sets import surface_json

    return surface_json(expression, window, levels)


def descent_data(
    expression: str, start: Mapping[str, int | float | str], rate: float, steps: int
) -> dict[str, Any]:
    """`POST /api/descent` in a compute worker: the ball's path, its losses and the verdict."""
    from steepest.engine.surface.descent import descent_json

    return descent_json(expression, start, rate, steps)
