"""Interactive widgets: each is a small package here, one Jinja partial under
`web/templates/widgets/` and one ES module under `web/static/js/widgets/`.

A widget's package is light: its name, template and script, its parameters and how the lesson's
are read, the shape of its spec, `SPEC`, the handle of the task that computes the spec, and
`WIDGET`, all of these together. The web process imports only that; the computation is the
package's `spec.py`, which imports the engine (or numpy) at the top and runs in compute workers.
"""

from __future__ import annotations

from typing import Any

from steepest.errors import SteepestError
from steepest.widgets import (
    backprop_cost,
    best_box,
    computation_graph,
    curvature_explorer,
    learning_rate_lab,
    minibatch_lab,
    momentum_lab,
    optimizer_race,
    slope_nudge,
    surface_explorer,
)
from steepest.widgets.backprop_cost import BackpropCostSpec
from steepest.widgets.best_box import BestBoxSpec
from steepest.widgets.computation_graph import ComputationGraphSpec
from steepest.widgets.curvature_explorer import CurvatureExplorerSpec
from steepest.widgets.learning_rate_lab import LearningRateLabSpec
from steepest.widgets.minibatch_lab import MinibatchLabSpec
from steepest.widgets.momentum_lab import MomentumLabSpec
from steepest.widgets.optimizer_race import OptimizerRaceSpec
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.slope_nudge import SlopeNudgeSpec
from steepest.widgets.surface_explorer import SurfaceExplorerSpec
from steepest.widgets.widget import Widget

WidgetSpec = (
    BestBoxSpec
    | SurfaceExplorerSpec
    | ComputationGraphSpec
    | BackpropCostSpec
    | SlopeNudgeSpec
    | LearningRateLabSpec
    | CurvatureExplorerSpec
    | MomentumLabSpec
    | MinibatchLabSpec
    | OptimizerRaceSpec
)
# Each widget's parameters go only to its own spec (its constructor checks that they match), so
# the registry may forget their types.
AnyWidget = Widget[Any, WidgetSpec]


class UnknownWidget(SteepestError, LookupError):
    """A lesson names a widget that does not exist."""


_ALL: tuple[AnyWidget, ...] = (
    best_box.WIDGET,
    surface_explorer.WIDGET,
    computation_graph.WIDGET,
    backprop_cost.WIDGET,
    slope_nudge.WIDGET,
    learning_rate_lab.WIDGET,
    curvature_explorer.WIDGET,
    momentum_lab.WIDGET,
    minibatch_lab.WIDGET,
    optimizer_race.WIDGET,
)
WIDGETS: dict[str, AnyWidget] = {widget.name: widget for widget in _ALL}


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
