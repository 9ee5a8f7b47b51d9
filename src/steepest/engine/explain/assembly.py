"""How a rule assembles its result before SymPy tidies it up: `3 · 2w2`, or the quotient rule's
`(top′ · bottom − top · bottom′) / bottom²`, worked out once and written as text or MathML."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.calculus.rules import (
    ChainRule,
    ConstantMultipleRule,
    GeneralPowerRule,
    ProductRule,
    QuotientRule,
    Rule,
    SumRule,
)
from steepest.engine.notation.printing import to_text


@dataclass(frozen=True)
class Assembly:
    """How a rule combines its pieces before SymPy tidies them up, e.g. ``3 · 2*w2``.

    A sum of signed products of factors, over ``denominator`` squared for the quotient rule.
    """

    terms: tuple[tuple[int, tuple[sympy.Expr, ...]], ...]
    denominator: sympy.Expr | None = None


def shown_assembly(rule: Rule) -> Assembly | None:
    """The rule's assembly, unless writing it out would only repeat the result."""
    pieces = assembly(rule)
    if pieces is None or assembly_text(pieces) == to_text(rule.result):
        return None
    return pieces


def assembly(rule: Rule) -> Assembly | None:
    if isinstance(rule, ConstantMultipleRule):
        if rule.coefficient == -1:
            return Assembly(((-1, (rule.factor_step.result,)),))
        return Assembly(((1, (rule.coefficient, rule.factor_step.result)),))
    if isinstance(rule, SumRule):
        return Assembly(tuple(_signed(step.result) for step in rule.term_steps))
    if isinstance(rule, ProductRule):
        factors = [step.expr for step in rule.factor_steps]
        return Assembly(
            tuple(
                (1, (*factors[:i], step.result, *factors[i + 1 :]))
                for i, step in enumerate(rule.factor_steps)
            )
        )
    if isinstance(rule, QuotientRule):
        top, bottom = rule.numerator_step, rule.denominator_step
        terms = ((1, (top.result, bottom.expr)), (-1, (top.expr, bottom.result)))
        return Assembly(terms, bottom.expr)
    if isinstance(rule, ChainRule):
        outside = _put_back(rule.outer.result, rule.placeholder, rule.inner)
        return Assembly(((1, (outside, rule.inner_step.result)),))
    if isinstance(rule, GeneralPowerRule):
        return Assembly(((1, (rule.expr, rule.result / rule.expr)),))
    return None


def _put_back(expr: sympy.Expr, placeholder: sympy.Symbol, inner: sympy.Expr) -> sympy.Expr:
    """expr with inner in place of the placeholder, left unevaluated so the outer derivative
    keeps its shape on screen: 2*(1 - x), where SymPy would write 2 - 2*x."""
    if expr == placeholder:
        return inner
    if not expr.args:
        return expr
    return expr.func(*(_put_back(a, placeholder, inner) for a in expr.args), evaluate=False)


def _signed(term: sympy.Expr) -> tuple[int, tuple[sympy.Expr, ...]]:
    """A term of a sum with its minus sign pulled out, so it reads a - b, not a + (-b)."""
    if not term.is_Add and term.could_extract_minus_sign():
        return -1, (-term,)
    return 1, (term,)


def needs_brackets(factor: sympy.Expr, position: int) -> bool:
    """A sum inside a product, or a negative factor after the first, goes in brackets."""
    return bool(factor.is_Add or (position and factor.could_extract_minus_sign()))


def assembly_text(pieces: Assembly) -> str:
    text = ""
    for index, (sign, factors) in enumerate(pieces.terms):
        product = " · ".join(
            f"({to_text(f)})" if needs_brackets(f, i) else to_text(f) for i, f in enumerate(factors)
        )
        if index == 0:
            text = ("-" if sign < 0 else "") + product
        else:
            text += (" - " if sign < 0 else " + ") + product
    if pieces.denominator is None:
        return text
    square = pieces.denominator**2
    shown = to_text(square) if _is_single_power(square) else f"({to_text(square)})"
    return f"({text}) / {shown}"


def _is_single_power(expr: sympy.Expr) -> bool:
    return bool(expr.is_Symbol or expr.is_Pow or isinstance(expr, sympy.Function))
