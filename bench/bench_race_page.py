"""Benchmark of the optimizer race in Chromium, on lesson 08 that holds it: what the page weighs,
and the main-thread time of the race's inputs and animation frames.

    page weight      every byte of the lesson page and its assets, as sent     target <= 150 KB
    other hosts      requests to anything but the server itself                 target 0
    step slider      per input event: the four paths so far, the markers, the  target <= 4 ms
                     cursor, the table, then style and layout forced            (median)
    animation frame  per frame of Play that moves the step: the same drawing,   target <= 4 ms
                     from requestAnimationFrame, then style and layout forced   (median)
    Adam's rate      per input event: all four walks run again on the trees,   target <= 4 ms
                     every path and loss line redrawn                           (median)

Run with `.venv/bin/python bench/bench_race_page.py`; it prints one line per figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_bench import (
    EVENTS,
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

LESSON = "/lessons/adaptive-steps-adagrad-rmsprop-adam-and-schedules"
WIDGET = '[data-widget="optimizer-race"]'

# Runs in the page: every frame callback Play asks for is timed with the layout it forces, and
# kept when it moved the step (a frame between two steps draws nothing). Play runs the race
# again from 0 whenever it reaches the finish, until `count` frames are kept.
TIME_FRAMES = """([selector, count]) => new Promise((resolve) => {
    const root = document.querySelector(selector);
    const play = root.querySelector('[data-play]');
    const step = root.querySelector('[data-out="step"]');
    const ask = window.requestAnimationFrame.bind(window);
    const times = [];
    window.requestAnimationFrame = (callback) => ask((time) => {
        const before = step.textContent;
        const start = performance.now();
        callback(time);
        document.body.offsetHeight;
        const spent = performance.now() - start;
        if (step.textContent !== before) times.push(spent);
        if (times.length >= count) {
            if (play.getAttribute('aria-pressed') === 'true') play.click();
            window.requestAnimationFrame = ask;
            resolve(times);
        } else if (play.getAttribute('aria-pressed') === 'false') {
            ask(() => play.click());
        }
    });
    play.click();
})"""


def main() -> int:
    with serving() as (base_url, server, started):
        wait_for(base_url + LESSON, server, started)
        with chromium() as browser:
            page = new_page(browser)
            weight = page_weight(page, base_url, LESSON)
            open_widget(page, WIDGET, "[data-map]")
            step = timed(page, TIME_SLIDER, f"{WIDGET} [data-step]")
            rate = timed(page, TIME_SLIDER, f'{WIDGET} [data-rate="adam"]')
            page.evaluate(TIME_FRAMES, [WIDGET, 50])
            frames: list[float] = page.evaluate(TIME_FRAMES, [WIDGET, EVENTS // 2])
    return report(
        [
            *weight_rows("page weight", weight),
            event_row("step slider", step, 4.0),
            event_row("animation frame", frames, 4.0),
            event_row("Adam's rate", rate, 4.0),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
