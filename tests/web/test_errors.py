"""The one mapping from any layer's exception to an HTTP status and a readable message."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from steepest.compute import (
    ComputeError,
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    PoolOverloaded,
)
from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError, VariableError
from steepest.web.http.errors import (
    NotFound,
    PointSyntaxError,
    UnknownLesson,
    UnknownOption,
    UnknownQuestion,
    problem_for,
)

# The errors whose `message` is written for a learner to read.
LearnerFacingError = EngineError | ComputeError | PointSyntaxError | NotFound | UnknownOption


@pytest.mark.parametrize(
    ("error", "status", "column"),
    [
        (MathSyntaxError("unexpected ')'", 4), 422, 4),
        (LimitExceeded("input longer than 500 characters"), 422, None),
        (VariableError("the point gives no value for w2"), 422, None),
        (PointSyntaxError("write the point as name=value pairs", 3), 422, 3),
        (ComputeTimeout(2.0), 422, None),
        (ComputeMemoryExceeded(1024), 422, None),
        (UnknownOption("no option 'z'"), 422, None),
        (UnknownLesson("no lesson"), 404, None),
        (UnknownQuestion("no question"), 404, None),
        (PoolOverloaded(retry_after=2), 503, None),
        (ComputeFailed("the computation failed unexpectedly"), 500, None),
    ],
)
def test_status_and_column(error: LearnerFacingError, status: int, column: int | None) -> None:
    problem = problem_for(error)
    assert (problem.status, problem.column) == (status, column)
    assert problem.message == error.message


def test_overload_carries_retry_after() -> None:
    assert problem_for(PoolOverloaded(retry_after=7)).retry_after == 7


def test_unexpected_errors_hide_their_details() -> None:
    problem = problem_for(RuntimeError("secret path /etc/passwd"))
    assert problem.status == 500
    assert "secret" not in problem.message


def test_a_wrong_method_is_a_405_that_says_which_are_allowed(client: TestClient) -> None:
    response = client.get("/api/gradient")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"expression": "w1\xff"}', "the request body is not UTF-8 text (byte 0xff at 18)"),
        (b'{"expression": ', "the request body is not valid JSON: Expecting value at character 15"),
        (b"[1, 2", "the request body is not valid JSON: Expecting ',' delimiter at character 5"),
    ],
)
def test_a_body_that_cannot_be_read_is_a_422_that_says_where(
    client: TestClient, body: bytes, message: str
) -> None:
    headers = {"Content-Type": "application/json"}
    response = client.post("/api/gradient", content=body, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == message
