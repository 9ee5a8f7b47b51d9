"""Progress on the server: the learner cookie, merging per lesson, export and import, and the
CSRF checks on every route that changes stored state."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from .learner_requests import csrf_headers
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

URL = f"/api/progress/{SLUG}"


def put(client: TestClient, document: dict[str, Any]) -> dict[str, Any]:
    response = client.put(URL, json=document, headers=csrf_headers(client))
    assert response.status_code == 200, response.text
    merged: dict[str, Any] = response.json()
    return merged


def test_the_first_request_sets_an_httponly_learner_cookie_and_a_readable_csrf_cookie(
    store_client: TestClient,
) -> None:
    response = store_client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"sections": {}, "widgets": {}, "answers": {}, "cleared_at": 0}
    cookies = {c.split("=", 1)[0]: c.lower() for c in response.headers.get_list("set-cookie")}
    assert "httponly" in cookies["steepest_learner"]
    assert "samesite=lax" in cookies["steepest_learner"]
    assert "httponly" not in cookies["steepest_csrf"]
    # Plain http: a Secure cookie would never come back.
    assert "secure" not in cookies["steepest_learner"]
    # Known learners get no new cookies.
    assert store_client.get(URL).headers.get_list("set-cookie") == []


def test_two_tabs_merge_without_losing_either(store_client: TestClient) -> None:
    put(
        store_client,
        {
            "sections": {"intuition": 10},
            "answers": {"partial-w2": {"answer": "2w2", "correct": False, "at": 11}},
        },
    )
    merged = put(
        store_client,
        {
            "sections": {"recap": 12},
            "answers": {"partial-w2": {"answer": "6w2", "correct": True, "at": 13}},
        },
    )
    assert merged["sections"] == {"intuition": 10, "recap": 12}
    assert merged["answers"]["partial-w2"] == {
        "answer": "6w2",
        "correct": True,
        "at": 13,
        "after_solution": False,
        "credited_at": 13,
    }
    assert store_client.get(URL).json() == merged


def test_a_reset_in_one_tab_is_not_undone_by_another(store_client: TestClient) -> None:
    put(store_client, {"sections": {"intuition": 10, "recap": 30}})
    merged = put(store_client, {"sections": {"intuition": 10}, "cleared_at": 20})
    assert merged == {"sections": {"recap": 30}, "widgets": {}, "answers": {}, "cleared_at": 20}


def test_progress_belongs_to_the_learner_in_the_cookie(store_client: TestClient) -> None:
    put(store_client, {"sections": {"intuition": 10}})
    store_client.cookies.clear()
    assert store_client.get(URL).json()["sections"] == {}


@pytest.mark.parametrize(
    "document",
    [{"sections": {"intuition": -1}}, {"sections": []}, {"unknown": 1}, {"sections": {"a b": 1}}],
    ids=["negative-time", "list", "unknown-field", "bad-id"],
)
def test_a_malformed_document_is_a_422_with_a_message(
    store_client: TestClient, document: dict[str, Any]
) -> None:
    response = store_client.put(URL, json=document, headers=csrf_headers(store_client))
    assert response.status_code == 422
    assert "progress" in response.json()["error"]["message"]


def test_export_downloads_everything_and_import_merges_it_idempotently(
    store_client: TestClient,
) -> None:
    put(store_client, {"sections": {"intuition": 10}, "widgets": {"best-box": 11}})
    exported = store_client.get("/api/progress/export")
    assert exported.status_code == 200
    assert exported.headers["content-disposition"].startswith("attachment;")
    document = exported.json()
    assert document["format"] == "steepest-learner-export"

    store_client.cookies.clear()  # another browser
    headers = csrf_headers(store_client)
    put(store_client, {"sections": {"recap": 20}})
    first = store_client.post("/api/progress/import", json=document, headers=headers)
    assert first.status_code == 200
    again = store_client.post("/api/progress/import", json=document, headers=headers).json()
    assert again["lessons_changed"] == 0
    assert store_client.get(URL).json()["sections"] == {"intuition": 10, "recap": 20}


def test_a_file_that_is_not_an_export_is_refused(store_client: TestClient) -> None:
    response = store_client.post(
        "/api/progress/import", json={"format": "other"}, headers=csrf_headers(store_client)
    )
    assert response.status_code == 422
    assert "Steepest" in response.json()["error"]["message"]


STATE_CHANGING = [
    ("put", URL, {"sections": {}}),
    ("post", "/api/progress/import", {}),
    ("post", f"/api/answers/{SLUG}/typed-partial-w1", {"answer": "2w1"}),
    ("post", "/api/practice/attempts", {"problem": "x", "answer": "1"}),
]


@pytest.mark.parametrize(("method", "url", "body"), STATE_CHANGING)
@pytest.mark.parametrize(
    "forgery",
    ["no-header", "wrong-token", "cross-site-fetch", "foreign-origin"],
)
def test_state_changing_routes_refuse_what_another_site_could_send(
    store_client: TestClient, method: str, url: str, body: dict[str, Any], forgery: str
) -> None:
    headers = csrf_headers(store_client)
    if forgery == "no-header":
        del headers["X-Steepest-CSRF"]
    elif forgery == "wrong-token":
        headers["X-Steepest-CSRF"] = "not-the-cookie"
    elif forgery == "cross-site-fetch":
        headers["Sec-Fetch-Site"] = "cross-site"
    else:
        headers["Origin"] = "https://evil.example"
    before = store_client.get("/api/progress/export").json()
    response = store_client.request(method, url, content=json.dumps(body), headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["message"].startswith("refused")
    after = store_client.get("/api/progress/export").json()
    assert (after["progress"], after["attempts"]) == (before["progress"], before["attempts"])


def test_a_same_origin_request_with_the_token_passes(store_client: TestClient) -> None:
    headers = {**csrf_headers(store_client), "Origin": "http://127.0.0.1:8000"}
    assert store_client.put(URL, json={}, headers=headers).status_code == 200


def test_progress_of_a_lesson_that_does_not_exist_is_a_404(store_client: TestClient) -> None:
    assert store_client.get("/api/progress/no-such-lesson").status_code == 404
    response = store_client.put(
        "/api/progress/no-such-lesson", json={}, headers=csrf_headers(store_client)
    )
    assert response.status_code == 404
