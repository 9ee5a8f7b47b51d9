"""Every response carries the strict Content-Security-Policy and its companion headers."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from .page_parts import SLUG

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", f"/lessons/{SLUG}"),
        ("GET", "/lessons/missing"),
        ("GET", "/static/css/steepest.css"),
        ("GET", "/static/missing.js"),
        ("GET", "/openapi.json"),
        ("POST", "/api/gradient"),
    ],
)
def test_security_headers_on_every_response(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, json={"expression": "x"})
    assert response.headers["content-security-policy"] == POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
