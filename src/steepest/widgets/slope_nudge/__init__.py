"""The slope-nudge widget: a loss of one knob w, a point on its curve to drag, and a nudge h whose
secant, of slope (L(w + h) − L(w))/h, closes in on the tangent of slope L′(w) as h shrinks.

The engine parses the loss, differentiates it, finds its lowest point in view and works out a
table of nudges exactly, in a compute worker (`spec.py`); it also lays out the figure the page
shows before, or without, JavaScript (`figure.py`). The browser gets L and L′ as expression
trees, which it only evaluates. This module is what the web process imports: the parameters,
the nudges they allow, and the spec's shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from steepest.compute import Task
from steepest.widgets.params import WidgetParamsError, reject_unknown
from steepest.widgets.widget import Widget

if TYPE_CHECKING:
    # Only named: an expression tree is free-form nested JSON, and its module needs SymPy.
    from steepest.engine.evaluate.tree import Tree

NAME = "slope-nudge"
TEMPLATE = "widgets/_slope_nudge.html"
SCRIPT = "js/widgets/slope-nudge.js"

PARAMS = ("expression", "range", "start", "nudge")
_SIGNED_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
# The nudges run over four powers of ten, 1-2-5 in each: wide enough to watch the error shrink
# tenfold three times over, narrow enough that rounding never shows in six figures.
NUDGE_COUNT = 13
# The largest nudge is at most this share of the range, so the secant still fits the plot.
NUDGE_SHARE = Fraction(1, 4)
# An arrow key moves w by about this share of the range.
KEY_SHARE = Fraction(1, 100)


@dataclass(frozen=True)
class SlopeNudgeParams:
    """Exact decimals kept as text, so the worker reads them without binary rounding."""

    expression: str = "(w - 3)^2 + 1"
    low: str = "0"
    high: str = "6"
    start: str = "1"
    # None: the largest nudge the range allows.
    nudge: str | None = None


def one_two_five_at_most(limit: Fraction) -> Fraction:
    """The largest 1, 2 or 5 times a power of ten that is at most `limit` (> 0)."""
    power = Fraction(10) ** math.floor(math.log10(limit))
    while power > limit:  # log10 of a Fraction is a float: settle the edge exactly
        power /= 10
    while power * 10 <= limit:
        power *= 10
    return max(m * power for m in (1, 2, 5) if m * power <= limit)


def nudges(low: Fraction, high: Fraction) -> tuple[Fraction, ...]:
    """The nudges h the slider offers for the range [low, high], smallest first."""
    found = [one_two_five_at_most((high - low) * NUDGE_SHARE)]
    while len(found) < NUDGE_COUNT:
        last = found[-1]
        leading = last / Fraction(10) ** math.floor(math.log10(last))
        # 5 → 2 → 1 → 0.5: one step down the 1-2-5 ladder.
        found.append(last * 2 / 5 if round(leading) == 5 else last / 2)
    return tuple(reversed(found))


def key_step(low: Fraction, high: Fraction) -> Fraction:
    """How far one arrow key moves w: a round number near a hundredth of the range."""
    return one_two_five_at_most((high - low) * KEY_SHARE)


def decimal_text(value: Fraction) -> str:
    """A terminating decimal as the author would write it: 1/20 is "0.05", 3 is "3"."""
    # Every value read from the lesson's decimals, or made of them by 1-2-5 steps, terminates.
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


def _signed_decimal(key: str, given: Any) -> str:
    text = str(given).strip()
    if not _SIGNED_DECIMAL.fullmatch(text):
        raise WidgetParamsError(f"{NAME} {key} must be a decimal number, not {text!r}")
    return text


def read_params(params: Mapping[str, Any]) -> SlopeNudgeParams:
    """Check the lesson's parameters in the web process, before any worker is involved."""
    reject_unknown(NAME, params, PARAMS)
    defaults = SlopeNudgeParams()
    expression = params.get("expression", defaults.expression)
    if not isinstance(expression, str) or not expression.strip():
        raise WidgetParamsError(f"{NAME} needs an expression in one variable, such as (w - 3)^2")
    low, high = defaults.low, defaults.high
    if "range" in params:
        given = params["range"]
        if isinstance(given, str) or not isinstance(given, Sequence) or len(given) != 2:
            raise WidgetParamsError(f"{NAME} range must be two numbers, as in [0, 6]")
        low, high = (_signed_decimal("range", end) for end in given)
    if not Fraction(low) < Fraction(high):
        raise WidgetParamsError(f"{NAME} range must run from a smaller number to a larger one")
    start = _signed_decimal("start", params["start"]) if "start" in params else defaults.start
    if not Fraction(low) <= Fraction(start) <= Fraction(high):
        raise WidgetParamsError(f"{NAME} start must lie in the range [{low}, {high}]")
    nudge = None
    if "nudge" in params:
        nudge = _signed_decimal("nudge", params["nudge"])
        allowed = nudges(Fraction(low), Fraction(high))
        if Fraction(nudge) not in allowed:
            listed = ", ".join(decimal_text(h) for h in reversed(allowed))
            raise WidgetParamsError(f"{NAME} nudge must be one of {listed}, not {nudge}")
    return SlopeNudgeParams(expression.strip(), low, high, start, nudge)


class PointJson(TypedDict):
    w: float
    value: float


class TickJson(TypedDict):
    value: float
    text: str


class FigureFrame(TypedDict):
    """The plot's window in values, shared by the server's drawing and the browser's."""

    bottom: float
    top: float
    xTicks: list[TickJson]
    yTicks: list[TickJson]


class SlopeNudgeBrowser(TypedDict):
    """What the page hands the browser: the knob's range, the nudges, and L and L′ as trees."""

    variable: str
    low: float
    high: float
    start: float
    step: float
    decimals: int
    """Places w is shown to: those of `step`."""
    nudges: list[float]
    nudgeTexts: list[str]
    nudge: int
    """The index in `nudges` the slider starts at."""
    loss: Tree
    slope: Tree
    minimum: PointJson | None
    """The lowest point of the curve in view, as the engine found it; None if it could not."""
    figure: FigureFrame


class NudgeRow(TypedDict):
    """One nudge at the start, worked out exactly: what the table shows."""

    h: str
    nudged: str
    quotient: str
    error: str
    current: bool


class StaticFigure(TypedDict):
    """The plot at the start, in the coordinates of a fixed viewBox, for the page as served."""

    width: int
    height: int
    box: dict[str, float]
    curve: str
    x_ticks: list[tuple[float, str]]
    """(position on screen, label)"""
    y_ticks: list[tuple[float, str]]
    point: tuple[float, float]
    nudged: tuple[float, float] | None
    secant: tuple[float, float, float, float]
    tangent: tuple[float, float, float, float]
    minimum: tuple[float, float] | None


class SlopeNudgeSpec(TypedDict):
    """The browser's part, and the formulas, words and figures the server renders."""

    browser: SlopeNudgeBrowser
    loss_mathml: str
    slope_mathml: str
    description: str
    """The curve in words: where it falls, where it rises, its lowest point in view."""
    state_text: str
    """The point, its tangent and its secant at the start, in words."""
    start_text: str
    slope_text: str
    """L′ at the start, exactly as the table's caption gives it."""
    rows: list[NudgeRow]
    figure: StaticFigure


SPEC: Task[SlopeNudgeParams, SlopeNudgeSpec] = Task(f"{__name__}.spec", "compute_spec")
WIDGET = Widget(NAME, TEMPLATE, SCRIPT, read_params, SPEC)
