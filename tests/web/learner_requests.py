"""Requests as the lesson page's script makes them: with the CSRF token, from the same origin."""

from __future__ import annotations

import warnings

from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def csrf_headers(client: TestClient) -> dict[str, str]:
    """The CSRF cookie's value in the header (fetching the cookies first if there are none)."""
    if "steepest_csrf" not in client.cookies:
        assert client.get(f"/api/progress/{SLUG}").status_code == 200
    return {"X-Steepest-CSRF": client.cookies["steepest_csrf"], "Sec-Fetch-Site": "same-origin"}
