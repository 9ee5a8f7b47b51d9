"""The per-client rate limit on engine calls (429, Retry-After) and the body size limit (413)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from steepest.lessons import SHIPPED_LESSONS
from steepest.web.app import create_app
from steepest.web.security.rate_limit import MAX_CLIENTS, RateLimited, RateLimiter
from steepest.web.settings import Settings

from .learner_requests import csrf_headers
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PER_MINUTE = 8  # a burst of 2, then one call every 7.5 s
MAX_BODY = 4096


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_gets_a_burst_then_one_call_per_share_of_the_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(60, clock)  # one a second, a burst of 15
    for _ in range(15):
        limiter.charge("10.0.0.1")
    with pytest.raises(RateLimited) as refused:
        limiter.charge("10.0.0.1")
    assert refused.value.retry_after == 1
    limiter.charge("10.0.0.2")  # another client has its own bucket
    clock.now += 1.0
    limiter.charge("10.0.0.1")
    with pytest.raises(RateLimited):
        limiter.charge("10.0.0.1")


def test_retry_after_is_the_wait_for_the_next_call() -> None:
    clock = FakeClock()
    limiter = RateLimiter(6, clock)  # one every 10 s, a burst of 1.5
    limiter.charge("a")
    with pytest.raises(RateLimited) as refused:
        limiter.charge("a")
    # Half a token was left: the next whole one is 5 s away.
    assert refused.value.retry_after == 5
    clock.now += 5.0
    limiter.charge("a")


def test_zero_turns_the_limit_off() -> None:
    limiter = RateLimiter(0, FakeClock())
    for _ in range(10_000):
        limiter.charge("a")
    assert not limiter.buckets


def test_the_buckets_kept_are_bounded() -> None:
    limiter = RateLimiter(60, FakeClock())
    for i in range(MAX_CLIENTS + 10):
        limiter.charge(f"client-{i}")
    assert len(limiter.buckets) == MAX_CLIENTS
    assert "client-0" not in limiter.buckets and f"client-{MAX_CLIENTS + 9}" in limiter.buckets


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(
        lesson_dir=SHIPPED_LESSONS,
        workers=1,
        timeout=10.0,
        database=database,
        rate_limit=PER_MINUTE,
        max_body=MAX_BODY,
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as client:
        # The server prepares every lesson page as it starts, on the one worker. Wait for that
        # here (pages are never limited): otherwise it outlasts the 7.5 s a call takes to come
        # back, and the test below finds one more call allowed than it made room for.
        for path in SHIPPED_LESSONS.glob("*.md"):
            assert client.get(f"/lessons/{path.stem}").status_code == 200
        yield client


def test_engine_calls_beyond_the_limit_get_429_with_retry_after(limited: TestClient) -> None:
    body = {"expression": "w1^2 + w2"}
    statuses = [limited.post("/api/gradient", json=body).status_code for _ in range(2)]
    assert statuses == [200, 200]
    check = {"expected": "x", "answer": "x", "variables": ["x"]}
    refused = limited.post("/api/equivalent", json=check)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 8
    assert "too many requests" in refused.json()["error"]["message"]
    # The lesson page and the learner's own progress are not engine calls: never limited.
    assert limited.get(f"/lessons/{SLUG}").status_code == 200
    progress = limited.get(f"/api/progress/{SLUG}", headers=csrf_headers(limited))
    assert progress.status_code == 200
    # A worked example typed into the page is an engine call, so it is limited too.
    page = limited.get(f"/lessons/{SLUG}", params={"expression": "w1 w2"})
    assert page.status_code == 429
    assert "too many requests" in page.text


def test_a_body_over_the_limit_is_refused_before_it_is_read(limited: TestClient) -> None:
    big = {"expression": "w1 + " * (MAX_BODY // 4)}
    response = limited.post("/api/gradient", json=big)
    assert response.status_code == 413
    assert f"larger than {MAX_BODY} bytes" in response.json()["error"]["message"]


def chunked(document: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(document), size):
        yield document[start : start + size]


def test_a_chunked_body_is_counted_as_it_arrives(limited: TestClient) -> None:
    headers = {**csrf_headers(limited), "content-type": "application/json"}
    # Progress writes are not engine calls, so the rate limit stays out of the way here.
    padded = b'{"sections": [], "padding": "' + b"x" * (3 * MAX_BODY) + b'"}'
    response = limited.put(f"/api/progress/{SLUG}", content=chunked(padded), headers=headers)
    assert response.status_code == 413
    # A chunked body within the limit reaches the app whole.
    fine = limited.put(f"/api/progress/{SLUG}", content=chunked(b"{}", 1), headers=headers)
    assert fine.status_code == 200, fine.text
