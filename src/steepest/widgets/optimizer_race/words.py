"""The optimizer race's sentences, as the page shows them without JavaScript.

The browser writes the same text for the landscape, step and settings the learner picks
(js/widgets/optimizer-race/words.js); a browser test holds the two to each other at the first
settings. Runs in a compute worker, beside `spec.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.widgets.learning_rate_lab.words import number_text

NAMES = ("Gradient descent", "Momentum", "RMSProp", "Adam")
"""The racers' names, in the order of OPTIMIZERS."""


def point_text(point: Sequence[float]) -> str:
    return "(" + ", ".join(number_text(c) for c in point) + ")"


def description(
    label: str,
    step: int,
    rates: Sequence[str],
    places: Sequence[Sequence[float]],
    losses: Sequence[float],
) -> str:
    """Where each racer is after `step` steps: its rate, its point and its L there."""
    racers = "; ".join(
        f"{name} (η = {rate}) is at {point_text(place)} with L = {number_text(loss)}"
        for name, rate, place, loss in zip(NAMES, rates, places, losses, strict=True)
    )
    lowest = min(range(len(losses)), key=lambda i: losses[i])
    return (
        f"On {label}, after {step} step{'' if step == 1 else 's'}: {racers}."
        f" {NAMES[lowest]} is lowest."
    )
