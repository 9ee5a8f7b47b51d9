"""The browser's tree evaluator (static/js/expr-tree.js) agrees with the engine's Python twin and
with SymPy, for every function of the engine's table, which it imports from the generated
expr-functions.js under the page's real Content-Security-Policy."""

from __future__ import annotations

import cmath
import math
from typing import Any

import pytest
import sympy
from playwright.sync_api import Page

from expression_trees import functions_in
from steepest.engine.evaluate.tree import evaluate_tree, to_tree
from steepest.engine.functions.table import TABLE, math_methods
from steepest.engine.notation.parser import parse

from .conftest import OpenPage

pytestmark = pytest.mark.browser

EXPRESSIONS = [
    "x(6 - 2x)^2",
    "w1^2 + 3w2^2",
    "sin(x) cos(y) + tan(x y) - sec(x) + csc(y) - cot(x)",
    "asin(x/2) + acos(y/3) + atan(x y)",
    "sinh(x) - cosh(y) tanh(x)",
    "asinh(x) + acosh(y + 2) - atanh(x/3) + sech(x) csch(y) coth(y)",
    "asech(1/(y^2 + 2)) + acsch(x) - acoth(y + 3)",
    "exp(-x^2) log(1 + y^2) + e^x + pi",
    "abs(x - y) + sign(x - 1) + sqrt(y + 2) + (x^2 + 1)^(1/3)",
    "1/(1 + exp(-x)) - (x + y)^-2",
]
POINTS = [(0.35, 1.2), (1.0, -0.5), (-1.3, 0.8)]
ARGUMENTS = (-2.3, -0.7, 0.4, 0.9, 1.6)


def evaluate_in_browser(page: Page, cases: list[tuple[dict[str, Any], dict[str, float]]]) -> Any:
    return page.evaluate(
        """async (cases) => {
            const { evaluate } = await import('/static/js/expr-tree.js');
            return cases.map(([tree, values]) => evaluate(tree, values));
        }""",
        cases,
    )


def test_browser_evaluates_trees_like_python(open_page: OpenPage) -> None:
    page = open_page("/")
    trees = [to_tree(parse(text)) for text in EXPRESSIONS]
    seen = {name for tree in trees for name in functions_in(tree)}
    assert seen == set(math_methods())
    cases = [(tree, {"x": a, "y": b, "w1": a, "w2": b}) for tree in trees for a, b in POINTS]
    for (tree, values), got in zip(cases, evaluate_in_browser(page, cases), strict=True):
        expected = evaluate_tree(tree, values)
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (tree, values)


def test_browser_evaluates_every_function_of_the_table_like_sympy(open_page: OpenPage) -> None:
    page = open_page("/")
    response = page.reload()
    assert response is not None
    policy = response.all_headers()["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    x = sympy.Symbol("x", real=True)
    functions = TABLE.functions
    cases = [(to_tree(f.sympy_class(x)), {"x": a}) for f in functions for a in ARGUMENTS]
    got = iter(evaluate_in_browser(page, cases))
    for function in functions:
        for a in ARGUMENTS:
            value = next(got)
            exact = complex(function.sympy_class(sympy.Float(a, 30)).evalf(30))
            if abs(exact.imag) > 1e-25 or not cmath.isfinite(exact):
                # Outside the real domain (ln of a negative): NaN, which JSON brings back as None.
                assert value is None or math.isnan(value), (function.name, a)
                continue
            assert math.isclose(value, exact.real, rel_tol=1e-14, abs_tol=1e-15), (
                function.name,
                a,
            )
