"""The gradient of typed text as JSON-ready data: the contract shared by the CLI and the web API.

    {"expression": "...", "variables": [...], "partials": {var: "..."}, "gradient": [...],
     "at": {var: number} | null, "gradient_at": {var: number} | null,
     "kinks": [{"variable", "left", "right", "functions"}], "steps": [...]}

Its shape, steps included, is `report_types.GradientReportJson`. Expression strings are SymPy's
own spelling (`2*w1`), so other tools can read them back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from steepest.engine.calculus.derivation import GradientDerivation, derive_gradient
from steepest.engine.calculus.points import Coordinate, evaluate_at, read_point
from steepest.engine.calculus.real_results import require_workable
from steepest.engine.errors import VariableError
from steepest.engine.explain.json_text import json_expression
from steepest.engine.explain.report_types import GradientReportJson, JsonNumber, JsonValue
from steepest.engine.explain.steps_json import derivation_to_json, kinks_json
from steepest.engine.explain.text import render_text
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name, order_variables


def json_number(value: sympy.Expr) -> JsonNumber:
    """An int when the value is an integer, otherwise the nearest float."""
    if value.is_Integer:
        return int(value)
    return float(value)


def json_value(value: sympy.Expr) -> JsonValue:
    """A number, or SymPy text where the value holds parameters (1 - 4*eta)."""
    return json_expression(value) if value.free_symbols else json_number(value)


def derive_from_text(
    expression: str,
    at: Mapping[str, Coordinate] | None = None,
    variables: Sequence[str] | None = None,
    parameters: Sequence[str] = (),
) -> GradientDerivation:
    """The derivation for typed text; `parameters` are constants, neither differentiated by
    nor given at the point, so a gradient there may hold them (1 - 4η)."""
    expr = require_workable(parse(expression, variables, parameters=parameters), "L")
    constants = {canonical_variable_name(name) for name in parameters}
    ordered = order_variables({s for s in expr.free_symbols if s.name not in constants}, variables)
    if not ordered:
        raise VariableError("the expression has no variables to differentiate")
    point = read_point(at, ordered) if at is not None else None
    if point is not None:
        # A gradient at a point where L itself has no value would teach something false.
        evaluate_at(expr, point)
    return derive_gradient(expr, ordered, point)


def gradient_report(
    expression: str,
    at: Mapping[str, Coordinate] | None = None,
    variables: Sequence[str] | None = None,
    parameters: Sequence[str] = (),
) -> GradientReportJson:
    derivation = derive_from_text(expression, at, variables, parameters)
    names = [v.name for v in derivation.variables]
    point = derivation.point
    value = derivation.gradient_at
    kink = None if derivation.evaluation is None else derivation.evaluation.kink
    return {
        "expression": json_expression(derivation.function),
        "variables": names,
        "partials": {p.variable.name: json_expression(p.result) for p in derivation.partials},
        "gradient": [json_expression(g) for g in derivation.gradient],
        "at": None if point is None else {v.name: json_number(c) for v, c in point.items()},
        # At a kink L has no gradient: SymPy's sign(0) = 0 would make up a plain number.
        "gradient_at": None
        if value is None or kink is not None
        else {name: json_value(g) for name, g in zip(names, value, strict=True)},
        "kinks": kinks_json(kink),
        "steps": derivation_to_json(derivation),
    }


def gradient_text(
    expression: str,
    at: Mapping[str, Coordinate] | None = None,
    variables: Sequence[str] | None = None,
    parameters: Sequence[str] = (),
) -> str:
    return render_text(derive_from_text(expression, at, variables, parameters))
