"""The one mapping from any layer's exception to an HTTP status and a readable message."""

from __future__ import annotations

import importlib
import sys

import pytest
from starlette.testclient import TestClient

from steepest.compute import (
    ClientBusy,
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    ComputeUnavailable,
    PoolOverloaded,
)
from steepest.engine.errors import (
    LimitExceeded,
    MathSyntaxError,
    PointSyntaxError,
    VariableError,
)
from steepest.errors import SteepestError
from steepest.lessons import LessonFormatError
from steepest.store import LearnerIdError, StoreError, StoreUnavailable, UnknownLearner
from steepest.web.http.errors import (
    ANSWERS,
    AlreadyAnswered,
    CsrfRefused,
    ProblemTokenError,
    UnknownLesson,
    UnknownOption,
    UnknownQuestion,
    UnknownTopic,
    problem_for,
)
from steepest.web.security.rate_limit import RateLimited


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
        (UnknownTopic("there is no practice topic 'chain'"), 422, None),
        (UnknownLesson("no lesson"), 404, None),
        (UnknownQuestion("no question"), 404, None),
        (PoolOverloaded(retry_after=2), 503, None),
        (ComputeFailed("Steepest could not work this out for this input"), 422, None),
        (ComputeUnavailable(), 503, None),
        (ProblemTokenError("this practice problem was not handed out here"), 422, None),
        (CsrfRefused("refused: the request's Origin is not this site"), 403, None),
        (AlreadyAnswered("the solution was shown already"), 409, None),
        (RateLimited(retry_after=4), 429, None),
        (ClientBusy(4, retry_after=2), 429, None),
        (LearnerIdError("not a learner id"), 422, None),
        (UnknownLearner("no learner has this id"), 404, None),
        (StoreUnavailable("the database did not answer"), 503, None),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_status_and_column(error: SteepestError, status: int, column: int | None) -> None:
    problem = problem_for(error)
    assert (problem.status, problem.column) == (status, column)
    assert problem.message == error.message


@pytest.mark.parametrize(
    ("error", "seconds"),
    [
        (PoolOverloaded(retry_after=7), 7),
        (RateLimited(retry_after=9), 9),
        (ClientBusy(4, retry_after=3), 3),
        (StoreUnavailable("the database did not answer"), 2),
        (UnknownLearner("no learner has this id"), None),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_a_refusal_that_passes_says_when_to_retry(error: Exception, seconds: int | None) -> None:
    assert problem_for(error).retry_after == seconds


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_every_answer_names_a_steepest_error_class(name: str) -> None:
    module, _, class_name = name.rpartition(".")
    error_type = getattr(importlib.import_module(module), class_name)
    assert issubclass(error_type, SteepestError)


@pytest.mark.parametrize(
    "error",
    [
        StoreError("could not serialize access: /var/lib/db"),
        LessonFormatError("/srv/secret/lessons/a.md", 3, "unknown container"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_a_server_fault_hides_its_details(error: SteepestError) -> None:
    problem = problem_for(error)
    assert problem.status == 500
    assert "/" not in problem.message


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
        # Python's own JSON reader stops at these (a RecursionError, a ValueError), which FastAPI
        # answered with a 400 of its own.
        (
            b"[" * 50_000 + b"]" * 50_000,
            "the request body is not valid JSON: its arrays or objects nest too deeply",
        ),
        (
            b'{"expression": "x", "at": {"x": ' + b"9" * 5000 + b"}}",
            "the request body is not valid JSON: a number has more than"
            f" {sys.get_int_max_str_digits()} digits",
        ),
    ],
)
def test_a_body_that_cannot_be_read_is_a_422_that_says_where(
    client: TestClient, body: bytes, message: str
) -> None:
    headers = {"Content-Type": "application/json"}
    response = client.post("/api/gradient", content=body, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == message
