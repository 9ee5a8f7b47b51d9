"""The surface explorer's spec, computed in a compute worker: the first map, its formulas
typeset, and the presets."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy

from steepest.engine.errors import EngineError
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
from steepest.engine.surface.presets import PRESETS, Window, preset_for, presets_json, window_for
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.surface_explorer import NAME, SurfaceExplorerParams, SurfaceExplorerSpec

# Enough for the slow presets (Rosenbrock's valley) to show progress, few enough to animate.
DESCENT_STEPS = 500
LEVEL_COUNT = 12


def _start(window: Window, names: Sequence[str]) -> dict[str, float]:
    # Up and to the left of the middle: away from the usual minimum at the centre.
    x0, x1, y0, y1 = window
    return {names[0]: x0 + 0.15 * (x1 - x0), names[1]: y0 + 0.75 * (y1 - y0)}


def _variable_name(written: str) -> str:
    """The name the engine gives what the author wrote (`w₁` is w1, `θ` is theta)."""
    try:
        read = parse(written)
    except EngineError:
        return written
    return read.name if isinstance(read, sympy.Symbol) else written


def _authors_start(
    given: tuple[tuple[str, str], ...], window: Window, names: Sequence[str]
) -> dict[str, float]:
    """The author's start, checked against the loss's variables and the map's window."""
    start = {_variable_name(name): Fraction(text) for name, text in given}
    if set(start) != set(names):
        written = " and ".join(name for name, _text in given)
        raise WidgetParamsError(
            f"{NAME} start names {written}, but the loss's variables are {names[0]} and {names[1]}"
        )
    x0, x1, y0, y1 = window
    for name, (low, high) in zip(names, ((x0, x1), (y0, y1)), strict=True):
        if not low <= start[name] <= high:
            raise WidgetParamsError(
                f"{NAME} start {name} = {float(start[name]):g} is off the map,"
                f" which shows {low:g} ≤ {name} ≤ {high:g}"
            )
    return {name: float(start[name]) for name in names}


def compute_spec(params: SurfaceExplorerParams) -> SurfaceExplorerSpec:
    """The first map, its formulas typeset, and the presets."""
    preset = preset_for(params.expression)
    side = None if params.range is None else float(Fraction(params.range))
    window = window_for(params.expression, side)
    surface = surface_json(params.expression, window, LEVEL_COUNT)
    names = surface["variables"]
    if params.start is not None:
        start = _authors_start(params.start, window, names)
    elif preset is not None and params.range is None:
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
