"""The learning-rate lab's numbers and sentences, as the page shows them without JavaScript.

The browser writes the same text for the rate the learner picks (js/widgets/rate-lab/words.js);
both follow the rules here, and a browser test holds them to each other at the first rate.
Runs in a compute worker, beside `spec.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from steepest.engine.surface.bowl import FactorKind


def number_text(value: float) -> str:
    """Three significant figures, as JavaScript's toPrecision rounds them (halves away from
    zero), without trailing zeros; below 0.001 and from 10⁴ on as 1.23e−5; "−" for minus."""
    if value == 0:
        return "0"
    exact = Decimal(value)
    if Decimal("1e-3") <= abs(exact) < Decimal("1e4"):
        place = Decimal(1).scaleb(exact.adjusted() - 2)
        rounded = exact.quantize(place, rounding=ROUND_HALF_UP)
        text = _plain(rounded)
    else:
        exponent = exact.adjusted()
        mantissa = exact.scaleb(-exponent).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if abs(mantissa) >= 10:
            mantissa, exponent = mantissa / 10, exponent + 1
        text = f"{_plain(mantissa)}e{exponent}"
    return text.replace("-", "−")


def _plain(number: Decimal) -> str:
    """The shortest plain decimal: 0.800 is 0.8, 1.23E+3 is 1230."""
    return f"{number.normalize():f}"


@dataclass(frozen=True)
class DirectionState:
    label: str
    factor: float
    kind: FactorKind


def factor_phrase(factor: float, kind: FactorKind) -> str:
    if kind == "stable":
        if factor == 0:
            return "it lands on the floor in one step"
        return "it shrinks without crossing the floor"
    if kind == "oscillates":
        return "it crosses the floor at every step, and the swings shrink"
    if kind == "bounces":
        return "it lands as far past the floor as it started, again and again"
    return "it swings further out at every step"


def verdict(kinds: Sequence[FactorKind]) -> str:
    """The whole walk in one word and why: the worst direction decides."""
    if "diverges" in kinds:
        return "Diverges: a factor below −1 makes the swings grow, so L climbs."
    if "bounces" in kinds:
        return "On the edge: a factor of −1 keeps the swings the same size, so L never settles."
    if "oscillates" in kinds:
        return "Oscillates, but converges: every factor lies between −1 and 1."
    return "Stable: every factor lies between 0 and 1, so L falls at every step."


def description(
    rate: str,
    directions: Sequence[DirectionState],
    losses: Sequence[float],
    stopped_at: int | None,
    tolerance: str,
) -> str:
    """What the three pictures show at one rate, in words."""
    parts = [
        f"along {d.label} by {number_text(d.factor)}: {factor_phrase(d.factor, d.kind)}"
        for d in directions
    ]
    steps = len(losses) - 1
    walk = f"{steps} step" + ("" if steps == 1 else "s")
    if stopped_at is None:
        stop = f"|∇L| stays above {tolerance} for all {walk}, so the rule “stop when |∇L| <"
        stop += f" {tolerance}” does not stop it."
    else:
        count = f"{stopped_at} step" + ("" if stopped_at == 1 else "s")
        stop = f"The rule “stop when |∇L| < {tolerance}” stops it after {count}."
    return (
        f"At η = {rate}, one step multiplies the gap to the minimum {'; '.join(parts)}."
        f" {verdict([d.kind for d in directions])}"
        f" After {walk} L = {number_text(losses[-1])}, from {number_text(losses[0])} at the"
        f" start. {stop}"
    )
