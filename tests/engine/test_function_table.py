"""The table of functions is the only list: every entry evaluates like SymPy everywhere, and a
function added to the table is known to every part of the engine at once."""

from __future__ import annotations

import cmath
import dataclasses
import math
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy
from mpmath.libmp import mpf_ln2, round_ceiling, round_floor, to_float
from mpmath.libmp.libmpi import mpi_mul, mpi_one, mpi_sub
from sympy.codegen.cfunctions import exp2, expm1

from expression_trees import functions_in
from steepest.engine.calculus.rules import ChainRule, TrigRule, check_rule, derive_partial
from steepest.engine.claims.shown import latex_to_typed
from steepest.engine.errors import EngineError
from steepest.engine.evaluate.arrays import evaluate_tree_array
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.evaluate.float_value import float_value
from steepest.engine.evaluate.precise import compile_precise, point_intervals
from steepest.engine.evaluate.tree import evaluate_tree, to_tree
from steepest.engine.explain.json_text import json_expression
from steepest.engine.functions import table
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.function import FunctionTable, MathFunction, TreeNode, WrittenOut
from steepest.engine.functions.interval_rules import exp_rule
from steepest.engine.notation import printing
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import mathml_fragment, to_mathml, to_text

x = sympy.Symbol("x", real=True)
# Three or more inside each function's real domain: acosh's [1, ∞), asech's (0, 1] and acoth's
# |u| > 1 as much as asin's [−1, 1].
POINTS = (-3.1, -2.3, -1.2, -0.7, 0.15, 0.4, 0.9, 1.3, 1.6, 2.9)


def sympy_value(expr: sympy.Expr) -> complex:
    """SymPy's value of a constant, to 30 digits."""
    return complex(expr.evalf(30))


def is_real(value: complex) -> bool:
    return cmath.isfinite(value) and abs(value.imag) <= 1e-25 * max(1.0, abs(value))


@pytest.mark.parametrize("function", table.TABLE.functions, ids=lambda f: f.name)
def test_every_function_evaluates_like_sympy_wherever_sympy_says_it_is_real(
    function: MathFunction,
) -> None:
    expr = function.sympy_class(x)
    tree = to_tree(expr)
    bounded = compile_evaluator(expr, ["x"])
    arrays = evaluate_tree_array(tree, {"x": np.array(POINTS)})
    real_points = 0
    for a, array_value in zip(POINTS, arrays, strict=True):
        # Unevaluated, so that the float walk meets the function itself (sign(2/5) would be 1).
        constant = function.sympy_class(sympy.Rational(str(a)), evaluate=False)
        exact = sympy_value(function.sympy_class(sympy.Float(a, 30)))
        if not is_real(exact):
            assert math.isnan(array_value), (function.name, a)
            assert math.isnan(float_value(constant) or 0.0)
            with pytest.raises(NotReal):
                bounded([a])
            with pytest.raises(ValueError):
                evaluate_tree(tree, {"x": a})
            continue
        real_points += 1
        expected = exact.real
        value, error = bounded([a])
        assert math.isclose(value, expected, rel_tol=1e-14, abs_tol=1e-15), (function.name, a)
        assert 0 <= error <= 1e-14 * max(1.0, abs(expected))
        for got in (float_value(constant), evaluate_tree(tree, {"x": a}), float(array_value)):
            assert got is not None
            assert math.isclose(got, expected, rel_tol=1e-14, abs_tol=1e-15), (function.name, a)
    assert real_points >= 3


@pytest.mark.parametrize("function", table.TABLE.functions, ids=lambda f: f.name)
def test_every_derivative_is_sympys_and_the_slope_of_a_central_difference(
    function: MathFunction,
) -> None:
    # The steps print the textbook form (1/sqrt(u^2 - 1) for acosh, SymPy's is
    # 1/(sqrt(u - 1)·sqrt(u + 1))): equal wherever the function is real, which is what counts.
    claimed = function.derivative(x)
    reference = sympy.diff(function.sympy_class(x), x)
    h = sympy.Rational(1, 10**20)
    compared = 0
    for a in POINTS:
        at = sympy.Rational(str(a))
        if not is_real(sympy_value(function.sympy_class(sympy.Float(at, 50)))):
            continue
        slope = sympy_value(claimed.subs(x, at))
        assert cmath.isclose(slope, sympy_value(reference.subs(x, at)), rel_tol=1e-25)
        above, below = (function.sympy_class(sympy.Float(at + d, 60)) for d in (h, -h))
        central = sympy_value(((above - below) / (2 * h)).evalf(60))
        assert cmath.isclose(slope, central, rel_tol=1e-15, abs_tol=1e-30), (function.name, a)
        compared += 1
    assert compared >= 3


# Points on and beside the edges of the functions' domains (0, ±1), where a careless rule loses
# its digits (acosh near 1, by x² − 1) or its sides, and plain points, where every rule must
# give a value wherever SymPy has a real one.
_EDGE = Fraction(1, 2**60)
EDGE_POINTS = [Fraction(edge) + side for edge in (-1, 0, 1) for side in (-_EDGE, 0, _EDGE)]
PLAIN_POINTS = [Fraction(-7, 3), Fraction(1, 7), Fraction(5, 4), Fraction(10**6)]


@pytest.mark.parametrize("function", table.TABLE.functions, ids=lambda f: f.name)
def test_every_precise_rule_holds_sympys_value_even_beside_its_domain_edges(
    function: MathFunction,
) -> None:
    evaluate = compile_precise(function.sympy_class(x), ["x"])
    for a in [*EDGE_POINTS, *PLAIN_POINTS]:
        value = function.sympy_class(sympy.Rational(a.numerator, a.denominator)).evalf(60)
        real, imaginary = value.as_real_imag()
        has_value = value.is_finite and imaginary == 0
        try:
            low, high = evaluate(point_intervals((a,), 100), 100)
        except NotReal:
            assert not has_value, (function.name, a)
            continue
        except Singular:
            # A pole, or too close to an edge to tell at this precision.
            assert not has_value or a in EDGE_POINTS, (function.name, a)
            continue
        assert has_value, (function.name, a)
        with mpmath.workprec(400):  # SymPy's 60 digits, give or take their last
            reference = mpmath.mpf(str(real))
            slack = abs(reference) * mpmath.mpf(10) ** -55 + mpmath.mpf(10) ** -80
            assert mpmath.mpf(low) <= reference + slack, (function.name, a)
            assert reference - slack <= mpmath.mpf(high), (function.name, a)


@pytest.mark.parametrize("function", table.TABLE.functions, ids=lambda f: f.name)
def test_every_function_reads_back_from_json_with_sympify_and_our_parser(
    function: MathFunction,
) -> None:
    expr = function.sympy_class(x**2 + 1)
    text = json_expression(expr)
    assert parse(text) == expr
    assert sympy.sympify(text, locals={"x": x}) == expr


def test_trees_name_only_the_functions_the_browser_evaluates() -> None:
    for function in table.TABLE.functions:
        names = functions_in(to_tree(function.sympy_class(x)))
        if isinstance(function.in_trees, WrittenOut):
            assert function.name not in names
            assert names <= set(table.math_methods())
        else:
            assert names == {function.name}
            assert table.math_methods()[function.name] == function.in_trees.math_method


SINE = table.TABLE.functions[0]


@pytest.mark.parametrize(
    "added",
    [
        dataclasses.replace(SINE, sympy_class=sympy.erf),
        dataclasses.replace(SINE, name="erf", sympy_class=sympy.erf, aliases=("ln",)),
        dataclasses.replace(SINE, name="s1ne", sympy_class=sympy.erf),
        dataclasses.replace(SINE, name="expm1", sympy_class=sympy.erf),
        dataclasses.replace(SINE, name="sine"),
    ],
    ids=[
        "a name twice",
        "an alias twice",
        "digits inside a name",
        "digits after letters that name no function",
        "a SymPy function twice",
    ],
)
def test_the_table_refuses_a_function_the_engine_could_not_tell_apart(added: MathFunction) -> None:
    with pytest.raises(ValueError):
        FunctionTable((*table.TABLE.functions, added), table.TABLE.shorthands)


# Two functions the table does not have: one the browser evaluates with its own Math method,
# and one that trees write out in others, as they do sec; a name may end in digits after a
# function's name (exp2), as log10 does.
EXPM1 = MathFunction(
    "expm",
    expm1,
    scalar=math.expm1,
    bound=lambda a, e: (math.expm1(a), math.exp(a) * e),
    precise=lambda x, prec: mpi_sub(exp_rule(x, prec + 10), mpi_one, prec),
    derivative=lambda u: sympy.exp(u),
    in_trees=TreeNode("expm1", np.expm1),
    glyph="expm1",
)
EXP2 = MathFunction(
    "exp2",
    exp2,
    scalar=lambda u: 2.0**u,
    bound=lambda a, e: (2.0**a, 2.0**a * math.log(2) * e),
    precise=lambda x, prec: exp_rule(
        mpi_mul(x, (mpf_ln2(prec + 10, round_floor), mpf_ln2(prec + 10, round_ceiling))), prec
    ),
    derivative=lambda u: sympy.log(2) * exp2(u),
    in_trees=WrittenOut(lambda u: 2**u),
)


@pytest.fixture
def larger_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("expm", "exp2"):
        with pytest.raises(EngineError):  # expm: exp·m, and m is no variable; exp2: unknown
            parse(f"{name}(x)", variables=["x"])
    larger = FunctionTable((*table.TABLE.functions, EXPM1, EXP2), table.TABLE.shorthands)
    monkeypatch.setattr(table, "TABLE", larger)
    _forget_printed()
    yield
    _forget_printed()


def _forget_printed() -> None:
    for cached in (printing.to_text, printing.mathml_fragment, printing.ordered_terms):
        cached.cache_clear()


@pytest.mark.usefixtures("larger_table")
@pytest.mark.parametrize(
    ("function", "shown"), [(EXPM1, "<mi>expm1</mi>"), (EXP2, "<mi>exp2</mi>")]
)
def test_a_function_added_to_the_table_is_known_everywhere(
    function: MathFunction, shown: str
) -> None:
    name = function.name
    expr = parse(f"{name}(x^2 - 1/2)", variables=["x"])
    assert expr == function.sympy_class(x**2 - sympy.Rational(1, 2))
    for alias in function.aliases:
        assert parse(f"{alias} (x^2 - 1/2)") == expr

    assert to_text(expr) == f"{name}(x^2 - 1/2)"
    assert parse(to_text(3 * expr**2)) == 3 * expr**2
    assert shown in mathml_fragment(expr)
    ElementTree.fromstring(to_mathml(3 * expr**2 + x))
    if name.isalpha():  # LaTeX commands are letters only
        assert parse(latex_to_typed(rf"\{name}(2)"), variables=[]) == function.sympy_class(2)

    rule = derive_partial(expr, x, [x])
    assert isinstance(rule, ChainRule)
    assert isinstance(rule.outer, TrigRule)
    assert rule.outer.result == function.derivative(rule.placeholder)
    assert check_rule(rule)

    expected = sympy_value(expr.subs(x, sympy.Rational(3, 4))).real
    constant = function.sympy_class(sympy.Rational(3, 4), evaluate=False)
    assert math.isclose(float_value(constant) or math.nan, function.scalar(0.75))
    assert math.isclose(compile_evaluator(expr, ["x"])([0.75])[0], expected, rel_tol=1e-14)
    low, high = compile_precise(expr, ["x"])(point_intervals([0.75], 80), 80)
    assert to_float(low, rnd=round_floor) <= expected <= to_float(high, rnd=round_ceiling)
    tree = to_tree(expr)
    assert (name in functions_in(tree)) is isinstance(function.in_trees, TreeNode)
    assert math.isclose(evaluate_tree(tree, {"x": 0.75}), expected, rel_tol=1e-14)
    arrays = evaluate_tree_array(tree, {"x": np.array([0.75])})
    assert math.isclose(float(arrays[0]), expected, rel_tol=1e-14)
    if isinstance(function.in_trees, TreeNode):
        assert table.math_methods()[name] == function.in_trees.math_method
