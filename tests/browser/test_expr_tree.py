"""The browser's tree evaluator (static/js/expr-tree.js) agrees with the engine's Python twin."""

from __future__ import annotations

import math

import pytest

from steepest.engine.evaluate.tree import FUNCTION_NAMES, evaluate_tree, to_tree
from steepest.engine.notation.parser import parse

from .conftest import OpenPage

pytestmark = pytest.mark.browser

EXPRESSIONS = [
    "x(6 - 2x)^2",
    "w1^2 + 3w2^2",
    "sin(x) cos(y) + tan(x y) - sec(x) + csc(y) - cot(x)",
    "asin(x/2) + acos(y/3) + atan(x y)",
    "sinh(x) - cosh(y) tanh(x)",
    "exp(-x^2) log(1 + y^2) + e^x + pi",
    "abs(x - y) + sign(x - 1) + sqrt(y + 2) + (x^2 + 1)^(1/3)",
    "1/(1 + exp(-x)) - (x + y)^-2",
]
POINTS = [(0.35, 1.2), (1.0, -0.5), (-1.3, 0.8)]


def test_browser_evaluates_trees_like_python(open_page: OpenPage) -> None:
    page = open_page("/")
    trees = [to_tree(parse(text)) for text in EXPRESSIONS]
    seen = {name for text in EXPRESSIONS for name in _functions_in(to_tree(parse(text)))}
    assert seen == set(FUNCTION_NAMES.values())
    cases = [(tree, {"x": a, "y": b, "w1": a, "w2": b}) for tree in trees for a, b in POINTS]
    browser = page.evaluate(
        """async (cases) => {
            const { evaluate } = await import('/static/js/expr-tree.js');
            return cases.map(([tree, values]) => evaluate(tree, values));
        }""",
        cases,
    )
    for (tree, values), got in zip(cases, browser, strict=True):
        expected = evaluate_tree(tree, values)
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (tree, values)


def _functions_in(tree: dict[str, object]) -> set[str]:
    found: set[str] = set()
    for key, value in tree.items():
        if key == "fn":
            found.add(str(value))
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, dict):
                found |= _functions_in(child)
    return found
