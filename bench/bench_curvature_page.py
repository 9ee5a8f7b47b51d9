"""Benchmark of the curvature explorer in Chromium, on the test course's two lessons
(tests/fixtures/curvature-course): what a page weighs, and the main-thread time of one move of
the κ slider and of one move of the dragged point.

    page weight     every byte of the lesson page and its assets, as sent      target <= 150 KB
    other hosts     requests to anything but the server itself                  target 0
    kappa slider    per input event on the stretched bowl: the ellipses for the   target <= 2 ms
                    new κ, the reading at the point, both walks (gradient         (median)
                    descent at the best rate takes ~600 steps at κ = 100), the
                    model, the readouts; then style and layout forced
    point drag      per pointermove on the stretched bowl                       target <= 2 ms
    valley drag     per pointermove on the curved valley, where descent at       target <= 2 ms
                    η = 0.01 runs all of its 1000 steps at almost every point

Run with `.venv/bin/python bench/bench_curvature_page.py`; it prints one line per figure.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_page import (
    CHROMIUM_ARGS,
    REPO,
    STEEPEST,
    free_port,
    page_weight,
    scratch_database,
    wait_for,
)
from bench_rate_lab_page import TIME_DRAG, TIME_SLIDER, figure, timed

COURSE = REPO / "tests" / "fixtures" / "curvature-course"
BOWL = "/lessons/stretched-bowl"
VALLEY = "/lessons/banana-valley"
WIDGET = '[data-widget="curvature-explorer"]'
TARGET_MS = 2.0


def opened(page: Page, base_url: str, path: str) -> tuple[int, int, int, int]:
    measured = page_weight(page, base_url, path)
    page.locator(f"{WIDGET} [data-needs-js]").wait_for(state="visible")
    page.locator(f"{WIDGET} [data-map]").scroll_into_view_if_needed()
    return measured


def main() -> int:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    # A throwaway database, so a benchmark never writes into the user's own progress.
    command = [str(STEEPEST), "serve", "--port", str(port), "--lessons", str(COURSE)]
    server = subprocess.Popen(
        [*command, "--database", scratch_database()],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base_url + BOWL, server, time.perf_counter())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            weight, decoded, requests, foreign = opened(page, base_url, BOWL)
            slider = timed(page, TIME_SLIDER, f"{WIDGET} [data-kappa]")
            drag = timed(page, TIME_DRAG, WIDGET)
            valley_page = browser.new_page(viewport={"width": 1280, "height": 900})
            valley_weight, _, _, valley_foreign = opened(valley_page, base_url, VALLEY)
            valley = timed(valley_page, TIME_DRAG, WIDGET)
            # The drags marked the widget explored, which progress.js sends 400 ms later: let
            # those requests finish before the pages go, or their sizes cannot be read.
            valley_page.wait_for_timeout(1500)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)

    figures = [figure(times) for times in (slider, drag, valley)]
    results = [
        (
            "page weight",
            f"{weight / 1024:.1f} KB on the wire ({decoded / 1024:.1f} KB decoded)"
            f" in {requests} requests; the valley {valley_weight / 1024:.1f} KB",
            max(weight, valley_weight) <= 150 * 1024,
        ),
        ("other hosts", f"{foreign + valley_foreign} requests", foreign + valley_foreign == 0),
        ("kappa slider", figures[0][0], figures[0][1] <= TARGET_MS),
        ("point drag", figures[1][0], figures[1][1] <= TARGET_MS),
        ("valley drag", figures[2][0], figures[2][1] <= TARGET_MS),
    ]
    for name, text, met in results:
        print(f"{name:<15} {text:<70} {'ok' if met else 'MISSED TARGET'}")
    return 0 if all(met for _, _, met in results) else 1


if __name__ == "__main__":
    sys.exit(main())
