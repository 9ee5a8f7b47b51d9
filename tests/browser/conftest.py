"""A real `steepest serve` on a loopback port and headless Chromium, for the end-to-end tests.

Every page opened through `open_page` is watched: a console error, an uncaught exception or a
request to any other host fails the test that opened it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from steepest.authoring.export import export_site

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLUG = "partial-derivatives-and-the-gradient"
LESSON_PATH = f"/lessons/{SLUG}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"steepest serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"steepest serve did not answer {url} within {limit_s} s")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_lessons(None, tmp_path_factory)


def serve_lessons(lessons: Path | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`steepest serve` on `lessons` (None: the shipped ones), for a `base_url` fixture to
    `yield from`: the server's address, until the fixture's scope is done."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("steepest")), "serve", "--port", str(port)]
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    # No rate limit: one browser types and checks far faster than a learner does.
    environment = {
        **os.environ,
        "STEEPEST_TIMEOUT": "5",
        "STEEPEST_DATABASE_URL": database,
        "STEEPEST_RATE_LIMIT": "0",
    }
    if lessons is not None:
        environment["STEEPEST_LESSON_DIR"] = str(lessons)
    process = subprocess.Popen(command, cwd=REPO, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url + "/", process, limit_s=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


EXPORT_PREFIX = "/course/"


@contextmanager
def static_site(root: Path, lesson_dir: Path | None = None) -> Iterator[str]:
    """The course of `lesson_dir` (the shipped one by default) exported by `steepest export`
    under a prefix of `root`, on a plain static file server (`python -m http.server`), as a
    host that is not the site's root serves it: the URL of its index."""
    export_site(root / EXPORT_PREFIX.strip("/"), lesson_dir=lesson_dir)
    port = _free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{EXPORT_PREFIX}"
    try:
        _wait_until_answering(url, server, limit_s=15)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def exported_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped course, exported once for the session (see `static_site`)."""
    with static_site(tmp_path_factory.mktemp("static-host")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need /usr/bin/chromium: run `bash scripts/system-deps.sh`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class PageWatch:
    """What went wrong in the pages a test opened."""

    host: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.allowed):
            self.console_errors.append(message.text)

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def on_request(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.foreign_requests.append(url)

    def allow(self, pattern: str) -> None:
        """Expect console errors matching `pattern`, e.g. Chromium's note on a 422 response."""
        self.allowed.append(re.compile(pattern))


OpenPage = Callable[..., Page]


@pytest.fixture
def watch(base_url: str) -> PageWatch:
    return PageWatch(host=urlsplit(base_url).netloc)


@pytest.fixture
def open_page(browser: Browser, base_url: str, watch: PageWatch) -> Iterator[OpenPage]:
    """`open_page(path, **context_options)`: a fresh browser context (own localStorage)."""
    contexts: list[BrowserContext] = []

    def open_(path: str = LESSON_PATH, **options: Any) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        page.on("request", lambda request: watch.on_request(request.url))
        page.goto(base_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert watch.console_errors == []
    assert watch.foreign_requests == []


def wait_for_widgets(page: Page) -> None:
    """Widgets reveal their stage once their module has mounted them."""
    for widget in page.locator("[data-widget]").all():
        widget.locator("[data-needs-js]").wait_for(state="visible")
