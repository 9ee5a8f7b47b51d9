"""The table of functions is the only list: every entry evaluates like SymPy everywhere, and a
function added to the table is known to every part of the engine at once."""

from __future__ import annotations

import cmath
import dataclasses
import math
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator

import numpy as np
import pytest
import sympy
from mpmath.libmp import mpf_asinh, round_ceiling, round_floor, to_float

from expression_trees import functions_in
from steepest.engine.calculus.rules import ChainRule, TrigRule, check_rule, derive_partial
from steepest.engine.claims.shown import latex_to_typed
from steepest.engine.errors import EngineError
from steepest.engine.evaluate.arrays import evaluate_tree_array
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.evaluate.float_value import float_value
from steepest.engine.evaluate.precise import compile_precise, point_intervals
from steepest.engine.evaluate.tree import evaluate_tree, to_tree
from steepest.engine.functions import table
from steepest.engine.functions.error_bounds import (
    NotReal,
    hyperbolic_bound,
    reciprocal_bound,
)
from steepest.engine.functions.function import FunctionTable, MathFunction, TreeNode, WrittenOut
from steepest.engine.functions.interval_rules import cosh_rule, increasing_rule, one, quotient_rule
from steepest.engine.notation import printing
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import mathml_fragment, to_mathml, to_text

x = sympy.Symbol("x", real=True)
POINTS = (-2.3, -0.7, 0.4, 0.9, 1.6)


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
# and one that trees write out in others, as they do sec.
ARSINH = MathFunction(
    "arsinh",
    sympy.asinh,
    scalar=math.asinh,
    bound=lambda a, e: (math.asinh(a), e / math.sqrt(1 + a * a)),
    precise=increasing_rule(mpf_asinh),
    derivative=lambda u: 1 / sympy.sqrt(u**2 + 1),
    in_trees=TreeNode("asinh", np.arcsinh),
    aliases=("asinh",),
    glyph="sinh\u207b\u00b9",
)
SECH = MathFunction(
    "sech",
    sympy.sech,
    scalar=lambda u: 1 / math.cosh(u),
    bound=reciprocal_bound(hyperbolic_bound(math.cosh, math.sinh)),
    precise=quotient_rule(one, cosh_rule),
    derivative=lambda u: -sympy.sech(u) * sympy.tanh(u),
    in_trees=WrittenOut(lambda u: 1 / sympy.cosh(u)),
)


@pytest.fixture
def larger_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("arsinh", "sech"):
        with pytest.raises(EngineError):  # arsinh: an unknown function; sech: sec·h
            parse(f"{name}(x)", variables=["x"])
    larger = FunctionTable((*table.TABLE.functions, ARSINH, SECH), table.TABLE.shorthands)
    monkeypatch.setattr(table, "TABLE", larger)
    _forget_printed()
    yield
    _forget_printed()


def _forget_printed() -> None:
    for cached in (printing.to_text, printing.mathml_fragment, printing.ordered_terms):
        cached.cache_clear()


@pytest.mark.usefixtures("larger_table")
@pytest.mark.parametrize(
    ("function", "shown"), [(ARSINH, "<mi>sinh\u207b\u00b9</mi>"), (SECH, "<mi>sech</mi>")]
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
