"""The minibatch lab in Chromium, on the fixture lesson: the browser's twin of the engine's
generator makes the same data, batches and minibatch steps as the engine for several seeds and
batch sizes; the sliders, driven by pointer and keyboard, and the seed stepper show the engine's
numbers; axe finds nothing at 1280 and 360 px, light and dark; nothing animates; the page reads
without JavaScript; and the lab works on a static export of the fixture folder."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sympy
from playwright.sync_api import Browser, Locator, Page

from minibatch_reference import FIXTURE, SLUG, examples
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.optimizers.minibatch import Regression, epoch_batches, minibatch_gradient
from steepest.engine.optimizers.rules import GradientDescent
from steepest.engine.optimizers.seeded import draws
from steepest.engine.optimizers.walks import walk
from steepest.widgets import minibatch_lab
from steepest.widgets.minibatch_lab import spec as lab_spec

from .conftest import OpenPage, _free_port, _wait_until_answering, static_site, wait_for_widgets
from .test_accessibility import axe_script, axe_violations
from .test_screenshots import SCREEN_HEIGHT, SHOTS, check_region

pytestmark = pytest.mark.browser

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

LESSON = f"/lessons/{SLUG}"
WIDGET = '[data-widget="minibatch-lab"]'
MODULES = "/static/js/widgets/minibatch-lab"
# (seed, examples, batch): a batch that divides the count, one that does not, single examples,
# the whole set, and the largest seed.
CASES = [(7, 20, 4), (0, 13, 5), (123456789, 9, 1), (2**32 - 1, 11, 11), (42, 30, 7)]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on the fixture lesson folder, in place of the shipped lessons."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("steepest")), "serve", "--port", str(port)]
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    environment = {
        **os.environ,
        "STEEPEST_LESSON_DIR": str(FIXTURE),
        "STEEPEST_DATABASE_URL": database,
        "STEEPEST_RATE_LIMIT": "0",
    }
    process = subprocess.Popen(command, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url + "/", process, limit_s=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def opened(open_page: OpenPage, **options: object) -> tuple[Page, Locator]:
    page = open_page(LESSON, **options)
    wait_for_widgets(page)
    return page, page.locator(WIDGET)


def in_browser(page: Page, body: str, *arguments: Any) -> Any:
    """Run `body` with the lab's modules imported as `seeded` and `descent`, and its spec."""
    script = f"""async (args) => {{
        const seeded = await import("{MODULES}/seeded.js");
        const descent = await import("{MODULES}/descent.js");
        const spec = JSON.parse(document.querySelector('{WIDGET} [data-spec]').textContent);
        {body}
    }}"""
    return page.evaluate(script, list(arguments))


def test_the_browsers_draws_data_and_batches_are_the_engines(open_page: OpenPage) -> None:
    page, _ = opened(open_page)
    for seed, count, size in CASES:
        found = in_browser(
            page,
            """const [seed, count, size] = args;
            const next = seeded.stream(seed);
            return {
                draws: Array.from({ length: 6 }, () => next()),
                data: seeded.lineExamples(seed, count, 2, -1, 0.5),
                epochs: [0, 1, 2].map((e) => seeded.epochBatches(count, size, seed, e)),
            };""",
            seed,
            count,
            size,
        )
        stream = draws(seed)
        assert found["draws"] == [next(stream) for _ in range(6)]
        data = examples(seed, count)
        assert [e["x"] for e in found["data"]] == [float(e.x) for e in data]
        for shown, example in zip(found["data"], data, strict=True):
            assert math.isclose(shown["y"], float(example.y), rel_tol=1e-15, abs_tol=1e-15)
        engine = [[list(b) for b in epoch_batches(count, size, seed, e)] for e in range(3)]
        assert found["epochs"] == engine, (seed, count, size)


@pytest.mark.parametrize(("seed", "count", "size"), CASES)
def test_the_browsers_minibatch_steps_are_the_engines(
    open_page: OpenPage, seed: int, count: int, size: int
) -> None:
    page, _ = opened(open_page)
    steps, rate = 12, sympy.Rational(1, 20)
    points = in_browser(
        page,
        """const [seed, count, size, steps] = args;
        const data = seeded.lineExamples(seed, count, 2, -1, 0.5);
        const batches = descent.stepBatches(count, size, seed, steps);
        return descent.walk(spec, data, batches, 0.05, [0, 0], steps);""",
        seed,
        count,
        size,
        steps,
    )
    weights = (make_symbol("w"), make_symbol("b"))
    problem = Regression(
        (weights[0] * make_symbol("x") + weights[1] - make_symbol("y")) ** 2,
        weights,
        make_symbol("x"),
        make_symbol("y"),
        examples(seed, count),
    )
    start = (sympy.Integer(0), sympy.Integer(0))
    engine = walk(GradientDescent(rate), minibatch_gradient(problem, size, seed), start, steps)
    for shown, exact in zip(points, engine, strict=True):
        for value, expected in zip(shown, exact, strict=True):
            assert math.isclose(value, float(expected), rel_tol=1e-12, abs_tol=1e-12)


def engine_spec(**params: Any) -> minibatch_lab.MinibatchLabSpec:
    return lab_spec.compute_spec(minibatch_lab.read_params(params))


def shows_the_engines_step(root: Locator, spec: minibatch_lab.MinibatchLabSpec, k: int) -> None:
    row = spec["rows"][k]
    assert root.locator('[data-out="mini-point"]').text_content() == "({}, {})".format(
        *row["minibatch"]
    )
    assert root.locator('[data-out="full-point"]').text_content() == "({}, {})".format(*row["full"])
    assert root.locator('[data-out="mini-loss"]').text_content() == row["minibatch_loss"]
    assert root.locator('[data-out="full-loss"]').text_content() == row["full_loss"]
    root.locator('[data-out="description"][aria-busy="false"]').wait_for()
    assert root.locator('[data-out="description"]').text_content() == spec["description"]


def test_the_controls_by_pointer_and_keyboard_show_the_engines_numbers(
    open_page: OpenPage,
) -> None:
    page, root = opened(open_page)
    shows_the_engines_step(root, engine_spec(), 0)
    # The keyboard: three steps along the step slider.
    root.locator("[data-step]").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert root.locator('[data-out="step"]').text_content() == "3"
    shows_the_engines_step(root, engine_spec(), 3)
    # The pointer: a click at the batch slider's far end makes the batch the whole data set.
    box = root.locator("[data-batch]").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    assert root.locator('[data-out="batch"]').text_content() == "20"
    whole = engine_spec(batch=20)
    shows_the_engines_step(root, whole, 3)
    # With every example in each batch the two walks are one.
    assert whole["rows"][3]["minibatch"] == whole["rows"][3]["full"]
    # The seed: the stepper's button by pointer, then the arrow key in the box, then typed.
    root.get_by_role("button", name="Next seed").click()
    shows_the_engines_step(root, engine_spec(batch=20, seed=8), 3)
    root.locator("[data-batch]").focus()
    page.keyboard.press("Home")
    assert root.locator('[data-out="batch"]').text_content() == "1"
    root.locator("[data-seed]").focus()
    page.keyboard.press("ArrowUp")
    assert root.locator("[data-seed]").input_value() == "9"
    shows_the_engines_step(root, engine_spec(batch=1, seed=9), 3)
    root.locator("[data-seed]").fill("123456")
    page.keyboard.press("Tab")
    shows_the_engines_step(root, engine_spec(batch=1, seed=123456), 3)
    # The rate, by keyboard: one slider step up from 0.1.
    root.locator("[data-rate]").focus()
    page.keyboard.press("ArrowRight")
    assert root.locator('[data-out="rate"]').text_content() == "0.11"
    last = engine_spec(batch=1, seed=123456, rate="0.11")
    shows_the_engines_step(root, last, 3)
    # The pointer again: the step slider's thumb dragged to the far end of its track.
    box = root.locator("[data-step]").bounding_box()
    assert box is not None
    middle = box["y"] + box["height"] / 2
    thumb = box["x"] + 10 + (box["width"] - 20) * 3 / 20
    page.mouse.move(thumb, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, middle, steps=5)
    page.mouse.move(box["x"] + box["width"] + 20, middle, steps=5)
    page.mouse.up()
    assert root.locator('[data-out="step"]').text_content() == "20"
    shows_the_engines_step(root, last, 20)


def test_the_cloud_is_every_batch_of_eight_epochs(open_page: OpenPage) -> None:
    _, root = opened(open_page)
    dots = root.locator('[data-role="cloud"]').get_attribute("d") or ""
    assert dots.count("M") == 8 * 5  # five batches of 4 in each of 8 epochs of 20 examples
    spread = root.locator('[data-out="spread"]').text_content() or ""
    assert spread.startswith("Over all 40 batches of 8 epochs")
    root.locator("[data-batch]").fill("20")
    # One batch holds every example: every estimate is the true gradient.
    assert "a root-mean-square 0 from" in (root.locator('[data-out="spread"]').text_content() or "")


def test_the_loss_plot_holds_both_walks(open_page: OpenPage) -> None:
    _, root = opened(open_page)

    def points(role: str) -> list[str]:
        return (root.locator(f'[data-role="{role}"]').get_attribute("points") or "").split()

    assert len(points("loss-line")) == len(points("loss-line-other")) == 21
    assert points("loss-line") != points("loss-line-other")
    # With every example in each batch the two walks, and so their losses, are one.
    root.locator("[data-batch]").fill("20")
    assert points("loss-line") == points("loss-line-other")


def test_the_live_region_speaks_once_the_input_rests(open_page: OpenPage) -> None:
    page, root = opened(open_page)
    root.locator("[data-step]").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    region = root.locator('[data-out="announce"]')
    assert region.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "(node) => node.textContent.startsWith('Step 2, epoch 1.')", arg=region.element_handle()
    )


def reach_every_state(page: Page, root: Locator) -> None:
    root.locator("[data-batch]").fill("1")
    root.locator("[data-step]").fill("7")
    root.get_by_role("button", name="Next seed").click()
    root.locator("[data-table] summary").click()
    root.locator("[data-data-table] summary").click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(open_page: OpenPage, axe_script: Path, width: int, scheme: str) -> None:
    page, root = opened(
        open_page, viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
    )
    assert axe_violations(page, axe_script) == []
    reach_every_state(page, root)
    assert axe_violations(page, axe_script) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_nothing_animates(open_page: OpenPage, motion: str) -> None:
    """Every change is drawn at once, so there is nothing for reduced motion to turn off."""
    page, root = opened(open_page, reduced_motion=motion)
    reach_every_state(page, root)
    assert page.evaluate("document.getAnimations().length") == 0


def test_the_lab_reads_without_javascript(open_page: OpenPage) -> None:
    page = open_page(LESSON, java_script_enabled=False)
    root = page.locator(WIDGET)
    assert root.locator(".needs-js").is_visible()
    assert not root.locator("[data-needs-js]").is_visible()
    assert root.locator("[data-static] svg").count() == 2
    assert root.locator("[data-static] .contour").count() > 3
    spec = engine_spec()
    assert root.locator('[data-out="description"]').text_content() == spec["description"]
    root.locator("[data-table] summary").click()
    rows = root.locator("[data-rows] tr")
    assert rows.count() == 21
    assert rows.nth(5).locator("td").all_text_contents()[2:4] == spec["rows"][5]["minibatch"]
    root.locator("[data-data-table] summary").click()
    assert root.locator("[data-data-rows] tr").count() == 20


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, root = opened(
        open_page, viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme
    )
    root.locator("[data-step]").fill("4")
    check_region(page, WIDGET, SHOTS / f"minibatch-lab-{width}-{scheme}.png", scheme)
    root.locator("[data-batch]").fill("1")
    check_region(page, WIDGET, SHOTS / f"minibatch-lab-single-{width}-{scheme}.png", scheme)


def test_the_lab_works_on_a_static_export(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with static_site(tmp_path_factory.mktemp("static-host"), FIXTURE) as url:
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
        root.locator("[data-batch]").fill("5")
        root.locator("[data-step]").fill("6")
        shows_the_engines_step(root, engine_spec(batch=5), 6)
        context.close()
    assert errors == []
    assert [u for u in requests if "/api/" in urlsplit(u).path] == []
    assert {urlsplit(u).netloc for u in requests} == {urlsplit(url).netloc}
