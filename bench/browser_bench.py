"""What the browser benchmarks share: a `steepest serve` with a throwaway database, Chromium,
the page-weight count, the in-page scripts that time input events, and the report.

Each `bench_*_page.py` names its lesson, its widget and the events it times; this module does
the rest, so every figure is measured the same way. (A module of its own, not `bench_*.py`:
run_all.py runs those as benchmarks.)
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Request, sync_playwright

REPO = Path(__file__).resolve().parents[1]
STEEPEST = Path(sys.executable).with_name("steepest")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_LIMIT_BYTES = 150 * 1024
EVENTS = 400
WARM_UP_EVENTS = 50

# Runs in the page: input events on a range slider as a drag delivers them, 7 positions apart
# and round the track again and again, each followed by a forced layout, so that the time
# covers the handler and the style and layout work it causes.
TIME_SLIDER = """([selector, count]) => {
    const slider = document.querySelector(selector);
    const low = Number(slider.min), high = Number(slider.max);
    const step = slider.step === 'any' || !slider.step ? (high - low) / 100 : Number(slider.step);
    const positions = Math.round((high - low) / step);
    const times = [];
    for (let i = 0; i < count; i += 1) {
        const value = low + ((i * 7) % (positions + 1)) * step;
        const start = performance.now();
        slider.value = String(value);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
    return times;
}"""

# Runs in the page: a pointer pressed on the element, then moved along a Lissajous curve over
# its plot frame while held (or, with `pressed` false, hovering), each move followed by a forced
# layout.
TIME_POINTER = """([selector, count, pressed]) => {
    const target = document.querySelector(selector);
    // Within the plot's frame where it has one: a press on the margin starts no drag.
    const box = (target.querySelector('.plot-frame') ?? target).getBoundingClientRect();
    const at = (i) => ({
        bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true,
        buttons: pressed ? 1 : 0,
        clientX: box.left + box.width * (0.5 + 0.4 * Math.sin(i * 0.13)),
        clientY: box.top + box.height * (0.5 + 0.4 * Math.cos(i * 0.07)),
    });
    if (pressed) {
        target.dispatchEvent(new PointerEvent('pointerdown', at(0)));
        // Synthetic events carry no real pointer to capture: say the element holds it, as it
        // would during a real drag.
        target.hasPointerCapture = () => true;
    }
    const times = [];
    for (let i = 1; i <= count; i += 1) {
        const start = performance.now();
        target.dispatchEvent(new PointerEvent('pointermove', at(i)));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
    if (pressed) target.dispatchEvent(new PointerEvent('pointerup', at(count)));
    return times;
}"""


def scratch_database() -> str:
    folder = tempfile.mkdtemp(prefix="steepest-bench-")
    return f"sqlite:///{folder}/bench.sqlite3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str, process: subprocess.Popen[bytes], started: float) -> float:
    """Seconds from `started` until `url` answers 200."""
    while True:
        if process.poll() is not None:
            raise SystemExit(f"steepest serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.005)
        if time.perf_counter() - started > 60:
            raise SystemExit(f"no answer from {url} within 60 s")


@contextmanager
def serving(*extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """`steepest serve` on a free port: (base URL, the process, when it was spawned)."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        # A throwaway database, so a benchmark never writes into the user's own progress.
        [str(STEEPEST), "serve", "--port", str(port), "--database", scratch_database(), *extra],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}", server, started
    finally:
        server.terminate()
        server.wait(timeout=15)


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser) -> Page:
    return browser.new_page(viewport={"width": 1280, "height": 900})


def page_weight(page: Page, base_url: str, path: str) -> tuple[int, int, int, int]:
    """(bytes on the wire, bytes decoded, requests, requests to other hosts) for one load.

    Bytes on the wire is what a learner downloads (bodies as sent, gzip where the server
    compressed); decoded is the same bodies uncompressed, for comparison.
    """
    wire: list[int] = []
    decoded: list[int] = []
    foreign: list[str] = []
    host = urlsplit(base_url).netloc

    def on_finished(request: Request) -> None:
        response = request.response()
        if response is not None:
            wire.append(request.sizes()["responseBodySize"])
            decoded.append(len(response.body()))

    def on_request(request: Request) -> None:
        if urlsplit(request.url).netloc not in (host, ""):
            foreign.append(request.url)

    page.on("requestfinished", on_finished)
    page.on("request", on_request)
    page.goto(base_url + path, wait_until="networkidle")
    return sum(wire), sum(decoded), len(wire), len(foreign)


def weight_rows(label: str, weight: tuple[int, int, int, int]) -> list[tuple[str, str, bool]]:
    """The report's rows for one page_weight: its bytes, and its requests to other hosts."""
    wire, decoded, requests, foreign = weight
    return [
        (
            label,
            f"{wire / 1024:.1f} KB on the wire ({decoded / 1024:.1f} KB decoded)"
            f" in {requests} requests",
            wire <= PAGE_LIMIT_BYTES,
        ),
        (f"{label}: other hosts", f"{foreign} requests", foreign == 0),
    ]


def open_widget(page: Page, widget: str, part: str) -> None:
    """Wait until the widget's script has run, and bring `part` of it on screen."""
    page.locator(f"{widget} [data-needs-js]").first.wait_for(state="visible")
    page.locator(f"{widget} {part}").first.scroll_into_view_if_needed()


def timed(page: Page, script: str, *arguments: object) -> list[float]:
    """Main-thread ms per event, after a warm-up (JIT and caches) of the same events."""
    page.evaluate(script, [*arguments, WARM_UP_EVENTS])
    times: list[float] = page.evaluate(script, [*arguments, EVENTS])
    return times


def timed_pointer(page: Page, selector: str, *, pressed: bool) -> list[float]:
    page.evaluate(TIME_POINTER, [selector, WARM_UP_EVENTS, pressed])
    times: list[float] = page.evaluate(TIME_POINTER, [selector, EVENTS, pressed])
    return times


def event_row(label: str, times: Sequence[float], target_ms: float | None) -> tuple[str, str, bool]:
    """A report row for per-event times: met when the median is within `target_ms` (None:
    reported only)."""
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    figure = f"median {median:.2f}, p95 {p95:.2f}, worst {max(times):.2f} ms"
    return label, figure, target_ms is None or median <= target_ms


def report(rows: Sequence[tuple[str, str, bool]]) -> int:
    """Print one line per figure; the exit status is 1 when any target was missed."""
    for name, figure, met in rows:
        print(f"{name:<28} {figure:<50} {'ok' if met else 'MISSED TARGET'}")
    return 0 if all(met for _, _, met in rows) else 1
