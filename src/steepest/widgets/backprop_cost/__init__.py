"""The backprop-cost widget: how long the gradient of an n-knob loss takes by nudging each knob
(finite differences) and by one backward pass, measured in a compute worker (`spec.py`) for n
from 10 to 10⁶. This module is what the web process imports: the parameters, and the spec's
shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from steepest.compute import Task
from steepest.widgets.params import reject_unknown
from steepest.widgets.widget import Widget

NAME = "backprop-cost"
TEMPLATE = "widgets/_backprop_cost.html"
SCRIPT = "js/widgets/backprop-cost.js"
# The sizes and the loss are fixed, so that the page stays quick to prepare.
PARAMS: tuple[str, ...] = ()


@dataclass(frozen=True)
class BackpropCostParams:
    """No parameters: the sizes and the loss are fixed so that the page stays quick to prepare."""


def read_params(params: Mapping[str, Any]) -> BackpropCostParams:
    reject_unknown(NAME, params, PARAMS)
    return BackpropCostParams()


class CostRow(TypedDict):
    """Both ways of getting ∂L/∂w for one n, timed in seconds, and how far apart they came out."""

    n: int
    forward_seconds: float
    backward_seconds: float
    finite_seconds: float
    evaluations: int
    measured: int
    """Knobs actually nudged; the rest of the finite-difference time is extrapolated."""
    estimated: bool
    ratio: float
    largest_difference: float


class CostBrowser(TypedDict):
    rows: list[CostRow]
    batch: int


class BackpropCostSpec(TypedDict):
    browser: CostBrowser
    rows: list[CostRow]
    worst_difference: float


SPEC: Task[BackpropCostParams, BackpropCostSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
