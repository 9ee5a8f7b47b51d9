"""The best-box widget: cut a square of side x from each corner of a square sheet, fold up the
sides, and watch the volume V(x) and its slope dV/dx as x moves.

The spec the browser receives is data only: V and dV/dx as expression trees (no code to eval),
the optimum the engine found on the open interval, and the slider's range. Every number on the
widget comes from the engine (`spec.py`, run in a compute worker); the browser just evaluates
the trees. This module is what the web process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.widgets.params import WidgetParamsError, decimal_texts, reject_unknown
from steepest.widgets.widget import Widget

if TYPE_CHECKING:
    # Only named: an expression tree is free-form nested JSON, and its module needs SymPy.
    from steepest.engine.evaluate.tree import Tree

NAME = "best-box"
TEMPLATE = "widgets/_best_box.html"
SCRIPT = "js/widgets/best-box.js"

PARAMS = ("sheet", "default", "min", "max", "step")


@dataclass(frozen=True)
class BestBoxParams:
    """Exact decimals kept as text, so the worker reads them without binary rounding.

    The cut x lives on the open interval (min, max): no cut and a cut of half the sheet both
    give an empty box, so the slider stops one step inside each end.
    """

    sheet: str = "6"
    default: str = "0.35"
    min: str = "0"
    max: str = "3"
    step: str = "0.01"


def read_params(params: Mapping[str, Any]) -> BestBoxParams:
    """Check the lesson's parameters in the web process, before any worker is involved."""
    reject_unknown(NAME, params, PARAMS)
    read = BestBoxParams(**decimal_texts(NAME, params, PARAMS))
    sheet, default, low, high, step = (
        Fraction(v) for v in (read.sheet, read.default, read.min, read.max, read.step)
    )
    if not 0 <= low < default < high <= sheet / 2:
        raise WidgetParamsError("best-box needs 0 <= min < default < max <= sheet/2")
    if not 0 < step < (high - low) / 2:
        raise WidgetParamsError("best-box needs a step smaller than half the range")
    return read


class OptimumJson(TypedDict):
    x: float
    value: float


class BestBoxBrowser(TypedDict):
    """What the page hands the browser: the slider's range, and V and dV/dx as trees."""

    variable: str
    sheet: float
    low: float
    high: float
    min: float
    max: float
    step: float
    default: float
    volume: Tree
    slope: Tree
    optimum: OptimumJson


class OptimumText(TypedDict):
    x: str
    value: str


class BestBoxSpec(TypedDict):
    """The browser's part, and the formulas and figures the server renders into the page."""

    browser: BestBoxBrowser
    volume_mathml: str
    slope_mathml: str
    optimum_mathml: str
    optimum_text: OptimumText
    sheet_text: str


SPEC: Task[BestBoxParams, BestBoxSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
