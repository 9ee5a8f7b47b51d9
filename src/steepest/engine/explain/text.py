"""A gradient derivation in plain text, worked the way a teacher writes it on the board.

The explanations live here as *sentences*: tuples of words and SymPy formulas. This renderer
prints the formulas with ``to_text``; the MathML renderer reuses the same sentences and prints
the formulas as MathML, so both say exactly the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy

from steepest.engine.calculus.derivation import (
    GradientDerivation,
    PartialDerivation,
    PointEvaluation,
)
from steepest.engine.calculus.kinks import Kink
from steepest.engine.calculus.rules import (
    AbsRule,
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    ExpRule,
    GeneralPowerRule,
    IdentityRule,
    LogRule,
    PowerRule,
    ProductRule,
    QuotientRule,
    Rule,
    SignRule,
    SumRule,
    TrigRule,
)
from steepest.engine.explain.assembly import assembly_text, shown_assembly
from steepest.engine.notation.printing import to_text

Segment: TypeAlias = str | sympy.Basic
Sentence: TypeAlias = tuple[Segment, ...]
_INDENT = "  "
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class StepText:
    title: str
    sentence: Sentence
    formula: str


def render_text(d: GradientDerivation) -> str:
    signature = sympy.Function(d.name)(*d.variables)
    lines = [f"{to_text(signature)} = {to_text(d.function)}"]
    for number, (step, rule) in enumerate(_steps(d), start=1):
        lines += ["", f"Step {number}. {step.title}", _INDENT + sentence_text(step.sentence)]
        if rule is not None:
            lines += _rule_lines(rule, depth=1, partial=True)
        lines.append(_INDENT + step.formula)
    return "\n".join(lines) + "\n"


def _steps(d: GradientDerivation) -> Iterator[tuple[StepText, Rule | None]]:
    for p in d.partials:
        yield partial_step(d, p), p.rule
    yield stack_step(d), None
    if d.evaluation is not None and d.evaluation.kink is not None:
        yield kink_step(d, d.evaluation, d.evaluation.kink), None
    elif d.evaluation is not None:
        yield evaluate_step(d, d.evaluation), None
        yield descent_step(d, d.evaluation), None


def _rule_lines(rule: Rule, *, depth: int, partial: bool) -> list[str]:
    lines = [
        _INDENT * depth + rule_formula(rule, partial=partial),
        _INDENT * (depth + 1) + sentence_text(rule_sentence(rule)),
    ]
    for step in rule.substeps:
        is_outer = isinstance(rule, ChainRule) and step is rule.outer
        lines += _rule_lines(step, depth=depth + 1, partial=not is_outer)
    return lines


def sentence_text(sentence: Sentence) -> str:
    return "".join(part if isinstance(part, str) else to_text(part) for part in sentence)


def derivative_operator(variable: sympy.Symbol, *, partial: bool) -> str:
    """∂/∂x for a variable of the function; d/du for a chain rule's one-variable placeholder."""
    d = "\u2202" if partial else "d"
    return f"{d}/{d}{to_text(variable)}"


def rule_formula(rule: Rule, *, partial: bool = True) -> str:
    """``∂/∂x (expr) = pieces = result`` in plain text."""
    sides = [f"{derivative_operator(rule.variable, partial=partial)} ({to_text(rule.expr)})"]
    pieces = shown_assembly(rule)
    if pieces is not None:
        sides.append(assembly_text(pieces))
    sides.append(to_text(rule.result))
    return " = ".join(sides)


def say(template: str, **parts: sympy.Basic | Sentence) -> Sentence:
    """A sentence from words with ``{slots}`` for formulas, or for runs such as "w1 and w2"."""
    sentence: list[Segment] = []
    for index, piece in enumerate(_SLOT.split(template)):
        if index % 2 == 0:
            sentence.extend((piece,) if piece else ())
        else:
            value = parts[piece]
            sentence.extend(value if isinstance(value, tuple) else (value,))
    return tuple(sentence)


def rule_sentence(rule: Rule) -> Sentence:
    """What the rule says, in words, for a learner."""
    x, expr = rule.variable, rule.expr
    if isinstance(rule, ConstantRule):
        if not rule.frozen:
            return say("{c} is a fixed number, and a constant has derivative 0.", c=expr)
        return say(
            "{names} {verb} frozen, so {c} does not move when {x} does: it is a constant here, "
            "and its derivative is 0.",
            names=_names(rule.frozen),
            verb=_be(rule.frozen),
            c=expr,
            x=x,
        )
    if isinstance(rule, IdentityRule):
        return say("The derivative of {x} with respect to itself is 1.", x=x)
    if isinstance(rule, PowerRule):
        n = rule.exponent
        return say(
            "Power rule: the exponent {n} comes down in front and the power drops by one, to {m}.",
            n=n,
            m=n - 1,
        ) + _frozen_note(rule, n, "The exponent")
    if isinstance(rule, ConstantMultipleRule):
        return _constant_multiple_sentence(rule)
    if isinstance(rule, SumRule):
        return say("Sum rule: differentiate each term on its own, then add the results.")
    if isinstance(rule, ProductRule):
        return say(
            "Product rule: differentiate one factor at a time while the other factors stay as "
            "they are, then add up the pieces."
        )
    if isinstance(rule, QuotientRule):
        return say(
            "Quotient rule, with {top} on top and {bottom} below: "
            "(top\u2032 \u00b7 bottom \u2212 top \u00b7 bottom\u2032) / bottom\u00b2.",
            top=rule.numerator_step.expr,
            bottom=rule.denominator_step.expr,
        )
    if isinstance(rule, ChainRule):
        return say(
            "Chain rule: call the inside {u} = {inner}. Differentiate the outside with respect "
            "to {u}, put {inner} back in place of {u}, then multiply by the derivative of the "
            "inside.",
            u=rule.placeholder,
            inner=rule.inner,
        )
    return _function_sentence(rule)


def _constant_multiple_sentence(rule: ConstantMultipleRule) -> Sentence:
    c, rest = rule.coefficient, rule.factor_step.expr
    if c == -1:
        return say("The minus sign stays in front; differentiate {f}.", f=rest)
    held = tuple(v for v in rule.frozen if v in c.free_symbols)
    if not held:
        return say(
            "Constant multiple: the number {c} stays in front; differentiate {f}.", c=c, f=rest
        )
    return say(
        "Constant multiple: {names} {verb} frozen, so the factor {c} is a constant. It stays in "
        "front while we differentiate {f}.",
        names=_names(held),
        verb=_be(held),
        c=c,
        f=rest,
    )


def _function_sentence(rule: Rule) -> Sentence:
    expr, result = rule.expr, rule.result
    if isinstance(rule, ExpRule):
        if rule.base == sympy.E:
            return say("The exponential function is its own derivative.")
        return say(
            "For a constant base, the derivative of {f} is {f} times {log}.",
            f=expr,
            log=sympy.log(rule.base),
        ) + _frozen_note(rule, rule.base, "The base")
    if isinstance(rule, LogRule):
        return say("The derivative of the natural logarithm {f} is {df}.", f=expr, df=result)
    if isinstance(rule, TrigRule):
        return say("Standard derivative: the derivative of {f} is {df}.", f=expr, df=result)
    if isinstance(rule, AbsRule):
        return say(
            "{f} has slope -1 left of 0 and slope 1 right of 0: that is {df}.", f=expr, df=result
        )
    if isinstance(rule, SignRule):
        return say(
            "{f} is flat on each side of 0 and jumps at 0, where it has no derivative; "
            "everywhere else its derivative is 0.",
            f=expr,
        )
    if isinstance(rule, GeneralPowerRule):
        exponent = rule.exponent_step.expr * sympy.log(rule.base_step.expr)
        return say(
            "{x} is in both the base and the exponent. Rewrite {f} as {rewritten}; the chain "
            "rule gives {f} times the derivative of {exponent}, found with the product rule.",
            x=rule.variable,
            f=expr,
            rewritten=sympy.exp(exponent, evaluate=False),
            exponent=exponent,
        )
    raise TypeError(f"no sentence for {type(rule).__name__}")


def _frozen_note(rule: Rule, part: sympy.Expr, what: str) -> Sentence:
    held = tuple(v for v in rule.frozen if v in part.free_symbols)
    if not held:
        return ()
    return say(f" {what} holds frozen {{names}}, so it counts as a constant.", names=_names(held))


def _be(symbols: Sequence[sympy.Symbol]) -> str:
    return "is" if len(symbols) == 1 else "are"


def _names(symbols: Sequence[sympy.Symbol]) -> Sentence:
    """w2 / w2 and w3 / w1, w2 and w3."""
    parts: list[Segment] = []
    for index, symbol in enumerate(symbols):
        if index:
            parts.append(" and " if index == len(symbols) - 1 else ", ")
        parts.append(symbol)
    return tuple(parts)


def function_symbol(d: GradientDerivation) -> sympy.Symbol:
    return sympy.Symbol(d.name)


def partial_step(d: GradientDerivation, p: PartialDerivation) -> StepText:
    operator = f"\u2202{d.name}/\u2202{to_text(p.variable)}"
    formula = f"{operator} = {to_text(p.result)}"
    name = function_symbol(d)
    if not p.frozen:
        sentence = say("{L} has one variable, so this is an ordinary derivative.", L=name)
        return StepText(operator, sentence, formula)
    sentence = say(
        "Freeze {names}: treat {them} and differentiate {L} with respect to {x} alone.",
        names=_names(p.frozen),
        them="it as a fixed number" if len(p.frozen) == 1 else "them as fixed numbers",
        L=name,
        x=p.variable,
    )
    title = f"{operator}, with {sentence_text(_names(p.frozen))} frozen"
    return StepText(title, sentence, formula)


def stack_step(d: GradientDerivation) -> StepText:
    partials = ", ".join(f"\u2202{d.name}/\u2202{to_text(v)}" for v in d.variables)
    formula = f"\u2207{d.name} = ({partials}) = {_vector_text(d.gradient)}"
    title = f"Stack the partials into the gradient \u2207{d.name}"
    if len(d.variables) == 1:
        sentence = say("With one variable, the gradient has a single component: the derivative.")
        return StepText(title, sentence, formula)
    sentence = say(
        "Put the partial derivatives side by side, one per variable, in the order {names}. "
        "That vector is the gradient of {L}.",
        names=_names(d.variables),
        L=function_symbol(d),
    )
    return StepText(title, sentence, formula)


def evaluate_step(d: GradientDerivation, e: PointEvaluation) -> StepText:
    point = _vector_text(e.point)
    assignments: list[Segment] = []
    for index, (v, c) in enumerate(zip(d.variables, e.point, strict=True)):
        assignments += [", " if index else "", v, " = ", c]
    sentence = say("Substitute {values} into each component.", values=tuple(assignments))
    values = f"{_vector_text(e.gradient)}{_approximately(e.gradient, e.approximate)}"
    formula = f"\u2207{d.name}{point} = {values}"
    return StepText(f"The gradient at {point}", sentence, formula)


def descent_step(d: GradientDerivation, e: PointEvaluation) -> StepText:
    title = f"Steepest descent: \u2212\u2207{d.name}"
    point = _vector_text(e.point)
    descent = None if e.approximate is None else tuple(-value for value in e.approximate)
    formula = (
        f"\u2212\u2207{d.name}{point} = {_vector_text(e.descent)}"
        f"{_approximately(e.descent, descent)}"
    )
    if e.is_critical:
        sentence = say(
            "Every component is 0, so this is a critical point (a minimum, a maximum or a "
            "saddle). To first order no direction goes downhill."
        )
        return StepText(title, sentence, formula)
    name = function_symbol(d)
    sentence = say(
        "The gradient points uphill. Flip its sign to get the direction in which {L} falls "
        "fastest.",
        L=name,
    )
    # With parameters, which component is largest depends on their values: nothing is said.
    if len(d.variables) < 2 or e.approximate is None:
        return StepText(title, sentence, formula)
    if e.steepest is None:
        sentence += say(" Its largest components are equally big: no single variable is steeper.")
    else:
        sentence += say(
            " The component largest in size belongs to {v}, so here {L} is steeper along {v}.",
            v=e.steepest,
            L=name,
        )
    return StepText(title, sentence, formula)


def kink_step(d: GradientDerivation, e: PointEvaluation, kink: Kink) -> StepText:
    """At a kink there is no gradient: name the kink, and give each slope from both sides."""
    point = _vector_text(e.point)
    sentence = say("{L} is not differentiable at this point: ", L=function_symbol(d))
    for index, function in enumerate(kink.functions):
        sentence += (" and " if index else "", function, *_kink_place(function.args[0]))
    one_variable = len(d.variables) == 1
    for index, slope in enumerate(kink.slopes):
        sentence += ("; " if index == 0 else ", ",)
        if one_variable:
            sentence += say("the slope is {left} from the left", left=slope.left)
        else:
            name = sympy.Symbol(f"\u2202{d.name}/\u2202{slope.variable.name}")
            sentence += say("{d} is {left} from the left", d=name, left=slope.left)
        sentence += say(" and {right} from the right", right=slope.right)
    sentence += (".",)
    formula = "; ".join(
        f"\u2202{d.name}/\u2202{to_text(s.variable)} = {to_text(s.left)} from the left,"
        f" {to_text(s.right)} from the right"
        for s in kink.slopes
    )
    return StepText(f"No gradient at {point}: a kink", sentence, formula)


def _kink_place(argument: sympy.Expr) -> Sentence:
    """ " has a kink at x = 4" for abs(x - 4), " has a kink where x - y = 0" otherwise."""
    (variable, *others) = sorted(argument.free_symbols, key=str) or [None]
    linear = variable is not None and argument.is_polynomial(variable)
    if linear and not others and sympy.degree(argument, variable) == 1:
        root = sympy.solve(argument, variable)
        if len(root) == 1:
            return say(" has a kink at {x} = {root}", x=variable, root=root[0])
    return say(" has a kink where {u} = 0", u=argument)


def _vector_text(components: Sequence[sympy.Expr]) -> str:
    return "(" + ", ".join(to_text(c) for c in components) + ")"


def _approximately(components: Sequence[sympy.Expr], approximate: Sequence[float] | None) -> str:
    """`` ≈ (6.31)`` when an exact value such as ``4*log(2) + 4`` is hard to read as a size;
    nothing where it holds parameters, whose values are not known."""
    if approximate is None or all(c.is_Rational or c.is_Float for c in components):
        return ""
    return " \u2248 (" + ", ".join(f"{value:.6g}" for value in approximate) + ")"
