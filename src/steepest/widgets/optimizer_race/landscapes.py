"""The optimizer race's ready-made landscapes: each a loss with its window, its start, its
lowest value and the rate each optimizer starts at there.

No SymPy here: the web process reads these names to check a lesson's `landscapes` without
loading the engine. Every number is exact decimal text, read by the worker without rounding.
"""

from __future__ import annotations

from typing import NamedTuple

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
"""The four racers, in the order the page lists them."""


class Landscape(NamedTuple):
    label: str
    expression: str
    window: tuple[str, str, str, str]
    start: tuple[str, str]
    lowest: str | None
    """L*, the lowest value of L, when it is known: the loss plot then shows L − L* on a log
    scale; without it, L itself on a linear one."""
    rates: tuple[str, str, str, str]
    """The rate η each optimizer starts at, in the order of OPTIMIZERS."""


# Starts and rates are chosen so that the first race shows the landscape's lesson.
LANDSCAPES: dict[str, Landscape] = {
    # κ = 20: descent crawls along w1 while it must keep η below 2/20 for w2.
    "ravine": Landscape(
        "the ravine (an ill-conditioned bowl)",
        "w1^2/2 + 10w2^2",
        ("-2.5", "2.5", "-2.5", "2.5"),
        ("-2", "1"),
        "0",
        ("0.05", "0.02", "0.05", "0.1"),
    ),
    # The curved valley floor, where a rate safe on the walls (curvature near 1000) is tiny
    # along the floor.
    "rosenbrock": Landscape(
        "Rosenbrock's banana valley",
        "(1 - w1)^2 + 100(w2 - w1^2)^2",
        ("-2", "2", "-1", "3"),
        ("-1.2", "1"),
        "0",
        ("0.002", "0.001", "0.01", "0.1"),
    ),
    # w1² − w2² with a quartic that bounds it below (minima L = −1 at w2 = ±√2); the start is
    # a hair off the saddle's ridge, where the gradient along w2 is nearly 0.
    "saddle": Landscape(
        "the saddle (w1² − w2², bounded below)",
        "w1^2 - w2^2 + w2^4/4",
        ("-2.5", "2.5", "-2.5", "2.5"),
        ("2", "0.01"),
        "-1",
        ("0.05", "0.02", "0.05", "0.1"),
    ),
    # A double well: minima at w1 = ±1, a ridge between them; the start sits near the ridge.
    "two-valleys": Landscape(
        "two valleys (a double well)",
        "(w1^2 - 1)^2 + w2^2",
        ("-2", "2", "-2", "2"),
        ("0.05", "1.5"),
        "0",
        ("0.05", "0.02", "0.05", "0.1"),
    ),
}
