"""The plain lesson page is rendered once and served as bytes: the same HTML a fresh render gives,
compressed when the browser accepts it, and revalidated with its ETag."""

from __future__ import annotations

import gzip

import httpx
import pytest
from starlette.testclient import TestClient

from steepest.web.http.prepared_body import accepts_gzip

from .app_state import state_of
from .page_parts import SLUG

URL = f"/lessons/{SLUG}"


def test_the_cached_page_is_what_a_fresh_render_gives(client: TestClient) -> None:
    cached = client.get(URL)
    # Any query string takes the rendering path; `example=1` changes nothing on the page.
    fresh = client.get(URL, params={"example": "1"})
    assert cached.status_code == fresh.status_code == 200
    assert cached.text == fresh.text
    assert cached.headers["content-type"] == "text/html; charset=utf-8"


def test_gzip_is_sent_only_to_browsers_that_accept_it(client: TestClient) -> None:
    plain = client.get(URL, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with client.stream("GET", URL, headers={"accept-encoding": "gzip, br"}) as packed:
        assert packed.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in packed.headers["vary"]
        raw = b"".join(packed.iter_raw())
    assert gzip.decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 3


def test_a_browser_holding_the_page_revalidates_with_a_304(client: TestClient) -> None:
    first = client.get(URL)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(URL, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    stale = client.get(URL, headers={"if-none-match": '"something-else"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_security_headers_come_with_the_cached_page(client: TestClient) -> None:
    response = client.get(URL)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("br, gzip;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("gzip;q=nonsense", False),
    ],
)
def test_accept_encoding_is_read_with_its_quality(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted


def test_once_rendered_the_page_is_sent_before_routing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The route renders the page once; after that the middleware answers, never asking the
    library (which only the route does), and a query string still goes to the route."""
    by_route = client.get(URL)
    library = state_of(client).library
    asked: list[str] = []
    page = library.page

    async def counting_page(slug: str) -> object:
        asked.append(slug)
        return await page(slug)

    monkeypatch.setattr(library, "page", counting_page)
    by_middleware = [client.get(URL) for _ in range(3)]
    assert asked == []
    client.get(URL, params={"example": "1"})
    assert asked == [SLUG]
    for response in by_middleware:
        assert response.content == by_route.content
        assert _without_date(response.headers) == _without_date(by_route.headers)


def test_other_methods_and_paths_are_left_to_the_app(client: TestClient) -> None:
    client.get(URL)
    assert client.post(URL).status_code == 405
    assert client.get(f"{URL}/more").status_code == 404
    assert client.get("/lessons/no-such-lesson").status_code == 404


def _without_date(headers: httpx.Headers) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name != "date"}
