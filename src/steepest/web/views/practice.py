"""Endless practice: generated problems at three levels of a topic, checked by the engine, with
the worked solution after each attempt and the mastery rule (3 right in a row at a level) kept
per learner and topic (`engine/problems/topics.py`).

A problem travels as a signed token (see problem_tokens.py); asking for one changes nothing
stored, answering one records an attempt and so needs the CSRF header. A wrong first answer
earns a second try, which is recorded but never counts as right first time; the worked
solution comes once no try is left.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from steepest.compute import tasks
from steepest.compute.tasks.messages import PracticeAnswer
from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.mastery import TopicMasteryJson
from steepest.engine.problems.topics import DEFAULT_TOPIC, TOPICS
from steepest.web.http.errors import UnknownTopic
from steepest.web.http.state import app_state, engine_pool
from steepest.web.learners import store_calls
from steepest.web.learners.session import current_learner
from steepest.web.learners.store_calls import PRACTICE_TRIES
from steepest.web.schemas.answers import (
    Mastery,
    PracticeAttempt,
    PracticeProblem,
    PracticeRequest,
    PracticeResult,
)
from steepest.web.schemas.api import ENGINE_ERRORS, error_response
from steepest.web.security.csrf import require_csrf

router = APIRouter(prefix="/api/practice", tags=["practice"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    **ENGINE_ERRORS,
    403: error_response("Failed the CSRF checks"),
    409: error_response("That problem was answered right already, or tried twice"),
    422: error_response("A malformed request or an unknown problem"),
}


@router.post(
    "/problems",
    summary="A new practice problem",
    response_model=PracticeProblem,
    responses=_ERRORS,
)
async def new_problem(body: PracticeRequest, request: Request) -> PracticeProblem:
    """A random problem of `topic` at `level`, without its answer: that comes back after an
    attempt. Without a `kind`, it asks any of the topic's kinds."""
    return await deal_problem(request, body.topic, body.level, body.kind, body.recent)


async def deal_problem(
    request: Request,
    topic: str,
    level: int,
    kind: ProblemKind | None = None,
    recent: Sequence[int] = (),
) -> PracticeProblem:
    """A fresh signed problem of `topic` at `level` (any of its kinds unless `kind` is given),
    from none of the `recent` templates; the review page deals its problems here too."""
    state = app_state(request)
    kinds = TOPICS[topic].kinds
    key = state.signer.new_key(topic, level, kind or kinds[secrets.randbelow(len(kinds))], recent)
    question = await engine_pool(request).acall(tasks.PRACTICE_PROBLEM, key)
    template = template_of(key.seed, TOPICS[topic].templates[level - 1])
    return PracticeProblem(problem=state.signer.sign(key), template=template, question=question)


def solution_html(request: Request, solution: Mapping[str, Any] | None) -> str | None:
    """The worked solution with its rule-by-rule steps, as practice and review show it."""
    if solution is None:
        return None
    return app_state(request).templates.render_text("_practice_solution.html", solution=solution)


def require_topic(topic: str) -> None:
    if topic not in TOPICS:
        raise UnknownTopic(f"there is no practice topic {topic!r} (one of {', '.join(TOPICS)})")


@router.post(
    "/attempts",
    dependencies=[Depends(require_csrf)],
    summary="Answer a practice problem",
    response_model=PracticeResult,
    responses=_ERRORS,
)
async def attempt(body: PracticeAttempt, request: Request, response: Response) -> PracticeResult:
    """The diagnosis, the worked solution once no try is left, and the learner's mastery of
    the problem's topic after this attempt.

    Unreadable input gets the verdict `invalid` and costs nothing: no solution is revealed, the
    try is not used up and the streak is unchanged."""
    state = app_state(request)
    key = state.signer.read(body.problem)
    result = await engine_pool(request).acall(
        tasks.PRACTICE_FEEDBACK, PracticeAnswer(key, body.answer)
    )
    learner = await current_learner(request, response, state.settings, state.store)
    try_number = await store_calls.record_attempt(
        state.store,
        learner,
        answer=body.answer,
        feedback=result["feedback"],
        uid=body.id,
        practice=key,
    )
    verdict = result["feedback"]["verdict"]
    can_retry = verdict == "invalid" or (verdict == "incorrect" and try_number < PRACTICE_TRIES)
    solution = None if can_retry else result["solution"]
    return PracticeResult.model_validate(
        {
            "feedback": result["feedback"],
            "solution": solution,
            "solution_html": solution_html(request, solution),
            "try_number": try_number,
            "can_retry": can_retry,
            "mastery": await state.store.call(store_calls.mastery, learner, key.topic),
        }
    )


@router.get(
    "/mastery",
    summary="The learner's mastery of the three levels of a topic",
    response_model=Mastery,
    responses=_ERRORS,
)
async def learner_mastery(
    request: Request,
    response: Response,
    topic: str = Query(default=DEFAULT_TOPIC, max_length=32, description="A practice topic"),
) -> TopicMasteryJson:
    require_topic(topic)
    state = app_state(request)
    learner = await current_learner(request, response, state.settings, state.store)
    return await state.store.call(store_calls.mastery, learner, topic)
