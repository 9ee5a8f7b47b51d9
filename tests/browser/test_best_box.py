"""The best-box widget in Chromium: the readouts follow the slider and agree with SymPy."""

from __future__ import annotations

import pytest
import sympy
from playwright.sync_api import Locator, Page

from .conftest import OpenPage, wait_for_widgets

pytestmark = pytest.mark.browser

x = sympy.Symbol("x", real=True)
VOLUME = x * (6 - 2 * x) ** 2
SLOPE = sympy.diff(VOLUME, x)


def one_decimal(value: sympy.Expr) -> str:
    text = f"{float(value):.1f}"
    return "0.0" if float(text) == 0 else text.replace("-", "\u2212")


def expected_verdict(slope: sympy.Expr) -> str:
    if abs(float(slope)) < 0.05:
        return "flat"
    return "uphill" if slope > 0 else "downhill"


def widget(page: Page) -> Locator:
    wait_for_widgets(page)
    return page.locator('[data-widget="best-box"]')


def move_slider(slider: Locator, value: str) -> None:
    """What a drag ends with: a new value and an input event."""
    slider.evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }",
        value,
    )


def assert_readout(box: Locator, cut: str) -> None:
    at = sympy.Rational(cut)
    assert box.locator('[data-out="x"]').text_content() == f"{float(at):.2f}"
    assert box.locator('[data-out="volume"]').text_content() == one_decimal(VOLUME.subs(x, at))
    assert box.locator('[data-out="slope"]').text_content() == one_decimal(SLOPE.subs(x, at))
    readout = box.locator("[data-readout]")
    assert readout.get_attribute("data-verdict") == expected_verdict(SLOPE.subs(x, at))
    assert readout.get_attribute("aria-live") == "polite"


def test_readout_starts_at_the_default_cut(open_page: OpenPage) -> None:
    box = widget(open_page())
    assert box.locator("[data-slider]").input_value() == "0.35"
    assert_readout(box, "0.35")
    # The lesson's own figures: volume 9.8 and slope 20.7 at x = 0.35.
    assert box.locator('[data-out="volume"]').text_content() == "9.8"
    assert box.locator('[data-out="slope"]').text_content() == "20.7"


@pytest.mark.parametrize("cut", ["0.35", "1", "2"])
def test_readout_follows_the_slider(open_page: OpenPage, cut: str) -> None:
    box = widget(open_page())
    move_slider(box.locator("[data-slider]"), cut)
    assert_readout(box, cut)


def test_slider_works_from_the_keyboard(open_page: OpenPage) -> None:
    page = open_page()
    box = widget(page)
    slider = box.locator("[data-slider]")
    slider.focus()
    for _ in range(65):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == "1"
    assert_readout(box, "1")
    page.keyboard.press("End")
    assert_readout(box, slider.input_value())
    assert float(slider.input_value()) < 3
    page.keyboard.press("Home")
    assert float(slider.input_value()) > 0
    assert_readout(box, slider.input_value())


def test_plot_marks_the_optimum_from_the_engine(open_page: OpenPage) -> None:
    box = widget(open_page())
    (best,) = [c for c in sympy.solve(SLOPE, x) if 0 < c < 3]
    label = box.locator(".optimum-label").text_content()
    assert label == f"max {VOLUME.subs(x, best)} at x = {best}"
    assert box.locator(".curve").get_attribute("d")
    assert box.locator(".tangent").get_attribute("x1")
