"""Cookie flags: Secure exactly when the request came over https (as a trusted proxy says)."""

from __future__ import annotations

import pytest
from starlette.requests import Request
from starlette.responses import Response

from steepest.web.learners.session import set_session_cookies
from steepest.web.settings import Settings


def request(scheme: str, headers: dict[str, str]) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "scheme": scheme, "headers": raw, "path": "/", "server": ("h", 80)}
    return Request(scope)


@pytest.mark.parametrize(
    ("scheme", "headers", "trust", "secure"),
    [
        ("http", {}, False, False),
        ("https", {}, False, True),
        ("http", {"X-Forwarded-Proto": "https"}, False, False),
        ("http", {"X-Forwarded-Proto": "https"}, True, True),
        ("https", {"X-Forwarded-Proto": "http"}, True, False),
    ],
)
def test_cookies_are_secure_exactly_behind_tls(
    scheme: str, headers: dict[str, str], trust: bool, secure: bool
) -> None:
    response = Response()
    settings = Settings(trust_forwarded_proto=trust)
    set_session_cookies(request(scheme, headers), response, settings, "a" * 32)
    cookies = response.headers.getlist("set-cookie")
    assert len(cookies) == 2
    for cookie in cookies:
        assert ("; secure" in cookie.lower()) == secure
        assert "samesite=lax" in cookie.lower()
