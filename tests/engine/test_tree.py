"""Compiled expression trees evaluate to what SymPy says, so the browser can trust them."""

from __future__ import annotations

import json
import math

import pytest
import sympy

from steepest.engine.evaluate.tree import evaluate_tree, to_tree
from steepest.engine.notation.parser import parse

TEXTS = [
    "x(6 - 2x)^2",
    "w1^2 + 3w2^2",
    "(1 - x)^2 + 100(y - x^2)^2",
    "exp(-x^2 - y^2) - 0.5 exp(-(x-1)^2 - (y+1)^2)",
    "sin(x)cos(y) + tanh(x y) + abs(x) + sqrt(x^2 + 1) + log(y^2 + 1) + e^x + pi",
    "sec(x) + csc(y) + cot(y) + atan(x) + asin(x/3) + acos(y/3) + sinh(x) + cosh(y)",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tree_and_its_derivatives_evaluate_like_sympy(text: str) -> None:
    expr = parse(text)
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    point = {s.name: 0.4 + 0.3 * i for i, s in enumerate(symbols)}
    for target in [expr, *(sympy.diff(expr, s) for s in symbols)]:
        tree = json.loads(json.dumps(to_tree(target)))  # survives the trip to the browser
        expected = float(target.subs({s: point[s.name] for s in symbols}))
        assert math.isclose(evaluate_tree(tree, point), expected, rel_tol=1e-9, abs_tol=1e-12)
