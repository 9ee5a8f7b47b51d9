"""Gradients of typed text: the report that `steepest grad` prints and the API sends, and an
author's worked example. Runs in compute workers, which import the engine once, up front."""

from __future__ import annotations

import sympy

from steepest.compute.tasks.messages import GradientQuery, WorkedExample
from steepest.engine.calculus.points import read_point
from steepest.engine.explain.report import gradient_report as engine_gradient_report
from steepest.engine.explain.report import gradient_text as engine_gradient_text
from steepest.engine.explain.report_types import GradientReportJson
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_vector,
)
from steepest.engine.notation.symbols import make_symbol


def gradient_report(query: GradientQuery) -> GradientReportJson:
    """The engine's gradient report, exactly as `steepest grad --json` prints it."""
    return engine_gradient_report(query.expression, query.at, query.variables, query.parameters)


def gradient_text(query: GradientQuery) -> str:
    """The same report as `steepest grad` prints it for a reader."""
    return engine_gradient_text(query.expression, query.at, query.variables, query.parameters)


def worked_example(query: GradientQuery) -> WorkedExample:
    """An author's worked example: the report, plus the task typeset as `L(w1, w2) = …`."""
    report = engine_gradient_report(query.expression, query.at, query.variables)
    variables = [make_symbol(name) for name in report["variables"]]
    named = sympy.Function("L")(*variables)
    function = mathml_equation(mathml_fragment(named), mathml_fragment(parse(query.expression)))
    point = None
    if query.at is not None:
        values = read_point(query.at, variables)
        point = mathml_math(mathml_vector([mathml_fragment(values[v]) for v in variables]))
    return WorkedExample(report, mathml_math(function), point)
