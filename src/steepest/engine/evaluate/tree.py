"""Expressions compiled to a small JSON tree that the browser can evaluate without `eval`.

The strict Content-Security-Policy forbids `eval` and `new Function`, so the browser receives
data, not code. Node shapes:

    {"num": 2.5}                      a number (floats; exact values are rounded once, here)
    {"var": "w1"}                     a variable, by name
    {"add": [node, ...]}              sum
    {"mul": [node, ...]}              product
    {"pow": [base, exponent]}         power
    {"fn": "sin", "arg": node}        a function of the table, by its name

Which functions are tree nodes, and how the browser evaluates each, is the table's to say
(functions/table.py); a function the browser's `Math` lacks (sec) is written out in others
(1/cos) before it gets here. The browser reads the table from static/js/expr-functions.js,
which `browser_functions_module` writes (run scripts/write-browser-functions.py after a change).
"""

from __future__ import annotations

import json
import math
from typing import Any

import sympy

from steepest.engine.errors import EvaluationError
from steepest.engine.functions.function import WrittenOut
from steepest.engine.functions.table import function_of, math_methods, tree_function

Tree = dict[str, Any]


def to_tree(expr: sympy.Expr) -> Tree:
    if expr.is_Symbol:
        return {"var": expr.name}
    if expr.is_Number or expr in (sympy.E, sympy.pi):
        return {"num": float(expr)}
    if expr.is_Add:
        return {"add": [to_tree(a) for a in expr.args]}
    if expr.is_Mul:
        return {"mul": [to_tree(a) for a in expr.args]}
    if expr.is_Pow:
        base, exponent = expr.args
        if base == sympy.E:
            return to_tree(sympy.exp(exponent))
        return {"pow": [to_tree(base), to_tree(exponent)]}
    function = function_of(expr)
    if function is not None and len(expr.args) == 1:
        (argument,) = expr.args
        if isinstance(function.in_trees, WrittenOut):
            return to_tree(function.in_trees.rewrite(argument))
        return {"fn": function.name, "arg": to_tree(argument)}
    raise EvaluationError(f"cannot compile {expr} for the browser")


def evaluate_tree(tree: Tree, values: dict[str, float]) -> float:
    """A Python twin of the browser's evaluator, for single points: gradient descent steps with
    it, and tests check trees against SymPy with it."""
    if "num" in tree:
        return float(tree["num"])
    if "var" in tree:
        return values[tree["var"]]
    if "add" in tree:
        return sum(evaluate_tree(t, values) for t in tree["add"])
    if "mul" in tree:
        return math.prod(evaluate_tree(t, values) for t in tree["mul"])
    if "pow" in tree:
        base, exponent = (evaluate_tree(t, values) for t in tree["pow"])
        return float(base**exponent)
    function = tree_function(tree.get("fn", ""))
    if function is None or "arg" not in tree:
        raise EvaluationError(f"cannot evaluate the tree node {sorted(tree)}")
    return float(function.scalar(evaluate_tree(tree["arg"], values)))


def browser_functions_module() -> str:
    """The text of static/js/expr-functions.js: the `Math` method for each function name that
    trees may hold, as the browser's evaluator (expr-tree.js) imports it. A plain ES module
    holding one object literal, so that every browser with modules reads it."""
    methods = json.dumps(math_methods(), indent=2, sort_keys=True)
    return (
        "// Written from the engine's table of functions (engine/functions/table.py) by\n"
        "// scripts/write-browser-functions.py; do not edit by hand.\n"
        f"export const MATH_METHODS = {methods};\n"
    )
