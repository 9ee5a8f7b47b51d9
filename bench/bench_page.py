"""Benchmark of the lesson page: what it weighs, how fast the slider reacts, how fast the server
starts. Run with `.venv/bin/python bench/bench_page.py`; it prints one line per figure.

    page weight        every byte of each lesson page and its assets      target <= 150 KB
    other hosts        requests to anything but the server itself          target 0
    slider input       main-thread time per input event (handler, then     target <= 2 ms
                       style and layout forced): median, p95, worst         (median)
    startup            `steepest serve` spawned -> first answered request  target < 1.5 s
    first lesson       spawned -> lesson page answered (engine results)    reported only
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, sync_playwright

REPO = Path(__file__).resolve().parents[1]
STEEPEST = Path(sys.executable).with_name("steepest")
LESSON = "/lessons/partial-derivatives-and-the-gradient"
# Every page whose weight is measured: the lesson whose slider is timed, then the others.
WEIGHED = (
    LESSON,
    "/lessons/loss-and-the-derivative-as-a-slope",
    "/lessons/gradient-descent-and-the-learning-rate",
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLIDER_EVENTS = 400

# Runs in the page: each input event is dispatched the way a drag delivers it, then layout is
# forced, so the time covers the handler and the style and layout work it causes.
_TIME_SLIDER = """(count) => {
    const slider = document.querySelector('[data-widget="best-box"] [data-slider]');
    const low = Number(slider.min), high = Number(slider.max), step = Number(slider.step);
    const times = [];
    for (let i = 0; i < count; i += 1) {
        const value = low + ((i * 7) % Math.round((high - low) / step)) * step;
        const start = performance.now();
        slider.value = value.toFixed(2);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        document.body.offsetHeight;
        times.push(performance.now() - start);
    }
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


def page_weight(page: Page, base_url: str, path: str = LESSON) -> tuple[int, int, int, int]:
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


def main() -> int:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        # A throwaway database, so a benchmark never writes into the user's own progress.
        [str(STEEPEST), "serve", "--port", str(port), "--database", scratch_database()],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        startup = wait_for(base_url + "/", server, started)
        first_lesson = wait_for(base_url + LESSON, server, started)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            weights = {}
            for path in reversed(WEIGHED):
                # A fresh page each time: nothing comes from the cache of an earlier load.
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                weights[path] = page_weight(page, base_url, path)
            page.locator('[data-widget="best-box"] [data-needs-js]').wait_for(state="visible")
            times = page.evaluate(_TIME_SLIDER, SLIDER_EVENTS)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)

    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    worst = max(times)
    results = [
        (
            f"page weight {path.rsplit('/', 1)[-1][:12]}",
            f"{weight / 1024:.1f} KB on the wire ({decoded / 1024:.1f} KB decoded)"
            f" in {requests} requests",
            weight <= 150 * 1024,
        )
        for path, (weight, decoded, requests, _foreign) in weights.items()
    ]
    foreign = sum(counts[3] for counts in weights.values())
    results += [
        ("other hosts", f"{foreign} requests", foreign == 0),
        ("slider input", f"median {median:.2f}, p95 {p95:.2f}, worst {worst:.2f} ms", median <= 2),
        ("startup", f"{startup:.3f} s to the first answer", startup < 1.5),
        ("first lesson", f"{first_lesson:.3f} s to the lesson page", True),
    ]
    for name, figure, met in results:
        print(f"{name:<25} {figure:<44} {'ok' if met else 'MISSED TARGET'}")
    return 0 if all(met for _, _, met in results) else 1


if __name__ == "__main__":
    sys.exit(main())
