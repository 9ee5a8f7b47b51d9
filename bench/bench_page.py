"""Benchmark of the lesson pages: what they weigh, how fast lesson 02's slider reacts, how fast
the server starts. Run with `.venv/bin/python bench/bench_page.py`; it prints one line per figure.

    page weight        every byte of each lesson page and its assets      target <= 150 KB
    other hosts        requests to anything but the server itself          target 0
    slider input       main-thread time per input event (handler, then     target <= 2 ms
                       style and layout forced): median, p95, worst         (median)
    startup            `steepest serve` spawned -> first answered request  target < 1.5 s
    first lesson       spawned -> lesson page answered (engine results)    reported only
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_bench import (
    TIME_SLIDER,
    chromium,
    event_row,
    new_page,
    open_widget,
    page_weight,
    report,
    serving,
    timed,
    wait_for,
    weight_rows,
)

LESSON = "/lessons/partial-derivatives-and-the-gradient"
# Every page whose weight is measured: the lesson whose slider is timed last.
WEIGHED = (
    "/lessons/loss-and-the-derivative-as-a-slope",
    "/lessons/backpropagation",
    "/lessons/gradient-descent-and-the-learning-rate",
    LESSON,
)
WIDGET = '[data-widget="best-box"]'


def main() -> int:
    rows = []
    with serving() as (base_url, server, started):
        startup = wait_for(base_url + "/", server, started)
        first_lesson = wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            for path in WEIGHED:
                # A fresh page each time: nothing comes from the cache of an earlier load.
                page = new_page(browser)
                rows += weight_rows(path.rsplit("/", 1)[-1][:24], page_weight(page, base_url, path))
            open_widget(page, WIDGET, "[data-slider]")
            times = timed(page, TIME_SLIDER, f"{WIDGET} [data-slider]")
    rows += [
        event_row("slider input", times, 2.0),
        ("startup", f"{startup:.3f} s to the first answer", startup < 1.5),
        ("first lesson", f"{first_lesson:.3f} s to the lesson page", True),
    ]
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
