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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_bench import (
    REPO,
    TIME_SLIDER,
    chromium,
    event_row,
    new_page,
    open_widget,
    page_weight,
    report,
    serving,
    timed,
    timed_pointer,
    wait_for,
    weight_rows,
)

COURSE = REPO / "tests" / "fixtures" / "curvature-course"
BOWL = "/lessons/stretched-bowl"
VALLEY = "/lessons/banana-valley"
WIDGET = '[data-widget="curvature-explorer"]'


def main() -> int:
    with serving("--lessons", str(COURSE)) as (base_url, server, started):
        wait_for(base_url + BOWL, server, started)
        with chromium() as browser:
            page = new_page(browser)
            weight = page_weight(page, base_url, BOWL)
            open_widget(page, WIDGET, "[data-map]")
            slider = timed(page, TIME_SLIDER, f"{WIDGET} [data-kappa]")
            drag = timed_pointer(page, f"{WIDGET} [data-map]", pressed=True)
            valley_page = new_page(browser)
            valley_weight = page_weight(valley_page, base_url, VALLEY)
            open_widget(valley_page, WIDGET, "[data-map]")
            valley = timed_pointer(valley_page, f"{WIDGET} [data-map]", pressed=True)
            # The drags marked the widget explored, which progress.js sends 400 ms later: let
            # those requests finish before the pages go, or their sizes cannot be read.
            valley_page.wait_for_timeout(1500)
    return report(
        [
            *weight_rows("stretched bowl", weight),
            *weight_rows("curved valley", valley_weight),
            event_row("kappa slider", slider, 2.0),
            event_row("point drag", drag, 2.0),
            event_row("valley drag", valley, 2.0),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
