"""Lesson 03 in Chromium: the backward sweep steps from the keyboard to the engine's gradient,
and the measured cost plot draws every size for both methods."""

from __future__ import annotations

import pytest
import sympy
from playwright.sync_api import Locator, Page

from .conftest import OpenPage, wait_for_widgets

pytestmark = pytest.mark.browser

PATH = "/lessons/backpropagation"
w, b, x, y = sympy.symbols("w b x y", real=True)
LOSS = (w * x + b - y) ** 2
POINT = {w: 3, b: 1, x: 2, y: 4}


def graph(page: Page) -> Locator:
    wait_for_widgets(page)
    return page.locator('[data-widget="computation-graph"]')


def test_keyboard_sweep_reaches_the_engines_gradient(open_page: OpenPage) -> None:
    page = open_page(PATH)
    widget = graph(page)
    steps = len(widget.locator(".graph-node").all())
    plot = widget.locator("[data-plot]")
    plot.focus()
    plot.press("Enter")
    readout = widget.locator('[data-out="step"]')
    assert (readout.text_content() or "").startswith(f"Step 1 of {steps}.")
    assert "∂L/∂L = 1" in (readout.text_content() or "")
    for _ in range(steps - 2):
        plot.press("ArrowRight")
    plot.press(" ")
    verdict = widget.locator('[data-out="verdict"]')
    text = verdict.text_content() or ""
    assert "matches the engine's symbolic gradient" in text
    for knob in (w, b):
        slope = sympy.diff(LOSS, knob).subs(POINT)
        assert f"∂L/∂{knob} = {slope}" in text
    assert widget.locator(".graph-node.visited").count() == steps
    assert widget.get_by_role("button", name="Step backward").is_disabled()
    plot.press("ArrowLeft")
    assert verdict.text_content() == ""
    assert (readout.text_content() or "").startswith(f"Step {steps - 1} of {steps}.")
    plot.press("Home")
    assert widget.locator(".graph-node.visited").count() == 0
    assert widget.get_by_role("button", name="Undo a step").is_disabled()


def test_buttons_step_the_sweep_and_the_readout_is_live(open_page: OpenPage) -> None:
    page = open_page(PATH)
    widget = graph(page)
    assert widget.locator("[data-readout]").get_attribute("aria-live") == "polite"
    widget.get_by_role("button", name="Step backward").click()
    widget.get_by_role("button", name="Step backward").click()
    # The second node swept is the residual, fed by the square: 2r = 6 with r = 3.
    assert "= 1 × 6 = 6." in (widget.locator('[data-out="step"]').text_content() or "")
    assert widget.locator(".graph-edge.active").count() == 1
    widget.get_by_role("button", name="Start over").click()
    assert widget.locator(".graph-node.current").count() == 0


def test_cost_plot_draws_six_points_per_method(open_page: OpenPage) -> None:
    page = open_page(PATH)
    wait_for_widgets(page)
    plot = page.locator('[data-widget="backprop-cost"] [data-plot]')
    for series in ("finite", "backward"):
        assert plot.locator(f'.cost-point[data-series="{series}"]').count() == 6
    # Larger models never take less time to nudge through, however noisy the timings.
    heights = plot.locator('.cost-point[data-series="finite"]').evaluate_all(
        "points => points.map(p => Number(p.getAttribute('cy')))"
    )
    assert heights[-1] < heights[0]


@pytest.mark.parametrize("width", [390, 1280])
def test_lesson_fits_the_screen(open_page: OpenPage, width: int) -> None:
    page = open_page(PATH, viewport={"width": width, "height": 800})
    wait_for_widgets(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
