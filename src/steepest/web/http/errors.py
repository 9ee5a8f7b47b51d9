"""Every error any layer can raise, turned into an HTTP answer in this one place.

`problem_for` is the single mapping from an exception to a status and a message a learner can
read; the exception handlers use it for JSON (`/api/...`) and HTML pages alike, and the lesson
page uses it to show a learner's mistake next to the box they typed it in.

    EngineError (a mistyped point too)  422  {"error": {"message", "column"}}
    ComputeTimeout, ComputeMemoryExceeded 422  the input is too expensive: the learner can change it
    UnknownOption, request validation   422
    PoolOverloaded                      503  with Retry-After
    RateLimited                         429  with Retry-After: a client's engine calls ran out
    UnknownLesson, UnknownQuestion, no such route  404
    ProblemTokenError                   422  a practice problem the server did not hand out
    AlreadyAnswered                     409  a practice problem whose solution was shown
    CsrfRefused                         403  a state-changing request from another site, or
                                             without the page's CSRF token
    StoreRefused: StoreInputError 422, UnknownLearner 404, StoreUnavailable 503 (Retry-After),
                  any other StoreError 500
    ComputeFailed                       500  a fault of the server: details go to the log only

The store's exceptions arrive wrapped in `StoreRefused`, because importing `steepest.store`
(and SQLAlchemy with it) here would slow the server's start; by the time one is raised the store
is loaded, so they are told apart here, lazily.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from steepest.compute import (
    ComputeError,
    ComputeMemoryExceeded,
    ComputeTimeout,
    PoolOverloaded,
)
from steepest.engine.errors import EngineError
from steepest.web.security.rate_limit import RateLimited

logger = logging.getLogger(__name__)


class NotFound(LookupError):
    """Something named in the URL does not exist."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class UnknownLesson(NotFound):
    pass


class UnknownQuestion(NotFound):
    pass


class UnknownOption(ValueError):
    """A quiz answer names an option the question does not have."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ProblemTokenError(ValueError):
    """A practice problem id that is malformed, forged, or from an earlier run of the server."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class AlreadyAnswered(ValueError):
    """A practice problem whose solution the learner has already been shown."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class CsrfRefused(PermissionError):
    """A request that would change a learner's stored state failed the CSRF checks."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class StoreRefused(Exception):
    """A `steepest.store.StoreError`, carried to the mapping below (see the module docstring)."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.message: str = getattr(error, "message", str(error))
        super().__init__(self.message)


# Seconds a client waits before trying again when the database is busy or still opening.
STORE_RETRY_AFTER = 2


@dataclass(frozen=True)
class Problem:
    status: int
    message: str
    column: int | None = None
    retry_after: int | None = None

    def to_json(self) -> dict[str, dict[str, str | int | None]]:
        return {"error": {"message": self.message, "column": self.column}}


LearnerError = (EngineError, ComputeError)
"""What a learner's own input can cause: shown next to the box instead of as an error page."""


def problem_for(error: Exception) -> Problem:
    if isinstance(error, EngineError):
        return Problem(422, error.message, error.column)
    if isinstance(
        error, ComputeTimeout | ComputeMemoryExceeded | UnknownOption | ProblemTokenError
    ):
        return Problem(422, error.message)
    if isinstance(error, PoolOverloaded):
        return Problem(503, error.message, retry_after=error.retry_after)
    if isinstance(error, RateLimited):
        return Problem(429, error.message, retry_after=error.retry_after)
    if isinstance(error, NotFound):
        return Problem(404, error.message)
    if isinstance(error, CsrfRefused):
        return Problem(403, error.message)
    if isinstance(error, AlreadyAnswered):
        return Problem(409, error.message)
    if isinstance(error, StoreRefused):
        return _store_problem(error)
    if isinstance(error, ComputeError):
        # ComputeFailed and any other refusal of the pool: a fault of the server, not the input.
        return Problem(500, error.message)
    if isinstance(error, HTTPException) and isinstance(error.__cause__, UnicodeDecodeError):
        # FastAPI's 400 for a body it cannot decode: the same 422 as any body that is not JSON.
        bad = error.__cause__
        byte = bad.object[bad.start : bad.start + 1].hex()
        return Problem(422, f"the request body is not UTF-8 text (byte 0x{byte} at {bad.start})")
    if isinstance(error, HTTPException):
        return Problem(error.status_code, str(error.detail))
    if isinstance(error, RequestValidationError):
        return Problem(422, _describe_validation(error))
    logger.error("unexpected error", exc_info=error)
    return Problem(500, "something went wrong on the server")


PageRenderer = Callable[[Request, Problem], Response]


def install_error_handlers(app: FastAPI, render_page: PageRenderer) -> None:
    """JSON for the API, an HTML page for everything else, from the same Problem."""

    async def handle(request: Request, error: Exception) -> Response:
        problem = problem_for(error)
        # Headers an HTTPException carries (a 405's Allow) belong in the answer too.
        headers = dict(getattr(error, "headers", None) or {})
        if problem.retry_after is not None:
            headers["Retry-After"] = str(problem.retry_after)
        if request.url.path.startswith("/api/"):
            return JSONResponse(problem.to_json(), status_code=problem.status, headers=headers)
        response = render_page(request, problem)
        response.headers.update(headers)
        return response

    for error_type in (
        EngineError,
        ComputeError,
        RateLimited,
        NotFound,
        UnknownOption,
        ProblemTokenError,
        CsrfRefused,
        AlreadyAnswered,
        StoreRefused,
        HTTPException,
        RequestValidationError,
    ):
        app.add_exception_handler(error_type, handle)


def _store_problem(refused: StoreRefused) -> Problem:
    errors = sys.modules["steepest.store.errors"]
    error = refused.error
    if isinstance(error, errors.StoreInputError):
        return Problem(422, refused.message)
    if isinstance(error, errors.UnknownLearner):
        return Problem(404, refused.message)
    if isinstance(error, errors.StoreUnavailable):
        return Problem(503, refused.message, retry_after=STORE_RETRY_AFTER)
    logger.error("store error", exc_info=error)
    return Problem(500, "the progress store failed; progress is still kept in this browser")


def _describe_validation(error: RequestValidationError) -> str:
    first = error.errors()[0] if error.errors() else None
    if first is None:
        return "the request is not valid"
    if first.get("type") == "json_invalid":
        reason = first.get("ctx", {}).get("error", "it cannot be read")
        position = first.get("loc", ("body", "?"))[-1]
        return f"the request body is not valid JSON: {reason} at character {position}"
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    return f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))
