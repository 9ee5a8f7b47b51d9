"""The computation graph's spec, computed in a compute worker.

The worker builds the graph from the SymPy expression tree (a node per input, per knob and per
operation; SymPy shares equal subexpressions, so a variable used twice is one node with two
outgoing edges), puts the local derivative ∂child/∂parent on every edge, and runs the backward
sweep exactly, in rational arithmetic where the point is rational. Before the spec leaves the
worker, the knobs' adjoints are checked against the engine's symbolic gradient: the widget
never shows a sweep that disagrees with `sympy.diff`.
"""

from __future__ import annotations

from typing import Literal

import sympy

from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import evaluate_at, read_point
from steepest.engine.functions.table import function_of
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import mathml_equation, mathml_fragment, mathml_math, to_text
from steepest.engine.notation.symbols import make_symbol
from steepest.widgets.computation_graph import NAME, ComputationGraphParams, ComputationGraphSpec
from steepest.widgets.params import WidgetParamsError

# A graph bigger than this no longer fits a phone screen, let alone a learner's head.
MAX_NODES = 16


class BackwardSweepMismatch(AssertionError):
    """The backward sweep's adjoints disagree with the engine's symbolic gradient."""


def compute_spec(params: ComputationGraphParams) -> ComputationGraphSpec:
    """The graph, its forward values, the backward sweep, and the engine's check of it."""
    names = [name for name, _value in params.knobs + params.inputs]
    loss = parse(params.expression, variables=names)
    leaves = [make_symbol(name) for name in names]
    unused = [leaf.name for leaf in leaves if leaf not in loss.free_symbols]
    if unused:
        raise WidgetParamsError(f"{NAME}: {unused[0]} does not appear in {params.expression}")
    point = read_point(dict(params.knobs + params.inputs), leaves)
    nodes = _topological_nodes(loss, leaves)
    if len(nodes) > MAX_NODES:
        raise WidgetParamsError(f"{NAME}: the graph has {len(nodes)} nodes, at most {MAX_NODES}")
    index = {node: i for i, node in enumerate(nodes)}
    value = {node: evaluate_at(node, point) for node in nodes}
    edges = [
        (parent, child, evaluate_at(local, point))
        for child in nodes
        for parent, local in _local_derivatives(child, set(nodes))
    ]
    adjoint, steps = _backward_sweep(nodes, edges)

    knobs = [make_symbol(name) for name, _value in params.knobs]
    symbolic = [evaluate_at(slope, point) for slope in gradient(loss, knobs)]
    for knob, expected in zip(knobs, symbolic, strict=True):
        if not _same_number(adjoint[knob], expected):
            raise BackwardSweepMismatch(f"∂L/∂{knob}: sweep {adjoint[knob]}, engine {expected}")

    knob_names = {name for name, _value in params.knobs}
    depth = _depths(nodes, edges)
    return {
        "browser": {
            "nodes": [
                {
                    "id": f"n{index[node]}",
                    "kind": _kind(node, knob_names),
                    "label": _label(node),
                    "text": _expression_text(node),
                    "depth": depth[node],
                    "value": float(value[node]),
                    "valueText": _number_text(value[node]),
                    "adjoint": float(adjoint[node]),
                    "adjointText": _number_text(adjoint[node]),
                }
                for node in nodes
            ],
            "edges": [
                {
                    "from": f"n{index[parent]}",
                    "to": f"n{index[child]}",
                    "local": float(local),
                    "localText": _number_text(local),
                }
                for parent, child, local in edges
            ],
            "steps": [
                {
                    "node": f"n{index[node]}",
                    "terms": [
                        {
                            "from": f"n{index[child]}",
                            "adjointText": _number_text(adjoint[child]),
                            "localText": _number_text(local),
                        }
                        for child, local in terms
                    ],
                }
                for node, terms in steps
            ],
            "gradient": [
                {"knob": knob.name, "valueText": _number_text(slope)}
                for knob, slope in zip(knobs, symbolic, strict=True)
            ],
        },
        "loss_mathml": mathml_math(
            mathml_equation(mathml_fragment(sympy.Symbol("L")), mathml_fragment(loss))
        ),
        "point": [
            {"name": name, "valueText": _number_text(point[make_symbol(name)])} for name in names
        ],
    }


def _topological_nodes(loss: sympy.Expr, leaves: list[sympy.Symbol]) -> list[sympy.Expr]:
    """Leaves first in the order given, then each operation after every node it reads, L last."""
    ordered: list[sympy.Expr] = list(leaves)
    seen = set(leaves)

    def visit(node: sympy.Expr) -> None:
        if node in seen:
            return
        for part in _operands(node):
            visit(part)
        seen.add(node)
        ordered.append(node)

    visit(loss)
    return ordered


def _operands(node: sympy.Expr) -> list[sympy.Expr]:
    """The arguments that are nodes of their own; plain numbers belong to the operation."""
    if node.is_Symbol:
        return []
    return [arg for arg in node.args if not arg.is_Number]


def _local_derivatives(
    child: sympy.Expr, nodes: set[sympy.Expr]
) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """∂child/∂parent for each operand, the other operands held still: each parent is swapped
    for a fresh symbol, so the derivative sees only this one operation, not what is below it."""
    if child.is_Symbol:
        return []
    parents = [part for part in _operands(child) if part in nodes]
    stand_ins = [sympy.Dummy(real=True) for _parent in parents]
    local = child.func(
        *(
            stand_ins[parents.index(arg)] if arg in parents else arg
            for arg in child.args  # a number stays in place
        )
    )
    back = dict(zip(stand_ins, parents, strict=True))
    return [(parent, sympy.diff(local, s).xreplace(back)) for s, parent in back.items()]


def _backward_sweep(
    nodes: list[sympy.Expr], edges: list[tuple[sympy.Expr, sympy.Expr, sympy.Expr]]
) -> tuple[
    dict[sympy.Expr, sympy.Expr],
    list[tuple[sympy.Expr, list[tuple[sympy.Expr, sympy.Expr]]]],
]:
    """Reverse topological order: a node's adjoint is final once every node that reads it has
    passed its share back, ∂L/∂parent = Σ over children ∂L/∂child · ∂child/∂parent."""
    loss = nodes[-1]
    adjoint: dict[sympy.Expr, sympy.Expr] = {}
    steps = []
    for node in reversed(nodes):
        terms = [(child, local) for parent, child, local in edges if parent == node]
        total = sympy.Integer(1) if node == loss else sympy.Add(*(adjoint[c] * d for c, d in terms))
        adjoint[node] = total
        steps.append((node, terms))
    return adjoint, steps


def _depths(
    nodes: list[sympy.Expr], edges: list[tuple[sympy.Expr, sympy.Expr, sympy.Expr]]
) -> dict[sympy.Expr, int]:
    """Longest path from a leaf: the column the browser draws the node in."""
    depth = dict.fromkeys(nodes, 0)
    for node in nodes:  # topological, so every parent's depth is already final
        for parent, child, _local in edges:
            if child == node:
                depth[node] = max(depth[node], depth[parent] + 1)
    return depth


def _same_number(a: sympy.Expr, b: sympy.Expr) -> bool:
    difference = complex((a - b).evalf(30))
    return abs(difference) <= 1e-20 * max(1.0, abs(complex(b.evalf(30))))


def _kind(node: sympy.Expr, knob_names: set[str]) -> Literal["knob", "input", "operation"]:
    if node.is_Symbol:
        return "knob" if node.name in knob_names else "input"
    return "operation"


def _label(node: sympy.Expr) -> str:
    """What the node's circle says: its name, or its operation with any numbers it carries."""
    if node.is_Symbol:
        return str(node.name)
    numbers = [_number_text(arg) for arg in node.args if arg.is_Number]
    if node.is_Add:
        return " ".join(["+", *(f"({n})" if n.startswith("−") else n for n in numbers)])
    if node.is_Mul and numbers == ["−1"] and len(node.args) == 2:
        return "−"  # a negation, as in b - y
    if node.is_Mul:
        return "×" + "".join(f" ({n})" if n.startswith("−") else f" {n}" for n in numbers)
    if node.is_Pow:
        return f"^{numbers[0]}" if numbers else "^"
    function = function_of(node)
    assert function is not None  # the parser builds no other function
    return function.name  # as a learner types it: abs, not SymPy's Abs


def _expression_text(node: sympy.Expr) -> str:
    return to_text(node).replace("*", "·").replace("-", "−")


def _number_text(value: sympy.Expr) -> str:
    """Integers as they are, anything else to four significant figures, with a true minus."""
    text = str(int(value)) if value.is_Integer else f"{float(value):.4g}"
    return text.replace("-", "−")
