"""The momentum lab: heavy-ball momentum against plain gradient descent on an ill-conditioned
bowl, at a rate η and a momentum β the learner sets.

Both walks start at the same point and are drawn on the same contour map, and their losses
against the step on one log-scale plot. The β slider marks Polyak's best momentum β* for the
bowl (with its rate η*, marked on the rate slider), which the engine works out; the readouts
give each walk's loss after the last step and the step where |∇L| first falls below the
tolerance.

The engine does the mathematics in a compute worker (`spec.py`): it checks that the loss is a
bowl, works out η* and β*, traces the level lines, and walks both rules at the first settings
exactly for the table the page shows without JavaScript. The browser gets L and its partials
as expression trees and runs the update rules itself on them. This module is what the web
process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.engine.surface.surface_types import SurfaceJson
from steepest.widgets.learning_rate_lab import MOST_STEPS, read_curvatures
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

NAME = "momentum-lab"
TEMPLATE = "widgets/_momentum_lab.html"
SCRIPT = "js/widgets/momentum-lab.js"

PARAMS = ("expression", "curvatures", "rate", "beta", "start", "steps", "tolerance")
# κ = 10: ill-conditioned enough that gradient descent crawls along the gentle direction.
DEFAULT_CURVATURES = ("1", "10")


@dataclass(frozen=True)
class MomentumLabParams:
    """Numbers stay exact decimal text, read by the worker without binary rounding."""

    expression: str | None = None
    """A quadratic in two weights; without it, the bowl of `curvatures`."""
    curvatures: tuple[str, str] = DEFAULT_CURVATURES
    """λ1, λ2 of L = λ1·w1²/2 + λ2·w2²/2, when there is no `expression`."""
    rate: str | None = None
    """The rate η both sliders start at; by default Polyak's η*, rounded down."""
    beta: str = "0.9"
    """The momentum β the slider starts at."""
    start: tuple[tuple[str, str], ...] | None = None
    """Where both walks start, one value per weight; by default one unit from the minimum
    along each weight."""
    steps: int = 40
    tolerance: str = "0.001"
    """The stopping rule: stop once |∇L| falls below this."""


def read_params(params: Mapping[str, Any]) -> MomentumLabParams:
    """Check the lesson's parameters in the web process; what needs the engine (is the loss a
    bowl, does the start name its weights, is the rate sensible for it) the worker checks."""
    reject_unknown(NAME, params, PARAMS)
    if "expression" in params and "curvatures" in params:
        raise WidgetParamsError(f"{NAME} takes an expression or curvatures, not both")
    expression = params.get("expression")
    if "expression" in params and (not isinstance(expression, str) or not expression.strip()):
        raise WidgetParamsError(f"{NAME} expression must be a quadratic, such as w1^2 + 10w2^2")
    texts = decimal_texts(NAME, params, ("rate", "beta", "tolerance"))
    if "rate" in texts and not Fraction(texts["rate"]) > 0:
        raise WidgetParamsError(f"{NAME} needs rate > 0")
    if "beta" in texts and not Fraction(texts["beta"]) < 1:
        raise WidgetParamsError(
            f"{NAME} needs beta below 1: at β = 1 the velocity never forgets a step"
        )
    if "tolerance" in texts and not Fraction(texts["tolerance"]) > 0:
        raise WidgetParamsError(f"{NAME} needs tolerance > 0")
    return MomentumLabParams(
        expression=expression.strip() if isinstance(expression, str) else None,
        curvatures=read_curvatures(NAME, params.get("curvatures", list(DEFAULT_CURVATURES))),
        start=point_texts(NAME, params["start"]) if "start" in params else None,
        steps=whole_number(NAME, "steps", params.get("steps", MomentumLabParams.steps), MOST_STEPS),
        **texts,
    )


class MomentumLabBrowser(TypedDict):
    """What the page hands the browser: the map, the trees, the bowl's numbers, the controls."""

    variables: list[str]
    surface: SurfaceJson
    """The contour map; its `function` and `partials` trees are what the update rules run on."""
    excess: Tree
    """L − L* as an expression tree, for the log-scale plot."""
    lowest: float
    threshold: float
    """2/λmax, where plain gradient descent stops converging."""
    thresholdText: str
    tunedRate: float
    tunedRateText: str
    tunedBeta: float
    tunedBetaText: str
    rate: float
    rateMin: float
    rateMax: float
    rateStep: float
    beta: float
    betaStep: float
    betaMax: float
    start: list[float]
    steps: int
    tolerance: float
    toleranceText: str


class WalkRow(TypedDict):
    step: int
    momentum: list[str]
    """The momentum walk's coordinates, then its L."""
    plain: list[str]
    """Gradient descent's coordinates, then its L."""


class MomentumLabSpec(TypedDict):
    """The browser's part, and what the server renders into the page."""

    browser: MomentumLabBrowser
    loss_mathml: str
    start_text: str
    tuned_rate_mathml: str
    tuned_beta_mathml: str
    rate_text: str
    beta_text: str
    readouts: dict[str, str]
    """The readouts at the first settings, by the name the page gives them."""
    description: str
    """The two walks at the first settings, in words: the page's text without JavaScript."""
    rows: list[WalkRow]
    """Every step of both walks at the first settings, from the engine's exact walks."""


SPEC: Task[MomentumLabParams, MomentumLabSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
