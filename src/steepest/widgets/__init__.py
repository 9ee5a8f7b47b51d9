"""Interactive widgets: each is one module here (its parameters and the spec the engine computes),
one Jinja partial under `web/templates/widgets/` and one ES module under `web/static/js/widgets/`.

This registry is imported by the web process, so widget modules keep SymPy out of their imports
and load the engine inside the functions that run in compute workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from steepest.errors import SteepestError
from steepest.widgets import backprop_cost, best_box, computation_graph, surface_explorer
from steepest.widgets.params import WidgetParamsError


class UnknownWidget(SteepestError, LookupError):
    """A lesson names a widget that does not exist."""


@dataclass(frozen=True)
class Widget:
    name: str
    template: str
    script: str
    # Validates the lesson's parameters in the web process; the result is picklable.
    read_params: Callable[[Mapping[str, Any]], Any]
    # Module-level, so the compute pool can run it in a worker; returns JSON-ready data.
    compute_spec: Callable[[Any], dict[str, Any]]


WIDGETS: dict[str, Widget] = {
    module.NAME: Widget(
        name=module.NAME,
        template=module.TEMPLATE,
        script=module.SCRIPT,
        read_params=module.read_params,
        compute_spec=module.compute_spec,
    )
    for module in (best_box, surface_explorer, computation_graph, backprop_cost)
}


def get_widget(name: str) -> Widget:
    try:
        return WIDGETS[name]
    except KeyError:
        raise UnknownWidget(f"there is no widget named {name!r}") from None


__all__ = ["WIDGETS", "UnknownWidget", "Widget", "WidgetParamsError", "get_widget"]
