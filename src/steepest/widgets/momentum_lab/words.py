"""The momentum lab's readouts and sentences, as the page shows them without JavaScript.

The browser writes the same text for the settings the learner picks
(js/widgets/momentum-lab/words.js); a browser test holds the two to each other at the first
settings. Runs in a compute worker, beside `spec.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from steepest.widgets.learning_rate_lab.words import number_text


def stop_text(stopped_at: int | None, steps: int) -> str:
    """The readout of the stopping rule: the step where it stops, or "over N" when it does not
    within the N steps drawn."""
    return f"over {steps}" if stopped_at is None else str(stopped_at)


def _stop_clause(stopped_at: int | None, steps: int, tolerance: str) -> str:
    if stopped_at is None:
        return f"stays above {tolerance} for all {steps} steps"
    return f"falls below {tolerance} after {stopped_at} step" + ("" if stopped_at == 1 else "s")


def description(
    settings: tuple[str, str],
    losses: tuple[Sequence[float], Sequence[float]],
    stops: tuple[int | None, int | None],
    tolerance: str,
    tuned: tuple[str, str],
) -> str:
    """Both walks at one rate and momentum, in words: (momentum, plain) in each pair."""
    rate, beta = settings
    momentum, plain = losses
    steps = len(momentum) - 1
    return (
        f"At η = {rate} and β = {beta}, after {steps} steps L = {number_text(momentum[-1])} with"
        f" momentum and {number_text(plain[-1])} with plain gradient descent, from"
        f" {number_text(momentum[0])} at the start. With momentum |∇L|"
        f" {_stop_clause(stops[0], steps, tolerance)}; without, it"
        f" {_stop_clause(stops[1], steps, tolerance)}. Polyak's best settings for this bowl are"
        f" η* = {tuned[0]} and β* = {tuned[1]}."
    )
