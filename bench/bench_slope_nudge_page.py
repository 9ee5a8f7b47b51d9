"""Benchmark of the slope-nudge widget in Chromium: main-thread time per slider input and per
pointer move while dragging the point.

Each event is dispatched the way the browser delivers it (an `input` on the nudge slider, a
`pointermove` on the plot while the pointer is captured); layout is then forced, so the time
covers the handler (evaluating L and L′ from the trees at the point and at all 13 nudges, the
lines, the readouts, the error plot and the table) and the style and layout work it causes.
Target (issue 16): 2 ms or less per event, median.

Run with `.venv/bin/python bench/bench_slope_nudge_page.py`.
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
    report,
    serving,
    timed,
    timed_pointer,
    wait_for,
)

LESSON = "/lessons/loss-and-the-derivative-as-a-slope"
WIDGET = '[data-widget="slope-nudge"]'


def main() -> int:
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            page.goto(base_url + LESSON)
            open_widget(page, WIDGET, "[data-plot]")
            slider = timed(page, TIME_SLIDER, f"{WIDGET} [data-nudge]")
            drag = timed_pointer(page, f"{WIDGET} [data-plot]", pressed=True)
    return report([event_row("nudge slider", slider, 2.0), event_row("point drag", drag, 2.0)])


if __name__ == "__main__":
    sys.exit(main())
