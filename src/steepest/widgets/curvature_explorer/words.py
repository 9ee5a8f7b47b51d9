"""The curvature explorer's readouts and sentences, as the page shows them without JavaScript.

The browser writes the same text at every point the learner reaches
(js/widgets/curvature/words.js); both follow the rules here, and a browser test holds them to
each other. Numbers are written as the learning-rate lab writes them: three significant figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from steepest.engine.surface.step_counts import WalkEnd
from steepest.widgets.curvature_explorer import ReadoutRow
from steepest.widgets.learning_rate_lab.words import number_text

# Components this close in size are equal: the first is the one made positive.
TIE = 1e-9
# A readout this small is rounding left over from a zero: Newton's landing on a minimum whose
# exact coordinates are 0 comes out as 2e−16 from trees with √2/2 in them.
TINY = 1e-12


def value_text(value: float) -> str:
    return number_text(0.0 if abs(value) < TINY else value)


def point_text(point: Sequence[float]) -> str:
    return "(" + ", ".join(value_text(c) for c in point) + ")"


def direction_text(vector: Sequence[float]) -> str:
    """A unit vector with its larger component positive (the first, when they are equal)."""
    first, second = vector
    lead = first if abs(first) >= abs(second) - TIE else second
    sign = -1.0 if lead < 0 else 1.0
    return point_text([sign * first, sign * second])


def walk_text(end: WalkEnd, steps: int, most: int, tolerance: str) -> str:
    """How a walk went, from its count of steps and why it stopped."""
    if end == "reached":
        return f"{steps} step{'' if steps == 1 else 's'} to |∇L| < {tolerance}"
    if end == "out of steps":
        return f"more than {most} steps: |∇L| is not below {tolerance} yet"
    if end == "flown off":
        return f"flies off after {steps} step{'' if steps == 1 else 's'}"
    return f"stuck after {steps} step{'' if steps == 1 else 's'}: H has no inverse there"


@dataclass(frozen=True)
class Reading:
    """What the readouts show at one point, as floats."""

    point: tuple[float, float]
    loss: float
    gradient: tuple[float, float]
    hessian: tuple[float, float, float]
    eigenvalues: tuple[float, float]
    vectors: tuple[tuple[float, float], tuple[float, float]]
    newton: tuple[float, float] | None
    rate: float
    best_rate: bool
    descent: str
    newton_walk: str


def condition_text(reading: Reading) -> str:
    low, high = reading.eigenvalues
    if low <= 0:
        return "none: L does not curve up every way here"
    return value_text(high / low)


def readouts(reading: Reading) -> list[ReadoutRow]:
    a, b, c = reading.hessian
    (low, high), (gentle, steep) = reading.eigenvalues, reading.vectors
    rate = value_text(reading.rate)
    rate += ", the best fixed rate 2/(λmin + λmax)" if reading.best_rate else ", the lesson's rate"
    newton = "nowhere: H has no inverse" if reading.newton is None else point_text(reading.newton)
    return [
        {"key": "point", "label": "Point", "value": point_text(reading.point)},
        {"key": "loss", "label": "L", "value": value_text(reading.loss)},
        {"key": "gradient", "label": "∇L", "value": point_text(reading.gradient)},
        {
            "key": "hessian",
            "label": "Hessian H",
            "value": f"H11 = {value_text(a)}, H12 = {value_text(b)}, H22 = {value_text(c)}",
        },
        {
            "key": "gentle",
            "label": "λmin",
            "value": f"{value_text(low)} along {direction_text(gentle)}",
        },
        {
            "key": "steep",
            "label": "λmax",
            "value": f"{value_text(high)} along {direction_text(steep)}",
        },
        {"key": "kappa", "label": "κ = λmax/λmin", "value": condition_text(reading)},
        {"key": "newton", "label": "Newton's step lands at", "value": newton},
        {"key": "rate", "label": "Descent's rate η", "value": rate},
        {"key": "descent-steps", "label": "Gradient descent", "value": reading.descent},
        {"key": "newton-steps", "label": "Newton's method", "value": reading.newton_walk},
    ]


def description(reading: Reading) -> str:
    """The map at one point, in words."""
    low, high = reading.eigenvalues
    gentle, steep = (direction_text(v) for v in reading.vectors)
    text = (
        f"At {point_text(reading.point)} the Hessian's eigenvalues are {value_text(low)} along"
        f" {gentle} and {value_text(high)} along {steep}"
    )
    text += f", so κ = {condition_text(reading)}." if low > 0 else ": L curves down along one."
    if reading.newton is None:
        text += " H has no inverse here, so Newton's step is undefined."
    elif low > 0:
        text += f" Newton's step lands on the model's lowest point, {point_text(reading.newton)}."
    else:
        landing = point_text(reading.newton)
        text += f" Newton's step lands on the model's flat point, {landing}, no minimum of it."
    text += (
        f" From here gradient descent at η = {value_text(reading.rate)} takes"
        f" {reading.descent}; Newton's method takes {reading.newton_walk}."
    )
    return text
