"""The ready-made losses of the surface explorer, each with a window and a first drop of the ball.

No SymPy and no numpy here: the web process reads these names and windows to build its menu
without loading the engine.
"""

from __future__ import annotations

from typing import NamedTuple, TypedDict

Window = tuple[float, float, float, float]

DEFAULT_WINDOW: Window = (-2.0, 2.0, -2.0, 2.0)


class Preset(NamedTuple):
    label: str
    expression: str
    window: Window
    start: dict[str, float]
    rate: float


# Starts and rates are chosen so that the first drop of the ball shows the preset's lesson.
PRESETS: dict[str, Preset] = {
    "round-bowl": Preset("round bowl", "w1^2 + w2^2", DEFAULT_WINDOW, {"w1": -1.5, "w2": 1.2}, 0.1),
    # Rate 0.3 is between 1/6 and 2/6: the ball overshoots across the steep w2 direction and
    # zig-zags, but the zig-zags shrink.
    "stretched-bowl": Preset(
        "stretched bowl", "w1^2 + 3w2^2", DEFAULT_WINDOW, {"w1": -1.8, "w2": 1.0}, 0.3
    ),
    "rosenbrock": Preset(
        "Rosenbrock's banana valley",
        "(1 - w1)^2 + 100(w2 - w1^2)^2",
        (-2.0, 2.0, -1.0, 3.0),
        {"w1": -1.2, "w2": 1.0},
        0.001,
    ),
    "saddle": Preset("saddle", "w1^2 - w2^2", DEFAULT_WINDOW, {"w1": 1.8, "w2": 0.05}, 0.1),
    # Two bumps: every gradient arrow climbs toward a summit, and a ball dropped on a slope
    # rolls away from both summits, which is −∇L at work.
    "two-hills": Preset(
        "two hills (two Gaussian bumps)",
        "exp(-(w1 - 1)^2 - (w2 - 1)^2) + 0.8exp(-(w1 + 1)^2 - (w2 + 1)^2)",
        (-3.0, 3.0, -3.0, 3.0),
        {"w1": 0.6, "w2": 0.9},
        0.5,
    ),
    # Negated bumps, so the ball has somewhere to settle: which valley depends on the start.
    "two-valleys": Preset(
        "two valleys (two Gaussian dips)",
        "-exp(-(w1 - 1)^2 - (w2 - 1)^2) - 0.8exp(-(w1 + 1)^2 - (w2 + 1)^2)",
        (-3.0, 3.0, -3.0, 3.0),
        {"w1": 0.2, "w2": -0.6},
        0.5,
    ),
}
DEFAULT_PRESET = "stretched-bowl"


def preset_for(expression: str) -> str | None:
    """The preset whose loss `expression` is, spaces aside, so that its window and start apply."""
    typed = "".join(expression.split())
    for key, preset in PRESETS.items():
        if "".join(preset.expression.split()) == typed:
            return key
    return None


def window_for(expression: str, side: float | None) -> Window:
    """The map's window: −side ≤ w ≤ side on both axes when `side` is given, else the window of
    the preset `expression` is, else the default."""
    if side is not None:
        return (-side, side, -side, side)
    preset = preset_for(expression)
    return DEFAULT_WINDOW if preset is None else PRESETS[preset].window


class PresetJson(TypedDict):
    id: str
    label: str
    expression: str
    window: list[float]
    start: dict[str, float]
    rate: float


def presets_json() -> list[PresetJson]:
    """The presets as the browser's menu needs them, in menu order."""
    return [
        {
            "id": key,
            "label": p.label,
            "expression": p.expression,
            "window": list(p.window),
            "start": p.start,
            "rate": p.rate,
        }
        for key, p in PRESETS.items()
    ]
