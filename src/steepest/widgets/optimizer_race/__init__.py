"""The optimizer race: plain gradient descent, heavy-ball momentum, RMSProp and Adam set off
from one start on a landscape the learner picks, each at settings the learner can change.

One step slider (and a play button) moves all four along their walks; the contour map shows
where each has been, the loss plot how far above the lowest value each is, and a table where
each one is at the current step. The engine traces every landscape's level lines and walks all
four rules at the lesson's settings on the first landscape, for the table and the words the
page shows without JavaScript (`spec.py`, in a compute worker); the browser gets L and its
partials as expression trees and runs the update rules itself (js/widgets/optimizer-race/).
This module is what the web process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.widgets.learning_rate_lab import MOST_STEPS
from steepest.widgets.optimizer_race.landscapes import LANDSCAPES, OPTIMIZERS
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
    from steepest.engine.surface.surface_types import SurfaceJson
    from steepest.widgets.minibatch_lab import ContourJson

NAME = "optimizer-race"
TEMPLATE = "widgets/_optimizer_race.html"
SCRIPT = "js/widgets/optimizer-race.js"

PARAMS = (
    "landscapes",
    "expression",
    "window",
    "start",
    "rates",
    "beta",
    "rho",
    "beta1",
    "beta2",
    "steps",
)
OWN = "own"
"""The key of the lesson's own landscape, from `expression`."""
DEFAULT_WINDOW = ("-2", "2", "-2", "2")
DEFAULT_OWN_RATE = "0.01"
# How finely the sliders move: β, ρ and β1 in hundredths below 1, β2 in thousandths from 0.9.
PLACES = {"beta": 2, "rho": 2, "beta1": 2, "beta2": 3}
LOWEST = {"beta": "0", "rho": "0", "beta1": "0", "beta2": "0.9"}


@dataclass(frozen=True)
class OptimizerRaceParams:
    """Numbers stay exact decimal text, read by the worker without binary rounding."""

    landscapes: tuple[str, ...] = tuple(LANDSCAPES)
    """The ready-made landscapes the learner picks among, in the menu's order."""
    expression: str | None = None
    """The lesson's own loss of two weights, first in the menu."""
    window: tuple[str, str, str, str] = DEFAULT_WINDOW
    """The own loss's map: w1 from, w1 to, w2 from, w2 to."""
    start: tuple[tuple[str, str], ...] | None = None
    """Where the race starts on the own loss; by default the middle of the window's left half."""
    rates: tuple[str, str, str, str] = (DEFAULT_OWN_RATE,) * 4
    """The rate η each optimizer starts at on the own loss, in the order of OPTIMIZERS."""
    beta: str = "0.9"
    rho: str = "0.9"
    beta1: str = "0.9"
    beta2: str = "0.999"
    steps: int = 80


def read_params(params: Mapping[str, Any]) -> OptimizerRaceParams:
    """Check the lesson's parameters in the web process; what needs the engine (does the loss
    parse, has it two weights, does the start name them) the worker checks."""
    reject_unknown(NAME, params, PARAMS)
    expression = params.get("expression")
    if "expression" in params and (not isinstance(expression, str) or not expression.strip()):
        raise WidgetParamsError(
            f"{NAME} expression must be a loss of two weights, such as w1^4 + w2^2"
        )
    own = isinstance(expression, str)
    for key in ("window", "start", "rates"):
        if key in params and not own:
            raise WidgetParamsError(f"{NAME} {key} is for the lesson's own expression; give one")
    settings = decimal_texts(NAME, params, tuple(PLACES))
    for key, text in settings.items():
        _check_setting(key, text)
    return OptimizerRaceParams(
        landscapes=_landscapes(params.get("landscapes", list(LANDSCAPES)), own),
        expression=expression.strip() if isinstance(expression, str) else None,
        window=_window(params["window"]) if "window" in params else DEFAULT_WINDOW,
        start=point_texts(NAME, params["start"]) if "start" in params else None,
        rates=_rates(params["rates"]) if "rates" in params else (DEFAULT_OWN_RATE,) * 4,
        steps=whole_number(
            NAME, "steps", params.get("steps", OptimizerRaceParams.steps), MOST_STEPS
        ),
        **settings,
    )


def _landscapes(given: Any, own: bool) -> tuple[str, ...]:
    names = ", ".join(LANDSCAPES)
    if not isinstance(given, list | tuple) or not all(isinstance(n, str) for n in given):
        raise WidgetParamsError(f"{NAME} landscapes must be a list of names from: {names}")
    for name in given:
        if name not in LANDSCAPES:
            raise WidgetParamsError(f"{NAME} has no landscape {name!r}; choose from: {names}")
    if len(set(given)) != len(given):
        raise WidgetParamsError(f"{NAME} landscapes names one twice")
    if not given and not own:
        raise WidgetParamsError(f"{NAME} needs a landscape: name one, or give an expression")
    return tuple(given)


def _window(given: Any) -> tuple[str, str, str, str]:
    texts = [str(v).strip() for v in given] if isinstance(given, list | tuple) else []
    if len(texts) != 4 or not all(SIGNED_DECIMAL.fullmatch(t) for t in texts):
        raise WidgetParamsError(
            f"{NAME} window must be four numbers: [w1 from, w1 to, w2 from, w2 to]"
        )
    low1, high1, low2, high2 = (Fraction(t) for t in texts)
    if not (low1 < high1 and low2 < high2):
        raise WidgetParamsError(f"{NAME} window must run from low to high along each weight")
    return (texts[0], texts[1], texts[2], texts[3])


def _rates(given: Any) -> tuple[str, str, str, str]:
    keys = ", ".join(OPTIMIZERS)
    if not isinstance(given, Mapping) or set(given) != set(OPTIMIZERS):
        raise WidgetParamsError(f"{NAME} rates must give each optimizer its rate: {keys}")
    texts = decimal_texts(
        NAME, {f"rate of {k}": v for k, v in given.items()}, [f"rate of {k}" for k in OPTIMIZERS]
    )
    for text in texts.values():
        if not Fraction(text) > 0:
            raise WidgetParamsError(f"{NAME} needs every rate above 0, not {text}")
    ordered = [texts[f"rate of {k}"] for k in OPTIMIZERS]
    return (ordered[0], ordered[1], ordered[2], ordered[3])


def _check_setting(key: str, text: str) -> None:
    """A β, ρ, β1 or β2 inside its slider's range, on one of its marks."""
    value, places = Fraction(text), PLACES[key]
    top = 1 - Fraction(1, 10**places)
    if not Fraction(LOWEST[key]) <= value <= top:
        highest = Decimal(top.numerator) / Decimal(top.denominator)
        raise WidgetParamsError(f"{NAME} {key} must be from {LOWEST[key]} to {highest}")
    if (value * 10**places).denominator != 1:
        raise WidgetParamsError(f"{NAME} {key} has at most {places} decimals, as its slider does")


class LandscapeJson(TypedDict):
    key: str
    label: str
    surface: SurfaceJson
    """The contour map; its `function` and `partials` trees are what the update rules run on."""
    lowest: float | None
    start: list[float]
    rates: list[int]
    """Each optimizer's first rate, as its place on the rate ladder."""


class OptimizerRaceBrowser(TypedDict):
    variables: list[str]
    landscapes: list[LandscapeJson]
    ladder: list[float]
    """The rates the η sliders step through, smallest first."""
    ladderTexts: list[str]
    settings: dict[str, float]
    """β, ρ, β1 and β2 as the sliders start."""
    rmspropEpsilon: float
    adamEpsilon: float
    steps: int


class RacerRow(TypedDict):
    key: str
    name: str
    cells: list[str]
    """Its weights, then its L, after the last step."""


class StaticPath(TypedDict):
    key: str
    points: str
    """The walk as an SVG polyline's points."""
    end: list[float]
    """Where the walk ends, for its marker."""


class StaticMap(TypedDict):
    """The first landscape's map with the four walks, as the server draws it for the page
    without JavaScript, in SVG units."""

    size: int
    contours: list[ContourJson]
    paths: list[StaticPath]
    start: list[float]


class OptimizerRaceSpec(TypedDict):
    browser: OptimizerRaceBrowser
    first_label: str
    start_text: str
    rate_texts: list[str]
    """The first landscape's rates, in the order of OPTIMIZERS."""
    epsilon_texts: list[str]
    """RMSProp's ε, then Adam's."""
    description: str
    rows: list[RacerRow]
    picture: StaticMap
    max_length: int
    """The longest loss the learner may type, as the parser's limits allow."""


SPEC: Task[OptimizerRaceParams, OptimizerRaceSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
