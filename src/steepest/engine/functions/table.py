"""The one table of the functions a learner may type; every part of the engine reads it here.

Nothing outside this table can ever name a function, so typed text cannot reach any other SymPy
(or Python) callable. The parser, the float, bounded, array and tree evaluators, the steps, the
printers and (through a generated JSON file, see evaluate/tree.py) the browser all look
functions up with the functions below, at call time, so a function added to `TABLE` is known
to all of them.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from steepest.engine.functions.domain import Requirement
from steepest.engine.functions.error_bounds import (
    abs_bound,
    acosh_bound,
    acsch_bound,
    asech_bound,
    asinh_bound,
    atan_bound,
    atanh_bound,
    cos_bound,
    cot_bound,
    coth_bound,
    csch,
    csch_bound,
    exp_bound,
    hyperbolic_bound,
    inverse_sine_bound,
    log_bound,
    outside_unit_bound,
    reciprocal_bound,
    sech,
    sech_bound,
    sign_bound,
    sin_bound,
    tan_bound,
    tanh_bound,
)
from steepest.engine.functions.function import (
    ArrayFunction,
    Builder,
    FunctionTable,
    MathFunction,
    Shorthand,
    TreeNode,
    WrittenOut,
)
from steepest.engine.functions.interval_rules import (
    abs_rule,
    acos_rule,
    acosh_rule,
    acoth_rule,
    acsc_rule,
    acsch_rule,
    asec_rule,
    asech_rule,
    asin_rule,
    asinh_rule,
    atan_rule,
    atanh_rule,
    cos_rule,
    cosh_rule,
    coth_rule,
    csch_rule,
    exp_rule,
    log_rule,
    one,
    quotient_rule,
    sech_rule,
    sign_rule,
    sin_rule,
    sinh_rule,
    tanh_rule,
)


def _sign(u: float) -> float:
    return float((u > 0) - (u < 0))


def _asec(u: float) -> float:
    return math.acos(1 / u)


def _acsc(u: float) -> float:
    return math.asin(1 / u)


def _acoth(u: float) -> float:
    return math.atanh(1 / u)


def _arcsecant_slope(u: float) -> float:
    """|d/du asec u| = |d/du acsc u| = 1/(|u|·√(u² − 1))."""
    return 1 / (abs(u) * math.sqrt((u - 1) * (u + 1)))


def _pole(name: str, denominator: Builder | None = None) -> Requirement:
    # A pole is an isolated point: a constant there is refused, a variable answer is not.
    # Without a denominator, the pole is where the argument is 0 (coth, csch, acsch).
    return Requirement("nonzero", f"{name} at a pole", of=denominator)


def _logarithm(name: str) -> tuple[Requirement, ...]:
    return (Requirement("positive", f"{name} of a negative number", f"{name} of zero"),)


def _inverse_sine(name: str) -> Requirement:
    return Requirement("unit", f"{name} of a number outside [−1, 1]")


def _inverse_secant(name: str) -> Requirement:
    return Requirement("nonnegative", f"{name} of a number in (−1, 1)", of=lambda u: u**2 - 1)


TABLE = FunctionTable(
    functions=[
        MathFunction(
            "sin", sympy.sin, scalar=math.sin, bound=sin_bound,
            precise=sin_rule,
            derivative=lambda u: sympy.cos(u), in_trees=TreeNode("sin", np.sin),
        ),
        MathFunction(
            "cos", sympy.cos, scalar=math.cos, bound=cos_bound,
            precise=cos_rule,
            derivative=lambda u: -sympy.sin(u), in_trees=TreeNode("cos", np.cos),
        ),
        MathFunction(
            "tan", sympy.tan, scalar=math.tan, bound=tan_bound,
            precise=quotient_rule(sin_rule, cos_rule),
            derivative=lambda u: sympy.sec(u) ** 2, in_trees=TreeNode("tan", np.tan),
            domain=(_pole("tan", sympy.cos),),
        ),
        # The browser's Math has no sec, csc or cot: trees carry the reciprocals instead.
        MathFunction(
            "sec", sympy.sec, scalar=lambda u: 1 / math.cos(u), bound=reciprocal_bound(cos_bound),
            precise=quotient_rule(one, cos_rule),
            derivative=lambda u: sympy.sec(u) * sympy.tan(u),
            in_trees=WrittenOut(lambda u: 1 / sympy.cos(u)),
            domain=(_pole("sec", sympy.cos),),
        ),
        MathFunction(
            "csc", sympy.csc, scalar=lambda u: 1 / math.sin(u), bound=reciprocal_bound(sin_bound),
            precise=quotient_rule(one, sin_rule),
            derivative=lambda u: -sympy.csc(u) * sympy.cot(u),
            in_trees=WrittenOut(lambda u: 1 / sympy.sin(u)), aliases=("cosec",),
            domain=(_pole("csc", sympy.sin),),
        ),
        MathFunction(
            "cot", sympy.cot, scalar=lambda u: 1 / math.tan(u), bound=cot_bound,
            precise=quotient_rule(cos_rule, sin_rule),
            derivative=lambda u: -(sympy.csc(u) ** 2),
            in_trees=WrittenOut(lambda u: 1 / sympy.tan(u)),
            domain=(_pole("cot", sympy.sin),),
        ),
        MathFunction(
            "asin", sympy.asin, scalar=math.asin, bound=inverse_sine_bound(math.asin, "asin"),
            precise=asin_rule,
            derivative=lambda u: 1 / sympy.sqrt(1 - u**2),
            in_trees=TreeNode("asin", np.arcsin), glyph="arcsin", aliases=("arcsin",),
            domain=(_inverse_sine("asin"),),
        ),
        MathFunction(
            "acos", sympy.acos, scalar=math.acos, bound=inverse_sine_bound(math.acos, "acos"),
            precise=acos_rule,
            derivative=lambda u: -1 / sympy.sqrt(1 - u**2),
            in_trees=TreeNode("acos", np.arccos), glyph="arccos", aliases=("arccos",),
            domain=(_inverse_sine("acos"),),
        ),
        MathFunction(
            "atan", sympy.atan, scalar=math.atan, bound=atan_bound,
            precise=atan_rule,
            derivative=lambda u: 1 / (1 + u**2),
            in_trees=TreeNode("atan", np.arctan), glyph="arctan", aliases=("arctan",),
        ),
        # asec u = acos(1/u) and acsc u = asin(1/u), the common convention (and SymPy's); trees
        # say so, as the browser's Math has neither.
        MathFunction(
            "asec", sympy.asec, scalar=_asec,
            bound=outside_unit_bound(_asec, _arcsecant_slope, "asec"),
            precise=asec_rule,
            derivative=lambda u: 1 / (sympy.Abs(u) * sympy.sqrt(u**2 - 1)),
            in_trees=WrittenOut(lambda u: sympy.acos(1 / u)), glyph="arcsec", aliases=("arcsec",),
            domain=(_inverse_secant("asec"),),
        ),
        MathFunction(
            "acsc", sympy.acsc, scalar=_acsc,
            bound=outside_unit_bound(_acsc, _arcsecant_slope, "acsc"),
            precise=acsc_rule,
            derivative=lambda u: -1 / (sympy.Abs(u) * sympy.sqrt(u**2 - 1)),
            in_trees=WrittenOut(lambda u: sympy.asin(1 / u)),
            glyph="arccsc", aliases=("arccsc", "arccosec", "acosec"),
            domain=(_inverse_secant("acsc"),),
        ),
        MathFunction(
            "sinh", sympy.sinh, scalar=math.sinh, bound=hyperbolic_bound(math.sinh, math.cosh),
            precise=sinh_rule,
            derivative=lambda u: sympy.cosh(u), in_trees=TreeNode("sinh", np.sinh),
        ),
        MathFunction(
            "cosh", sympy.cosh, scalar=math.cosh, bound=hyperbolic_bound(math.cosh, math.sinh),
            precise=cosh_rule,
            derivative=lambda u: sympy.sinh(u), in_trees=TreeNode("cosh", np.cosh),
        ),
        MathFunction(
            "tanh", sympy.tanh, scalar=math.tanh, bound=tanh_bound,
            precise=tanh_rule,
            derivative=lambda u: 1 - sympy.tanh(u) ** 2, in_trees=TreeNode("tanh", np.tanh),
        ),
        # As with sec, csc and cot, trees carry the reciprocals the browser's Math has.
        MathFunction(
            "sech", sympy.sech, scalar=sech, bound=sech_bound,
            precise=sech_rule,
            derivative=lambda u: -sympy.sech(u) * sympy.tanh(u),
            in_trees=WrittenOut(lambda u: 1 / sympy.cosh(u)),
        ),
        MathFunction(
            "csch", sympy.csch, scalar=csch, bound=csch_bound,
            precise=csch_rule,
            derivative=lambda u: -sympy.csch(u) * sympy.coth(u),
            in_trees=WrittenOut(lambda u: 1 / sympy.sinh(u)), aliases=("cosech",),
            domain=(_pole("csch"),),
        ),
        MathFunction(
            "coth", sympy.coth, scalar=lambda u: 1 / math.tanh(u), bound=coth_bound,
            precise=coth_rule,
            derivative=lambda u: -(sympy.csch(u) ** 2),
            in_trees=WrittenOut(lambda u: 1 / sympy.tanh(u)),
            domain=(_pole("coth"),),
        ),
        # The inverse hyperbolic functions: pages write ISO 80000-2's arsinh (area), as they
        # write arcsin (arc) for asin; arcsinh, common in textbooks, is read too. Their
        # reciprocal cousins are the inverses of 1/u: asech(u) = acosh(1/u), and trees say so.
        MathFunction(
            "asinh", sympy.asinh, scalar=math.asinh, bound=asinh_bound,
            precise=asinh_rule,
            derivative=lambda u: 1 / sympy.sqrt(u**2 + 1),
            in_trees=TreeNode("asinh", np.arcsinh), glyph="arsinh", aliases=("arsinh", "arcsinh"),
        ),
        MathFunction(
            "acosh", sympy.acosh, scalar=math.acosh, bound=acosh_bound,
            precise=acosh_rule,
            derivative=lambda u: 1 / sympy.sqrt(u**2 - 1),
            in_trees=TreeNode("acosh", np.arccosh), glyph="arcosh", aliases=("arcosh", "arccosh"),
            domain=(Requirement("nonnegative", "acosh of a number below 1", of=lambda u: u - 1),),
        ),
        MathFunction(
            "atanh", sympy.atanh, scalar=math.atanh, bound=atanh_bound,
            precise=atanh_rule,
            derivative=lambda u: 1 / (1 - u**2),
            in_trees=TreeNode("atanh", np.arctanh), glyph="artanh", aliases=("artanh", "arctanh"),
            domain=(
                Requirement(
                    "positive", "atanh of a number outside [−1, 1]", "atanh of ±1",
                    of=lambda u: 1 - u**2,
                ),
            ),
        ),
        MathFunction(
            "asech", sympy.asech, scalar=lambda u: math.acosh(1 / u), bound=asech_bound,
            precise=asech_rule,
            derivative=lambda u: -1 / (u * sympy.sqrt(1 - u**2)),
            in_trees=WrittenOut(lambda u: sympy.acosh(1 / u)),
            glyph="arsech", aliases=("arsech", "arcsech"),
            domain=(
                Requirement("positive", "asech of a negative number", "asech of 0"),
                Requirement("nonnegative", "asech of a number above 1", of=lambda u: 1 - u),
            ),
        ),
        MathFunction(
            "acsch", sympy.acsch, scalar=lambda u: math.asinh(1 / u), bound=acsch_bound,
            precise=acsch_rule,
            derivative=lambda u: -1 / (sympy.Abs(u) * sympy.sqrt(u**2 + 1)),
            in_trees=WrittenOut(lambda u: sympy.asinh(1 / u)),
            glyph="arcsch", aliases=("arcsch", "arccsch"),
            domain=(_pole("acsch"),),
        ),
        MathFunction(
            "acoth", sympy.acoth, scalar=_acoth,
            bound=outside_unit_bound(_acoth, lambda u: 1 / (u * u - 1), "acoth"),
            precise=acoth_rule,
            derivative=lambda u: 1 / (1 - u**2),
            in_trees=WrittenOut(lambda u: sympy.atanh(1 / u)),
            glyph="arcoth", aliases=("arcoth", "arccoth"),
            domain=(
                Requirement(
                    "positive", "acoth of a number in (−1, 1)", "acoth of ±1",
                    of=lambda u: u**2 - 1,
                ),
            ),
        ),
        MathFunction(
            "exp", sympy.exp, scalar=math.exp, bound=exp_bound,
            precise=exp_rule,
            derivative=lambda u: sympy.exp(u), in_trees=TreeNode("exp", np.exp),
            steps_rule="exp", mathml="power of e",
        ),
        # The natural logarithm, written ln as the lessons write it, in text as on pages: log is
        # read too (most ML texts and code mean ln by it) but never printed, so no reader takes
        # a printed log for log10. JSON keeps SymPy's log, which sympify reads (json_text.py).
        MathFunction(
            "ln", sympy.log, scalar=math.log, bound=log_bound,
            precise=log_rule,
            derivative=lambda u: 1 / u, in_trees=TreeNode("log", np.log),
            aliases=("log",), steps_rule="log",
            domain=_logarithm("ln"),
        ),
        MathFunction(
            "abs", sympy.Abs, scalar=abs, bound=abs_bound,
            precise=abs_rule,
            derivative=lambda u: sympy.sign(u), in_trees=TreeNode("abs", np.abs),
            steps_rule="abs", mathml="bars",
        ),
        # Not in a learner's usual vocabulary, but the derivative of abs(x) is sign(x), and every
        # printed result must parse back. Flat on both sides of 0: its derivative is 0 wherever
        # one exists.
        MathFunction(
            "sign", sympy.sign, scalar=_sign, bound=sign_bound,
            precise=sign_rule,
            derivative=lambda u: sympy.S.Zero, in_trees=TreeNode("sign", np.sign),
            steps_rule="sign",
        ),
    ],
    shorthands=[
        # A power, so every rule and printer already knows it; printed as sqrt(u) and √u.
        Shorthand(
            "sqrt", sympy.sqrt,
            domain=(Requirement("nonnegative", "square root of a negative number"),),
        ),
        # A convenience for ML losses, built from exp for the same reason.
        Shorthand("sigmoid", lambda u: 1 / (1 + sympy.exp(-u))),
        # Logarithms to base 10 and 2 (bits), as numpy and calculators name them; the lexer
        # reads log_10 and log₁₀ as log10 too. Built from ln for the same reason; SymPy works
        # whole values out (log10(1000) is 3). Another base is ln(x)/ln(b): log_b with a
        # variable b would be an index that is no number, which the grammar has not.
        Shorthand("log10", lambda u: sympy.log(u, 10), domain=_logarithm("log10")),
        Shorthand("log2", lambda u: sympy.log(u, 2), domain=_logarithm("log2")),
        # acot u = π/2 − atan u, with values in (0, π): the calculus textbooks' inverse of cot,
        # smooth at 0 with the slope −1/(1 + u²) everywhere. SymPy's acot is atan(1/u), which
        # jumps from −π/2 to π/2 at 0: the steps would print a slope where there is none, and
        # acot(−1) would be −π/4 where a learner's book says 3π/4.
        Shorthand("acot", lambda u: sympy.pi / 2 - sympy.atan(u), aliases=("arccot",)),
    ],
)  # fmt: skip


def typed_names() -> tuple[str, ...]:
    """Every name that calls a function or a shorthand."""
    return tuple(TABLE.builders)


def function_builder(name: str) -> Builder | None:
    """What the parser applies to the argument of `name(…)`."""
    return TABLE.builders.get(name)


def function_domain(name: str) -> tuple[Requirement, ...]:
    """What the argument of `name(…)` needs for a real value, as the parser records it."""
    return TABLE.domains.get(name, ())


def function_of(expr: object) -> MathFunction | None:
    """The table's entry for `expr` when it is one of the table's functions applied."""
    return TABLE.by_class.get(type(expr))


def tree_function(name: str) -> MathFunction | None:
    """The function that a tree node `{"fn": name}` applies."""
    return TABLE.tree_functions.get(name)


def array_function(name: str) -> ArrayFunction | None:
    """numpy's twin of the function that a tree node `{"fn": name}` applies."""
    return TABLE.array_functions.get(name)


def math_methods() -> dict[str, str]:
    """For each function name in trees, the browser's `Math` method that evaluates it."""
    return dict(TABLE.math_methods)
