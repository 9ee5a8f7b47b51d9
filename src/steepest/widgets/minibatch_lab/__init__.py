"""The minibatch lab: gradient descent and stochastic (minibatch) gradient descent, side by side,
fitting a line y = w·x + b to a small data set made from a seed.

The loss of one example is the squared error (w·x + b − y)², the loss of the data set its mean.
The contour map of that mean over the two weights carries both paths: full-batch descent, which
uses every example at every step, and minibatch descent, which uses the next batch of a shuffled
epoch. Around the current point a cloud shows where the step of each batch would land, against
the full step. The learner sets the batch size, the seed and the rate, and steps through.

The data, the shuffles and the batches follow engine/optimizers/minibatch.py and seeded.py
exactly; the browser has their JavaScript twin (js/widgets/minibatch-lab/seeded.js), so for a
given seed the page shows what an `sgd` claim states. The worker (`spec.py`) works out the
author's settings exactly, for the tables and the picture the page shows without JavaScript.
This module is what the web process imports: the parameters, and the spec's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.widgets.params import SIGNED_DECIMAL, WidgetParamsError, decimal_texts, reject_unknown
from steepest.widgets.widget import Widget

if TYPE_CHECKING:
    from steepest.engine.evaluate.tree import Tree

NAME = "minibatch-lab"
TEMPLATE = "widgets/_minibatch_lab.html"
SCRIPT = "js/widgets/minibatch-lab.js"

PARAMS = (
    "seed",
    "examples",
    "batch",
    "slope",
    "intercept",
    "noise",
    "rate",
    "start",
    "steps",
)
WEIGHTS = ("w", "b")
# A seed is taken mod 2³² by the generator; the page's seed input runs over that whole range.
MOST_SEED = 2**32 - 1
# Enough examples for a scatter and for batches to differ, few enough for a table to read.
MOST_EXAMPLES = 200
MOST_STEPS = 100
# Above this the full-batch steps on such data already swing out; the slider stops here.
MOST_RATE = Fraction(1)


@dataclass(frozen=True)
class MinibatchLabParams:
    """Numbers stay exact decimal text, read by the worker without binary rounding."""

    seed: int = 7
    examples: int = 20
    batch: int = 4
    slope: str = "2"
    intercept: str = "-1"
    noise: str = "0.5"
    rate: str = "0.1"
    start: tuple[str, str] = ("0", "0")
    """(w, b) where both walks start."""
    steps: int = 20


def read_params(params: Mapping[str, Any]) -> MinibatchLabParams:
    reject_unknown(NAME, params, PARAMS)
    defaults = MinibatchLabParams()
    seed = _whole(params, "seed", defaults.seed, 0, MOST_SEED)
    examples = _whole(params, "examples", defaults.examples, 2, MOST_EXAMPLES)
    batch = _whole(params, "batch", defaults.batch, 1, examples)
    texts = decimal_texts(NAME, params, ("noise", "rate"))
    if "rate" in texts and not 0 < Fraction(texts["rate"]) <= MOST_RATE:
        raise WidgetParamsError(f"{NAME} needs 0 < rate ≤ {MOST_RATE}")
    line = {key: _signed(params, key) for key in ("slope", "intercept") if key in params}
    return MinibatchLabParams(
        seed=seed,
        examples=examples,
        batch=batch,
        start=_start(params["start"]) if "start" in params else defaults.start,
        steps=_whole(params, "steps", defaults.steps, 1, MOST_STEPS),
        **texts,
        **line,
    )


def _whole(params: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    given = params.get(key, default)
    if isinstance(given, bool) or not isinstance(given, int) or not low <= given <= high:
        raise WidgetParamsError(f"{NAME} {key} must be a whole number from {low} to {high}")
    return given


def _signed(params: Mapping[str, Any], key: str) -> str:
    text = str(params[key]).strip()
    if not SIGNED_DECIMAL.fullmatch(text):
        raise WidgetParamsError(f"{NAME} {key} must be a decimal number, not {text!r}")
    return text


def _start(given: Any) -> tuple[str, str]:
    if not isinstance(given, Mapping) or sorted(map(str, given)) != sorted(WEIGHTS):
        raise WidgetParamsError(
            f"{NAME} start must give w and b a number each, as in {{w: 0, b: 0}}"
        )
    texts = tuple(str(given[name]).strip() for name in WEIGHTS)
    for name, text in zip(WEIGHTS, texts, strict=True):
        if not SIGNED_DECIMAL.fullmatch(text):
            raise WidgetParamsError(f"{NAME} start: {name}: {text} is not a decimal number")
    return texts[0], texts[1]


class MinibatchBrowser(TypedDict):
    """What the browser needs to redo everything for any seed, batch size and rate."""

    variables: list[str]
    loss: Tree
    """(w·x + b − y)², the loss of one example, in the weights and the data names x, y."""
    partials: dict[str, Tree]
    """Its partials in w and b; a batch's gradient is their mean over the batch."""
    seed: int
    seedMax: int
    examples: int
    batch: int
    slope: float
    intercept: float
    noise: float
    rate: float
    rateMin: float
    rateMax: float
    rateStep: float
    start: list[float]
    steps: int
    window: list[float]
    """[w0, w1, b0, b1]: the map's window, square, around the author's data's best fit."""


class DataRow(TypedDict):
    index: int
    x: str
    y: str


class StepRow(TypedDict):
    step: int
    epoch: int
    batch: str
    """The indices of the examples the step's batch holds, from 1 as the data table numbers them."""
    minibatch: list[str]
    minibatch_loss: str
    full: list[str]
    full_loss: str


class ContourJson(TypedDict):
    band: int
    d: str


class StaticPicture(TypedDict):
    """The map as the server draws it for the page without JavaScript, in SVG units."""

    size: int
    contours: list[ContourJson]
    full_path: str
    minibatch_path: str
    minimum: list[float]
    points: list[list[float]]
    """The scatter of the data, in the scatter's own units."""
    line: list[float]
    """The fitted line's ends after the minibatch walk, in the scatter's units."""


class MinibatchLabSpec(TypedDict):
    browser: MinibatchBrowser
    loss_mathml: str
    line_text: str
    """The line the data scatter about, as the lede writes it: 2x − 1."""
    rate_text: str
    description: str
    data: list[DataRow]
    rows: list[StepRow]
    picture: StaticPicture


SPEC: Task[MinibatchLabParams, MinibatchLabSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
