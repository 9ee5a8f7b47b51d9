"""The computation-graph widget: a loss drawn as a graph of operations, its forward values, and
backpropagation stepping back through it one node at a time.

The graph, its values and the backward sweep are computed in a compute worker (`spec.py`),
which checks the sweep against the engine's symbolic gradient. This module is what the web
process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from steepest.compute import Task
from steepest.widgets.params import SIGNED_DECIMAL, WidgetParamsError, reject_unknown
from steepest.widgets.widget import Widget

NAME = "computation-graph"
TEMPLATE = "widgets/_computation_graph.html"
SCRIPT = "js/widgets/computation-graph.js"

PARAMS = ("expression", "knobs", "inputs")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class ComputationGraphParams:
    """Values stay exact decimal text, read by the worker without binary rounding."""

    expression: str = "(w*x + b - y)^2"
    knobs: tuple[tuple[str, str], ...] = (("w", "3"), ("b", "1"))
    inputs: tuple[tuple[str, str], ...] = (("x", "2"), ("y", "4"))


def _named_values(field: str, given: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(given, Mapping) or not given:
        raise WidgetParamsError(f"{NAME} {field} must map names to numbers, as in {{w: 3}}")
    pairs = []
    for name, value in given.items():
        text = str(value).strip()
        if not _NAME.fullmatch(str(name)) or not SIGNED_DECIMAL.fullmatch(text):
            raise WidgetParamsError(f"{NAME} {field}: {name}: {value} is not a name and a number")
        pairs.append((str(name), text))
    return tuple(pairs)


def read_params(params: Mapping[str, Any]) -> ComputationGraphParams:
    reject_unknown(NAME, params, PARAMS)
    defaults = ComputationGraphParams()
    expression = params.get("expression", defaults.expression)
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} needs an expression, such as (w*x + b - y)^2")
    # The default values belong to the default loss; another loss names its own knobs.
    own = "expression" in params
    if own and "knobs" not in params:
        raise WidgetParamsError(f"{NAME} needs knobs for its expression, as in {{w: 3}}")
    knobs = _named_values("knobs", params["knobs"]) if "knobs" in params else defaults.knobs
    inputs: tuple[tuple[str, str], ...] = () if own else defaults.inputs
    if "inputs" in params:
        inputs = _named_values("inputs", params["inputs"])
    names = [name for name, _value in knobs + inputs]
    if len(set(names)) != len(names):
        raise WidgetParamsError(f"{NAME} names a variable twice among its knobs and inputs")
    return ComputationGraphParams(expression, knobs, inputs)


class GraphNode(TypedDict):
    id: str
    kind: Literal["knob", "input", "operation"]
    label: str
    text: str
    depth: int
    """The column the browser draws the node in: its longest path from a leaf."""
    value: float
    valueText: str
    adjoint: float
    adjointText: str


# "from" is a Python keyword, so these two are spelled the functional way.
GraphEdge = TypedDict("GraphEdge", {"from": str, "to": str, "local": float, "localText": str})
SweepTerm = TypedDict("SweepTerm", {"from": str, "adjointText": str, "localText": str})


class SweepStep(TypedDict):
    node: str
    terms: list[SweepTerm]


class KnobSlope(TypedDict):
    knob: str
    valueText: str


class GraphBrowser(TypedDict):
    """What the page hands the browser: the graph, and the sweep in the order it runs."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    steps: list[SweepStep]
    gradient: list[KnobSlope]


class PointValue(TypedDict):
    name: str
    valueText: str


class ComputationGraphSpec(TypedDict):
    browser: GraphBrowser
    loss_mathml: str
    point: list[PointValue]


SPEC: Task[ComputationGraphParams, ComputationGraphSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
