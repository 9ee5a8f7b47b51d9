"""The optimizer race in Chromium: the browser's four update rules are the engine's
(engine/optimizers) and the published ones (tests/optimizer_reference.py) on every landscape;
the step slider, play and pause, the landscape and a rate, by pointer and keyboard, show the
engine's walks; axe finds nothing at 1280 and 360 px, light and dark; reduced motion jumps
instead of animating; the page reads without JavaScript and works from a static export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pytest
import sympy
from playwright.sync_api import Browser, Locator, Page

from descent_reference import rounds_to
from optimizer_reference import reference_adam, reference_heavy_ball, reference_rmsprop
from race_course import COURSE, PARAMS, SLUG, STEPS
from steepest.engine.optimizers.rules import Adam, GradientDescent, HeavyBall, RMSProp, Rule
from steepest.engine.optimizers.walks import optimizer_path
from steepest.widgets import optimizer_race
from steepest.widgets.optimizer_race import spec as race_spec
from steepest.widgets.two_weights import loss_of_two_weights

from .conftest import OpenPage, PageWatch, serve_lessons, static_site, wait_for_widgets
from .test_accessibility import axe_script, axe_violations

pytestmark = pytest.mark.browser

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

LESSON = f"/lessons/{SLUG}"
WIDGET = '[data-widget="optimizer-race"]'
RACERS = ("sgd", "momentum", "rmsprop", "adam")
SPEC = race_spec.compute_spec(optimizer_race.read_params(PARAMS))
LANDSCAPES = SPEC["browser"]["landscapes"]
EXPRESSIONS = {"own": str(PARAMS["expression"])} | {
    land["key"]: optimizer_race.landscapes.LANDSCAPES[land["key"]].expression
    for land in LANDSCAPES[1:]
}
# ∇L of each landscape by hand, for the float references.
GRADIENTS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "own": lambda w: np.array([w[0] ** 3 - 1, 2 * w[1]]),
    "ravine": lambda w: np.array([w[0], 20 * w[1]]),
    "rosenbrock": lambda w: np.array(
        [-2 * (1 - w[0]) - 400 * w[0] * (w[1] - w[0] ** 2), 200 * (w[1] - w[0] ** 2)]
    ),
    "saddle": lambda w: np.array([2 * w[0], -2 * w[1] + w[1] ** 3]),
    "two-valleys": lambda w: np.array([4 * w[0] * (w[0] ** 2 - 1), 2 * w[1]]),
}
Settings = dict[str, str]
# A coordinate has settled on a minimum once its slope is below this. From there the slope is
# rounding noise, which RMSProp and Adam divide by √E, itself decaying towards ε: the moves are
# noise scaled up, and doubles and the engine's 60 digits rattle about the minimum differently
# (by 6e-9 on the double well). Settled coordinates are held to each other to this distance.
SETTLED = 1e-6
FIRST: Settings = {"beta": "0.9", "rho": "0.9", "beta1": "0.9", "beta2": "0.999"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on the fixture lesson folder, in place of the shipped lessons."""
    yield from serve_lessons(COURSE, tmp_path_factory)


def opened(open_page: OpenPage, **options: Any) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    root = page.locator(WIDGET)
    root.scroll_into_view_if_needed()
    return page, root


def rule(racer: str, rate: str, settings: Settings) -> Rule:
    eta = sympy.Rational(rate)
    if racer == "sgd":
        return GradientDescent(eta)
    if racer == "momentum":
        return HeavyBall(eta, sympy.Rational(settings["beta"]))
    if racer == "rmsprop":
        return RMSProp(eta, sympy.Rational(settings["rho"]))
    return Adam(eta, sympy.Rational(settings["beta1"]), sympy.Rational(settings["beta2"]))


# A landscape as the engine walks it: the loss's text and the start.
Course = tuple[str, list[float]]


def course(index: int) -> Course:
    return EXPRESSIONS[LANDSCAPES[index]["key"]], LANDSCAPES[index]["start"]


def engine_walk(land: Course, racer: str, rate: str, settings: Settings) -> list[list[float]]:
    loss, variables = loss_of_two_weights("test", land[0])
    start = {v: sympy.nsimplify(c) for v, c in zip(variables, land[1], strict=True)}
    path = optimizer_path(rule(racer, rate, settings), loss, variables, start, STEPS)
    return [[float(c) for c in p] for p in path]


def engine_loss(land: Course, point: list[float]) -> float:
    loss, variables = loss_of_two_weights("test", land[0])
    return float(loss.subs(dict(zip(variables, point, strict=True))))


def browser_walk(page: Page, index: int, racer: str, rate: float, settings: Settings) -> Any:
    """optimizer-race/rules.js on the page's own spec, called as the widget calls it."""
    return page.evaluate(
        """async ([index, racer, rate, settings]) => {
            const rules = '/static/js/widgets/optimizer-race/rules.js';
            const { compiledLoss, raceWalk } = await import(rules);
            const node = document.querySelector('[data-widget="optimizer-race"] [data-spec]');
            const spec = JSON.parse(node.textContent);
            const land = spec.landscapes[index];
            const all = { rate, rmspropEpsilon: spec.rmspropEpsilon };
            all.adamEpsilon = spec.adamEpsilon;
            for (const [key, value] of Object.entries(settings)) all[key] = Number(value);
            return raceWalk(compiledLoss(land.surface), racer, all, land.start, spec.steps);
        }""",
        [index, racer, rate, settings],
    )


def first_rate(index: int, racer: str) -> str:
    texts = SPEC["browser"]["ladderTexts"]
    return texts[LANDSCAPES[index]["rates"][RACERS.index(racer)]]


@pytest.mark.parametrize("index", range(len(LANDSCAPES)))
def test_the_browsers_rules_are_the_engines_and_the_references(
    open_page: OpenPage, index: int
) -> None:
    page, _ = opened(open_page)
    key = LANDSCAPES[index]["key"]
    start = np.array(LANDSCAPES[index]["start"])
    other: Settings = {"beta": "0.5", "rho": "0.95", "beta1": "0.8", "beta2": "0.95"}
    for settings in (FIRST, other):
        for racer in RACERS:
            rate = first_rate(index, racer)
            shown = browser_walk(page, index, racer, float(rate), settings)
            assert shown["flewOff"] is None
            exact = engine_walk(course(index), racer, rate, settings)
            assert len(shown["points"]) == STEPS + 1
            for point, expected in zip(shown["points"], exact, strict=True):
                assert agree(key, point, expected), (key, racer, point, expected)
            reference = reference_end(racer, GRADIENTS[key], start, float(rate), settings)
            assert agree(key, shown["points"][-1], list(reference)), (key, racer)


def agree(key: str, shown: list[float], expected: list[float]) -> bool:
    """Each coordinate to 1e-9, or to SETTLED once its slope is below SETTLED."""
    slopes = GRADIENTS[key](np.array(expected))
    return all(
        abs(a - b) <= (SETTLED if abs(g) < SETTLED else 1e-9 * abs(b) + 1e-12)
        for a, b, g in zip(shown, expected, slopes, strict=True)
    )


def reference_end(
    racer: str, grad: Callable[[np.ndarray], np.ndarray], start: np.ndarray, eta: float, s: Settings
) -> np.ndarray:
    """Where tests/optimizer_reference.py's rule lands after STEPS steps, in plain floats."""
    if racer in ("sgd", "momentum"):
        beta = 0.0 if racer == "sgd" else float(s["beta"])
        return reference_heavy_ball(grad, start, STEPS, eta, beta, nesterov=False)
    if racer == "rmsprop":
        return reference_rmsprop(grad, start, STEPS, eta, float(s["rho"]), 1e-8)
    return reference_adam(grad, start, STEPS, eta, float(s["beta1"]), float(s["beta2"]), 1e-8)


def shows_the_engines_race(
    root: Locator, index: int | Course, rates: dict[str, str], step: int
) -> None:
    """The table holds each racer's point and L after `step` steps, by the engine, on the
    landscape at `index` of the spec or on a loss and start given."""
    land = course(index) if isinstance(index, int) else index
    assert root.locator('[data-out="step"]').text_content() == str(step)
    for racer in RACERS:
        assert root.locator(f'[data-out="rate-{racer}"]').text_content() == rates[racer]
        point = engine_walk(land, racer, rates[racer], FIRST)[step]
        cells = [root.locator(f'[data-out="{racer}-{c}"]').text_content() or "" for c in range(3)]
        for text, exact in zip(cells, [*point, engine_loss(land, point)], strict=True):
            assert rounds_to(text, exact), (racer, step, text, exact)


def first_rates(index: int) -> dict[str, str]:
    return {racer: first_rate(index, racer) for racer in RACERS}


def test_the_first_race_shows_the_servers_table_and_words(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    assert not root.locator("[data-static]").is_visible()
    for row in SPEC["rows"]:
        cells = [root.locator(f'[data-out="{row["key"]}-{c}"]').text_content() for c in range(3)]
        assert cells == row["cells"]
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()
    assert root.locator('[data-out="description"]').text_content() == SPEC["description"]


def test_the_controls_by_pointer_and_keyboard_show_the_engines_walks(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    shows_the_engines_race(root, 0, first_rates(0), STEPS)
    # The keyboard: Home, then five steps along the step slider.
    root.locator("[data-step]").focus()
    page.keyboard.press("Home")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    shows_the_engines_race(root, 0, first_rates(0), 5)
    # The landscape by pointer: the ravine's label.
    root.get_by_label("the ravine (an ill-conditioned bowl)").click()
    shows_the_engines_race(root, 1, first_rates(1), 5)
    # ... and by keyboard: the arrow key moves on to Rosenbrock's valley.
    page.keyboard.press("ArrowDown")
    assert root.get_by_label("Rosenbrock's banana valley").is_checked()
    shows_the_engines_race(root, 2, first_rates(2), 5)
    # A rate by keyboard: Adam's η one rung up the ladder, 0.1 to 0.2.
    root.locator('[data-rate="adam"]').focus()
    page.keyboard.press("ArrowRight")
    rates = first_rates(2) | {"adam": "0.2"}
    shows_the_engines_race(root, 2, rates, 5)
    assert root.locator('[data-rate="adam"]').get_attribute("aria-valuetext") == "Adam η = 0.2"
    # The step slider by pointer: a click at the far end of its track.
    root.locator("[data-step]").scroll_into_view_if_needed()
    box = root.locator("[data-step]").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    shows_the_engines_race(root, 2, rates, STEPS)
    # A rate by pointer: a click at the far start of gradient descent's track is 0.0001.
    root.locator('[data-rate="sgd"]').scroll_into_view_if_needed()
    box = root.locator('[data-rate="sgd"]').bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    shows_the_engines_race(root, 2, rates | {"sgd": "0.0001"}, STEPS)


def type_a_loss(page: Page, root: Locator, loss: str) -> None:
    """The loss typed into the race's own-loss box and sent by Enter, as by keyboard."""
    box = root.locator("#optimizer-race-own")
    box.fill(loss)
    box.press("Enter")


def test_a_typed_loss_races_as_the_engine_walks_it(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    server_errors: list[int] = []
    page.on("response", lambda r: server_errors.append(r.status) if r.status >= 500 else None)
    # Adam's η one rung up first: the learner's rates stay as they are on the typed loss.
    root.locator('[data-rate="adam"]').focus()
    page.keyboard.press("ArrowRight")
    rates = first_rates(0) | {"adam": "0.2"}
    type_a_loss(page, root, "(w1-1)^2 + 3w2^2")
    typed = root.get_by_label("the loss you typed, L = 3*w2^2 + (w1 - 1)^2")
    typed.wait_for()
    assert typed.is_checked()
    # The start: the surface explorer's point up and left of the middle of the ±2 map.
    start = [-1.4, 1.0]
    caption = root.locator('[data-out="caption"]').text_content() or ""
    assert caption.startswith(f"Where each optimizer is after {STEPS} steps on the loss you typed")
    shows_the_engines_race(root, ("(w1-1)^2 + 3w2^2", start), rates, STEPS)
    # L* is not known for a typed loss: the plot is of L itself.
    title = root.locator('[data-out="loss-title"]').text_content()
    assert title == "The loss L against the step"
    # A second loss takes the first one's place: still one radio for a typed loss.
    type_a_loss(page, root, "x^2 + x*y + 2y^2")
    root.get_by_label("the loss you typed, L = x^2 + x*y + 2*y^2").wait_for()
    assert root.locator("[data-landscape]").count() == len(LANDSCAPES) + 1
    root.locator("[data-step]").fill("12")
    shows_the_engines_race(root, ("x^2 + x*y + 2y^2", start), rates, 12)
    assert [root.locator(f'thead [data-out="variable-{i}"]').text_content() for i in (0, 1)] == [
        "x",
        "y",
    ]
    # The ready-made landscapes are still there, each at its own rates, and the typed one
    # comes back at the rates it was raced at.
    root.get_by_label("the ravine (an ill-conditioned bowl)").check()
    shows_the_engines_race(root, 1, first_rates(1), 12)
    root.get_by_label("the loss you typed, L = x^2 + x*y + 2*y^2").check()
    shows_the_engines_race(root, ("x^2 + x*y + 2y^2", start), rates, 12)
    assert server_errors == []


@pytest.mark.parametrize(
    ("loss", "said"),
    [
        ("(w1 - 1)^2 +", "column"),
        ("x + y + z", "two variables"),
        ("", "type a loss"),
    ],
)
def test_a_loss_the_race_cannot_read_says_why_and_changes_nothing(
    open_page: OpenPage, watch: PageWatch, loss: str, said: str
) -> None:
    watch.allow("status of 422")
    page, root = opened(open_page)
    server_errors: list[int] = []
    page.on("response", lambda r: server_errors.append(r.status) if r.status >= 500 else None)
    before = [root.locator(f'[data-out="adam-{c}"]').text_content() for c in range(3)]
    type_a_loss(page, root, loss)
    error = root.locator("#optimizer-race-own-error")
    error.locator("p").wait_for()
    assert said in (error.text_content() or "")
    assert root.locator("#optimizer-race-own").get_attribute("aria-invalid") == "true"
    assert root.locator("[data-landscape]").count() == len(LANDSCAPES)
    assert [root.locator(f'[data-out="adam-{c}"]').text_content() for c in range(3)] == before
    assert server_errors == []


def test_play_runs_the_race_and_pause_stops_it(open_page: OpenPage) -> None:
    page, root = opened(open_page, reduced_motion="no-preference")
    play = root.locator("[data-play]")
    step = root.locator('[data-out="step"]')
    # At the finish, play starts the race again from step 0.
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    assert play.text_content() == "Pause"
    page.wait_for_function("(n) => Number(n.textContent) >= 3", arg=step.element_handle())
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    paused = int(step.text_content() or "")
    assert 3 <= paused < STEPS
    page.wait_for_timeout(200)
    assert step.text_content() == str(paused)
    shows_the_engines_race(root, 0, first_rates(0), paused)
    # By keyboard: Enter on the focused button plays on to the finish.
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"(n) => n.textContent === '{STEPS}'", arg=step.element_handle())
    assert play.get_attribute("aria-pressed") == "false"
    announce = root.locator('[data-out="announce"]')
    page.wait_for_function(
        f"(n) => n.textContent.startsWith('Step {STEPS}: Gradient descent L = ')",
        arg=announce.element_handle(),
    )


def test_reduced_motion_jumps_to_the_finish_without_animating(open_page: OpenPage) -> None:
    page, root = opened(open_page, reduced_motion="reduce")
    root.locator("[data-step]").fill("4")
    root.locator("[data-play]").click()
    assert root.locator('[data-out="step"]').text_content() == str(STEPS)
    assert root.locator("[data-play]").get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.getAnimations().length") == 0


def test_each_racer_is_told_apart_without_colour(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    dashes = {
        racer: root.locator(f'[data-role="path-{racer}"]').evaluate(
            "(n) => getComputedStyle(n).strokeDasharray"
        )
        for racer in RACERS
    }
    assert len(set(dashes.values())) == 4
    markers = {root.locator(f'[data-role="marker-{r}"]').get_attribute("d") for r in RACERS}
    assert len(markers) == 4
    legend = root.locator(".race-legend li").all_text_contents()
    assert [item.split(":")[1].strip() for item in legend] == [
        "solid line, circle",
        "dashed line, square",
        "dotted line, triangle",
        "dash-dot line, diamond",
    ]


def reach_every_state(page: Page, root: Locator) -> None:
    root.locator("[data-step]").fill("7")
    root.get_by_label("the saddle (w1² − w2², bounded below)").check()
    root.locator('[data-setting="beta2"]').fill("0.95")
    # A typed loss raced, then one the server cannot read, whose error stays on screen.
    type_a_loss(page, root, "w1^2 + 5w2^2")
    root.get_by_label("the loss you typed, L = w1^2 + 5*w2^2").wait_for()
    type_a_loss(page, root, "w1^2 +* w2")
    root.locator("#optimizer-race-own-error p").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(
    open_page: OpenPage, watch: PageWatch, axe_script: Path, width: int, scheme: str
) -> None:
    watch.allow("status of 422")  # the unreadable loss typed in reach_every_state
    page, root = opened(
        open_page, viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
    )
    assert axe_violations(page, axe_script) == []
    reach_every_state(page, root)
    assert axe_violations(page, axe_script) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_race_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(LESSON, java_script_enabled=False)
    root = page.locator(WIDGET)
    assert root.locator(".needs-js").is_visible()
    assert not root.locator("[data-needs-js]").is_visible()
    assert root.locator("[data-table]").is_visible()
    # The server's map: the level lines and the four walks, each with its marker.
    assert root.locator("[data-static] .contour").count() > 5
    for racer in RACERS:
        walk = root.locator(f"[data-static] .race-{racer} polyline").get_attribute("points")
        assert len((walk or "").split()) == STEPS + 1
        assert root.locator(f"[data-static] .race-{racer} .race-marker").count() == 1
    for row in SPEC["rows"]:
        cells = [root.locator(f'[data-out="{row["key"]}-{c}"]').text_content() for c in range(3)]
        assert cells == row["cells"]
    assert root.locator('[data-out="description"]').text_content() == SPEC["description"]


def test_the_race_works_on_a_static_export(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with static_site(tmp_path_factory.mktemp("static-host"), COURSE) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(f"{url}lessons/{SLUG}/")
        wait_for_widgets(page)
        root = page.locator(WIDGET)
        root.get_by_label("two valleys (a double well)").check()
        root.locator("[data-step]").fill("9")
        shows_the_engines_race(root, 4, first_rates(4), 9)
        # No server reads a typed loss here: the box is gone, and a line says why.
        assert not root.locator("[data-own-form]").is_visible()
        assert root.locator("[data-own-static]").is_visible()
        context.close()
    assert errors == []
    assert [u for u in requests if "/api/" in urlsplit(u).path] == []
    assert {urlsplit(u).netloc for u in requests} == {urlsplit(url).netloc}
