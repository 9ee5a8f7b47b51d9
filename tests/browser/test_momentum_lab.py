"""The momentum lab in Chromium: the browser's heavy ball is the engine's (engine/optimizers)
and, at β = 0, the learning-rate lab's gradient descent; every readout, at every rate and
momentum the learner reaches by pointer or keyboard, is the engine's walk; its words and table
are the ones the server writes."""

from __future__ import annotations

from typing import Any

import pytest
import sympy
from playwright.sync_api import Locator, Page

from descent_reference import gradient_length, rounds_to
from momentum_course import BETA, CURVATURES, RATE, SLUG, START, STEPS, TOLERANCE
from steepest.engine.optimizers.rules import GradientDescent, HeavyBall, Rule
from steepest.engine.optimizers.walks import optimizer_path
from steepest.widgets import momentum_lab
from steepest.widgets.learning_rate_lab.words import number_text
from steepest.widgets.momentum_lab import spec as lab_spec

from .conftest import OpenPage, wait_for_widgets
from .momentum_server import base_url

pytestmark = pytest.mark.browser

__all__ = ["base_url"]  # a fixture, imported to override the session's server here

LESSON = f"/lessons/{SLUG}"
WIDGET = '[data-widget="momentum-lab"]'
w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = sympy.Rational(CURVATURES[0], 2) * w1**2 + sympy.Rational(CURVATURES[1], 2) * w2**2
BEGIN = {w1: sympy.Integer(START[0]), w2: sympy.Integer(START[1])}
LESSON_SPEC = lab_spec.compute_spec(
    momentum_lab.read_params(
        {
            "curvatures": list(CURVATURES),
            "rate": RATE,
            "beta": BETA,
            "start": {"w1": START[0], "w2": START[1]},
            "steps": STEPS,
            "tolerance": TOLERANCE,
        }
    )
)


def opened(open_page: OpenPage, **options: Any) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.scroll_into_view_if_needed()
    return page, root


def engine_walk(rule: Rule) -> list[tuple[float, ...]]:
    return [tuple(float(c) for c in p) for p in optimizer_path(rule, BOWL, (w1, w2), BEGIN, STEPS)]


def browser_walk(page: Page, rate: float, beta: float | None) -> list[list[float]]:
    """rate-lab/walk.js on the page's own spec: with β the heavy ball, without it the rate
    lab's gradient descent, called as the rate lab calls it."""
    points: list[list[float]] = page.evaluate(
        """async ([rate, beta]) => {
            const { walk } = await import('/static/js/widgets/rate-lab/walk.js');
            const node = document.querySelector('[data-widget="momentum-lab"] [data-spec]');
            const spec = JSON.parse(node.textContent);
            if (beta === null) return walk(spec, rate, spec.start).points;
            return walk(spec, rate, spec.start, beta).points;
        }""",
        [rate, beta],
    )
    return points


@pytest.mark.parametrize(("rate", "beta"), [("0.15", "0.5"), ("0.2309", "0.27"), ("0.05", "0.95")])
def test_the_browsers_heavy_ball_is_the_engines(open_page: OpenPage, rate: str, beta: str) -> None:
    page, _ = opened(open_page)
    expected = engine_walk(HeavyBall(sympy.Rational(rate), sympy.Rational(beta)))
    shown = browser_walk(page, float(rate), float(beta))
    assert len(shown) == STEPS + 1
    for point, exact in zip(shown, expected, strict=True):
        assert point == pytest.approx(list(exact), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("rate", ["0.05", "0.15", "0.25"])
def test_beta_zero_is_the_rate_labs_descent(open_page: OpenPage, rate: str) -> None:
    page, _ = opened(open_page)
    plain = browser_walk(page, float(rate), None)
    assert browser_walk(page, float(rate), 0.0) == plain
    expected = engine_walk(GradientDescent(sympy.Rational(rate)))
    for point, exact in zip(plain, expected, strict=True):
        assert point == pytest.approx(list(exact), rel=1e-9, abs=1e-15)


def settled(root: Locator) -> None:
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()


def readout(root: Locator, name: str) -> str:
    return root.locator(f'[data-out="{name}"]').text_content() or ""


def assert_readouts_are_the_engines(root: Locator) -> None:
    """η and β as the sliders hold them; each walk's loss and stopping step, by the engine."""
    rate, beta = (
        root.locator("[data-rate]").input_value(),
        root.locator("[data-beta]").input_value(),
    )
    assert (readout(root, "rate"), readout(root, "beta")) == (rate, beta)
    eta, momentum = sympy.Rational(rate), sympy.Rational(beta)
    tolerance = sympy.Rational(TOLERANCE)
    for name, rule in (("momentum", HeavyBall(eta, momentum)), ("plain", GradientDescent(eta))):
        path = optimizer_path(rule, BOWL, (w1, w2), BEGIN, STEPS)
        last = float(BOWL.subs(dict(zip((w1, w2), path[-1], strict=True))))
        assert readout(root, f"{name}-loss") == number_text(last), (name, rate, beta)
        stops = [k for k, p in enumerate(path) if gradient_length(BOWL, (w1, w2), p) < tolerance]
        assert readout(root, f"{name}-stop") == (str(stops[0]) if stops else f"over {STEPS}")
    settled(root)
    said = readout(root, "description")
    assert said.startswith(f"At η = {rate} and β = {beta}, after {STEPS} steps")


def test_the_first_settings_show_the_servers_numbers_and_words(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    for name, text in LESSON_SPEC["readouts"].items():
        assert readout(root, name) == text
    settled(root)
    assert readout(root, "description") == LESSON_SPEC["description"]
    root.locator("[data-table] summary").click()
    root.page.wait_for_function(
        "el => el.querySelector('[data-rows] tr td').textContent !== ''",
        arg=root.element_handle(),
    )
    rows = root.locator("[data-rows] tr").evaluate_all(
        "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
    )
    # Each cell is the engine's exact walk to the figures shown (either way at an exact half,
    # such as 0.85² = 0.7225, which floats may land either side of).
    eta = sympy.Rational(RATE)
    walks = [
        optimizer_path(rule, BOWL, (w1, w2), BEGIN, STEPS)
        for rule in (HeavyBall(eta, sympy.Rational(BETA)), GradientDescent(eta))
    ]
    assert [int(row[0]) for row in rows] == list(range(STEPS + 1))
    for row, heavy, plain in zip(rows, *walks, strict=True):
        exact = [
            *heavy,
            BOWL.subs(dict(zip((w1, w2), heavy, strict=True))),
            *plain,
            BOWL.subs(dict(zip((w1, w2), plain, strict=True))),
        ]
        assert all(rounds_to(t, v) for t, v in zip(row[1:], exact, strict=True)), row
    assert_readouts_are_the_engines(root)


def test_the_sliders_work_from_the_keyboard(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    beta = root.locator("[data-beta]")
    beta.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert beta.input_value() == "0.53"
    assert_readouts_are_the_engines(root)
    rate = root.locator("[data-rate]")
    rate.focus()
    page.keyboard.press("ArrowLeft")
    assert rate.input_value() == "0.1499"
    assert_readouts_are_the_engines(root)
    beta.focus()
    page.keyboard.press("Home")
    assert beta.input_value() == "0"
    # At β = 0 the heavy ball is gradient descent.
    assert readout(root, "momentum-loss") == readout(root, "plain-loss")
    assert_readouts_are_the_engines(root)
    announce = root.locator('[data-out="announce"]')
    assert announce.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "el => el.textContent.startsWith('η = 0.1499, β = 0. After 40 steps L = ')",
        arg=announce.element_handle(),
    )
    assert rate.get_attribute("aria-valuetext") == "η = 0.1499"
    assert beta.get_attribute("aria-valuetext") == "β = 0"


def test_a_click_on_the_beta_star_mark_sets_about_beta_star(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    labels = root.locator("[data-beta-track] .rate-mark-label").all_text_contents()
    assert labels == ["β*"]
    assert root.locator("[data-rate-track] .rate-mark-label").all_text_contents() == [
        "2/λmax",
        "η*",
    ]
    track = root.locator("[data-beta-track]").bounding_box()
    slider = root.locator("[data-beta]").bounding_box()
    assert track is not None and slider is not None
    mark = root.locator("[data-beta-track] .rate-mark")
    x = track["x"] + float(mark.get_attribute("x1") or "nan")
    page.mouse.click(x, slider["y"] + slider["height"] / 2)
    tuned = LESSON_SPEC["browser"]["tunedBeta"]
    assert float(root.locator("[data-beta]").input_value()) == pytest.approx(tuned, abs=0.01)
    assert_readouts_are_the_engines(root)
    # A drag along the rate slider, by pointer, ends at a rate the readouts follow.
    box = root.locator("[data-rate]").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    assert root.locator("[data-rate]").input_value() != RATE
    assert_readouts_are_the_engines(root)


def test_both_paths_are_drawn_on_the_map_and_the_plot(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    for role in ("path", "plain-path"):
        points = root.locator(f'[data-map] [data-role="{role}"]').get_attribute("points") or ""
        assert len(points.split()) == STEPS + 1, role
    for role in ("momentum-loss", "plain-loss"):
        points = root.locator(f'[data-loss] [data-role="{role}"]').get_attribute("points") or ""
        assert len(points.split()) == STEPS + 1, role
