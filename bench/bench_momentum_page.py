"""Benchmark of the momentum lab in Chromium, on lesson 07 that holds it: what the
page weighs, and the main-thread time of one input of each slider.

    page weight     every byte of the lesson page and its assets, as sent      target <= 150 KB
    other hosts     requests to anything but the server itself                  target 0
    rate slider     per input event: the handler (two walks of 40 steps on the  target <= 2 ms
                    trees, both paths, both loss lines, the readouts), then      (median)
                    style and layout forced
    beta slider     the same, from the momentum's slider                        target <= 2 ms
    with the table  the rate slider again, with the table of every step open    reported only

Run with `.venv/bin/python bench/bench_momentum_page.py`; it prints one line per figure.
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

LESSON = "/lessons/momentum"
WIDGET = '[data-widget="momentum-lab"]'


def main() -> int:
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            weight = page_weight(page, base_url, LESSON)
            open_widget(page, WIDGET, "[data-map]")
            rate = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
            beta = timed(page, TIME_SLIDER, f"{WIDGET} [data-beta]")
            page.locator(f"{WIDGET} [data-table] summary").click()
            with_table = timed(page, TIME_SLIDER, f"{WIDGET} [data-rate]")
    return report(
        [
            *weight_rows("page weight", weight),
            event_row("rate slider", rate, 2.0),
            event_row("beta slider", beta, 2.0),
            event_row("with the table", with_table, None),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
