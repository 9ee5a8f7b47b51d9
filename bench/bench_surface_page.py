"""Benchmark of the surface explorer in Chromium: main-thread time per pointer move while hovering.

Each move is a real `pointermove` dispatched on the map, the way a mouse delivers it; layout is
then forced, so the time covers the handler (evaluating L and ∇L from the trees, the arrow, the
level tangent, the slice of 121 points, the readouts) and the style and layout work it causes.
Measured with the gradient field shown and hidden. Target (issue 4): 4 ms or less per move.

Run with `.venv/bin/python bench/bench_surface_page.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_bench import (
    chromium,
    event_row,
    new_page,
    open_widget,
    report,
    serving,
    timed_pointer,
    wait_for,
)

LESSON = "/lessons/partial-derivatives-and-the-gradient"
WIDGET = '[data-widget="surface-explorer"]'


def main() -> int:
    rows = []
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            page.goto(base_url + LESSON)
            open_widget(page, WIDGET, "[data-plot]")
            for label in ("hover, field hidden", "hover, field shown"):
                if label.endswith("shown"):
                    page.locator(f"{WIDGET} [data-field]").first.check()
                times = timed_pointer(page, f"{WIDGET} [data-plot]", pressed=False)
                rows.append(event_row(label, times, 4.0))
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
