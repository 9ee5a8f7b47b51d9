"""Interactive widgets: each is a small package here, one Jinja partial under
`web/templates/widgets/` and one ES module under `web/static/js/widgets/`.

A widget's package is light: its name, template and script, its parameters and how the lesson's
are read, the shape of its spec, and `SPEC`, the handle of the task that computes the spec. The
web process imports only that; the computation is the package's `spec.py`, which imports the
engine (or numpy) at the top and runs in compute workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from steepest.compute import Task
from steepest.widgets import backprop_cost, best_box, computation_graph, surface_explorer
from steepest.widgets.backprop_cost import BackpropCostSpec
from steepest.widgets.best_box import BestBoxSpec
from steepest.widgets.computation_graph import ComputationGraphSpec
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.surface_explorer import SurfaceExplorerSpec

Params = TypeVar("Params")
Spec = TypeVar("Spec", covariant=True)

WidgetSpec = BestBoxSpec | SurfaceExplorerSpec | ComputationGraphSpec | BackpropCostSpec


class UnknownWidget(LookupError):
    """A lesson names a widget that does not exist."""


@dataclass(frozen=True)
class Widget(Generic[Params, Spec]):
    name: str
    template: str
    script: str
    # Validates the lesson's parameters in the web process; the result is picklable.
    read_params: Callable[[Mapping[str, Any]], Params]
    # Computes the spec from those parameters in a compute worker; the result is JSON-ready.
    spec: Task[Params, Spec]


# Each widget's parameters go only to its own spec (the constructor checks that they match), so
# the registry may forget their types.
AnyWidget = Widget[Any, WidgetSpec]

WIDGETS: dict[str, AnyWidget] = {
    widget.name: widget
    for widget in (
        Widget(
            best_box.NAME, best_box.TEMPLATE, best_box.SCRIPT, best_box.read_params, best_box.SPEC
        ),
        Widget(
            surface_explorer.NAME,
            surface_explorer.TEMPLATE,
            surface_explorer.SCRIPT,
            surface_explorer.read_params,
            surface_explorer.SPEC,
        ),
        Widget(
            computation_graph.NAME,
            computation_graph.TEMPLATE,
            computation_graph.SCRIPT,
            computation_graph.read_params,
            computation_graph.SPEC,
        ),
        Widget(
            backprop_cost.NAME,
            backprop_cost.TEMPLATE,
            backprop_cost.SCRIPT,
            backprop_cost.read_params,
            backprop_cost.SPEC,
        ),
    )
}


def get_widget(name: str) -> AnyWidget:
    try:
        return WIDGETS[name]
    except KeyError:
        raise UnknownWidget(f"there is no widget named {name!r}") from None


__all__ = [
    "WIDGETS",
    "AnyWidget",
    "UnknownWidget",
    "Widget",
    "WidgetParamsError",
    "WidgetSpec",
    "get_widget",
]
