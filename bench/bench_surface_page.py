"""Benchmark of the surface explorer in Chromium: main-thread time per pointer move while hovering.

Each move is a real `pointermove` dispatched on the map, the way a mouse delivers it; layout is
then forced, so the time covers the handler (evaluating L and ∇L from the trees, the arrow, the
level tangent, the slice of 121 points, the readouts) and the style and layout work it causes.
Measured with the gradient field shown and hidden. Target (issue 4): 4 ms or less per move.

Run with `.venv/bin/python bench/bench_surface_page.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_page import (
    CHROMIUM_ARGS,
    LESSON,
    REPO,
    STEEPEST,
    free_port,
    scratch_database,
    wait_for,
)

TARGET_MS = 4.0
MOVES = 400
WIDGET = '[data-widget="surface-explorer"]'

# Runs in the page: moves the pointer along a Lissajous curve over the map.
_TIME_HOVER = """([selector, count]) => {
    const svg = document.querySelector(selector + ' [data-plot]');
    const box = svg.getBoundingClientRect();
    const times = [];
    for (let i = 0; i < count; i += 1) {
        const x = box.left + box.width * (0.5 + 0.4 * Math.sin(i * 0.13));
        const y = box.top + box.height * (0.5 + 0.4 * Math.cos(i * 0.07));
        const start = performance.now();
        svg.dispatchEvent(new PointerEvent('pointermove', {
            bubbles: true, clientX: x, clientY: y, pointerType: 'mouse' }));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
    return times;
}"""


def main() -> int:
    import time

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        # A throwaway database, so a benchmark never writes into the user's own progress.
        [str(STEEPEST), "serve", "--port", str(port), "--database", scratch_database()],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = []
    try:
        wait_for(base_url + LESSON, server, time.perf_counter())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base_url + LESSON)
            page.locator(f"{WIDGET} [data-needs-js]").wait_for(state="visible")
            page.locator(f"{WIDGET} [data-plot]").scroll_into_view_if_needed()
            for label in ("field hidden", "field shown"):
                if label == "field shown":
                    page.locator(f"{WIDGET} [data-field]").check()
                page.evaluate(_TIME_HOVER, [WIDGET, 50])  # warm-up: JIT and caches
                times = page.evaluate(_TIME_HOVER, [WIDGET, MOVES])
                results.append((label, times))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)

    met_all = True
    for label, times in results:
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        met = median <= TARGET_MS
        met_all &= met
        figure = f"median {median:.2f}, p95 {p95:.2f}, worst {max(times):.2f} ms"
        print(f"hover, {label:<13} {figure:<44} {'ok' if met else 'MISSED TARGET'}")
    return 0 if met_all else 1


if __name__ == "__main__":
    sys.exit(main())
