"""The questions about an optimizer's steps and a batch's gradient, as sentences: kept apart from
`problem.py`, which asks them, because each names its rule and its settings at some length.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.notation.printing import to_text
from steepest.engine.problems.batch import Example
from steepest.engine.problems.exact_walk import rate_text


def point_text(point: Sequence[sympy.Expr]) -> str:
    return "(" + ", ".join(to_text(c) for c in point) + ")"


def _start(names: Sequence[str], point: Sequence[sympy.Expr] | None) -> tuple[str, str, str]:
    """What the weights are called, where they start, and how the answer is to be given."""
    assert point is not None
    if len(names) == 1:
        return names[0], to_text(point[0]), f"Give the new {names[0]}"
    return "w", point_text(point), f"Give the new w as ({', '.join(names)})"


def momentum_prompt(
    name: str,
    names: Sequence[str],
    f: str,
    point: Sequence[sympy.Expr] | None,
    rates: Sequence[sympy.Expr],
) -> str:
    rate, beta = (rate_text(r) for r in rates)
    w, start, where = _start(names, point)
    slope = f"{name}′({w})" if len(names) == 1 else f"∇{name}(w)"
    return (
        f"Heavy-ball momentum steps v ← βv + {slope}, then {w} ← {w} − ηv, on {f}, with"
        f" η = {rate} and β = {beta}. Starting from {w} = {start} with v = 0, where are you"
        f" after two steps? {where}, exactly."
    )


def adaptive_prompt(
    kind: str,
    names: Sequence[str],
    f: str,
    point: Sequence[sympy.Expr] | None,
    rates: Sequence[sympy.Expr],
) -> str:
    (rate,) = (rate_text(r) for r in rates)
    w, start, where = _start(names, point)
    if kind == "adam_step":
        rule = (
            f"Adam, with η = {rate}, the default β1 = 0.9 and β2 = 0.999, and ε = 0,"
            " starts with m = v = 0"
        )
    else:
        rule = f"RMSProp, with η = {rate}, the default ρ = 0.9 and ε = 0, starts with E = 0"
    return (
        f"{rule} at {w} = {start} on {f}. Where does its first step land? {where},"
        " exactly or to 3 significant figures."
    )


def batch_prompt(name: str, names: Sequence[str], at: str, examples: Sequence[Example]) -> str:
    batch = ", ".join(point_text(example) for example in examples)
    w, b = names
    return (
        f"A line ŷ = {w}·x + {b} is fitted to the batch of (x, y): {batch}. Its loss is the"
        f" mean squared error {name}({w}, {b}) = (1/{len(examples)})·Σ({w}·x + {b}"
        f" − y)². Find ∇{name}{at}, as (∂{name}/∂{w}, ∂{name}/∂{b})."
    )
