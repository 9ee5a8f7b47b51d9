"""The curvature explorer in Chromium, on a small course of its own: every readout at every
point and κ the learner reaches by pointer or keyboard is the engine's, which is SymPy's; the
level lines drawn are the stretched bowl's, the model drawn is the engine's Taylor model, and
the bars lie along its eigen-directions. (The page as a whole: test_curvature_explorer_page.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sympy
from playwright.sync_api import Locator, Page

from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.surface.bowl import read_bowl
from steepest.engine.surface.curvature import stretched_bowl, taylor_model
from steepest.widgets import curvature_explorer
from steepest.widgets.curvature_explorer import spec as explorer_spec
from steepest.widgets.curvature_explorer.words import direction_text, value_text

from .conftest import OpenPage, serve_lessons, wait_for_widgets

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "curvature-course"
BOWL_PAGE = "/lessons/stretched-bowl"
VALLEY_PAGE = "/lessons/banana-valley"
WIDGET = '[data-widget="curvature-explorer"]'
ROTATED = "2w1^2 + 2w1 w2 + 2w2^2"
VALLEY = "(1 - w1)^2 + 10(w2 - w1^2)^2"
w1, w2 = sympy.symbols("w1 w2", real=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on the curvature course, in place of the shipped lessons."""
    yield from serve_lessons(COURSE, tmp_path_factory)


def opened(open_page: OpenPage, path: str = BOWL_PAGE, **options: Any) -> tuple[Page, Locator]:
    page = open_page(path, **options)
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.scroll_into_view_if_needed()
    return page, root


def settled(root: Locator) -> None:
    """The words are rewritten once the point or κ rests; until then they are aria-busy."""
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()


def shown_readouts(root: Locator) -> dict[str, str]:
    settled(root)
    found: dict[str, str] = root.locator(".curv-readouts [data-out]").evaluate_all(
        "cells => Object.fromEntries(cells.map((c) => [c.dataset.out, c.textContent]))"
    )
    return found


def shown_point(root: Locator) -> dict[str, str]:
    text = shown_readouts(root)["point"]
    found = re.fullmatch(r"\((\S+), (\S+)\)", text)
    assert found, text
    return {"w1": found.group(1).replace("−", "-"), "w2": found.group(2).replace("−", "-")}


def engine_spec(params: dict[str, Any]) -> curvature_explorer.CurvatureExplorerSpec:
    return explorer_spec.compute_spec(curvature_explorer.read_params(params))


def assert_readouts_are_the_engines(root: Locator, params: dict[str, Any]) -> None:
    """Every readout and the words, against the engine's spec from the point shown."""
    spec = engine_spec({**params, "start": shown_point(root)})
    readouts = shown_readouts(root)
    assert readouts == {row["key"]: row["value"] for row in spec["readouts"]}
    assert root.locator('[data-out="description"]').text_content() == spec["description"]


def stretched_text(kappa: sympy.Expr) -> str:
    """The rotated bowl stretched to κ, as a loss typed in a lesson."""
    loss = parse(ROTATED)
    bowl = read_bowl(loss, [w1, w2])
    return to_text(sympy.expand(stretched_bowl(bowl, kappa)))


def set_kappa(root: Locator, value: str) -> None:
    """What a drag of the slider ends with: a new value and an input event."""
    root.locator("[data-kappa]").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }",
        value,
    )


def on_screen(root: Locator, a: float, b: float, window: tuple[float, ...]) -> tuple[float, float]:
    frame = root.locator("[data-map] .plot-frame").bounding_box()
    assert frame is not None
    x0, x1, y0, y1 = window
    return (
        frame["x"] + (a - x0) / (x1 - x0) * frame["width"],
        frame["y"] + (y1 - b) / (y1 - y0) * frame["height"],
    )


def to_map(root: Locator, window: tuple[float, ...]) -> Any:
    """A function from the SVG's user units to the map's (w1, w2)."""
    left, top, width, height = root.locator("[data-map] .plot-frame").evaluate(
        "r => ['x', 'y', 'width', 'height'].map((k) => r[k].baseVal.value)"
    )
    x0, x1, y0, y1 = window

    def convert(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - left) / width * (x1 - x0), y1 - (y - top) / height * (y1 - y0)

    return convert


def test_the_first_point_shows_the_engines_readouts_words_and_table(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    params = {"expression": ROTATED, "kappa": [1, 100]}
    assert_readouts_are_the_engines(root, params)
    spec = engine_spec({**params, "start": {"w1": -1.5, "w2": 1}})
    root.locator("[data-table] summary").click()
    root.page.wait_for_function(
        "el => el.querySelector('[data-rows]').rows.length > 0 &&"
        " el.querySelector('[data-out=caption]').textContent.includes('(−1.5, 1)')",
        arg=root.element_handle(),
    )
    rows = root.locator("[data-rows] tr").evaluate_all(
        "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
    )
    expected = [
        [str(r["step"]), *(r["descent"] or ["", "", ""]), *(r["newton"] or ["", "", ""])]
        for r in spec["rows"]
    ]
    assert rows == expected
    assert root.locator('[data-out="kappa-value"]').text_content() == "3"


def test_dragging_the_point_gives_the_engines_readouts_there(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    window = (-2.0, 2.0, -2.0, 2.0)
    page.mouse.move(*on_screen(root, -1.5, 1, window))
    page.mouse.down()
    page.mouse.move(*on_screen(root, 0, 1.5, window), steps=5)
    page.mouse.move(*on_screen(root, 0.5, 1.5, window), steps=5)
    page.mouse.up()
    # The point snaps to a grid of 1/80 of the 4-wide window.
    assert shown_point(root) == {"w1": "0.5", "w2": "1.5"}
    assert_readouts_are_the_engines(root, {"expression": ROTATED, "kappa": [1, 100]})
    point = root.locator('[data-role="point"]').bounding_box()
    assert point is not None
    x, y = on_screen(root, 0.5, 1.5, window)
    assert abs(point["x"] + point["width"] / 2 - x) < 2
    assert abs(point["y"] + point["height"] / 2 - y) < 2


def test_arrow_keys_move_the_point(open_page: OpenPage) -> None:
    page, root = opened(open_page, VALLEY_PAGE)
    params = {"expression": VALLEY, "window": [-2, 2, -1, 3], "rate": 0.01}
    root.locator("[data-map]").focus()
    for key in ("ArrowRight", "ArrowRight", "ArrowUp"):
        page.keyboard.press(key)
    # A key moves the point a fortieth of the window: 0.1.
    assert shown_point(root) == {"w1": "-1", "w2": "1.1"}
    assert_readouts_are_the_engines(root, params)
    root.locator("[data-map]").focus()
    page.keyboard.press("Shift+ArrowDown")
    assert shown_point(root) == {"w1": "-1", "w2": "0.6"}
    assert_readouts_are_the_engines(root, params)
    page.keyboard.press("Home")
    assert shown_point(root) == {"w1": "-1.2", "w2": "1"}
    announce = root.locator('[data-out="announce"]')
    assert announce.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "el => el.textContent.startsWith('Point (−1.2, 1): eigenvalues')",
        arg=announce.element_handle(),
    )


@pytest.mark.parametrize("kappa", ["1", "10", "37.5", "100"])
def test_the_kappa_slider_stretches_the_bowl(open_page: OpenPage, kappa: str) -> None:
    _, root = opened(open_page)
    set_kappa(root, kappa)
    assert root.locator('[data-out="kappa-value"]').text_content() == value_text(float(kappa))
    value = sympy.Rational(kappa)
    assert_readouts_are_the_engines(root, {"expression": stretched_text(value)})
    # Against SymPy itself: the eigenvalues are λmin = 2 and 2κ, whatever κ is.
    low, high = sorted(
        sympy.hessian(parse(stretched_text(value)), [w1, w2]).eigenvals(multiple=True)
    )
    assert (low, high) == (2, 2 * value)
    readouts = shown_readouts(root)
    # The directions stay (1, −1)/√2 and (1, 1)/√2; at κ = 1 every direction is one, and the
    # axes are taken.
    half = 0.5**0.5
    gentle = (1.0, 0.0) if value == 1 else (half, -half)
    assert readouts["gentle"] == f"2 along {direction_text(gentle)}"
    assert readouts["kappa"] == value_text(float(value))
    assert readouts["newton-steps"] == "1 step to |∇L| < 0.001"
    # The level lines drawn are the stretched bowl's: each vertex lies on its level.
    loss = parse(stretched_text(value))
    convert = to_map(root, (-2.0, 2.0, -2.0, 2.0))
    for contour in root.locator('[data-map] [data-role="contour"]').all()[:4]:
        level = float(contour.get_attribute("data-level") or "nan")
        vertices = re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", contour.get_attribute("d") or "")
        for x, y in vertices[::12]:
            a, b = convert(float(x), float(y))
            # A tenth of a pixel off in each coordinate: the SVG holds one decimal.
            slack = (
                0.1
                * 4
                / 300
                * float(sum(abs(sympy.diff(loss, v).subs({w1: a, w2: b})) for v in (w1, w2)))
            )
            assert abs(float(loss.subs({w1: a, w2: b})) - level) <= slack + 1e-9


def test_descents_count_grows_with_kappa_and_newtons_does_not(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    counts = []
    for kappa in ("1", "3", "10", "30", "100"):
        set_kappa(root, kappa)
        readouts = shown_readouts(root)
        found = re.match(r"(\d+) steps? to", readouts["descent-steps"])
        assert found, readouts["descent-steps"]
        counts.append(int(found.group(1)))
        assert readouts["newton-steps"] == "1 step to |∇L| < 0.001"
    assert counts == sorted(counts) and counts[0] == 1 and counts[-1] > 10 * counts[1]


def test_the_slider_works_from_the_keyboard(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    slider = root.locator("[data-kappa]")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert slider.input_value() == "3.1"
    assert slider.get_attribute("aria-valuetext") == "κ = 3.1"
    assert_readouts_are_the_engines(root, {"expression": stretched_text(sympy.Rational("3.1"))})
    page.keyboard.press("End")
    assert slider.input_value() == "100"
    assert shown_readouts(root)["kappa"] == "100"


@pytest.mark.parametrize(
    ("a", "b", "shape"),
    [("-0.5", "1", "hyperbolas"), ("1.5", "2", "ellipses"), ("-1.2", "1", "ellipses")],
)
def test_the_model_drawn_is_the_engines_taylor_model(
    open_page: OpenPage, a: str, b: str, shape: str
) -> None:
    """Off a quadratic the dashed lines are level lines of the second-order model at the point:
    the one through the point, and some inside it; hyperbolas where H is indefinite."""
    page, root = opened(open_page, VALLEY_PAGE)
    window = (-2.0, 2.0, -1.0, 3.0)
    page.mouse.click(*on_screen(root, float(a), float(b), window))
    assert shown_point(root) == {"w1": a, "w2": b}
    loss = parse(VALLEY)
    at = {w1: sympy.Rational(a), w2: sympy.Rational(b)}
    indefinite = sympy.hessian(loss, [w1, w2]).subs(at).det() < 0
    assert indefinite == (shape == "hyperbolas")
    model = taylor_model(loss, [w1, w2], at)
    levels = [
        float(v)
        for v in root.evaluate(
            "el => JSON.parse(el.querySelector('[data-spec]').textContent)"
            ".levels.map((l) => l.value)"
        )
    ]
    here = float(loss.subs(at))
    convert = to_map(root, window)
    d = root.locator('[data-role="model"]').get_attribute("d") or ""
    vertices = re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)
    assert len(vertices) > 96
    on_level = []
    for x, y in vertices[::7]:
        a, b = convert(float(x), float(y))
        value = float(model.subs({w1: a, w2: b}))
        slope = sum(abs(float(sympy.diff(model, v).subs({w1: a, w2: b}))) for v in (w1, w2))
        slack = 0.1 * 4 / 300 * slope + 1e-9
        near = [level for level in [here, *levels] if abs(value - level) <= slack]
        assert near, (a, b, value)
        on_level.append(near[0])
    assert here in on_level


def test_the_bars_lie_along_the_engines_eigen_directions(open_page: OpenPage) -> None:
    _, root = opened(open_page, VALLEY_PAGE)
    spec = engine_spec(
        {"expression": VALLEY, "window": [-2, 2, -1, 3], "rate": 0.01, "start": shown_point(root)}
    )
    loss = parse(VALLEY)
    at = {w1: sympy.Rational(-6, 5), w2: sympy.Integer(1)}
    matrix = sympy.hessian(loss, [w1, w2]).subs(at)
    for i, (value, _, vectors) in enumerate(sorted(matrix.eigenvects(), key=lambda e: float(e[0]))):
        bar = root.locator(f'[data-role="axis-{i}"]')
        x1, y1, x2, y2 = (float(bar.get_attribute(k) or "nan") for k in ("x1", "y1", "x2", "y2"))
        vector = [float(c) for c in vectors[0]]
        # Screen y runs down; the bar is parallel to the eigenvector.
        cross = (x2 - x1) * (-vector[1]) - (y2 - y1) * vector[0]
        assert abs(cross) < 0.02 * abs(x2 - x1 + y2 - y1 + 1e-9) + 0.2
        assert (
            root.locator(f".curv-axis-label-{i}").text_content()
            == f"λ = {value_text(float(value))}"
        )
    assert spec["readouts"][4]["value"].startswith(value_text(float(min(matrix.eigenvals()))))
