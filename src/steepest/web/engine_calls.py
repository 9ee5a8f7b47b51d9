"""The functions the web app hands to the compute pool; they run in worker processes only.

The web process imports this module to name the functions, never to run them, so the engine
(and SymPy with it) is imported inside each function: a worker has it preloaded already, and the
server's own start-up stays free of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# What the forkserver imports once, so that each worker forks with it already loaded.
WORKER_PRELOAD = ("steepest.engine", "steepest.engine.report", "steepest.engine.printing")

Coordinate = int | float | str


def gradient_report(
    expression: str,
    at: Mapping[str, Coordinate] | None,
    variables: Sequence[str] | None,
) -> dict[str, Any]:
    """The engine's gradient report, exactly as `steepest grad --json` prints it."""
    from steepest.engine.report import gradient_report as engine_gradient_report

    return engine_gradient_report(expression, at, variables)


def worked_example(expression: str, at: Mapping[str, Coordinate] | None) -> dict[str, Any]:
    """An author's worked example: the report, plus the task typeset as `L(w1, w2) = …`."""
    import sympy

    from steepest.engine.calculus import read_point
    from steepest.engine.parser import parse
    from steepest.engine.printing import (
        mathml_equation,
        mathml_fragment,
        mathml_math,
        mathml_vector,
    )
    from steepest.engine.report import gradient_report as engine_gradient_report
    from steepest.engine.symbols import make_symbol

    report = engine_gradient_report(expression, at, None)
    variables = [make_symbol(name) for name in report["variables"]]
    named = sympy.Function("L")(*variables)
    function = mathml_equation(mathml_fragment(named), mathml_fragment(parse(expression)))
    point = None
    if at is not None:
        values = read_point(at, variables)
        point = mathml_math(mathml_vector([mathml_fragment(values[v]) for v in variables]))
    return {"report": report, "function_mathml": mathml_math(function), "point_mathml": point}
