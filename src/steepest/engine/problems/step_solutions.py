"""Worked solutions of an optimizer's steps: two heavy-ball steps, each with its velocity,
Adam's or RMSProp's first step, with the averages that scale it, and the gradient of a batch's
mean squared error, from its residuals.

Each step says, with the problem's numbers, where the gradient is taken, what the rule's state
becomes and where the weights land; each sentence is text and HTML whose maths is MathML. The
numbers come from the rules of `optimizers.rules` themselves.
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
from steepest.engine.optimizers.rules import (
    ADAM_BETA1,
    ADAM_BETA2,
    RMSPROP_DECAY,
    HeavyBall,
    Vector,
    initial_state,
)
from steepest.engine.problems.adaptive import adaptive_rules
from steepest.engine.problems.batch import residuals
from steepest.engine.problems.exact_walk import rate_text
from steepest.engine.problems.heavy_ball import STEPS
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.problem_types import OptimizerStepJson, OptimizerStepKind

# A sentence is words and values in turn: a str is words, a tuple a weight's value or a vector.
Part: TypeAlias = str | Vector


def momentum_steps(problem: Problem) -> list[OptimizerStepJson]:
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


def adaptive_steps(problem: Problem) -> list[OptimizerStepJson]:
    """The gradient at the start, the averages the rule keeps, and the step they scale."""
    assert problem.point is not None
    (rate,) = problem.rates
    name, variables = problem.name, problem.variables
    one = len(variables) == 1
    w = problem.names[0] if one else "w"
    slope_name = f"{name}′({w})" if one else f"∇{name}"
    start = tuple(problem.point)
    at = dict(zip(variables, start, strict=True))
    slope = tuple(g.xreplace(at) for g in gradient(problem.function, variables))
    (rule,) = adaptive_rules(problem.kind, rate)
    landed, state = rule.step(start, slope, initial_state(len(variables)))
    steps = [
        _step(
            "slope",
            "Find the gradient at the start",
            [f"At {w} = ", start, f", {slope_name} = ", slope, "."],
            f"g = {_text(slope)}",
            _named("g", slope),
        )
    ]
    if problem.kind == "adam_step":
        first, second = state.first, state.second
        unbiased = tuple(m / (1 - ADAM_BETA1) for m in first)
        scale = tuple(v / (1 - ADAM_BETA2) for v in second)
        steps += [
            _step(
                "moments",
                "Average the gradient and its square",
                [
                    "From m = v = 0, one step gives m = (1 − β1)·g = ",
                    first,
                    " and v = (1 − β2)·g² = ",
                    second,
                    ".",
                ],
                f"m = {_text(first)}; v = {_text(second)}",
                _named("m", first),
            ),
            _step(
                "bias_correction",
                "Correct the bias",
                [
                    "Both averages started at 0, so at t = 1 divide by 1 − β1 and 1 − β2: m̂ = ",
                    unbiased,
                    " and v̂ = ",
                    scale,
                    ", the gradient and its square again.",
                ],
                f"m̂ = {_text(unbiased)}; v̂ = {_text(scale)}",
                _named("m̂", unbiased),
            ),
            _step(
                "adaptive_step",
                "Take the step",
                [
                    f"{w} − η·m̂/√v̂ = ",
                    start,
                    f" − {rate_text(rate)}·",
                    tuple(m / sympy.sqrt(v) for m, v in zip(unbiased, scale, strict=True)),
                    " = ",
                    landed,
                    ": each weight moves by η against the sign of its gradient.",
                ],
                f"{w} = {_text(landed)}",
                _named(w, landed),
            ),
        ]
        return steps
    average = state.second
    steps += [
        _step(
            "moments",
            "Average the square of the gradient",
            [
                f"From E = 0, one step gives E = (1 − ρ)·g² = (1 − {rate_text(RMSPROP_DECAY)})·g²"
                " = ",
                average,
                ".",
            ],
            f"E = {_text(average)}",
            _named("E", average),
        ),
        _step(
            "adaptive_step",
            "Take the step",
            [
                f"{w} − η·g/√E = ",
                start,
                f" − {rate_text(rate)}·",
                tuple(g / sympy.sqrt(e) for g, e in zip(slope, average, strict=True)),
                " = ",
                landed,
                ": each weight moves by η·√10 against the sign of its gradient.",
            ],
            f"{w} = {_text(landed)}",
            _named(w, landed),
        ),
    ]
    return steps


def batch_gradient_steps(problem: Problem) -> list[OptimizerStepJson]:
    """The residuals at the point, then the two averages that make the gradient."""
    assert problem.point is not None
    w, b = problem.point
    name, size = problem.name, len(problem.examples)
    found = residuals(problem.examples, (w, b))
    inputs = tuple(x for x, _ in problem.examples)
    weighted = tuple(r * x for r, x in zip(found, inputs, strict=True))
    return [
        _step(
            "residuals",
            "Find each residual",
            [
                f"At ({to_text(w)}, {to_text(b)}) the line predicts w·x + b for each x; minus"
                " the target y, the residuals are r = ",
                found,
                ".",
            ],
            f"r = {_text(found)}",
            _named("r", found),
        ),
        _step(
            "batch_gradient",
            "Average over the batch",
            [
                f"∂{name}/∂w = (2/{size})·Σ r·x = (2/{size})·({_sum_text(weighted)}) and"
                f" ∂{name}/∂b = (2/{size})·Σ r = (2/{size})·({_sum_text(found)}), so the"
                " gradient is ",
                problem.expected,
                ".",
            ],
            f"∇{name} = {_text(problem.expected)}",
            _named(f"∇{name}", problem.expected),
        ),
    ]


def _sum_text(terms: Vector) -> str:
    """a + b − c: a negative term after the first is subtracted, not added."""
    parts = [to_text(terms[0])]
    parts += [f"− {to_text(-t)}" if t < 0 else f"+ {to_text(t)}" for t in terms[1:]]
    return " ".join(parts)


def _step(
    kind: OptimizerStepKind, title: str, parts: list[Part], formula: str, mathml: str
) -> OptimizerStepJson:
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
