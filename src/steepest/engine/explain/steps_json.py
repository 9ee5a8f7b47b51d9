"""A derivation as the `steps` list of the CLI's and API's JSON answer: each step explained in
words, typed formulas and MathML, with its rules nested inside."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.calculus.derivation import GradientDerivation, PartialDerivation
from steepest.engine.calculus.kinks import Kink
from steepest.engine.calculus.rules import Rule
from steepest.engine.explain import mathml as render_mathml
from steepest.engine.explain import text as render_text
from steepest.engine.explain.json_text import json_expression
from steepest.engine.explain.report_types import (
    DerivationStepJson,
    ExplainedStepJson,
    JsonNumber,
    JsonValue,
    KinkJson,
    PartialStepJson,
    RuleJson,
)


def derivation_to_json(d: GradientDerivation) -> list[DerivationStepJson]:
    """The ``steps`` list of the CLI's and API's JSON answer."""
    steps: list[DerivationStepJson] = [_partial_json(d, p) for p in d.partials]
    steps.append(
        {
            "kind": "stack",
            **_explained(render_text.stack_step(d), render_mathml.gradient_mathml(d)),
            "result": [json_expression(component) for component in d.gradient],
        }
    )
    e = d.evaluation
    if e is None:
        return steps
    point = {v.name: _json_number(c, float(c)) for v, c in zip(d.variables, e.point, strict=True)}
    if e.kink is not None:
        steps.append(
            {
                "kind": "kink",
                **_explained(
                    render_text.kink_step(d, e, e.kink), render_mathml.kink_mathml(d, e.kink)
                ),
                "point": point,
                "kinks": kinks_json(e.kink),
            }
        )
        return steps
    steps.append(
        {
            "kind": "evaluate",
            **_explained(render_text.evaluate_step(d, e), render_mathml.value_mathml(d, e)),
            "point": point,
            "value": _json_values(e.gradient, e.approximate),
            "exact": [json_expression(component) for component in e.gradient],
        }
    )
    steps.append(
        {
            "kind": "descent",
            **_explained(render_text.descent_step(d, e), render_mathml.descent_mathml(d, e)),
            "direction": _json_values(
                e.descent, None if e.approximate is None else [-a for a in e.approximate]
            ),
            "steepest": None if e.steepest is None else e.steepest.name,
            "critical": e.is_critical,
        }
    )
    return steps


def kinks_json(kink: Kink | None) -> list[KinkJson]:
    """The partials that differ from the two sides of a kink; [] where there is none."""
    if kink is None:
        return []
    functions = [json_expression(f) for f in kink.functions]
    return [
        {
            "variable": s.variable.name,
            "left": json_expression(s.left),
            "right": json_expression(s.right),
            "functions": functions,
        }
        for s in kink.slopes
    ]


def _partial_json(d: GradientDerivation, p: PartialDerivation) -> PartialStepJson:
    return {
        "kind": "partial",
        **_explained(render_text.partial_step(d, p), render_mathml.partial_mathml(d, p)),
        "variable": p.variable.name,
        "frozen": [v.name for v in p.frozen],
        "result": json_expression(p.result),
        "rules": _rule_json(p.rule),
    }


def _explained(step: render_text.StepText, mathml: str) -> ExplainedStepJson:
    return {
        "title": step.title,
        "text": render_text.sentence_text(step.sentence),
        "formula": step.formula,
        "mathml": mathml,
        "html": render_mathml.sentence_html(step.sentence),
    }


def _rule_json(rule: Rule, *, placeholder: bool = False) -> RuleJson:
    outer_of_chain = getattr(rule, "outer", None)
    return {
        "rule": rule.rule_name,
        "variable": rule.variable.name,
        "expression": json_expression(rule.expr),
        "result": json_expression(rule.result),
        "frozen": [v.name for v in rule.frozen],
        "text": render_text.sentence_text(render_text.rule_sentence(rule)),
        "formula": render_text.rule_formula(rule, partial=not placeholder),
        "mathml": render_mathml.rule_mathml(rule, partial=not placeholder),
        "substeps": [
            _rule_json(step, placeholder=step is outer_of_chain) for step in rule.substeps
        ],
    }


def _json_number(exact: sympy.Expr, approximate: float) -> JsonNumber:
    """A JSON number: an int when the value is an integer, a float otherwise."""
    return int(exact) if exact.is_Integer else approximate


def _json_values(
    exact: Sequence[sympy.Expr], approximate: Sequence[float] | None
) -> list[JsonValue]:
    """Numbers, or SymPy text for each where the values hold parameters."""
    if approximate is None:
        return [json_expression(value) for value in exact]
    return [_json_number(e, a) for e, a in zip(exact, approximate, strict=True)]
