"""Benchmark of the minibatch lab on lesson 06, which holds it, in
Chromium: what the page weighs, and the main-thread time of one input of each slider.

    page weight     every byte of the lesson page and its assets, as sent      target <= 150 KB
    other hosts     requests to anything but the server itself                  target 0
    batch slider    per input event: both walks of 20 steps on the trees, the   target <= 2 ms
                    cloud of 8 epochs' estimates, the map, the scatter, the      (median)
                    gradient and loss plots and the readouts, then layout forced
    rate slider     the same, per rate input                                    target <= 2 ms
    step slider     per input: the cloud, the pictures and readouts at one step target <= 2 ms
    with the table  the batch slider again, with the table of every step open   reported only

Run with `.venv/bin/python bench/bench_minibatch_page.py`; it prints one line per figure.
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

LESSON = "/lessons/stochastic-and-minibatch-gradient-descent"
WIDGET = '[data-widget="minibatch-lab"]'


def main() -> int:
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            weight = page_weight(page, base_url, LESSON)
            open_widget(page, WIDGET, "[data-map]")
            batch = timed(page, TIME_SLIDER, f"{WIDGET} [data-batch]")
            rate = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
            step = timed(page, TIME_SLIDER, f"{WIDGET} [data-step]")
            page.locator(f"{WIDGET} [data-table] summary").click()
            with_table = timed(page, TIME_SLIDER, f"{WIDGET} [data-batch]")
    return report(
        [
            *weight_rows("page weight", weight),
            event_row("batch slider", batch, 2.0),
            event_row("rate slider", rate, 2.0),
            event_row("step slider", step, 2.0),
            event_row("with the table", with_table, None),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
