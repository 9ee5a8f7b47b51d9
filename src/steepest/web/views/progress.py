"""A learner's progress on the server: read and merged per lesson, exported and imported whole.

The browser keeps its own copy (localStorage) and PUTs it whenever it changes or comes back
online; the answer is the merge of both, which the browser adopts, so two tabs, or a laptop
that was offline, end up agreeing (see `steepest.store.progress` for the merge rules).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response
from starlette.responses import JSONResponse

from steepest.web.http.state import app_state
from steepest.web.learners import store_calls
from steepest.web.learners.session import current_learner
from steepest.web.schemas.answers import ImportResult, ProgressDocument
from steepest.web.schemas.api import error_response
from steepest.web.security.csrf import require_csrf

router = APIRouter(prefix="/api/progress", tags=["progress"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    403: error_response("Failed the CSRF checks"),
    404: error_response("No such lesson"),
    422: error_response("A progress document or file of the wrong shape"),
    503: error_response("The database is busy; see Retry-After"),
}
# A progress file holds at most a few hundred small entries per lesson.
_DOCUMENT = Body(description="A progress document, or an exported file")


@router.get(
    "/export",
    summary="Download everything stored about this learner",
    responses={200: {"description": "The export file (JSON)"}, **_ERRORS},
)
async def export(request: Request, response: Response) -> JSONResponse:
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    document = await state.store.call(store_calls.export_learner, learner)
    day = datetime.now(UTC).date().isoformat()
    download = JSONResponse(
        document,
        headers={"Content-Disposition": f'attachment; filename="steepest-progress-{day}.json"'},
    )
    for name, value in response.headers.items():
        if name == "set-cookie":
            download.headers.append(name, value)
    return download


@router.post(
    "/import",
    dependencies=[Depends(require_csrf)],
    summary="Merge an exported file into this learner's progress",
    response_model=ImportResult,
    responses=_ERRORS,
)
async def import_progress(
    request: Request, response: Response, document: dict[str, Any] = _DOCUMENT
) -> dict[str, Any]:
    """All of the file or none of it; importing the same file twice changes nothing."""
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(store_calls.import_learner, learner, document)


@router.get(
    "/{lesson}",
    summary="This learner's progress through a lesson",
    response_model=ProgressDocument,
    responses=_ERRORS,
)
async def read(lesson: str, request: Request, response: Response) -> dict[str, Any]:
    """Also where a browser gets its learner and CSRF cookies, the first time it asks."""
    state = app_state(request)
    await state.library.lesson(lesson)  # 404 for a lesson that does not exist
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(store_calls.get_progress, learner, lesson)


@router.put(
    "/{lesson}",
    dependencies=[Depends(require_csrf)],
    summary="Merge the browser's progress into the server's; returns the merged document",
    response_model=ProgressDocument,
    responses=_ERRORS,
)
async def merge(
    lesson: str, request: Request, response: Response, document: dict[str, Any] = _DOCUMENT
) -> dict[str, Any]:
    state = app_state(request)
    await state.library.lesson(lesson)
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(store_calls.merge_progress, learner, lesson, document)
