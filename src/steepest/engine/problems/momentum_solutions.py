"""The worked solution of two heavy-ball steps: the gradient, then each step with its velocity.

Each step says, with the problem's numbers, where the gradient is taken, how the velocity
v ← βv + g carries the last one on, and where w ← w − ηv lands; each sentence is text and HTML
whose maths is MathML.
"""

from __future__ import annotations

import html
from typing import TypeAlias

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.notation.printing import (
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_vector,
    to_text,
)
from steepest.engine.optimizers.rules import HeavyBall, Vector, initial_state
from steepest.engine.problems.exact_walk import rate_text
from steepest.engine.problems.heavy_ball import STEPS
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import MomentumStepJson, MomentumStepKind

# A sentence is words and values in turn: a str is words, a tuple a weight's value or a vector.
Part: TypeAlias = str | Vector


def momentum_steps(problem: Problem) -> list[MomentumStepJson]:
    """The gradient, then each heavy-ball step from the start."""
    assert problem.point is not None
    rate, beta = problem.rates
    name, variables = problem.name, problem.variables
    one = len(variables) == 1
    w = problem.names[0] if one else "w"
    slope_name = f"{name}′({w})" if one else f"∇{name}"
    formulas = gradient(problem.function, variables)
    steps = [
        _step(
            "slope",
            "Find the gradient",
            [f"Differentiate {name}: {slope_name} = ", formulas, "."],
            f"{slope_name} = {_text(formulas)}",
            _named(slope_name, formulas),
        )
    ]
    rule = HeavyBall(rate, beta)
    weights, state = tuple(problem.point), initial_state(len(variables))
    for number in range(1, STEPS + 1):
        at = dict(zip(variables, weights, strict=True))
        slope = tuple(g.xreplace(at) for g in formulas)
        old = state.first
        moved, state = rule.step(weights, slope, state)
        steps.append(
            _step(
                "heavy_ball_step",
                f"Step {number}",
                [
                    f"At {w} = ",
                    weights,
                    f", {slope_name} = ",
                    slope,
                    f". The velocity becomes v = β·v + {slope_name} = {rate_text(beta)}·",
                    old,
                    " + ",
                    slope,
                    " = ",
                    state.first,
                    f", and the step lands at {w} − η·v = ",
                    weights,
                    f" − {rate_text(rate)}·",
                    state.first,
                    " = ",
                    moved,
                    ".",
                ],
                f"{w} = {_text(moved)}",
                _named(w, moved),
            )
        )
        weights = moved
    return steps


def _step(
    kind: MomentumStepKind, title: str, parts: list[Part], formula: str, mathml: str
) -> MomentumStepJson:
    return {
        "kind": kind,
        "title": title,
        "text": "".join(_text(part) for part in parts),
        "formula": formula,
        "mathml": mathml,
        "html": "".join(_html(part) for part in parts),
    }


def _text(part: Part) -> str:
    if isinstance(part, str):
        return part
    if len(part) == 1:
        return to_text(part[0])
    return "(" + ", ".join(to_text(c) for c in part) + ")"


def _fragment(value: Vector) -> str:
    if len(value) == 1:
        return mathml_fragment(value[0])
    return mathml_vector([mathml_fragment(c) for c in value])


def _html(part: Part) -> str:
    if isinstance(part, str):
        return html.escape(part, quote=False)
    return mathml_math(_fragment(part))


def _named(name: str, value: Vector) -> str:
    """`name = value` as a whole <math> element."""
    return mathml_math(mathml_equation(mathml_fragment(sympy.Symbol(name)), _fragment(value)))
