"""Lesson 01's slope-nudge widget in Chromium: the point moves by pointer and by keys, the nudge by
its slider, and every readout, row and plotted error agrees with SymPy's exact numbers."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pytest
import sympy
from playwright.sync_api import Browser, Locator, Page

from steepest.widgets.slope_nudge.number_text import error_text, six_figures

from .conftest import REPO, OpenPage, wait_for_widgets
from .test_accessibility import AXE, axe_violations
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        subprocess.run(["bash", str(REPO / "scripts" / "fetch-axe.sh")], check=True)
    return AXE


PATH = "/lessons/loss-and-the-derivative-as-a-slope"
w = sympy.Symbol("w", real=True)
LOSS = (w - 3) ** 2 + 1
SLOPE = sympy.diff(LOSS, w)
NUDGES = ["0.0001", "0.0002", "0.0005", "0.001", "0.002", "0.005"]
NUDGES += ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"]


def exact(at: str, h: str) -> dict[str, sympy.Expr]:
    """The numbers at w = at with nudge h, exactly, from SymPy."""
    x, step = sympy.Rational(at), sympy.Rational(h)
    quotient = (LOSS.subs(w, x + step) - LOSS.subs(w, x)) / step
    return {
        "loss": LOSS.subs(w, x),
        "nudged": LOSS.subs(w, x + step),
        "quotient": quotient,
        "slope": SLOPE.subs(w, x),
        "error": quotient - SLOPE.subs(w, x),
    }


def expected(at: str, h: str) -> dict[str, str]:
    """The readouts at w = at with nudge h, written by the widget's rules from SymPy's numbers."""
    numbers = exact(at, h)
    texts = {key: six_figures(float(value)) for key, value in numbers.items() if key != "error"}
    return {
        "w": f"{float(sympy.Rational(at)):.2f}",
        "h": h,
        **texts,
        "error": error_text(float(numbers["error"])),
    }


def shown_value(text: str) -> tuple[float, float]:
    """A readout's number, and half a unit in its last figure: how far it may be off."""
    text = text.replace("−", "-")
    if " × 10" in text:
        mantissa, power = text.split(" × 10")
        exponent = int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
        places = len(mantissa.partition(".")[2])
        return float(mantissa) * 10.0**exponent, 0.5 * 10.0 ** (exponent - places)
    value = float(text)
    figures = len(text.lstrip("-").replace(".", "").lstrip("0"))
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    # Trailing zeros are dropped, so the text holds at most six figures and means six.
    return value, 0.5 * 10.0 ** (magnitude - 5 if figures <= 6 else magnitude - figures + 1)


def assert_agrees(text: str, value: sympy.Expr, what: str) -> None:
    """The readout is SymPy's exact value, to the figures it shows (a tie may round either way)."""
    shown, slack = shown_value(text)
    assert abs(shown - float(value)) <= slack * (1 + 1e-9) + 1e-12, f"{what}: {text} vs {value}"


def widget(page: Page) -> Locator:
    """The widget, with its table open: the browser fills the table in only while it is open."""
    wait_for_widgets(page)
    box = page.locator('[data-widget="slope-nudge"]')
    box.locator(".nudge-table summary").click()
    return box


def readouts(box: Locator) -> dict[str, str]:
    keys = ("w", "h", "loss", "nudged", "quotient", "slope", "error")
    return {key: box.locator(f'[data-out="{key}"]').text_content() or "" for key in keys}


def assert_state(box: Locator, at: str, h: str) -> None:
    shown = readouts(box)
    assert (shown["w"], shown["h"]) == (f"{float(sympy.Rational(at)):.2f}", h)
    for key, value in exact(at, h).items():
        assert_agrees(shown[key], value, key)
    rows = box.locator("[data-rows] tr")
    for row in rows.all():
        step = row.locator("th").text_content() or ""
        cells = [c.text_content() or "" for c in row.locator("td").all()]
        numbers = exact(at, step)
        for text, key in zip(cells, ("nudged", "quotient", "error"), strict=True):
            assert_agrees(text, numbers[key], f"{key} at h = {step}")
        assert ("current" in (row.get_attribute("class") or "")) == (step == h)
    plot = box.locator("[data-plot]")
    assert plot.get_attribute("aria-valuenow") == str(float(at)).removesuffix(".0")
    assert f"w = {float(at):.2f}" in (plot.get_attribute("aria-valuetext") or "")


def test_readouts_start_where_the_lesson_says(open_page: OpenPage) -> None:
    box = widget(open_page(PATH))
    assert_state(box, "1", "1")
    # The lesson's own figures: slope −4, secant −3 and an error of 1 at h = 1.
    assert readouts(box)["quotient"] == "−3" and readouts(box)["slope"] == "−4"
    assert box.locator("[data-readout]").get_attribute("data-verdict") == "downhill"


def test_the_nudge_slider_shrinks_h_and_the_error_with_it(open_page: OpenPage) -> None:
    page = open_page(PATH)
    box = widget(page)
    slider = box.locator("[data-nudge]")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    assert slider.get_attribute("aria-valuetext") == "h = 0.1"
    assert_state(box, "1", "0.1")
    assert readouts(box)["quotient"] == "−3.9"
    page.keyboard.press("Home")
    assert_state(box, "1", "0.0001")
    assert readouts(box)["error"] == "1.00 × 10⁻⁴"


def test_the_error_plot_has_a_point_per_nudge_on_a_line(open_page: OpenPage) -> None:
    box = widget(open_page(PATH))
    dots = box.locator(".error-dot")
    assert dots.evaluate_all("ds => ds.map(d => d.dataset.h)") == NUDGES
    assert box.locator(".error-dot.current").get_attribute("data-h") == "1"
    xs = dots.evaluate_all("ds => ds.map(d => Number(d.getAttribute('cx')))")
    ys = dots.evaluate_all("ds => ds.map(d => Number(d.getAttribute('cy')))")
    # Error = h on this parabola: on log scales the points rise along one straight line.
    slopes = {round((ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]), 1) for i in range(len(xs) - 1)}
    assert len(slopes) == 1 and slopes.pop() < 0


def test_the_point_moves_by_keyboard(open_page: OpenPage) -> None:
    page = open_page(PATH)
    box = widget(page)
    plot = box.locator("[data-plot]")
    assert plot.get_attribute("role") == "slider"
    plot.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    assert_state(box, "2", "1")
    page.keyboard.press("PageUp")
    assert_state(box, "2.5", "1")
    for _ in range(10):
        page.keyboard.press("ArrowUp")
    assert_state(box, "3", "1")
    assert box.locator("[data-readout]").get_attribute("data-verdict") == "flat"
    assert "lowest point" in (box.locator('[data-out="verdict"]').text_content() or "")
    page.keyboard.press("End")
    assert_state(box, "6", "1")
    assert box.locator("[data-readout]").get_attribute("data-verdict") == "uphill"
    # Past the end of the plot the nudged point is not drawn; its numbers still are.
    assert box.locator('[data-role="nudged"]').get_attribute("hidden") is not None
    page.keyboard.press("Home")
    assert_state(box, "0", "1")


def tick_centre(box: Locator, label: str) -> tuple[float, float]:
    tick = box.locator("[data-frame] .tick-x", has_text=label).first.bounding_box()
    plot = box.locator("[data-plot]").bounding_box()
    assert tick is not None and plot is not None
    return tick["x"] + tick["width"] / 2, plot["y"] + plot["height"] / 2


def test_the_point_follows_a_pointer_drag(open_page: OpenPage) -> None:
    page = open_page(PATH)
    box = widget(page)
    box.locator("[data-plot]").scroll_into_view_if_needed()
    page.mouse.move(*tick_centre(box, "4"))
    page.mouse.down()
    assert_state(box, "4", "1")
    page.mouse.move(*tick_centre(box, "5"), steps=5)
    page.mouse.up()
    assert_state(box, "5", "1")
    assert readouts(box)["slope"] == "4"
    # The point on the screen sits on the curve at w = 5: the engine's L(5) on the y scale.
    centre = box.locator('[data-role="point"]').bounding_box()
    assert centre is not None
    assert centre["x"] + centre["width"] / 2 == pytest.approx(tick_centre(box, "5")[0], abs=1)


def test_the_live_region_summarises_once_the_moves_stop(open_page: OpenPage) -> None:
    page = open_page(PATH)
    box = widget(page)
    live = box.locator('[data-out="announce"]')
    assert live.get_attribute("aria-live") == "polite"
    plot = box.locator("[data-plot]")
    plot.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert live.text_content() == ""
    page.wait_for_function("el => el.textContent.length > 0", arg=live.element_handle())
    text = live.text_content() or ""
    assert text.startswith("w = 1.15, h = 1: secant slope")
    assert "Downhill to the right" in text


def test_the_widget_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(PATH, java_script_enabled=False)
    box = page.locator('[data-widget="slope-nudge"]')
    assert box.locator("[data-plot]").is_visible()
    assert box.locator('[data-role="curve"]').get_attribute("d")
    assert box.locator(".needs-js").is_visible()
    assert not box.locator(".nudge-stage").is_visible()
    box.locator(".nudge-table summary").click()
    first = box.locator("[data-rows] tr").first
    assert [c.text_content() for c in first.locator("td").all()] == [
        expected("1", "1")[key] for key in ("nudged", "quotient", "error")
    ]
    box.locator(".nudge-words summary").click()
    assert "falls to 1 at w = 3" in (box.locator("#slope-nudge-words").text_content() or "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations_and_a_screenshot(
    open_page: OpenPage, axe: Path, width: int, scheme: str
) -> None:
    page = open_page(
        PATH,
        viewport={"width": width, "height": SCREEN_HEIGHT},
        color_scheme=scheme,
        bypass_csp=True,
    )
    box = widget(page)
    box.locator("[data-plot]").focus()
    page.keyboard.press("ArrowRight")
    box.locator(".nudge-words summary").click()
    violations = axe_violations(page, axe)
    assert violations == [], "\n".join(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"lesson-01-{width}-{scheme}.png"), full_page=True)
    check_region(
        page, '[data-widget="slope-nudge"]', SHOTS / f"slope-nudge-{width}-{scheme}.png", scheme
    )


def test_the_widget_works_in_the_static_export(browser: Browser, exported_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(exported_url)
    page.locator('a[href="lessons/loss-and-the-derivative-as-a-slope/"]').click()
    box = widget(page)
    box.locator("[data-plot]").focus()
    page.keyboard.press("End")
    assert_state(box, "6", "1")
    context.close()
    assert errors == []


def test_a_table_opened_after_a_move_shows_the_new_point(open_page: OpenPage) -> None:
    page = open_page(PATH)
    box = widget(page)
    summary = box.locator(".nudge-table summary")
    summary.click()  # closed again: the moves below happen while nobody reads it
    box.locator("[data-plot]").focus()
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    summary.click()
    assert_state(box, "2", "1")
