"""Expressions compiled to a small JSON tree that the browser can evaluate without `eval`.

The strict Content-Security-Policy forbids `eval` and `new Function`, so the browser receives
data, not code. Node shapes:

    {"num": 2.5}                      a number (floats; exact values are rounded once, here)
    {"var": "w1"}                     a variable, by name
    {"add": [node, ...]}              sum
    {"mul": [node, ...]}              product
    {"pow": [base, exponent]}         power
    {"fn": "sin", "arg": node}        one of FUNCTION_NAMES
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import sympy

from steepest.engine.errors import EvaluationError

FUNCTION_NAMES = {
    sympy.sin: "sin",
    sympy.cos: "cos",
    sympy.tan: "tan",
    sympy.sec: "sec",
    sympy.csc: "csc",
    sympy.cot: "cot",
    sympy.asin: "asin",
    sympy.acos: "acos",
    sympy.atan: "atan",
    sympy.sinh: "sinh",
    sympy.cosh: "cosh",
    sympy.tanh: "tanh",
    sympy.exp: "exp",
    sympy.log: "log",
    sympy.Abs: "abs",
    sympy.sign: "sign",
}

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
            return {"fn": "exp", "arg": to_tree(exponent)}
        return {"pow": [to_tree(base), to_tree(exponent)]}
    name = FUNCTION_NAMES.get(expr.func)
    if name is not None and len(expr.args) == 1:
        return {"fn": name, "arg": to_tree(expr.args[0])}
    raise EvaluationError(f"cannot compile {expr} for the browser")


def evaluate_tree(tree: Tree, values: dict[str, float]) -> float:
    """A Python twin of the browser's evaluator, so tests can check trees against SymPy."""
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
    argument = evaluate_tree(tree["arg"], values)
    functions: dict[str, Callable[[float], float]] = {
        "sin": math.sin, "cos": math.cos, "tan": math.tan,
        "sec": lambda a: 1 / math.cos(a), "csc": lambda a: 1 / math.sin(a),
        "cot": lambda a: 1 / math.tan(a), "asin": math.asin, "acos": math.acos,
        "atan": math.atan, "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
        "exp": math.exp, "log": math.log, "abs": math.fabs,
        "sign": lambda a: float((a > 0) - (a < 0)),
    }  # fmt: skip
    return float(functions[tree["fn"]](argument))
