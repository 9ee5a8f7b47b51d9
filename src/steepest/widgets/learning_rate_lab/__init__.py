"""The learning-rate lab: gradient descent on a quadratic bowl at a rate η the learner sets.

One rate drives three pictures: the path on the bowl's contour map, the same steps along one
eigen-direction (a single knob: points on its parabola, or a cobweb), and the loss against the
step on a log scale. The rate's track marks 1/λmax and the threshold 2/λmax, and the readout
gives each direction's factor 1 − ηλ in numbers and in words.

The engine does the mathematics in a compute worker (`spec.py`): it checks that the loss is a
bowl, finds its curvatures (the Hessian's eigenvalues), the threshold and the minimum, traces
the level lines, and works out the steps at the first rate exactly for the table the page
shows without JavaScript. The browser gets L and its partials as expression trees and runs the
update rule itself on them. This module is what the web process imports: the parameters, and
the spec's shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.engine.surface.surface_types import SurfaceJson
from steepest.widgets.params import (
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

NAME = "learning-rate-lab"
TEMPLATE = "widgets/_learning_rate_lab.html"
SCRIPT = "js/widgets/learning-rate-lab.js"

PARAMS = ("expression", "curvatures", "rate", "start", "steps", "tolerance")
DEFAULT_CURVATURES = ("2", "6")
# Enough steps to see a slow direction crawl, few enough for a table a learner reads.
MOST_STEPS = 100
_SIGNED_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class LearningRateLabParams:
    """Numbers stay exact decimal text, read by the worker without binary rounding."""

    expression: str | None = None
    """A quadratic in two weights; without it, the bowl of `curvatures`."""
    curvatures: tuple[str, str] = DEFAULT_CURVATURES
    """λ1, λ2 of L = λ1·w1²/2 + λ2·w2²/2, when there is no `expression`."""
    rate: str | None = None
    """The rate η the slider starts at; by default about 0.3 of the threshold 2/λmax."""
    start: tuple[tuple[str, str], ...] | None = None
    """Where descent starts, one value per weight; by default one unit from the minimum along
    each weight."""
    steps: int = 20
    tolerance: str = "0.001"
    """The stopping rule: stop once |∇L| falls below this."""


def read_params(params: Mapping[str, Any]) -> LearningRateLabParams:
    """Check the lesson's parameters in the web process; what needs the engine (is the loss a
    bowl, does the start name its weights, is the rate sensible for it) the worker checks."""
    reject_unknown(NAME, params, PARAMS)
    if "expression" in params and "curvatures" in params:
        raise WidgetParamsError(f"{NAME} takes an expression or curvatures, not both")
    expression = params.get("expression")
    if "expression" in params and (not isinstance(expression, str) or not expression.strip()):
        raise WidgetParamsError(f"{NAME} expression must be a quadratic, such as w1^2 + 3w2^2")
    texts = decimal_texts(NAME, params, ("rate", "tolerance"))
    if "rate" in texts and not Fraction(texts["rate"]) > 0:
        raise WidgetParamsError(f"{NAME} needs rate > 0")
    if "tolerance" in texts and not Fraction(texts["tolerance"]) > 0:
        raise WidgetParamsError(f"{NAME} needs tolerance > 0")
    return LearningRateLabParams(
        expression=expression.strip() if isinstance(expression, str) else None,
        curvatures=read_curvatures(NAME, params.get("curvatures", list(DEFAULT_CURVATURES))),
        start=point_texts(NAME, params["start"]) if "start" in params else None,
        steps=whole_number(
            NAME, "steps", params.get("steps", LearningRateLabParams.steps), MOST_STEPS
        ),
        **texts,
    )


def read_curvatures(widget: str, given: Any) -> tuple[str, str]:
    """Two positive decimals, the curvatures of a bowl (also the momentum lab's)."""
    if not isinstance(given, list | tuple) or len(given) != 2:
        raise WidgetParamsError(f"{widget} curvatures must be two numbers, as in [2, 6]")
    texts = tuple(str(value).strip() for value in given)
    for text in texts:
        if not _SIGNED_DECIMAL.fullmatch(text) or not Fraction(text) > 0:
            raise WidgetParamsError(
                f"{widget} curvatures must be positive decimal numbers, not {text!r}: a bowl curves"
                " up along every weight"
            )
    return texts[0], texts[1]


class DirectionJson(TypedDict):
    """One eigen-direction of the bowl's Hessian, as the browser draws and describes it."""

    curvature: float
    curvatureText: str
    vector: list[float]
    label: str
    """"w1" for an axis, else "the direction (0.383, 0.924)"."""


class RateLabBrowser(TypedDict):
    """What the page hands the browser: the map, the trees, the bowl's numbers, the controls."""

    variables: list[str]
    surface: SurfaceJson
    """The contour map; its `function` and `partials` trees are what the update rule runs on."""
    excess: Tree
    """L − L* as an expression tree, for the log-scale plot (its float digits near w* hold)."""
    minimum: list[float]
    lowest: float
    directions: list[DirectionJson]
    """Gentlest first."""
    threshold: float
    thresholdText: str
    onset: float
    onsetText: str
    rate: float
    rateMin: float
    rateMax: float
    rateStep: float
    start: list[float]
    steps: int
    tolerance: float


class DirectionText(TypedDict):
    label: str
    label_html: str
    """The axis typeset as MathML, or the direction in words."""
    curvature_mathml: str
    factor_mathml: str
    """1 − λη, the factor as a formula in η."""
    factor_text: str
    """The factor at the first rate."""
    kind: str


class IterateRow(TypedDict):
    step: int
    coordinates: list[str]
    loss: str
    slope: str
    """|∇L| at the point."""


class LearningRateLabSpec(TypedDict):
    """The browser's part, and what the server renders into the page."""

    browser: RateLabBrowser
    loss_mathml: str
    variables_mathml: list[str]
    start_text: str
    directions: list[DirectionText]
    threshold_mathml: str
    onset_mathml: str
    rate_text: str
    description: str
    """The three pictures at the first rate, in words: the page's text without JavaScript."""
    rows: list[IterateRow]
    """Every step at the first rate, from the engine's exact iteration."""


SPEC: Task[LearningRateLabParams, LearningRateLabSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
