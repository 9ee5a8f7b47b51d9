"""A learner's own function, typed under the worked example and differentiated on the server.

With JavaScript the browser posts to /api/gradient; without it the form is a plain GET of the
lesson page, and this module computes the result (or the error to show beside the box).
"""

from __future__ import annotations

from dataclasses import dataclass

from steepest.compute import tasks
from steepest.compute.lanes import ClientCalls
from steepest.compute.tasks.messages import GradientQuery
from steepest.engine.explain.report_types import GradientReportJson
from steepest.engine.notation.point_text import read_point_text
from steepest.web.http.errors import LearnerError, Problem, problem_for


@dataclass(frozen=True)
class TryIt:
    expression: str
    at_text: str
    report: GradientReportJson | None = None
    problem: Problem | None = None
    # Which box the problem is about: "expression" or "at".
    problem_field: str = "expression"


async def try_expression(pool: ClientCalls, expression: str, at_text: str) -> TryIt:
    try:
        point = read_point_text(at_text)
    except LearnerError as error:
        return TryIt(expression, at_text, problem=problem_for(error), problem_field="at")
    try:
        report = await pool.acall(tasks.GRADIENT_REPORT, GradientQuery(expression, point))
    except LearnerError as error:
        # A point naming a wrong variable is found by the engine; it has no column in the
        # expression, so it belongs beside the point box.
        field = (
            "at" if point is not None and getattr(error, "column", None) is None else "expression"
        )
        return TryIt(expression, at_text, problem=problem_for(error), problem_field=field)
    return TryIt(expression, at_text, report=report)
