"""The surface explorer's spec, computed in a compute worker: the first map, its formulas
typeset, and the presets."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

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
from steepest.engine.surface.presets import DEFAULT_WINDOW, PRESETS, Window, presets_json
from steepest.widgets.surface_explorer import SurfaceExplorerParams, SurfaceExplorerSpec

# Enough for the slow presets (Rosenbrock's valley) to show progress, few enough to animate.
DESCENT_STEPS = 500
LEVEL_COUNT = 12


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


def compute_spec(params: SurfaceExplorerParams) -> SurfaceExplorerSpec:
    """The first map, its formulas typeset, and the presets."""
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
