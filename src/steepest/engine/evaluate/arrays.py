"""Expression trees evaluated on whole numpy arrays: the array twin of `tree.evaluate_tree`.

It walks the same JSON tree as the browser's evaluator, with numpy ufuncs, so no code is
generated from learner input. Where the real value does not exist (log of a negative, 0 to a
negative power, asin(2)) or does not fit in a float, the result is NaN, which callers treat as
"undefined here".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.evaluate.tree import Tree
from steepest.engine.functions.table import array_function

FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]
ArrayLike = FloatArray | float


def evaluate_tree_array(tree: Tree, values: Mapping[str, ArrayLike]) -> FloatArray:
    """The tree's value at every point given by `values` (arrays broadcast together).

    The result has the broadcast shape of the inputs and is NaN wherever the expression has no
    finite real value.
    """
    arrays = {name: np.asarray(v, dtype=np.float64) for name, v in values.items()}
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    # Invalid operations are expected (that is what NaN marks), so numpy need not warn.
    with np.errstate(all="ignore"):
        result = np.array(np.broadcast_to(_walk(tree, arrays), shape), dtype=np.float64)
    result[~np.isfinite(result)] = np.nan
    return result


def _walk(tree: Tree, values: Mapping[str, FloatArray]) -> Any:
    if "num" in tree:
        return np.float64(tree["num"])
    if "var" in tree:
        name = tree["var"]
        if name not in values:
            raise VariableError(f"no value given for {name}")
        return values[name]
    if "add" in tree:
        return functools.reduce(np.add, (_walk(t, values) for t in tree["add"]))
    if "mul" in tree:
        return functools.reduce(np.multiply, (_walk(t, values) for t in tree["mul"]))
    if "pow" in tree:
        base, exponent = (_walk(t, values) for t in tree["pow"])
        if np.ndim(exponent) == 0 and float(exponent).is_integer() and abs(exponent) <= 64:
            return _integer_power(base, int(exponent))
        if np.ndim(exponent) == 0 and exponent == 0.5:
            return np.sqrt(base)  # 5 times as fast as np.power, and NaN below 0 the same
        # A negative base to a fractional power has no real value: numpy's float power gives
        # NaN there, as the engine's real-number semantics require.
        return np.power(base, exponent)
    function = array_function(tree.get("fn", ""))
    if function is None or "arg" not in tree:
        raise EvaluationError(f"cannot evaluate the tree node {sorted(tree)}")
    return function(_walk(tree["arg"], values))


def _integer_power(base: Any, exponent: int) -> Any:
    """base**n by repeated squaring: numpy's general power costs 20–60 times as much as a
    multiplication for n = 3 (0.7 ms on a 200×200 grid), and polynomials are full of these.
    A negative n divides, so 0 to a negative power is inf, then NaN, as with np.power."""
    result: Any = None
    square, remaining = base, abs(exponent)
    while remaining:
        if remaining & 1:
            result = square if result is None else result * square
        remaining >>= 1
        if remaining:
            square = square * square
    if result is None:
        return np.ones_like(base, dtype=np.float64)
    return 1 / result if exponent < 0 else result


def evaluate_gradient(
    partials: Sequence[Tree], names: Sequence[str], points: FloatArray
) -> FloatArray:
    """∇L at each row of `points` (shape k×n), from the trees of the n partial derivatives."""
    values = {name: points[..., i] for i, name in enumerate(names)}
    return np.stack([evaluate_tree_array(t, values) for t in partials], axis=-1)
