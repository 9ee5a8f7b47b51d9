"""The surface-explorer widget: the contour map of a loss in two weights, the gradient arrow at
any point, and a ball that takes gradient-descent steps along −∇L at a chosen learning rate.

The engine parses the loss and differentiates it; the browser gets the loss and both partials
as expression trees and only evaluates them (contours, arrows and steps are plain arithmetic).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from steepest.widgets.params import WidgetParamsError, decimal_texts, reject_unknown

NAME = "surface-explorer"
TEMPLATE = "widgets/_surface_explorer.html"
SCRIPT = "js/widgets/surface-explorer.js"

_KNOWN = ("expression", "range", "rate")


@dataclass(frozen=True)
class SurfaceExplorerParams:
    expression: str
    # The map shows −range ≤ w ≤ range on both axes.
    range: str = "2"
    # The learning rate η the slider starts at.
    rate: str = "0.1"


def read_params(params: Mapping[str, Any]) -> SurfaceExplorerParams:
    reject_unknown(NAME, params, _KNOWN)
    expression = params.get("expression")
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} needs an expression, such as w1^2 + 3w2^2")
    read = SurfaceExplorerParams(expression, **decimal_texts(NAME, params, ("range", "rate")))
    if not (Fraction(read.range) > 0 and 0 < Fraction(read.rate) < 1):
        raise WidgetParamsError("surface-explorer needs range > 0 and 0 < rate < 1")
    return read


def compute_spec(params: SurfaceExplorerParams) -> dict[str, Any]:
    """Runs in a compute worker: the loss and its gradient, from the engine."""
    # The web process imports this module to find the function; SymPy loads only in workers.
    import sympy

    from steepest.engine.calculus import gradient
    from steepest.engine.errors import VariableError
    from steepest.engine.parser import parse
    from steepest.engine.printing import (
        mathml_equation,
        mathml_fragment,
        mathml_gradient,
        mathml_math,
        mathml_vector,
    )
    from steepest.engine.symbols import order_variables
    from steepest.engine.tree import to_tree

    loss = parse(params.expression)
    variables = order_variables(loss.free_symbols)
    if len(variables) != 2:
        raise VariableError("the surface explorer draws a loss of exactly two variables")
    slopes = gradient(loss, variables)
    named = sympy.Function("L")(*variables)
    return {
        "browser": {
            "variables": [v.name for v in variables],
            "loss": to_tree(loss),
            "gradient": [to_tree(s) for s in slopes],
            "range": float(sympy.Rational(params.range)),
            "rate": float(sympy.Rational(params.rate)),
        },
        "loss_mathml": mathml_math(mathml_equation(mathml_fragment(named), mathml_fragment(loss))),
        "gradient_mathml": mathml_math(
            mathml_equation(
                mathml_gradient("L"), mathml_vector([mathml_fragment(s) for s in slopes])
            )
        ),
        "variables_mathml": [mathml_math(mathml_fragment(v)) for v in variables],
    }
