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
    timed_pointer,
    wait_for,
    weight_rows,
)

LESSON = "/lessons/gradient-descent-and-the-learning-rate"
WIDGET = '[data-widget="learning-rate-lab"]'


def main() -> int:
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            weight = page_weight(page, base_url, LESSON)
            open_widget(page, WIDGET, "[data-map]")
            slider = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
            drag = timed_pointer(page, f"{WIDGET} [data-map]", pressed=True)
            page.locator(f"{WIDGET} [data-table] summary").click()
            with_table = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
    return report(
        [
            *weight_rows("page weight", weight),
            event_row("rate slider", slider, 2.0),
            event_row("start drag", drag, 2.0),
            event_row("with the table", with_table, None),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
