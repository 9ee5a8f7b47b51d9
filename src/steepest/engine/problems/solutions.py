"""Worked solutions of practice problems, shown after an attempt.

Gradient questions reuse the derivation steps of `derivation.py` (the same JSON the CLI and the
gradient API give); optimum questions add the steps that find and classify critical points.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import CriticalKind
from steepest.engine.calculus.critical import classify_critical_point
from steepest.engine.calculus.derivation import derive_gradient
from steepest.engine.calculus.derivatives import hessian
from steepest.engine.explain.steps_json import derivation_to_json
from steepest.engine.notation.printing import (
    mathml_fragment,
    mathml_math,
    mathml_vector,
    to_mathml,
    to_text,
)
from steepest.engine.problems.curvature_solutions import (
    classification_steps,
    hessian_steps,
    matrix_mathml,
    stable_rate_steps,
)
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import (
    OptimumStepJson,
    SolutionStepJson,
    WorkedSolutionJson,
)
from steepest.engine.problems.step_solutions import (
    adaptive_steps,
    batch_gradient_steps,
    momentum_steps,
)


@dataclass(frozen=True)
class CriticalPoint:
    location: sympy.Expr
    kind: CriticalKind
    value: sympy.Expr


def real_critical_points(function: sympy.Expr, variable: sympy.Symbol) -> list[CriticalPoint]:
    """Every real x with f′(x) = 0, in increasing order, when there are finitely many."""
    slope = sympy.diff(function, variable)
    found = sympy.solveset(slope, variable, domain=sympy.Reals)
    if not isinstance(found, sympy.FiniteSet):
        return []
    return [
        CriticalPoint(
            x,
            classify_critical_point(function, [variable], {variable: x}),
            sympy.simplify(function.xreplace({variable: x})),
        )
        for x in sorted(found, key=float)
    ]


def worked_solution(problem: Problem) -> WorkedSolutionJson:
    """The answer and the engine's worked solution: only for after an attempt."""
    expected = problem.expected
    if problem.classification is not None:
        return {
            "answer": [problem.classification],
            "answer_mathml": mathml_math(f"<mtext>{problem.classification}</mtext>"),
            "steps": [*_partial_steps(problem), *classification_steps(problem)],
        }
    if problem.is_matrix:
        answer_mathml = matrix_mathml(hessian(problem.function, problem.variables))
    elif problem.is_vector:
        answer_mathml = mathml_math(mathml_vector([mathml_fragment(c) for c in expected]))
    else:
        answer_mathml = to_mathml(expected[0])
    return {
        "answer": [to_text(c) for c in expected],
        "answer_mathml": answer_mathml,
        "steps": _steps(problem),
    }


def _steps(problem: Problem) -> list[SolutionStepJson]:
    if problem.kind == "stable_rate":
        return [*stable_rate_steps(problem)]
    if problem.kind == "momentum_step":
        return [*momentum_steps(problem)]
    if problem.kind in ("adam_step", "rmsprop_step"):
        return [*adaptive_steps(problem)]
    if problem.kind == "batch_gradient":
        return [*batch_gradient_steps(problem)]
    if problem.kind == "hessian":
        return [*_partial_steps(problem), *hessian_steps(problem)]
    if problem.kind in ("partial", "derivative"):
        return [*_partial_steps(problem, problem.respect)]
    if problem.kind == "optimum":
        return [*_partial_steps(problem), *_optimum_steps(problem)]
    return _derivation_steps(problem)


def _partial_steps(problem: Problem, respect: sympy.Symbol | None = None) -> list[SolutionStepJson]:
    """The steps that find each first partial derivative, or only the one by `respect`."""
    steps = _derivation_steps(problem)
    wanted = None if respect is None else respect.name
    return [s for s in steps if s["kind"] == "partial" and wanted in (None, s["variable"])]


def _derivation_steps(problem: Problem) -> list[SolutionStepJson]:
    at = problem.point_map if problem.point is not None else None
    derivation = derive_gradient(problem.function, problem.variables, at, name=problem.name)
    return list(derivation_to_json(derivation))


def _optimum_steps(problem: Problem) -> list[OptimumStepJson]:
    (x,) = problem.variables
    name, f = problem.name, problem.function
    assert problem.interval is not None
    low, high = problem.interval
    critical = real_critical_points(f, x)
    where = " and ".join(f"{x.name} = {to_text(c.location)}" for c in critical)
    second = sympy.diff(f, x, 2)
    verdicts = []
    for c in critical:
        curvature = to_text(second.xreplace({x: c.location}))
        verdicts.append(f"{name}″({to_text(c.location)}) = {curvature}: a {c.kind}")
    best = problem.expected[0]
    value = sympy.simplify(f.xreplace({x: best}))
    return [
        {
            "kind": "critical",
            "title": f"Solve {name}′({x.name}) = 0",
            "text": f"The slope is zero at {where}.",
            "formula": f"{name}′({x.name}) = 0",
            "mathml": to_mathml(sympy.Eq(sympy.diff(f, x), 0)),
        },
        {
            "kind": "classify",
            "title": "Tell the maximum from the minimum",
            "text": "The second derivative decides: "
            + "; ".join(verdicts)
            + f". Only points with {to_text(low)} < {x.name} < {to_text(high)} count.",
            "formula": f"{name}″({x.name}) = {to_text(second)}",
            "mathml": to_mathml(second),
        },
        {
            "kind": "answer",
            "title": "The answer",
            "text": f"{name} is {'largest' if problem.goal == 'maximum' else 'smallest'}"
            f" at {x.name} = {to_text(best)}, where {name} = {to_text(value)}.",
            "formula": f"{x.name} = {to_text(best)}",
            "mathml": to_mathml(sympy.Eq(x, best)),
        },
    ]
