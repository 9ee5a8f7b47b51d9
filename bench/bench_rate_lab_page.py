"""Benchmark of lesson 04 and its learning-rate lab in Chromium: what the page weighs, and the
main-thread time of one rate-slider input and of one move of a dragged start point.

    page weight     every byte of the lesson page and its assets, as sent      target <= 150 KB
    other hosts     requests to anything but the server itself                  target 0
    rate slider     per input event: the handler (20 steps of the update rule   target <= 2 ms
                    on the trees, the path, the one-knob picture, the log plot,  (median)
                    the readouts), then style and layout forced
    start drag      per pointermove while the start is held on the map          target <= 2 ms
    with the table  the slider again, with the table of every step open         reported only

Run with `.venv/bin/python bench/bench_rate_lab_page.py`; it prints one line per figure.
"""

from __future__ import annotations

import statistics
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

LESSON = "/lessons/gradient-descent-and-the-learning-rate"
WIDGET = '[data-widget="learning-rate-lab"]'
TARGET_MS = 2.0
EVENTS = 400

# Runs in the page: input events on the slider `selector` as a drag delivers them, 7 positions
# apart and round the track again and again (as bench_page.py moves the best box's slider), each
# followed by a forced layout so that the time covers the work the handler causes. The curvature
# explorer's bench moves its κ slider with it too.
TIME_SLIDER = """([selector, count]) => {
    const slider = document.querySelector(selector);
    const low = Number(slider.min), high = Number(slider.max), step = Number(slider.step);
    const positions = Math.round((high - low) / step);
    const decimals = (slider.step.split('.')[1] || '').length;
    const times = [];
    for (let i = 0; i < count; i += 1) {
        const value = low + ((i * 7) % positions) * step;
        const start = performance.now();
        slider.value = value.toFixed(decimals);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
    return times;
}"""

# Runs in the page: presses on the map of the widget `selector`, then moves the held pointer
# along a Lissajous curve. The curvature explorer's bench drags its point with it too.
TIME_DRAG = """([selector, count]) => {
    const svg = document.querySelector(selector + ' [data-map]');
    const frame = svg.querySelector('.plot-frame').getBoundingClientRect();
    const at = (i) => [frame.left + frame.width * (0.5 + 0.4 * Math.sin(i * 0.13)),
                       frame.top + frame.height * (0.5 + 0.4 * Math.cos(i * 0.07))];
    const event = (type, [x, y]) => new PointerEvent(type, {
        bubbles: true, clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', buttons: 1 });
    svg.dispatchEvent(event('pointerdown', at(0)));
    const times = [];
    for (let i = 1; i <= count; i += 1) {
        const start = performance.now();
        svg.dispatchEvent(event('pointermove', at(i)));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
    svg.dispatchEvent(event('pointerup', at(count)));
    return times;
}"""


def timed(page: Page, script: str, selector: str) -> list[float]:
    page.evaluate(script, [selector, 50])  # warm-up: JIT and caches
    times: list[float] = page.evaluate(script, [selector, EVENTS])
    return times


def figure(times: list[float]) -> tuple[str, float]:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"median {median:.2f}, p95 {p95:.2f}, worst {max(times):.2f} ms", median


def main() -> int:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        # A throwaway database, so a benchmark never writes into the user's own progress.
        [str(STEEPEST), "serve", "--port", str(port), "--database", scratch_database()],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base_url + LESSON, server, time.perf_counter())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            weight, decoded, requests, foreign = page_weight(page, base_url, LESSON)
            page.locator(f"{WIDGET} [data-needs-js]").wait_for(state="visible")
            page.locator(f"{WIDGET} [data-map]").scroll_into_view_if_needed()
            slider = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
            drag = timed(page, TIME_DRAG, WIDGET)
            page.locator(f"{WIDGET} [data-table] summary").click()
            with_table = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)

    (slider_text, slider_median), (drag_text, drag_median) = figure(slider), figure(drag)
    results = [
        (
            "page weight",
            f"{weight / 1024:.1f} KB on the wire ({decoded / 1024:.1f} KB decoded)"
            f" in {requests} requests",
            weight <= 150 * 1024,
        ),
        ("other hosts", f"{foreign} requests", foreign == 0),
        ("rate slider", slider_text, slider_median <= TARGET_MS),
        ("start drag", drag_text, drag_median <= TARGET_MS),
        ("with the table", figure(with_table)[0], True),
    ]
    for name, text, met in results:
        print(f"{name:<15} {text:<50} {'ok' if met else 'MISSED TARGET'}")
    return 0 if all(met for _, _, met in results) else 1


if __name__ == "__main__":
    sys.exit(main())
