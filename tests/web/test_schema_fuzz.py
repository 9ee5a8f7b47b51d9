"""Schemathesis fuzzes the JSON API against the app's own OpenAPI document: no server error, and
the answers look as the document says, over more than a thousand generated requests.

Schemathesis generates the cases and judges the responses; one starlette TestClient sends them.
Its own ASGI transport would start the app's lifespan itself, but its pytest plugin stops it after
every test item, so each operation would start a compute pool and load the lessons again; and its
`from_fixture` loader fails under pytest 9 (it sets `Function._nodeid`). So the document is read
from an app that never starts (building the spec needs no pool), and the requests go to another
one, started once for the module, whose served /openapi.json is checked to be the same document.

Every case goes out as the lesson page's script sends it (CSRF cookie and header, same origin),
so the handlers behind the CSRF check see the generated bodies; for the routes behind that check
the same case also goes out forged, without the header, and must be refused.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from steepest.lessons import SHIPPED_LESSONS
from steepest.web.app import create_app
from steepest.web.learners.session import LEARNER_COOKIE
from steepest.web.security.csrf import CSRF_COOKIE, CSRF_HEADER
from steepest.web.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MIN_CASES = 1000
# The double-submit check only compares the cookie with the header, so any token will do; a
# well-formed learner id keeps one learner across cases, so stored progress piles up as it would.
CSRF_TOKEN = "schema-fuzz-csrf-token"
LEARNER_ID = "schema-fuzz-learner-0123456789"
SAME_ORIGIN = {CSRF_HEADER: CSRF_TOKEN, "Sec-Fetch-Site": "same-origin"}
# Left out until the spec or the app changes: `positive_data_acceptance` (schema-valid input is
# still refused, 422, for rules JSON Schema does not state: the math grammar, variable names,
# signed practice tokens).
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    response_headers_conformance,
    negative_data_rejection,
    status_code_conformance,
    unsupported_method,
]

SPEC = create_app(Settings(lesson_dir=SHIPPED_LESSONS)).openapi()
schema = schemathesis.openapi.from_dict(SPEC)
# `parametrize()` is typed as a bare Callable; naming its type keeps the test function typed.
each_case: Callable[[Callable[..., None]], Callable[..., None]] = schema.parametrize()

# The operations that change what is stored about a learner, so sit behind the CSRF check.
CSRF_GUARDED = {
    "POST /api/answers/{lesson}/{question}",
    "POST /api/practice/attempts",
    "POST /api/progress/import",
    "PUT /api/progress/{lesson}",
}
CASES: Counter[str] = Counter()
ApiCase = schemathesis.Case[Any]


def operation_labels(spec: dict[str, Any]) -> set[str]:
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item}


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'steepest.sqlite3'}"
    app_settings = Settings(
        lesson_dir=SHIPPED_LESSONS, workers=2, timeout=10.0, database=database, rate_limit=0
    )
    with TestClient(create_app(app_settings)) as client:
        client.cookies.set(CSRF_COOKIE, CSRF_TOKEN)
        client.cookies.set(LEARNER_COOKIE, LEARNER_ID)
        yield client


def send(client: TestClient, case: ApiCase, headers: dict[str, str]) -> httpx.Response:
    """The request schemathesis would make for `case`, through the client (and its cookies)."""
    request = case.as_transport_kwargs(base_url=str(client.base_url))
    # The spec declares no cookie parameters: the session's cookies are the client's.
    assert not request.pop("cookies")
    if "data" in request:  # a raw body (not JSON); httpx names it `content`
        request["content"] = request.pop("data")
    request["headers"] = {**request["headers"], **headers}
    response: httpx.Response = client.request(**request)
    return response


def forged_refusals(case: ApiCase) -> set[int]:
    # FastAPI decodes a JSON body before it runs the route's dependencies, so a raw body that is
    # not UTF-8 or not JSON (422) is turned away before the CSRF check can say 403.
    return {403, 422} if isinstance(case.body, bytes) else {403}


def test_the_fuzzed_spec_is_the_served_one(fuzz_client: TestClient) -> None:
    response = fuzz_client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == SPEC


@settings(
    max_examples=60,
    deadline=None,  # engine calls go through worker processes; their time is not the point
    derandomize=True,  # the same cases on every run and in CI
    database=None,  # ... and nothing remembered from an earlier run
    # Large bodies (long strings, deep progress documents) are slow to generate, and schemathesis
    # filters out many drawn values: neither says anything about the app.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@each_case
def test_no_server_error_and_answers_match_the_spec(case: ApiCase, fuzz_client: TestClient) -> None:
    CASES[case.operation.label] += 1
    response = send(fuzz_client, case, SAME_ORIGIN)
    case.validate_response(response, checks=CHECKS)
    # Cases with an undeclared method (TRACE, ...) are answered 405 whatever they carry.
    if (
        case.operation.label in CSRF_GUARDED
        and case.method.upper() == case.operation.method.upper()
    ):
        forged = send(fuzz_client, case, {})
        case.validate_response(forged, checks=CHECKS)
        assert forged.status_code in forged_refusals(case), forged.text


def test_the_fuzzing_covered_every_operation_with_enough_cases() -> None:
    """Runs after the fuzzing (pytest keeps a module's order) and counts what it went through."""
    assert set(CASES) == operation_labels(SPEC) >= CSRF_GUARDED
    assert sum(CASES.values()) >= MIN_CASES, CASES
