"""Every error any layer can raise, turned into an HTTP answer in this one place.

`problem_for` is the single mapping from an exception to a status and a message a learner can
read; the exception handlers use it for JSON (`/api/...`) and HTML pages alike, and the lesson
page uses it to show a learner's mistake next to the box they typed it in.

Every layer's errors derive from `SteepestError`, which carries the `message` (and a `column`,
for a mistake in typed text) that the answer shows. `ANSWERS` gives each kind its status and
any extras; an error is answered as the nearest class in its MRO that the table lists, so a
subclass (`MathSyntaxError`, `UnknownLesson`, `LearnerIdError`) needs no row of its own. A
`SteepestError` the table does not list is a fault of the server: a 500 whose details go to
the log only. Besides the table, FastAPI's own errors keep their status (a 404 for no such
route, a 405 with Allow) and a request that fails validation is a 422 that says where.

The store's rows name its classes instead of importing them: importing `steepest.store` here
would load SQLAlchemy before the server can answer its first request, while the store is
opened in the background (see `learners/store_handle.py`). A class is looked up by its module
and name, which needs no import, and a test checks that every name is a real class.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from steepest.compute import (
    ClientBusy,
    ComputeError,
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    ComputeUnavailable,
    PoolOverloaded,
)
from steepest.engine.errors import EngineError
from steepest.errors import SteepestError
from steepest.web.security.rate_limit import RateLimited

logger = logging.getLogger(__name__)


class NotFound(SteepestError, LookupError):
    """Something named in the URL does not exist."""


class UnknownLesson(NotFound):
    pass


class UnknownQuestion(NotFound):
    pass


class LessonUnavailable(SteepestError):
    """A lesson whose file did not load: it breaks only its own page (and API calls about it)."""


class UnknownOption(SteepestError, ValueError):
    """A quiz answer names an option the question does not have."""


class UnknownHint(SteepestError, ValueError):
    """A hint asked for by a place the question's hints do not reach."""


class UnknownTopic(SteepestError, ValueError):
    """A request names a practice topic there is none of."""


class ProblemTokenError(SteepestError, ValueError):
    """A practice problem id that is malformed, forged, or from an earlier run of the server."""


class AlreadyAnswered(SteepestError, ValueError):
    """A practice problem whose solution the learner has already been shown."""


class NothingToReview(SteepestError, ValueError):
    """A review asked of a practice topic the learner has mastered no level of."""


class CsrfRefused(SteepestError, PermissionError):
    """A request that would change a learner's stored state failed the CSRF checks."""


ITS_OWN: Final = "its own"
"""Retry-After: the seconds the error itself names in its `retry_after`."""

# Seconds a client waits before trying again when the database is busy or still opening.
STORE_RETRY_AFTER = 2
# Seconds a client waits before trying again when the server could not run its call: shutting
# down, or unable to start a worker.
RESTART_RETRY_AFTER = 2


@dataclass(frozen=True)
class Answer:
    """How the web answers one kind of error."""

    status: int
    # Retry-After, for a refusal that passes: fixed seconds, or the error's own (ITS_OWN).
    retry_after: int | Literal["its own"] | None = None
    # For a fault of the server: the client reads this, and the error goes to the log.
    hidden_as: str | None = None


def _class_name(error_type: type[BaseException]) -> str:
    """The key of `ANSWERS`: where the class is defined, and its name."""
    return f"{error_type.__module__}.{error_type.__qualname__}"


ANSWERS: dict[str, Answer] = {
    # What a learner typed or sent: they can change it.
    _class_name(EngineError): Answer(422),
    _class_name(ComputeTimeout): Answer(422),
    _class_name(ComputeMemoryExceeded): Answer(422),
    # A crash in a worker is a bug, already logged with its input by the pool; the input is
    # what could not be worked out, so the answer is about it, never a 5xx or a traceback.
    _class_name(ComputeFailed): Answer(422),
    _class_name(UnknownOption): Answer(422),
    _class_name(UnknownHint): Answer(422),
    _class_name(UnknownTopic): Answer(422),
    _class_name(ProblemTokenError): Answer(422),
    "steepest.store.errors.StoreInputError": Answer(422),
    # Something named in the URL or the request that does not exist.
    _class_name(NotFound): Answer(404),
    "steepest.store.errors.UnknownLearner": Answer(404),
    # A state-changing request from another site, or without the page's CSRF token.
    _class_name(CsrfRefused): Answer(403),
    # A practice problem whose solution was shown.
    _class_name(AlreadyAnswered): Answer(409),
    _class_name(NothingToReview): Answer(409),
    # Refusals that pass: the client may try again after Retry-After.
    _class_name(RateLimited): Answer(429, retry_after=ITS_OWN),
    _class_name(ClientBusy): Answer(429, retry_after=ITS_OWN),
    _class_name(PoolOverloaded): Answer(503, retry_after=ITS_OWN),
    _class_name(ComputeUnavailable): Answer(503, retry_after=RESTART_RETRY_AFTER),
    # A lesson file with a mistake, until its author fixes it; every other page still works.
    _class_name(LessonUnavailable): Answer(503),
    "steepest.store.errors.StoreUnavailable": Answer(503, retry_after=STORE_RETRY_AFTER),
    # Faults of the server, not of the input.
    _class_name(ComputeError): Answer(500),
    "steepest.store.errors.StoreError": Answer(
        500, hidden_as="the progress store failed; progress is still kept in this browser"
    ),
}

# What any other error says: a bug, whose details must not reach the client.
_UNEXPECTED = "something went wrong on the server"


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


def _answer_for(error_type: type[BaseException]) -> Answer | None:
    """The row of `ANSWERS` for the nearest listed class in the MRO; None when none is."""
    for ancestor in error_type.__mro__:
        answer = ANSWERS.get(_class_name(ancestor))
        if answer is not None:
            return answer
    return None


def problem_for(error: Exception) -> Problem:
    if isinstance(error, SteepestError) and (answer := _answer_for(type(error))) is not None:
        return _answered(error, answer)
    if _is_unreadable_body(error):
        # FastAPI's 400 for a body it could not read: the same 422 as any body that is not JSON.
        assert error.__cause__ is not None
        return Problem(422, _unreadable_body(error.__cause__))
    if isinstance(error, HTTPException):
        return Problem(error.status_code, str(error.detail))
    if isinstance(error, RequestValidationError):
        return Problem(422, _describe_validation(error))
    return _server_fault(error, 500, _UNEXPECTED)


def _answered(error: SteepestError, answer: Answer) -> Problem:
    if answer.hidden_as is not None:
        return _server_fault(error, answer.status, answer.hidden_as)
    retry_after = answer.retry_after
    if retry_after == ITS_OWN:
        retry_after = getattr(error, "retry_after", None)
    return Problem(answer.status, error.message, error.column, retry_after)


def _server_fault(error: Exception, status: int, message: str) -> Problem:
    logger.error("answered %d (%s)", status, message, exc_info=error)
    return Problem(status, message)


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

    for error_type in (SteepestError, HTTPException, RequestValidationError):
        app.add_exception_handler(error_type, handle)


def _is_unreadable_body(error: Exception) -> bool:
    """FastAPI's answer to a body it could not read, which names the reason as its cause."""
    return (
        isinstance(error, HTTPException)
        and error.status_code == 400
        and isinstance(error.__cause__, UnicodeDecodeError | RecursionError | ValueError)
    )


def _unreadable_body(cause: BaseException) -> str:
    """What stopped FastAPI reading a body, other than JSON syntax (which it reports itself)."""
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return f"the request body is not UTF-8 text (byte 0x{byte} at {cause.start})"
    if isinstance(cause, RecursionError):
        return "the request body is not valid JSON: its arrays or objects nest too deeply"
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        # Python refuses to read an integer this long, in JSON as anywhere.
        digits = sys.get_int_max_str_digits()
        return f"the request body is not valid JSON: a number has more than {digits} digits"
    return "the request body is not valid JSON: it cannot be read"


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
