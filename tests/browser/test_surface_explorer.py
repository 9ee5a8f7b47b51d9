"""The surface-explorer widget: the gradient readout at the probe, and the ball's descent."""

from __future__ import annotations

import math
import re

import pytest
import sympy
from playwright.sync_api import Page

from .conftest import OpenPage, wait_for_widgets

pytestmark = pytest.mark.browser

w1, w2 = sympy.symbols("w1 w2", real=True)
LOSS = w1**2 + 3 * w2**2
GRADIENT = [sympy.diff(LOSS, v) for v in (w1, w2)]
NUMBER = r"(−?\d+\.\d\d)"


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def fmt(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if float(text) == 0 else text.replace("-", "\u2212")


def probe_readout(page: Page) -> tuple[float, ...]:
    text = page.locator('[data-widget="surface-explorer"] [data-out="probe"]').inner_text()
    match = re.fullmatch(
        rf"At \({NUMBER}, {NUMBER}\): L = {NUMBER}, gradient \({NUMBER}, {NUMBER}\)\.", text
    )
    assert match, text
    return tuple(number(g) for g in match.groups())


def assert_consistent(reading: tuple[float, ...]) -> None:
    a, b, loss, ga, gb = reading
    at = {w1: a, w2: b}
    assert math.isclose(loss, float(LOSS.subs(at)), abs_tol=0.006)
    assert math.isclose(ga, float(GRADIENT[0].subs(at)), abs_tol=0.006)
    assert math.isclose(gb, float(GRADIENT[1].subs(at)), abs_tol=0.006)


def test_probe_follows_the_pointer_and_the_keyboard(open_page: OpenPage) -> None:
    page = open_page()
    wait_for_widgets(page)
    assert_consistent(probe_readout(page))
    plot = page.locator('[data-widget="surface-explorer"] [data-plot]')
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7)
    moved = probe_readout(page)
    assert moved[0] < 0 and moved[1] < 0
    assert_consistent(moved)
    slider = page.locator("#surface-w2")
    slider.focus()
    page.keyboard.press("End")
    reading = probe_readout(page)
    assert reading[1] == number(slider.input_value())
    assert_consistent(reading)


def expected_descent(start: tuple[float, float], rate: float) -> tuple[int, float, float]:
    """The same walk the widget takes, with SymPy's gradient: steps until a move < 1e-4."""
    a, b = start
    for step in range(1, 61):
        ga, gb = (float(g.subs({w1: a, w2: b})) for g in GRADIENT)
        na, nb = a - rate * ga, b - rate * gb
        moved = math.hypot(na - a, nb - b)
        a, b = na, nb
        if moved < 1e-4:
            return step, a, b
    return 60, a, b


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_dropped_ball_walks_downhill(open_page: OpenPage, motion: str) -> None:
    page = open_page(reduced_motion=motion)
    wait_for_widgets(page)
    root = page.locator('[data-widget="surface-explorer"]')
    start = (
        float(root.locator("#surface-w1").input_value()),
        float(root.locator("#surface-w2").input_value()),
    )
    rate = float(root.locator("[data-rate]").input_value())
    root.get_by_role("button", name="Drop a ball here").click()
    steps, a, b = expected_descent(start, rate)
    if motion == "reduce":
        # Without animation the whole path is there at once.
        assert root.locator(".descent-dot").count() == steps + 1
    text = root.locator('[data-out="descent"]').inner_text()
    assert text.startswith(f"After {steps} steps with η = {rate:.2f} the ball came to rest at")
    assert f"({fmt(a)}, {fmt(b)})" in text
    root.locator(".descent-dot").nth(steps).wait_for(state="attached")
    root.get_by_role("button", name="Clear the path").click()
    assert root.locator(".descent-dot").count() == 0


def test_large_learning_rate_zig_zags(open_page: OpenPage) -> None:
    page = open_page(reduced_motion="reduce")
    wait_for_widgets(page)
    root = page.locator('[data-widget="surface-explorer"]')
    rate = root.locator("[data-rate]")
    rate.focus()
    page.keyboard.press("End")
    # Beyond η = 1/6 the factor 1 − 6η on w2 is negative: each step lands on the other wall.
    assert float(rate.input_value()) > 1 / 6
    root.get_by_role("button", name="Drop a ball here").click()
    assert "zig-zags across w2" in root.locator('[data-out="descent"]').inner_text()
