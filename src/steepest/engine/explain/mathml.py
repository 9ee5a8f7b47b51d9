"""A gradient derivation as HTML-safe fragments with MathML, for the page and the JSON answer.

The words come from ``render_text`` (the same sentences); only the formulas differ: here every
formula is a ``<math>`` element, so the page needs no script to typeset it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import sympy

from steepest.engine.calculus.derivation import (
    GradientDerivation,
    PartialDerivation,
    PointEvaluation,
)
from steepest.engine.calculus.kinks import Kink
from steepest.engine.calculus.rules import ChainRule, Rule
from steepest.engine.explain.assembly import Assembly, needs_brackets, shown_assembly
from steepest.engine.explain.text import (
    Sentence,
    StepText,
    descent_step,
    evaluate_step,
    kink_step,
    partial_step,
    rule_sentence,
    stack_step,
)
from steepest.engine.notation.printing import (
    mathml_derivative,
    mathml_equation,
    mathml_fragment,
    mathml_gradient,
    mathml_math,
    mathml_operator,
    mathml_parenthesized,
    mathml_row,
    mathml_vector,
)


def render_mathml(d: GradientDerivation) -> str:
    """The whole derivation as an ordered list of steps, each a title, a sentence and formulas."""
    items = [
        _step_html("partial", partial_step(d, p), partial_mathml(d, p), p.rule) for p in d.partials
    ]
    items.append(_step_html("stack", stack_step(d), gradient_mathml(d)))
    if d.evaluation is not None and d.evaluation.kink is not None:
        e, kink = d.evaluation, d.evaluation.kink
        items.append(_step_html("kink", kink_step(d, e, kink), kink_mathml(d, kink)))
    elif d.evaluation is not None:
        e = d.evaluation
        items.append(_step_html("evaluate", evaluate_step(d, e), value_mathml(d, e)))
        items.append(_step_html("descent", descent_step(d, e), descent_mathml(d, e)))
    return f'<ol class="derivation">{"".join(items)}</ol>'


def _step_html(kind: str, step: StepText, formula: str, rule: Rule | None = None) -> str:
    rules = "" if rule is None else f'<ul class="rules">{_rule_html(rule, partial=True)}</ul>'
    return (
        f'<li class="step step-{kind}"><p class="step-title">{html.escape(step.title)}</p>'
        f"<p>{sentence_html(step.sentence)}</p>{rules}{formula}</li>"
    )


def _rule_html(rule: Rule, *, partial: bool) -> str:
    children = "".join(
        _rule_html(step, partial=not (isinstance(rule, ChainRule) and step is rule.outer))
        for step in rule.substeps
    )
    nested = f'<ul class="rules">{children}</ul>' if children else ""
    return (
        f'<li class="rule rule-{rule.rule_name.replace(" ", "-")}">'
        f"{rule_mathml(rule, partial=partial)}"
        f"<p>{sentence_html(rule_sentence(rule))}</p>{nested}</li>"
    )


def sentence_html(sentence: Sentence) -> str:
    """Words escaped for HTML, formulas as inline ``<math>`` elements."""
    return "".join(
        html.escape(part) if isinstance(part, str) else mathml_math(mathml_fragment(part))
        for part in sentence
    )


def rule_mathml(rule: Rule, *, partial: bool = True) -> str:
    """``∂/∂x (expr) = pieces = result`` as a ``<math>`` element."""
    operator = mathml_derivative("", rule.variable, partial=partial)
    sides = [mathml_row(operator, mathml_parenthesized(mathml_fragment(rule.expr)))]
    pieces = shown_assembly(rule)
    if pieces is not None:
        sides.append(_assembly_mathml(pieces))
    sides.append(mathml_fragment(rule.result))
    return mathml_math(mathml_equation(*sides))


def _assembly_mathml(pieces: Assembly) -> str:
    row: list[str] = []
    for index, (sign, factors) in enumerate(pieces.terms):
        if index or sign < 0:
            row.append(mathml_operator("-" if sign < 0 else "+"))
        for position, factor in enumerate(factors):
            if position:
                row.append(mathml_operator("\u00b7"))
            fragment = mathml_fragment(factor)
            brackets = needs_brackets(factor, position)
            row.append(mathml_parenthesized(fragment) if brackets else fragment)
    terms = mathml_row(*row)
    if pieces.denominator is None:
        return terms
    return f"<mfrac>{terms}{mathml_fragment(pieces.denominator**2)}</mfrac>"


def partial_mathml(d: GradientDerivation, p: PartialDerivation) -> str:
    return mathml_math(
        mathml_equation(mathml_derivative(d.name, p.variable), mathml_fragment(p.result)),
        display=True,
    )


def gradient_mathml(d: GradientDerivation) -> str:
    partials = mathml_vector([mathml_derivative(d.name, v) for v in d.variables])
    return mathml_math(
        mathml_equation(mathml_gradient(d.name), partials, _vector(d.gradient)), display=True
    )


def value_mathml(d: GradientDerivation, e: PointEvaluation) -> str:
    at = mathml_row(mathml_gradient(d.name), _vector(e.point))
    return mathml_math(mathml_equation(at, _vector(e.gradient)), display=True)


def descent_mathml(d: GradientDerivation, e: PointEvaluation) -> str:
    at = mathml_row(mathml_operator("-"), mathml_gradient(d.name), _vector(e.point))
    return mathml_math(mathml_equation(at, _vector(e.descent)), display=True)


def kink_mathml(d: GradientDerivation, kink: Kink) -> str:
    """Each partial that differs from the two sides: ∂L/∂x = −1 from the left, 1 from the right."""
    rows = [
        mathml_row(
            mathml_equation(mathml_derivative(d.name, s.variable), mathml_fragment(s.left)),
            "<mtext>\u00a0from the left,\u00a0</mtext>",
            mathml_fragment(s.right),
            "<mtext>\u00a0from the right</mtext>",
        )
        for s in kink.slopes
    ]
    # One line per partial: side by side, two of them overflow a phone's width.
    table = "".join(f"<mtr><mtd>{row}</mtd></mtr>" for row in rows)
    return mathml_math(
        f'<mtable columnalign="left" displaystyle="true">{table}</mtable>', display=True
    )


def _vector(components: Sequence[sympy.Expr]) -> str:
    return mathml_vector([mathml_fragment(c) for c in components])
