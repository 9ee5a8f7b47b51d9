"""The best-box widget: cut a square of side x from each corner of a square sheet, fold up the
sides, and watch the volume V(x) and its slope dV/dx as x moves.

The spec the browser receives is data only: V and dV/dx as expression trees (no code to eval),
the optimum the engine found on the open interval, and the slider's range. Every number on the
widget comes from the engine; the browser just evaluates the trees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from steepest.widgets.params import WidgetParamsError, decimal_texts, reject_unknown

NAME = "best-box"
TEMPLATE = "widgets/_best_box.html"
SCRIPT = "js/widgets/best-box.js"

_KNOWN = ("sheet", "default", "min", "max", "step")


@dataclass(frozen=True)
class BestBoxParams:
    """Exact decimals kept as text, so the worker reads them without binary rounding.

    The cut x lives on the open interval (min, max): no cut and a cut of half the sheet both
    give an empty box, so the slider stops one step inside each end.
    """

    sheet: str = "6"
    default: str = "0.35"
    min: str = "0"
    max: str = "3"
    step: str = "0.01"


def read_params(params: Mapping[str, Any]) -> BestBoxParams:
    """Check the lesson's parameters in the web process, before any worker is involved."""
    reject_unknown(NAME, params, _KNOWN)
    read = BestBoxParams(**decimal_texts(NAME, params, _KNOWN))
    sheet, default, low, high, step = (
        Fraction(v) for v in (read.sheet, read.default, read.min, read.max, read.step)
    )
    if not 0 <= low < default < high <= sheet / 2:
        raise WidgetParamsError("best-box needs 0 <= min < default < max <= sheet/2")
    if not 0 < step < (high - low) / 2:
        raise WidgetParamsError("best-box needs a step smaller than half the range")
    return read


def compute_spec(params: BestBoxParams) -> dict[str, Any]:
    """Runs in a compute worker: V, dV/dx and the optimum, from the engine."""
    # The web process imports this module to find the function; SymPy loads only in workers.
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


def _number_text(value: Any) -> str:
    """Integers as they are, anything else to two decimals: what the page prints."""
    if value.is_Integer:
        return str(int(value))
    return f"{float(value):.2f}"
