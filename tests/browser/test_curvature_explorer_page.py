"""The curvature explorer's page in Chromium: axe finds nothing at 1280 and 360 px, light and
dark; without JavaScript the readouts and the table are there; the browser's walks and words
are the engine's, step for step and word for word; and the static export runs it all without
a server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy
from playwright.sync_api import Browser

from steepest.engine.surface.step_counts import Trees, descent_walk, newton_walk
from steepest.widgets.curvature_explorer.words import (
    Reading,
    description,
    direction_text,
    readouts,
    value_text,
)

from .conftest import OpenPage, static_site, wait_for_widgets
from .test_accessibility import axe_script, axe_violations
from .test_curvature_explorer import (
    BOWL_PAGE,
    COURSE,
    ROTATED,
    VALLEY_PAGE,
    WIDGET,
    assert_readouts_are_the_engines,
    base_url,
    engine_spec,
    opened,
    set_kappa,
    settled,
    shown_point,
    stretched_text,
)
from .test_screenshots import SCREEN_HEIGHT, SHOTS

pytestmark = pytest.mark.browser

# Fixtures, imported to make them visible to these tests: the server of the curvature course.
__all__ = ["axe_script", "base_url"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations(open_page: OpenPage, axe_script: Path, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in (BOWL_PAGE, VALLEY_PAGE):
        page, root = opened(
            open_page,
            path,
            viewport={"width": width, "height": SCREEN_HEIGHT},
            color_scheme=scheme,
            bypass_csp=True,
        )
        root.locator("[data-map]").focus()
        page.keyboard.press("ArrowLeft")
        root.locator("[data-table] summary").click()
        settled(root)
        assert page.evaluate("document.documentElement.scrollWidth") == width
        root.screenshot(
            path=str(SHOTS / f"curvature-{path.rsplit('/', 1)[1]}-{width}-{scheme}.png")
        )
        violations = axe_violations(page, axe_script)
        assert violations == [], "\n".join(violations)


def test_without_javascript_the_readouts_and_the_table_are_there(open_page: OpenPage) -> None:
    page = open_page(BOWL_PAGE, java_script_enabled=False)
    root = page.locator(WIDGET)
    assert root.locator("[data-map]").is_hidden()
    assert root.locator("[data-kappa]").is_hidden()
    spec = engine_spec({"expression": ROTATED, "kappa": [1, 100], "start": {"w1": -1.5, "w2": 1}})
    for row in spec["readouts"]:
        assert root.locator(f'[data-out="{row["key"]}"]').text_content() == row["value"]
    assert root.locator('[data-out="description"]').text_content() == spec["description"]
    root.locator("[data-table] summary").click()
    assert root.locator("[data-rows] tr").count() == len(spec["rows"])
    assert "need JavaScript" in (root.locator(".needs-js").text_content() or "")


def test_the_browser_writes_numbers_and_directions_as_the_server_does(open_page: OpenPage) -> None:
    page, _ = opened(open_page)
    values = [0, 1e-13, -2.2e-16, 0.25, -1.5, 1 / 3, 59.123, 1510.4, 2.5e-5]
    vectors = [(1.0, 0.0), (0.0, 1.0), (-0.7071067811865476, 0.7071067811865475)]
    vectors += [(0.7071067811865475, -0.7071067811865476), (-0.345, -0.939), (0.939, -0.345)]
    shown = page.evaluate(
        """async ([values, vectors]) => {
            const words = await import('/static/js/widgets/curvature/words.js');
            return [values.map(words.valueText), vectors.map(words.directionText)];
        }""",
        [values, vectors],
    )
    assert shown == [[value_text(v) for v in values], [direction_text(v) for v in vectors]]


@pytest.mark.parametrize(
    ("path", "kappa"), [(BOWL_PAGE, 3.0), (BOWL_PAGE, 57.3), (VALLEY_PAGE, None)]
)
def test_the_browsers_walks_are_the_engines_step_for_step(
    open_page: OpenPage, path: str, kappa: float | None
) -> None:
    """The same loops on the same trees: compiled in the browser, walked by the tree evaluator
    in the engine, to the same step counts through the same points."""
    page, root = opened(open_page, path)
    spec = json.loads(root.locator("[data-spec]").text_content() or "{}")
    rate = spec["rate"] if spec["rate"] is not None else 2 / (2 + 2 * (kappa or 1))
    walked = page.evaluate(
        """async ([spec, kappa, rate]) => {
            const walks = await import('/static/js/widgets/curvature/walks.js');
            const trees = walks.treesAt(spec, kappa);
            const start = spec.start;
            return [walks.descentWalk(trees, start, rate, spec.tolerance, spec.steps),
                    walks.newtonWalk(trees, start, spec.tolerance, spec.steps)];
        }""",
        [spec, kappa, rate],
    )
    trees = Trees(
        (spec["variables"][0], spec["variables"][1]),
        (spec["partials"][0], spec["partials"][1]),
        (spec["hessian"][0], spec["hessian"][1], spec["hessian"][2]),
        {} if kappa is None else {"kappa": kappa},
    )
    start = (spec["start"][0], spec["start"][1])
    expected = [
        descent_walk(trees, start, rate, spec["tolerance"], spec["steps"]),
        newton_walk(trees, start, spec["tolerance"], spec["steps"]),
    ]
    for shown, walk in zip(walked, expected, strict=True):
        assert (shown["end"], shown["steps"]) == (walk.end, walk.steps)
        # The same operations in the same order; only a power's last bit may differ (V8's
        # Math.pow is not C's pow), which cancellation in the valley's slope magnifies.
        flat = [c for point in walk.points for c in point]
        assert [c for p in shown["points"] for c in p] == pytest.approx(flat, rel=1e-12)
        assert shown["slopes"] == pytest.approx(walk.slopes, rel=1e-9, abs=1e-15)


def test_the_static_export_runs_the_widget_without_the_api(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Exported and served as plain files: the widget computes everything in the browser."""
    with static_site(tmp_path_factory.mktemp("static-host"), COURSE) as index:
        url = f"{index}lessons/stretched-bowl/"
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(url)
        wait_for_widgets(page)
        widget = page.locator(WIDGET)
        widget.locator("[data-map]").focus()
        page.keyboard.press("ArrowDown")
        set_kappa(widget, "20")
        assert_readouts_are_the_engines(widget, {"expression": stretched_text(sympy.Integer(20))})
        assert shown_point(widget) == {"w1": "-1.5", "w2": "0.9"}
        assert errors == []
        assert [r for r in requests if "/api/" in r] == []
        context.close()


READINGS = [
    Reading((-1.5, 1.0), 3.5, (-4.0, 1.0), (4.0, 2.0, 4.0), (2.0, 6.0),
            ((0.7071067811865476, -0.7071067811865476), (0.7071067811865476, 0.7071067811865476)),
            (2e-16, -1e-17), 0.25, True, "13 steps to |∇L| < 0.001", "1 step to |∇L| < 0.001"),
    Reading((-0.5, 1.0), 7.875, (12.0, 15.0), (-8.0, 20.0, 20.0), (-18.4, 30.4),
            ((0.887, -0.462), (0.462, 0.887)), (-0.607, 0.357), 0.01, False,
            "more than 1000 steps: |∇L| is not below 0.001 yet", "5 steps to |∇L| < 0.001"),
    Reading((0.0, 1.0), 1.0, (0.0, 2.0), (0.0, 0.0, 2.0), (0.0, 2.0), ((1.0, 0.0), (0.0, 1.0)),
            None, 0.1, False, "flies off after 3 steps",
            "stuck after 0 steps: H has no inverse there"),
]  # fmt: skip


@pytest.mark.parametrize("reading", READINGS)
def test_the_browser_words_a_reading_as_the_server_does(
    open_page: OpenPage, reading: Reading
) -> None:
    page, _ = opened(open_page)
    as_js = {
        "point": reading.point,
        "loss": reading.loss,
        "gradient": reading.gradient,
        "hessian": reading.hessian,
        "eigenvalues": reading.eigenvalues,
        "vectors": reading.vectors,
        "newton": reading.newton,
        "rate": reading.rate,
        "bestRate": reading.best_rate,
        "descent": reading.descent,
        "newtonWalk": reading.newton_walk,
    }
    shown = page.evaluate(
        """async (reading) => {
            const words = await import('/static/js/widgets/curvature/words.js');
            return [words.readouts(reading), words.description(reading)];
        }""",
        as_js,
    )
    assert shown == [{row["key"]: row["value"] for row in readouts(reading)}, description(reading)]
