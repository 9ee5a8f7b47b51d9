"""A loss of two weights typed in a lesson, read for a widget that draws its contour map.

Worker side: it parses with the engine, so only a widget's `spec.py` imports it.
"""

from __future__ import annotations

import sympy

from steepest.engine.calculus.real_results import require_float_constants, require_workable
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.widgets.params import WidgetParamsError


def loss_of_two_weights(widget: str, expression: str) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    """The loss and its two weights, in order; anything else is refused, saying how many it has."""
    loss = require_float_constants(require_workable(parse(expression), "L"), "L")
    variables = order_variables(loss.free_symbols)
    if len(variables) != 2:
        names = ", ".join(v.name for v in variables) or "none"
        raise WidgetParamsError(
            f"{widget} needs a loss of two weights, for its contour map; {expression} has"
            f" {len(variables)} ({names})"
        )
    return loss, variables
