"""The learning-rate lab in Chromium: every number it shows, at every rate and start the learner
reaches by pointer or keyboard, is the update rule run by SymPy; its words are the engine's."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

import pytest
import sympy
from playwright.sync_api import Locator, Page

from descent_reference import gradient_length, iterate, read_number, rounds_to
from steepest.widgets import learning_rate_lab
from steepest.widgets.learning_rate_lab import spec as lab_spec
from steepest.widgets.learning_rate_lab.words import number_text

from .conftest import OpenPage, wait_for_widgets

pytestmark = pytest.mark.browser

LESSON = "/lessons/gradient-descent-and-the-learning-rate"
WIDGET = '[data-widget="learning-rate-lab"]'
w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = w1**2 + 3 * w2**2
CURVATURES = (2, 6)
STEPS = 20
TOLERANCE = sympy.Rational(1, 1000)


def opened(open_page: OpenPage, **options: Any) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.scroll_into_view_if_needed()
    return page, root


def set_rate(root: Locator, rate: str) -> None:
    """What a drag ends with: a new value and an input event."""
    root.locator("[data-rate]").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }",
        rate,
    )


def settled(root: Locator) -> None:
    """The words and the table are rewritten once the rate or start rests; until then they say
    they are busy (aria-busy)."""
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()


def kind_of(factor: sympy.Expr) -> str:
    if factor >= 0:
        return "stable"
    if factor > -1:
        return "oscillates"
    return "bounces" if factor == -1 else "diverges"


def shown_start(root: Locator) -> tuple[sympy.Expr, sympy.Expr]:
    """The start the readout names, read exactly: (1, 1), (−1.5, 0.5)."""
    settled(root)
    text = root.locator('[data-out="start"]').text_content() or ""
    found = re.match(r"Start: \(w1, w2\) = \(([^,]+), ([^)]+)\)", text)
    assert found, text
    a, b = (sympy.Rational(str(Fraction(g.replace("−", "-")))) for g in found.groups())
    return a, b


def table_rows(root: Locator) -> list[list[str]]:
    table = root.locator("[data-table]")
    if table.get_attribute("open") is None:
        table.locator("summary").click()
    # The table is filled on the `toggle` event, which comes after the click: wait until its
    # caption names the rate the words name.
    root.page.wait_for_function(
        """el => {
            const said = el.querySelector('[data-out="description"]').textContent;
            const rate = said.match(/^At η = ([^,]+),/);
            const caption = el.querySelector('[data-out="caption"]').textContent;
            return rate !== null && caption.startsWith(`The steps at η = ${rate[1]},`);
        }""",
        arg=root.element_handle(),
    )
    rows: list[list[str]] = root.locator("[data-rows] tr").evaluate_all(
        "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
    )
    return rows


def assert_walk_is_sympys(root: Locator, rate: str) -> None:
    """Factors, kinds, the table and the stopping rule, against SymPy from the shown start."""
    eta = sympy.Rational(rate)
    start = shown_start(root)
    assert (root.locator('[data-out="description"]').text_content() or "").startswith(
        f"At η = {rate}, "
    )
    for i, curvature in enumerate(CURVATURES):
        factor = 1 - eta * curvature
        assert rounds_to(root.locator(f'[data-out="factor-{i}"]').text_content() or "", factor)
        assert root.locator(f'[data-out="kind-{i}"]').text_content() == kind_of(factor)
    points = iterate(BOWL, (w1, w2), start, eta, STEPS)
    rows = table_rows(root)
    assert [int(row[0]) for row in rows] == list(range(STEPS + 1))
    for row, point in zip(rows, points, strict=True):
        at = dict(zip((w1, w2), point, strict=True))
        expected = [*point, BOWL.subs(at), gradient_length(BOWL, (w1, w2), point)]
        for shown, exact in zip(row[1:], expected, strict=True):
            assert rounds_to(shown, exact), (rate, row, point)
    stops = [k for k, p in enumerate(points) if gradient_length(BOWL, (w1, w2), p) < TOLERANCE]
    description = root.locator('[data-out="description"]').text_content() or ""
    if stops:
        assert f"stops it after {stops[0]} step" in description
    else:
        assert "does not stop it" in description


def test_the_first_rate_shows_the_engines_numbers_and_words(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    assert root.locator("[data-rate]").input_value() == "0.1"
    assert root.locator('[data-out="rate"]').text_content() == "0.1"
    assert shown_start(root) == (1, 1)
    assert_walk_is_sympys(root, "0.1")
    spec = lab_spec.compute_spec(
        learning_rate_lab.read_params(
            {"curvatures": [2, 6], "rate": 0.1, "start": {"w1": 1, "w2": 1}, "steps": 20}
        )
    )
    # The browser's sentences and table are the ones the server wrote for the page without it.
    settled(root)
    assert root.locator('[data-out="description"]').text_content() == spec["description"]
    rows = table_rows(root)
    expected = [[str(r["step"]), *r["coordinates"], r["loss"], r["slope"]] for r in spec["rows"]]
    assert rows == expected
    verdict = root.locator('[data-out="verdict"]')
    assert verdict.get_attribute("data-kind") == "stable"
    assert verdict.text_content() == (
        "Stable: every factor lies between 0 and 1, so L falls at every step."
    )


@pytest.mark.parametrize("rate", ["0.05", "0.17", "0.25", "0.3", "0.333", "0.334", "0.4"])
def test_every_number_follows_the_slider(open_page: OpenPage, rate: str) -> None:
    _, root = opened(open_page)
    set_rate(root, rate)
    assert root.locator('[data-out="rate"]').text_content() == rate
    assert_walk_is_sympys(root, rate)
    worst = kind_of(1 - sympy.Rational(rate) * max(CURVATURES))
    assert root.locator('[data-out="verdict"]').get_attribute("data-kind") == worst
    assert root.locator("[data-rate]").get_attribute("aria-valuetext") == f"η = {rate}: {worst}"


def test_the_slider_works_from_the_keyboard(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    slider = root.locator("[data-rate]")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == "0.105"
    assert_walk_is_sympys(root, "0.105")
    slider.focus()  # the check opened the table, by its summary
    page.keyboard.press("End")
    assert slider.input_value() == "0.4"
    assert root.locator('[data-out="kind-1"]').text_content() == "diverges"
    page.keyboard.press("Home")
    assert slider.input_value() == "0.001"
    assert_walk_is_sympys(root, "0.001")
    announce = root.locator('[data-out="announce"]')
    assert announce.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "el => el.textContent.startsWith('η = 0.001.')", arg=announce.element_handle()
    )


def map_point_on_screen(root: Locator, a: float, b: float) -> tuple[float, float]:
    """Where (w1, w2) = (a, b) is on the screen: the map's frame spans its window."""
    frame = root.locator("[data-map] .plot-frame").bounding_box()
    assert frame is not None
    x0, x1, y0, y1 = -2, 2, -2, 2
    return (
        frame["x"] + (a - x0) / (x1 - x0) * frame["width"],
        frame["y"] + (y1 - b) / (y1 - y0) * frame["height"],
    )


def test_dragging_the_start_moves_the_walk(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    set_rate(root, "0.3")
    page.mouse.move(*map_point_on_screen(root, 1, 1))
    page.mouse.down()
    page.mouse.move(*map_point_on_screen(root, -0.6, 1.2), steps=6)
    page.mouse.move(*map_point_on_screen(root, -1.5, 0.5), steps=6)
    page.mouse.up()
    # The start snaps to a grid of 1/80 of the 4-wide window.
    assert shown_start(root) == (sympy.Rational(-3, 2), sympy.Rational(1, 2))
    assert_walk_is_sympys(root, "0.3")
    start = root.locator('[data-role="start"]')
    x, y = map_point_on_screen(root, -1.5, 0.5)
    box = start.bounding_box()
    assert box is not None
    assert abs(box["x"] + box["width"] / 2 - x) < 2 and abs(box["y"] + box["height"] / 2 - y) < 2


def test_arrow_keys_move_the_start(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    root.locator("[data-map]").focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowDown"):
        page.keyboard.press(key)
    # A key moves the start a fortieth of the window: 0.1.
    assert shown_start(root) == (sympy.Rational(7, 10), sympy.Rational(9, 10))
    page.keyboard.press("Shift+ArrowUp")
    assert shown_start(root) == (sympy.Rational(7, 10), sympy.Rational(7, 5))
    assert_walk_is_sympys(root, "0.1")
    root.locator("[data-map]").focus()  # the check opened the table, by its summary
    page.keyboard.press("Home")
    assert shown_start(root) == (1, 1)


def polyline(locator: Locator) -> list[tuple[float, float]]:
    points = locator.get_attribute("points") or ""
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def frame_box(root: Locator, svg: str) -> tuple[float, float, float, float]:
    left, top, width, height = root.locator(f"{svg} .plot-frame").evaluate(
        "r => ['x', 'y', 'width', 'height'].map((k) => r[k].baseVal.value)"
    )
    return left, top, left + width, top + height


def test_the_cobweb_bounces_between_the_diagonal_and_the_factor_line(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    set_rate(root, "0.3")
    root.get_by_label("cobweb").check()
    left, top, right, bottom = frame_box(root, "[data-knob]")
    vertices = polyline(root.locator('[data-role="knob-hops"]'))
    assert len(vertices) == 2 * STEPS + 1
    # In the cobweb both axes run ±reach, so a vertex's offset from the centre, as a share of
    # the half-width, is the gap over reach; u_{k+1}/u_k is then the factor 1 − 6η = −0.8.
    cx, cy = (left + right) / 2, (top + bottom) / 2
    for xk, yk in vertices[1:8:2]:
        across, up = (xk - cx) / ((right - left) / 2), (cy - yk) / ((bottom - top) / 2)
        assert up / across == pytest.approx(1 - 0.3 * 6, abs=0.02)
    settled(root)
    note = root.locator('[data-out="knob"]').text_content() or ""
    assert "multiplies the gap by −0.8" in note and "the dotted line slope −1" in note
    root.get_by_label("w1", exact=True).check()
    settled(root)
    assert "Along w1 the curvature is 2" in (root.locator('[data-out="knob"]').text_content() or "")
    assert root.locator("#rate-lab-knob-title").text_content() == (
        "One knob: the same steps along w1"
    )


def test_points_on_the_curve_sit_on_the_parabola(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    set_rate(root, "0.3")
    left, top, right, bottom = frame_box(root, "[data-knob]")
    start = root.locator('[data-role="knob-start"]')
    centres = [
        (float(start.get_attribute("cx") or "nan"), float(start.get_attribute("cy") or "nan"))
    ]
    # The other dots are one path of circles, each drawn from 2.2 left of its centre.
    dots = root.locator('[data-role="knob-dots"]').get_attribute("d") or ""
    found = re.findall(r"M(-?[\d.]+),(-?[\d.]+)a", dots)
    centres += [(float(x) + 2.2, float(y)) for x, y in found]
    assert len(centres) == STEPS + 1
    # Along w2 from 1, with reach 1.25: u_k = (−0.8)^k, on the curve 3u² scaled to the box.
    reach = 1.25
    height_top = 6 * reach**2 / 2
    low = -0.06 * height_top
    for k, (x, y) in enumerate(centres[:6]):
        u = (-0.8) ** k
        assert x == pytest.approx(left + (u + reach) / (2 * reach) * (right - left), abs=0.11)
        v = 3 * u * u
        assert y == pytest.approx(
            bottom - (v - low) / (height_top - low) * (bottom - top), abs=0.11
        )


def decade_scale(root: Locator) -> tuple[float, float]:
    """(y of 10⁰, pixels per decade) from the loss plot's labelled grid lines."""
    labels = root.locator("[data-loss] .tick-y").evaluate_all(
        "ts => ts.map((t) => [t.textContent, Number(t.getAttribute('y'))])"
    )
    superscripts = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    powers = [
        (0 if text == "1" else 1 if text == "10" else int(text[2:].translate(superscripts)), y)
        for text, y in labels
    ]
    (p0, y0), (p1, y1) = powers[0], powers[-1]
    per_decade = (y1 - y0) / (p1 - p0)
    return y0 - p0 * per_decade, per_decade


@pytest.mark.parametrize("rate", ["0.1", "0.25", "0.4"])
def test_the_loss_plot_is_sympys_loss_on_a_log_scale(open_page: OpenPage, rate: str) -> None:
    _, root = opened(open_page)
    set_rate(root, rate)
    one, per_decade = decade_scale(root)
    points = polyline(root.locator('[data-role="loss-line"]'))
    walk = iterate(
        BOWL, (w1, w2), (sympy.Integer(1), sympy.Integer(1)), sympy.Rational(rate), STEPS
    )
    assert len(points) == len(walk)
    for (_x, y), point in zip(points, walk, strict=True):
        loss = float(BOWL.subs(dict(zip((w1, w2), point, strict=True))))
        assert (y - one) / per_decade == pytest.approx(math.log10(loss), abs=0.02)
    stop = root.locator("[data-loss] .loss-stop-line")
    stops = [k for k, p in enumerate(walk) if gradient_length(BOWL, (w1, w2), p) < TOLERANCE]
    if stops:
        assert root.locator("[data-loss] .loss-stop").get_attribute("hidden") is None
        assert float(stop.get_attribute("x1") or "nan") == pytest.approx(
            points[stops[0]][0], abs=0.1
        )
    else:
        assert root.locator("[data-loss] .loss-stop").get_attribute("hidden") == ""


def test_the_track_marks_sit_under_the_slider_at_their_rates(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    marks = root.locator("[data-track] .rate-mark")
    labels = root.locator("[data-track] .rate-mark-label").all_text_contents()
    assert labels == ["0.167", "2/λmax = 0.333"]
    words = root.locator("[data-track] .rate-band-word").all_text_contents()
    assert words == ["stable", "oscillates", "diverges"]
    root.locator("[data-rate]").scroll_into_view_if_needed()
    track = root.locator("[data-track]").bounding_box()
    assert track is not None
    # A click on the slider at a mark's place sets the slider to (about) that mark's rate.
    for index, rate in enumerate((1 / 6, 1 / 3)):
        x = track["x"] + float(marks.nth(index).get_attribute("x1") or "nan")
        slider = root.locator("[data-rate]").bounding_box()
        assert slider is not None
        page.mouse.click(x, slider["y"] + slider["height"] / 2)
        assert float(root.locator("[data-rate]").input_value()) == pytest.approx(rate, abs=0.0025)


def test_the_browser_writes_numbers_as_the_server_does(open_page: OpenPage) -> None:
    page, _ = opened(open_page)
    values = [0, 0.8, 1 / 3, -0.5, 1234.5, 0.3125, -0.3125, 1.125, 2.5e-5, 12345.0, 0.00099996]
    values += [9.996e-5, 4 * 0.25**20, 1.33e-4, 1e300, -7.7e-12, 0.1 + 0.2, 9999.6]
    shown = page.evaluate(
        """async (values) => {
            const words = await import('/static/js/widgets/rate-lab/words.js');
            return values.map(words.numberText);
        }""",
        values,
    )
    assert shown == [number_text(v) for v in values]
    assert all(
        read_number(text) == pytest.approx(v, rel=6e-3)
        for text, v in zip(shown, values, strict=True)
    )
