"""Spaced review's JSON API: what is due, a problem for a due topic, an answer that rates and
reschedules its card, and the merge of the browser's copy of the cards (like progress.py).

Every route takes the time from `review_clock`, a dependency: the real time when serving, a
fixed one in a test (`app.dependency_overrides[review_clock]`). `steepest.review` never reads a
clock itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from steepest.compute import tasks
from steepest.compute.tasks.messages import PracticeAnswer
from steepest.web.http.state import app_state, engine_pool
from steepest.web.learners import review_calls
from steepest.web.learners.session import current_learner
from steepest.web.schemas.answers import PracticeAttempt, PracticeProblem
from steepest.web.schemas.api import ENGINE_ERRORS, error_response
from steepest.web.schemas.review import (
    ReviewDocument,
    ReviewPlan,
    ReviewRequest,
    ReviewResult,
)
from steepest.web.security.csrf import require_csrf
from steepest.web.views.practice import deal_problem, require_topic, solution_html

router = APIRouter(prefix="/api/review", tags=["review"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    **ENGINE_ERRORS,
    403: error_response("Failed the CSRF checks"),
    409: error_response("A topic not mastered yet, or a review answered already"),
    422: error_response("A malformed request or review document"),
}
_DOCUMENT = Body(description="A review-state document")


def review_clock() -> datetime:
    """The time reviews are scheduled at: now, unless a test overrides this dependency."""
    return datetime.now(UTC)


REVIEW_TIME = Depends(review_clock)


@router.get(
    "",
    summary="What is due for review, and when the rest comes due",
    response_model=ReviewPlan,
    responses=_ERRORS,
)
async def due(request: Request, response: Response, now: datetime = REVIEW_TIME) -> dict[str, Any]:
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(review_calls.plan_json, learner, now)


@router.put(
    "",
    dependencies=[Depends(require_csrf)],
    summary="Merge the browser's review cards into the server's; returns the merged cards",
    response_model=ReviewDocument,
    responses=_ERRORS,
)
async def merge(
    request: Request, response: Response, document: dict[str, Any] = _DOCUMENT
) -> dict[str, Any]:
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(review_calls.merge_review, learner, document)


@router.post(
    "/problems",
    summary="A review problem of a mastered topic, at its highest mastered level",
    response_model=PracticeProblem,
    responses=_ERRORS,
)
async def new_problem(
    body: ReviewRequest, request: Request, response: Response, now: datetime = REVIEW_TIME
) -> PracticeProblem:
    require_topic(body.topic)
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    item = await state.store.call(review_calls.reviewable, learner, body.topic, now)
    return await deal_problem(request, body.topic, item.level)


@router.post(
    "/attempts",
    dependencies=[Depends(require_csrf)],
    summary="Answer a review problem; a finished review reschedules its topic",
    response_model=ReviewResult,
    responses=_ERRORS,
)
async def attempt(
    body: PracticeAttempt, request: Request, response: Response, now: datetime = REVIEW_TIME
) -> dict[str, Any]:
    """Right at the first try rates the review good, at the second hard; wrong twice, again.
    The worked solution comes once the review is rated; unreadable input costs nothing."""
    state = app_state(request)
    key = state.signer.read(body.problem)
    result = await engine_pool(request).acall(
        tasks.PRACTICE_FEEDBACK, PracticeAnswer(key, body.answer)
    )
    learner = await current_learner(request, response, state.settings, state.store)
    outcome = await state.store.call(
        review_calls.record_review, learner, key, body.answer, result["feedback"], body.id, now
    )
    solution = result["solution"] if outcome["finished"] else None
    shown = solution_html(request, solution)
    return {"feedback": result["feedback"], "solution": solution, "solution_html": shown, **outcome}
