"""The curvature explorer: a point on a loss's contour map with the Hessian's eigen-directions
and eigenvalues there, the second-order Taylor model's level lines over the true ones, and
gradient descent beside Newton's method from that point, each counted in steps to a tolerance.
On a quadratic bowl a slider sets the condition number κ = λmax/λmin.

The engine works out the numbers at the first point, the level lines and both walks for the
page without JavaScript (`spec.py`); the browser gets L, its partials and its Hessian's entries
as expression trees (with κ a variable of them) and does the same sums at every point the
learner reaches. This module is what the web process imports: the parameters and the spec's
shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.engine.surface.surface_types import LevelSetJson
from steepest.widgets.params import (
    SIGNED_DECIMAL,
    WidgetParamsError,
    decimal_texts,
    point_texts,
    reject_unknown,
    whole_number,
)
from steepest.widgets.widget import Widget

if TYPE_CHECKING:
    # Only named: an expression tree is free-form nested JSON, and its module needs SymPy.
    from steepest.engine.evaluate.tree import Tree

NAME = "curvature-explorer"
TEMPLATE = "widgets/_curvature_explorer.html"
SCRIPT = "js/widgets/curvature-explorer.js"

PARAMS = ("expression", "kappa", "start", "rate", "tolerance", "steps", "window")
DEFAULT_EXPRESSION = "w1^2 + 3w2^2"
DEFAULT_WINDOW = ("-2", "2", "-2", "2")
# The κ slider moves in tenths: κ = 3 and κ = 12.5 are positions, and its ends are.
KAPPA_STEP = Fraction(1, 10)
MOST_KAPPA = 1000
# Enough for gradient descent at κ = 100 to reach 0.001 from a few units out; a walk past it
# says "more than" this many steps.
MOST_STEPS = 5000


@dataclass(frozen=True)
class CurvatureExplorerParams:
    """Numbers stay exact decimal text, read by the worker without binary rounding."""

    expression: str = DEFAULT_EXPRESSION
    kappa: tuple[str, str] | None = None
    """The κ slider's ends; None: no slider."""
    start: tuple[tuple[str, str], ...] | None = None
    rate: str | None = None
    """Gradient descent's fixed rate; None: the best fixed rate 2/(λmin + λmax) of a bowl."""
    tolerance: str = "0.001"
    steps: int = 1000
    window: tuple[str, str, str, str] = DEFAULT_WINDOW


def read_params(params: Mapping[str, Any]) -> CurvatureExplorerParams:
    """Check the lesson's parameters in the web process; what needs the engine (is the loss a
    bowl, is its κ on the slider, is the start on the map) the worker checks."""
    reject_unknown(NAME, params, PARAMS)
    expression = params.get("expression", DEFAULT_EXPRESSION)
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} expression must be a loss of two weights, such as w1^2")
    texts = decimal_texts(NAME, params, ("rate", "tolerance"))
    for key in texts:
        if not Fraction(texts[key]) > 0:
            raise WidgetParamsError(f"{NAME} needs {key} > 0")
    return CurvatureExplorerParams(
        expression=expression.strip(),
        kappa=_kappa(params["kappa"]) if "kappa" in params else None,
        start=point_texts(NAME, params["start"]) if "start" in params else None,
        steps=whole_number(
            NAME, "steps", params.get("steps", CurvatureExplorerParams.steps), MOST_STEPS
        ),
        window=_window(params.get("window", list(DEFAULT_WINDOW))),
        **texts,
    )


def _numbers(given: Any, count: int) -> tuple[str, ...] | None:
    if not isinstance(given, list | tuple) or len(given) != count:
        return None
    texts = tuple(str(value).strip() for value in given)
    if not all(SIGNED_DECIMAL.fullmatch(t) for t in texts):
        return None
    return texts


def _kappa(given: Any) -> tuple[str, str]:
    texts = _numbers(given, 2)
    if texts is None:
        raise WidgetParamsError(f"{NAME} kappa must be the slider's two ends, as in [1, 100]")
    low, high = (Fraction(t) for t in texts)
    if not 1 <= low < high <= MOST_KAPPA:
        raise WidgetParamsError(
            f"{NAME} kappa must run from at least 1 up to at most {MOST_KAPPA}, not"
            f" [{texts[0]}, {texts[1]}]: κ = λmax/λmin is never below 1"
        )
    if low % KAPPA_STEP or high % KAPPA_STEP:
        raise WidgetParamsError(f"{NAME} kappa's ends must be multiples of {float(KAPPA_STEP)}")
    return texts[0], texts[1]


def _window(given: Any) -> tuple[str, str, str, str]:
    texts = _numbers(given, 4)
    if texts is None:
        raise WidgetParamsError(
            f"{NAME} window must be four numbers, w1 from, w1 to, w2 from, w2 to: [-2, 2, -2, 2]"
        )
    x0, x1, y0, y1 = (Fraction(t) for t in texts)
    if not (x0 < x1 and y0 < y1):
        raise WidgetParamsError(f"{NAME} window must run from lower to higher values")
    if x1 - x0 != y1 - y0:
        raise WidgetParamsError(
            f"{NAME} window must be as tall as it is wide ({x1 - x0} and {y1 - y0} here), so"
            " that eigen-directions meet at right angles on the screen"
        )
    return texts[0], texts[1], texts[2], texts[3]


class KappaJson(TypedDict):
    value: float
    min: float
    max: float
    step: float


class BowlJson(TypedDict):
    """A quadratic bowl's level lines are ellipses the browser draws for any κ: these rings of
    L − L*, about the minimum."""

    minimum: list[float]
    lowest: float
    rings: list[float]


class CurvatureBrowser(TypedDict):
    variables: list[str]
    window: list[float]
    function: Tree
    partials: list[Tree]
    hessian: list[Tree]
    """H11, H12, H22; in κ mode trees in κ too (the variable "kappa")."""
    levels: list[LevelSetJson]
    """The engine's level lines; none with a κ slider, where `bowl` gives them."""
    bowl: BowlJson | None
    kappa: KappaJson | None
    rate: float | None
    """None: the best fixed rate 2/(λmin + λmax), worked out again for each κ."""
    quadratic: bool
    start: list[float]
    tolerance: float
    steps: int


class ReadoutRow(TypedDict):
    key: str
    label: str
    value: str


class StepRow(TypedDict):
    step: int
    descent: list[str]
    """w1, w2 and |∇L|, or nothing once descent has stopped."""
    newton: list[str]


class CurvatureExplorerSpec(TypedDict):
    browser: CurvatureBrowser
    loss_mathml: str
    kappa_text: str
    tolerance_text: str
    readouts: list[ReadoutRow]
    description: str
    rows: list[StepRow]


SPEC: Task[CurvatureExplorerParams, CurvatureExplorerSpec] = Task(
    f"{__name__}.spec", "compute_spec"
)
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
