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


IMAGE_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "frame-ancestors 'none'; sandbox"
)


def test_an_image_gets_a_policy_for_a_picture_that_runs_nothing(client: TestClient) -> None:
    """Opened on its own, an SVG is a document: sandboxed, it runs no script and fetches
    nothing, yet keeps its own inline styles. A 304 names the policy too, since a browser
    takes the revalidated headers for the copy it keeps."""
    first = client.get("/static/favicon.svg")
    again = client.get("/static/favicon.svg", headers={"if-none-match": first.headers["etag"]})
    assert first.headers["content-type"] == "image/svg+xml"
    assert (first.status_code, again.status_code) == (200, 304)
    for response in (first, again):
        assert response.headers.get_list("content-security-policy") == [IMAGE_POLICY]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
