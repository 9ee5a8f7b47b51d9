"""The best box's spec, computed in a compute worker: V, dV/dx and the optimum, from the engine."""

from __future__ import annotations

import sympy

from steepest.engine.calculus.critical import extrema_on_interval
from steepest.engine.calculus.derivatives import partial
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_derivative,
    mathml_equation,
    mathml_fragment,
    mathml_math,
)
from steepest.engine.notation.symbols import make_symbol
from steepest.widgets.best_box import BestBoxParams, BestBoxSpec


def compute_spec(params: BestBoxParams) -> BestBoxSpec:
    """V, dV/dx and the optimum, from the engine."""
    x = make_symbol("x")
    sheet, low, high, step = (
        sympy.Rational(text) for text in (params.sheet, params.min, params.max, params.step)
    )
    volume = parse(f"x({params.sheet} - 2x)^2", variables=["x"])
    # Factored, the slope shows where it vanishes: 12(x − 3)(x − 1).
    slope = sympy.factor(partial(volume, x))
    maxima = [e for e in extrema_on_interval(volume, x, low, high) if e.kind == "maximum"]
    if len(maxima) != 1:
        raise ValueError(
            f"the volume {volume} has {len(maxima)} maxima strictly inside the slider's range"
            f" ({low}, {high}), not one"
        )
    best = maxima[0]
    named = sympy.Function("V")
    return {
        # The browser's part goes to the page as JSON; the rest is rendered on the server.
        "browser": {
            "variable": "x",
            "sheet": float(sheet),
            "low": float(low),
            "high": float(high),
            "min": float(low + step),
            "max": float(high - step),
            "step": float(step),
            "default": float(sympy.Rational(params.default)),
            "volume": to_tree(volume),
            "slope": to_tree(slope),
            "optimum": {"x": float(best.location), "value": float(best.value)},
        },
        "volume_mathml": mathml_math(
            mathml_equation(mathml_fragment(named(x)), mathml_fragment(volume))
        ),
        "slope_mathml": mathml_math(
            mathml_equation(mathml_derivative("V", x, partial=False), mathml_fragment(slope))
        ),
        "optimum_mathml": mathml_math(
            mathml_equation(mathml_fragment(named(best.location)), mathml_fragment(best.value))
        ),
        "optimum_text": {"x": _number_text(best.location), "value": _number_text(best.value)},
        "sheet_text": _number_text(sheet),
    }


def _number_text(value: sympy.Expr) -> str:
    """Integers as they are, anything else to two decimals: what the page prints."""
    if value.is_Integer:
        return str(int(value))
    return f"{float(value):.2f}"
