"""The surface explorer in Chromium: the server's level lines, the gradient arrow (pointer and
keyboard) square to them and inside the plot, the field, the ball (click and Enter) on the
server's path, divergence, the slice, typed losses and presets, and axe in both schemes."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
import sympy
from playwright.sync_api import Locator, Page

from .conftest import OpenPage, PageWatch, wait_for_widgets
from .test_accessibility import axe_script, axe_violations  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = w1**2 + 3 * w2**2
NUMBER = r"(−?[\d.]+(?:e−?\d+)?)"
WIDGET = '[data-widget="surface-explorer"]'


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def opened(open_page: OpenPage, **options: Any) -> tuple[Page, Locator]:
    page = open_page(**options)
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.locator("[data-plot]").scroll_into_view_if_needed()
    return page, root


def reading(root: Locator) -> tuple[float, ...]:
    """(w1, w2, L, ∂L/∂w1, ∂L/∂w2, |∇L|) from the readout under the map."""
    text = root.locator('[data-out="probe"]').inner_text()
    match = re.fullmatch(
        rf"At \(w1, w2\) = \({NUMBER}, {NUMBER}\): L = {NUMBER}, "
        rf"∇L = \({NUMBER}, {NUMBER}\), of length \|∇L\| = {NUMBER}\.",
        text,
    )
    assert match, text
    return tuple(number(g) for g in match.groups())


def assert_bowl_reading(values: tuple[float, ...]) -> None:
    """The readout, to its 3 significant digits, is SymPy's L and ∇L at the readout's point."""
    a, b, loss, ga, gb, length = values
    at = {w1: a, w2: b}
    expected = [float(BOWL.subs(at)), *(float(sympy.diff(BOWL, v).subs(at)) for v in (w1, w2))]
    for shown, exact in zip((loss, ga, gb), expected, strict=True):
        assert math.isclose(shown, exact, rel_tol=0.01, abs_tol=0.01), (values, expected)
    assert math.isclose(length, math.hypot(ga, gb), rel_tol=0.01)


def arrow_direction(root: Locator) -> tuple[float, float, float, float]:
    """Start and unit direction of the gradient arrow, in the map's SVG units."""
    d = root.locator('[data-role="gradient-arrow"]').get_attribute("d")
    assert d is not None
    x, y, bx, by = map(float, re.findall(r"-?[\d.]+", d)[:4])
    length = math.hypot(bx - x, by - y)
    return x, y, (bx - x) / length, (by - y) / length


def plot_metrics(page: Page) -> dict[str, Any]:
    """The frame of the map, and every contour's vertices, in SVG units and on the screen."""
    metrics: dict[str, Any] = page.evaluate(
        """(selector) => {
            const svg = document.querySelector(selector + ' [data-plot]');
            const ctm = svg.getScreenCTM();
            const screen = ([x, y]) => {
                const p = new DOMPoint(x, y).matrixTransform(ctm);
                return [p.x, p.y];
            };
            const frame = svg.querySelector('.plot-frame').getBBox();
            const vertices = (path) => path.getAttribute('d').slice(1).split('L')
                .map((pair) => pair.split(',').map(Number));
            const lines = [...svg.querySelectorAll('[data-role=contour]')].map(vertices);
            return { frame: [frame.x, frame.y, frame.x + frame.width, frame.y + frame.height],
                     lines, screenLines: lines.map((line) => line.map(screen)) };
        }""",
        WIDGET,
    )
    return metrics


def post_json(page: Page, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """The API's answer, fetched by the page itself (same origin, as the widget does)."""
    answer: dict[str, Any] = page.evaluate(
        """([path, body]) => fetch(path, {method: 'POST', headers: {'Content-Type':
            'application/json'}, body: JSON.stringify(body)}).then((r) => r.json())""",
        [path, body],
    )
    return answer


def test_level_lines_are_the_servers(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    api = post_json(page, "/api/surface", {"expression": "w1^2 + 3w2^2", "window": [-2, 2, -2, 2]})
    expected = sum(len(level["lines"]) for level in api["levels"])
    assert root.locator('[data-role="contour"]').count() == expected
    shown = {
        float(v)
        for v in root.locator('[data-role="contour"]').evaluate_all(
            "paths => paths.map((p) => p.dataset.level)"
        )
    }
    assert shown == {level["value"] for level in api["levels"]}
    # Colour by level: the lowest and the highest line differ, and the legend lists each level.
    classes = root.locator('[data-role="contour"]').evaluate_all(
        "paths => paths.map((p) => p.getAttribute('class'))"
    )
    assert classes[0] != classes[-1]
    assert root.locator("[data-legend] li").count() == len(api["levels"])
    assert root.locator('[data-out="description"]').text_content() == api["description"]


def test_hovering_a_level_line_shows_the_gradient_square_to_it(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    metrics = plot_metrics(page)
    cosines = []
    for index in (1, 4, 8):
        line, screen = metrics["lines"][index], metrics["screenLines"][index]
        for k in (len(line) // 5, len(line) // 2, 4 * len(line) // 5):
            page.mouse.move(*screen[k])
            x, y, ux, uy = arrow_direction(root)
            assert math.hypot(x - line[k][0], y - line[k][1]) < 1.5
            before, after = line[k - 1], line[k + 1]
            tx, ty = after[0] - before[0], after[1] - before[1]
            cosines.append(abs(ux * tx + uy * ty) / math.hypot(tx, ty))
            assert_bowl_reading(reading(root))
    assert max(cosines) < 0.08, cosines


def test_arrow_stays_inside_the_plot(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    metrics = plot_metrics(page)
    left, top, right, bottom = metrics["frame"]
    box = root.locator("[data-plot]").bounding_box()
    assert box is not None
    scale = box["width"] / float(
        root.locator("[data-plot]").evaluate("s => s.viewBox.baseVal.width")
    )
    # Near the top-right corner ∇L points up and out of the map: the arrow must be cut short.
    for fx, fy in ((0.93, 0.05), (0.06, 0.9), (0.5, 0.04)):
        page.mouse.move(
            box["x"] + (left + fx * (right - left)) * scale,
            box["y"] + (top + fy * (bottom - top)) * scale,
        )
        arrow = root.locator('[data-role="gradient-arrow"]')
        if arrow.get_attribute("hidden") is not None:
            continue
        bbox = arrow.evaluate(
            "a => { const b = a.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }"
        )
        assert left <= bbox[0] and bbox[2] <= right and top <= bbox[1] and bbox[3] <= bottom, bbox


def test_arrow_keys_move_the_point_and_announce_it(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    plot = root.locator("[data-plot]")
    plot.focus()
    a, b, *_ = reading(root)
    for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
        page.keyboard.press(key)
    moved = reading(root)
    # A key moves the point by a fortieth of the 4-wide window.
    assert moved[0] == pytest.approx(a + 0.2, abs=0.006)
    assert moved[1] == pytest.approx(b - 0.1, abs=0.006)
    assert_bowl_reading(moved)
    page.keyboard.press("Shift+ArrowUp")
    assert reading(root)[1] == pytest.approx(moved[1] + 0.5, abs=0.006)
    announce = root.locator('[data-out="announce"]')
    page.wait_for_function(
        "el => el.textContent.startsWith('At (w1, w2)')", arg=announce.element_handle()
    )
    assert announce.get_attribute("aria-live") == "polite"


def test_field_toggle_draws_arrows_on_a_grid(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    arrows = root.locator('[data-role="field-arrow"]')
    assert arrows.count() == 0
    root.get_by_label("on a whole grid of points").check()
    # 13 × 13 grid points; only the one at the minimum (∇L = 0) has no arrow.
    assert arrows.count() == 13 * 13 - 1
    root.get_by_label("on a whole grid of points").uncheck()
    assert arrows.count() == 0


def descend_on_server(page: Page, root: Locator, rate: float) -> dict[str, Any]:
    a, b, *_ = reading(root)
    start = {"w1": a, "w2": b}
    spec = root.locator("[data-spec]").text_content()
    assert spec is not None
    body = {"expression": "w1^2 + 3w2^2", "start": start, "rate": rate, "steps": 500}
    return post_json(page, "/api/descent", body)


def path_vertices(root: Locator) -> list[list[float]]:
    points = root.locator('[data-role="descent-path"]').get_attribute("points") or ""
    return [[float(v) for v in pair.split(",")] for pair in points.split()]


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_enter_drops_a_ball_that_follows_the_servers_path(open_page: OpenPage, motion: str) -> None:
    page, root = opened(open_page, reduced_motion=motion)
    root.locator("[data-plot]").focus()
    page.keyboard.press("Enter")
    verdict = root.locator('[data-out="descent"]')
    if motion == "reduce":
        # Without animation the whole path is there at once, with no waiting.
        page.wait_for_function("el => el.textContent.length > 0", arg=verdict.element_handle())
    else:
        verdict.wait_for(state="visible", timeout=10_000)
    # The probe still reads the start, after the precise coordinates were sent.
    rate = float(root.locator("[data-rate]").input_value())
    server = descend_on_server(page, root, rate)
    assert len(path_vertices(root)) == len(server["points"])
    assert verdict.inner_text() == server["message"]
    losses = server["losses"]
    assert all(later < earlier for earlier, later in itertools.pairwise(losses))
    step = root.locator('[data-out="step"]').inner_text()
    assert step.startswith(f"Step {len(losses) - 1} of {len(losses) - 1}: L = ")
    assert "zig-zags along w2" in server["message"]
    page.keyboard.press("Escape")
    assert path_vertices(root) == []


def test_click_drops_the_ball_where_it_lands(open_page: OpenPage) -> None:
    page, root = opened(open_page, reduced_motion="reduce")
    box = root.locator("[data-plot]").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.3)
    root.locator('[data-out="descent"]').wait_for(state="visible")
    start = path_vertices(root)[0]
    x, y, _, _ = arrow_direction(root)
    assert math.hypot(start[0] - x, start[1] - y) < 1
    a, b, *_ = reading(root)
    assert a > 0 and b > 0


def test_too_large_a_rate_diverges_and_the_widget_says_so(open_page: OpenPage) -> None:
    page, root = opened(open_page, reduced_motion="reduce")
    rate = root.locator("[data-rate]")
    rate.fill("0.4")
    assert root.locator('[data-out="rate"]').inner_text() == "0.4"
    root.get_by_role("button", name="Drop a ball here").click()
    verdict = root.locator('[data-out="descent"]')
    verdict.wait_for(state="visible")
    server = descend_on_server(page, root, 0.4)
    assert server["diverged"]
    assert verdict.inner_text() == f"Diverged: {server['message']}"
    assert "surface-warning" in (verdict.get_attribute("class") or "")
    assert len(path_vertices(root)) == len(server["points"])


def test_slice_tangent_has_the_slope_of_the_partial(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    root.locator("[data-plot]").focus()
    page.keyboard.press("ArrowLeft")
    a, b, *_ = reading(root)
    text = root.locator('[data-out="slice"]').inner_text()
    match = re.fullmatch(
        rf"With w2 fixed at {NUMBER}, L is a curve in w1 alone\. "
        rf"At w1 = {NUMBER} its tangent has slope ∂L/∂w1 = {NUMBER}\.",
        text,
    )
    assert match, text
    fixed, at, slope = (number(g) for g in match.groups())
    assert (fixed, at) == (b, a)
    assert slope == pytest.approx(float(sympy.diff(BOWL, w1).subs({w1: a, w2: b})), rel=0.01)
    # The drawn tangent line has that slope in the slice's own scales.
    drawn = root.locator('[data-role="slice-tangent"]').evaluate(
        "l => ['x1', 'y1', 'x2', 'y2'].map((k) => Number(l.getAttribute(k)))"
    )
    assert drawn[1] != drawn[3] and drawn[0] < drawn[2]
    assert (drawn[3] < drawn[1]) == (slope > 0)


def test_typed_loss_is_drawn_and_bad_input_is_explained(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"status of 422")
    page, root = opened(open_page)
    field = root.get_by_label("Any loss in two variables")
    field.fill("x^2 - x y + y^2")
    field.press("Enter")
    page.wait_for_function(
        "el => el.textContent.startsWith('At (x, y)')",
        arg=root.locator('[data-out="probe"]').element_handle(),
    )
    assert root.locator("[data-preset]").input_value() == "own"
    assert "minimum at (x = 0, y = 0)" in (
        root.locator('[data-out="description"]').text_content() or ""
    )
    field.fill("x^2")
    root.get_by_role("button", name="Draw it").click()
    error = root.locator("#surface-expression-error .error-text")
    error.wait_for()
    assert "depends only on x" in error.inner_text()
    assert field.get_attribute("aria-invalid") == "true"


def test_presets_switch_the_landscape(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    root.get_by_label("Landscape").select_option("saddle")
    description = root.locator('[data-out="description"]')
    page.wait_for_function(
        "el => el.textContent.includes('saddle point')", arg=description.element_handle()
    )
    assert root.get_by_label("Any loss in two variables").input_value() == "w1^2 - w2^2"
    assert root.locator('[data-out="rate"]').inner_text() == "0.1"
    assert root.locator('[data-role="contour"]').count() > 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_the_widgets_states(
    open_page: OpenPage,
    watch: PageWatch,
    axe_script: Path,  # noqa: F811 (the fixture imported above)
    scheme: str,
) -> None:
    watch.allow(r"status of 422")
    page, root = opened(open_page, color_scheme=scheme, bypass_csp=True, reduced_motion="reduce")
    root.get_by_label("on a whole grid of points").check()
    root.locator("[data-rate]").fill("0.4")
    root.locator("[data-plot]").focus()
    page.keyboard.press("Enter")
    root.locator('[data-out="descent"]').wait_for(state="visible")
    root.locator(".surface-words summary").click()
    field = root.get_by_label("Any loss in two variables")
    field.fill("x^2")
    field.press("Enter")
    root.locator("#surface-expression-error .error-text").wait_for()
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)
