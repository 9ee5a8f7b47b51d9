"""The mistakes inside one partial derivative ∂L/∂v, each a wrong derivative worked out from L.

Every one is what a learner with exactly that habit would write: the derivative by another
variable, or with the other variables not held constant, a term without v kept (or its
coefficient), one of the rule slips of `slips.py` (everywhere, or in one term), the sign of the
whole or of one term lost, v written under another variable's name, or no derivative at all
(L itself, or its terms in v). The diagnosis compares them with the answer by evaluating; its
ranking (`ranking.py`) picks the likeliest when several fit.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.answer_kinds import SLIP_KINDS, SlipKind
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.mistakes.slips import Slipped, slipped_derivative
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem import Problem

SIGN_MESSAGE = (
    "The sign is off: your answer is the negative of the right one. Check each minus sign."
)


def partial_mistakes(problem: Problem, v: sympy.Symbol) -> list[Mistake]:
    """The wrong formulas for ∂L/∂v, each with its message; at a point they are still formulas."""
    f, name = problem.function, problem.name
    others = [u for u in problem.variables if u != v]
    right = sympy.diff(f, v)
    terms = sympy.Add.make_args(f)
    # At a point, a kept coefficient is a number like any wrong one: named only in a formula.
    coefficients = problem.point is None
    found = [
        *_other_variables(problem, v, others),
        *_kept_constants(terms, v, others, right, coefficients),
    ]
    for slip in SLIP_KINDS:
        for wrong, slipped in _slip_variants(f, terms, v, right, slip):
            found.append(slip_mistake(slip, wrong, slipped, v))
    sign_hint = "The sign is off: check each minus sign, and the sign the chain rule brings in."
    if problem.point is not None:
        sign_hint = (
            f"The sign is off: check the sign of {v.name} at the point, and each minus sign."
        )
    found.append(Mistake("sign", (-right,), SIGN_MESSAGE, sign_hint))
    found.extend(_one_term_sign(terms, v, right))
    found.extend(_not_differentiated(f, name, terms, v))
    if problem.point is None:
        found.extend(_renamed(right, v, others, name))
    return found


def _names(symbols: Sequence[sympy.Symbol]) -> str:
    return " and ".join(s.name for s in symbols)


def _other_variables(
    problem: Problem, v: sympy.Symbol, others: list[sympy.Symbol]
) -> list[Mistake]:
    """By another variable; or by every variable at once, the others not held constant."""
    f, name = problem.function, problem.name
    found = []
    for u in others:
        message = (
            f"That is ∂{name}/∂{u.name}: you differentiated with respect to {u.name}. Here"
            f" {v.name} is the variable, and {u.name} stays fixed like a number."
        )
        hint = f"You differentiated with respect to {u.name}; this derivative is by {v.name}."
        found.append(Mistake("wrong_variable", (sympy.diff(f, u),), message, hint))
    if not others:
        return found
    held = _names(others)
    message = (
        f"You let {held} change as well. In ∂{name}/∂{v.name} only {v.name} varies and"
        f" {held} {'is' if len(others) == 1 else 'are'} held constant: a term without"
        f" {v.name} contributes 0, and a factor without {v.name} just multiplies."
    )
    hint = f"Hold {held} fixed: in ∂{name}/∂{v.name} only {v.name} varies."
    total = sympy.Add(*(sympy.diff(f, u) for u in problem.variables))
    terms = sympy.Add.make_args(f)
    own = sympy.Add(*(sympy.diff(t, _own_variable(t, v, problem.variables)) for t in terms))
    found.append(Mistake("not_held_constant", (total,), message, hint))
    found.append(Mistake("not_held_constant", (own,), message, hint))
    return found


def _own_variable(
    term: sympy.Expr, v: sympy.Symbol, variables: Sequence[sympy.Symbol]
) -> sympy.Symbol:
    """The variable a careless learner differentiates a term by: v if present, else its own."""
    if term.has(v):
        return v
    return next((u for u in variables if term.has(u)), v)


def _kept_constants(
    terms: tuple[sympy.Expr, ...],
    v: sympy.Symbol,
    others: list[sympy.Symbol],
    right: sympy.Expr,
    coefficients: bool,
) -> list[Mistake]:
    """A term without v kept whole, all of them kept, or one's coefficient left behind (3w2²
    differentiated by w1 as 3)."""
    constants = [t for t in terms if not t.has(v) and t != 0]
    if not constants:
        return []
    held = f"with {_names(others)} held fixed " if others else ""
    hint = f"A term without {v.name} is a constant here, and the derivative of a constant vanishes."
    found = []
    for term in constants:
        message = (
            f"The term {to_text(term)} has no {v.name} in it, so {held}it is a constant, and the"
            " derivative of a constant is 0. Your answer kept it."
        )
        found.append(Mistake("kept_constant_term", (right + term,), message, hint))
        coefficient = term.as_coeff_Mul()[0]
        if coefficients and not term.is_number and coefficient not in (1, -1):
            message = (
                f"The term {to_text(term)} has no {v.name} in it, so its derivative is 0: your"
                " answer kept its coefficient."
            )
            found.append(Mistake("kept_constant_term", (right + coefficient,), message, hint))
    if len(constants) > 1:
        message = (
            f"The terms without {v.name} are constants {held}and their derivatives are 0."
            " Your answer kept them."
        )
        found.append(Mistake("kept_constant_term", (right + sympy.Add(*constants),), message, hint))
    return found


def _slip_variants(
    f: sympy.Expr, terms: tuple[sympy.Expr, ...], v: sympy.Symbol, right: sympy.Expr, slip: SlipKind
) -> list[tuple[sympy.Expr, Slipped]]:
    """The slip made everywhere, and made in one term only."""
    variants = []
    everywhere = slipped_derivative(f, v, slip)
    if everywhere.sites:
        variants.append((everywhere.result, everywhere))
    if len(terms) > 1:
        for term in terms:
            once = slipped_derivative(term, v, slip)
            if once.sites:
                variants.append((right - sympy.diff(term, v) + once.result, once))
    return variants


def slip_mistake(slip: SlipKind, wrong: sympy.Expr, slipped: Slipped, v: sympy.Symbol) -> Mistake:
    """The derivative taken with `slip`, named where it bit."""
    site = slipped.sites[0]
    where = to_text(site)
    if slip == "power_coefficient":
        message = (
            f"Check the power rule in {where}: the exponent comes down as a factor"
            " (d/dx xⁿ = n·xⁿ⁻¹). Your answer lowered the power but lost that factor."
        )
        hint = "The power rule brings the exponent down as a factor: check that it is there."
    elif slip == "constant_factor":
        # The factor itself is not named: when it is all that is left, it is the answer.
        message = (
            f"In {where}, a constant factor went missing: the derivative of c·g is c times"
            f" the derivative of g, so factors without {v.name} stay as they are."
        )
        hint = f"A constant factor went missing: factors without {v.name} stay as they are."
    else:
        inside = site.base if site.is_Pow else site.args[0]
        message = (
            f"In {where}, finish the chain rule: after differentiating the outside, multiply by"
            f" the derivative of the inside, {to_text(inside)}, with respect to {v.name}."
        )
        hint = (
            "Finish the chain rule: multiply by the derivative of the inside with respect to"
            f" {v.name}."
        )
    return Mistake(slip, (wrong,), message, hint)


def _one_term_sign(
    terms: tuple[sympy.Expr, ...], v: sympy.Symbol, right: sympy.Expr
) -> list[Mistake]:
    """One term's derivative with its sign lost, where several terms hold v."""
    varying = [t for t in terms if t.has(v)]
    if len(varying) < 2:
        return []
    message = (
        "The sign of one term is off: the others are right. Differentiate term by term and"
        " keep each term's sign."
    )
    hint = "The sign of one term is off: differentiate term by term and keep each sign."
    return [Mistake("sign", (right - 2 * sympy.diff(t, v),), message, hint) for t in varying]


def _not_differentiated(
    f: sympy.Expr, name: str, terms: tuple[sympy.Expr, ...], v: sympy.Symbol
) -> list[Mistake]:
    """The loss itself for its derivative, or its terms in v picked out but not differentiated."""
    message = (
        f"That is {name} itself, not its derivative: differentiate it with respect to {v.name}."
    )
    hint = f"That is the loss itself: differentiate it with respect to {v.name}."
    found = [Mistake("loss_not_derivative", (f,), message, hint)]
    with_v = sympy.Add(*(t for t in terms if t.has(v)))
    if with_v != f:
        message = (
            f"You picked out the terms of {name} with {v.name} in them, which is right, but did"
            f" not differentiate them: take their derivative with respect to {v.name}."
        )
        hint = f"You kept the terms with {v.name} but did not differentiate them."
        found.append(Mistake("loss_not_derivative", (with_v,), message, hint))
    return found


def _renamed(
    right: sympy.Expr, v: sympy.Symbol, others: list[sympy.Symbol], name: str
) -> list[Mistake]:
    """The right derivative with v written as another variable: 2w2 for 2w1."""
    found = []
    for u in others:
        renamed = right.xreplace({v: u, u: v})
        if sympy.expand(renamed - right) == 0:
            continue
        message = (
            f"Your answer has {u.name} where {v.name} belongs: differentiating by {v.name}"
            f" leaves {v.name} in the result. Check the names of the variables."
        )
        hint = f"Check the variable names: your answer has {u.name} where {v.name} belongs."
        found.append(Mistake("renamed_variable", (renamed,), message, hint))
    return found
