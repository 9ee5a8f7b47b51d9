"""A whole gradient derivation: one partial per variable, the stacked gradient, and optionally
its value at a point with the direction of steepest descent there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from steepest.engine import render_mathml, render_text
from steepest.engine.calculus import evaluate_at
from steepest.engine.errors import VariableError
from steepest.engine.printing import to_sympy_str
from steepest.engine.steps import Rule, derive_partial


@dataclass(frozen=True)
class PartialDerivation:
    """∂L/∂variable, found with every other variable of L held frozen."""

    variable: sympy.Symbol
    frozen: tuple[sympy.Symbol, ...]
    rule: Rule
    result: sympy.Expr


@dataclass(frozen=True)
class PointEvaluation:
    """The gradient at one point; tuples follow the order of the derivation's variables."""

    point: tuple[sympy.Expr, ...]
    gradient: tuple[sympy.Expr, ...]
    descent: tuple[sympy.Expr, ...]
    steepest: sympy.Symbol | None
    """The variable with the largest |component|; None on a tie or at a critical point."""
    approximate: tuple[float, ...]
    """The gradient as floats, worked out once: exact values like 4*log(2) are slow to size."""

    @property
    def is_critical(self) -> bool:
        return all(component == 0 for component in self.gradient)


@dataclass(frozen=True)
class GradientDerivation:
    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    partials: tuple[PartialDerivation, ...]
    gradient: tuple[sympy.Expr, ...]
    evaluation: PointEvaluation | None = None
    name: str = "L"
    """What the function is called in explanations: ∂L/∂w1."""

    @property
    def point(self) -> dict[sympy.Symbol, sympy.Expr] | None:
        """The point of evaluation by variable, in the variables' order."""
        if self.evaluation is None:
            return None
        return dict(zip(self.variables, self.evaluation.point, strict=True))

    @property
    def gradient_at(self) -> tuple[sympy.Expr, ...] | None:
        return None if self.evaluation is None else self.evaluation.gradient


def derive_gradient(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    at: Mapping[sympy.Symbol, sympy.Expr] | None = None,
    *,
    name: str = "L",
) -> GradientDerivation:
    variables = tuple(variables)
    if not variables:
        raise VariableError("there are no variables to differentiate with respect to")
    partials = tuple(_partial(expr, variable, variables) for variable in variables)
    gradient = tuple(p.result for p in partials)
    evaluation = None if at is None else _evaluate(gradient, variables, at)
    return GradientDerivation(expr, variables, partials, gradient, evaluation, name)


def _partial(
    expr: sympy.Expr, variable: sympy.Symbol, variables: tuple[sympy.Symbol, ...]
) -> PartialDerivation:
    rule = derive_partial(expr, variable, variables)
    frozen = tuple(v for v in variables if v != variable)
    return PartialDerivation(variable, frozen, rule, rule.result)


def _evaluate(
    gradient: tuple[sympy.Expr, ...],
    variables: tuple[sympy.Symbol, ...],
    at: Mapping[sympy.Symbol, sympy.Expr],
) -> PointEvaluation:
    missing = [v.name for v in variables if v not in at]
    if missing:
        raise VariableError(f"the point gives no value for {', '.join(missing)}")
    unknown = [str(v) for v in at if v not in variables]
    if unknown:
        raise VariableError(f"the point names {', '.join(unknown)}, which is not a variable")
    point = {v: at[v] for v in variables}
    values = tuple(evaluate_at(component, point) for component in gradient)
    approximate = tuple(float(value) for value in values)
    return PointEvaluation(
        point=tuple(point[v] for v in variables),
        gradient=values,
        descent=tuple(-value for value in values),
        steepest=_steepest(variables, approximate),
        approximate=approximate,
    )


def _steepest(
    variables: tuple[sympy.Symbol, ...], values: tuple[float, ...]
) -> sympy.Symbol | None:
    sizes = [abs(value) for value in values]
    largest = max(sizes)
    if largest == 0 or sizes.count(largest) > 1:
        return None
    return variables[sizes.index(largest)]


def derivation_to_json(d: GradientDerivation) -> list[dict[str, Any]]:
    """The ``steps`` list of the CLI's and API's JSON answer."""
    steps = [_partial_json(d, p) for p in d.partials]
    steps.append(
        {
            "kind": "stack",
            **_explained(render_text.stack_step(d), render_mathml.gradient_mathml(d)),
            "result": [to_sympy_str(component) for component in d.gradient],
        }
    )
    e = d.evaluation
    if e is None:
        return steps
    steps.append(
        {
            "kind": "evaluate",
            **_explained(render_text.evaluate_step(d, e), render_mathml.value_mathml(d, e)),
            "point": {
                v.name: _json_number(c, float(c)) for v, c in zip(d.variables, e.point, strict=True)
            },
            "value": [
                _json_number(exact, approximate)
                for exact, approximate in zip(e.gradient, e.approximate, strict=True)
            ],
            "exact": [to_sympy_str(component) for component in e.gradient],
        }
    )
    steps.append(
        {
            "kind": "descent",
            **_explained(render_text.descent_step(d, e), render_mathml.descent_mathml(d, e)),
            "direction": [
                _json_number(exact, -approximate)
                for exact, approximate in zip(e.descent, e.approximate, strict=True)
            ],
            "steepest": None if e.steepest is None else e.steepest.name,
            "critical": e.is_critical,
        }
    )
    return steps


def _partial_json(d: GradientDerivation, p: PartialDerivation) -> dict[str, Any]:
    return {
        "kind": "partial",
        **_explained(render_text.partial_step(d, p), render_mathml.partial_mathml(d, p)),
        "variable": p.variable.name,
        "frozen": [v.name for v in p.frozen],
        "result": to_sympy_str(p.result),
        "rules": _rule_json(p.rule),
    }


def _explained(step: render_text.StepText, mathml: str) -> dict[str, Any]:
    return {
        "title": step.title,
        "text": render_text.sentence_text(step.sentence),
        "formula": step.formula,
        "mathml": mathml,
        "html": render_mathml.sentence_html(step.sentence),
    }


def _rule_json(rule: Rule, *, placeholder: bool = False) -> dict[str, Any]:
    outer_of_chain = getattr(rule, "outer", None)
    return {
        "rule": rule.rule_name,
        "variable": rule.variable.name,
        "expression": to_sympy_str(rule.expr),
        "result": to_sympy_str(rule.result),
        "frozen": [v.name for v in rule.frozen],
        "text": render_text.sentence_text(render_text.rule_sentence(rule)),
        "formula": render_text.rule_formula(rule, partial=not placeholder),
        "mathml": render_mathml.rule_mathml(rule, partial=not placeholder),
        "substeps": [
            _rule_json(step, placeholder=step is outer_of_chain) for step in rule.substeps
        ],
    }


def _json_number(exact: sympy.Expr, approximate: float) -> int | float:
    """A JSON number: an int when the value is an integer, a float otherwise."""
    return int(exact) if exact.is_Integer else approximate
