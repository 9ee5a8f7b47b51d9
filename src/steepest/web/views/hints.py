"""A question's hints, one at a time, on request: the page holds only how many there are."""

from __future__ import annotations

from fastapi import APIRouter, Request

from steepest.web.course.hints import reveal_hint
from steepest.web.course.quiz import find_any_question
from steepest.web.http.state import app_state
from steepest.web.schemas.api import error_response
from steepest.web.schemas.hints import HintRequest, HintResult

router = APIRouter(prefix="/api", tags=["hints"])


@router.post(
    "/hints/{lesson}/{question}",
    summary="Reveal one of a question's hints",
    response_model=HintResult,
    # Read from the lesson, without the engine, and nothing is stored: neither limited nor
    # queued, and no CSRF token. The count revealed is recorded with the next attempt.
    responses={
        404: error_response("No such lesson or question"),
        422: error_response("The question has no hint at that index"),
    },
)
async def hint(lesson: str, question: str, body: HintRequest, request: Request) -> HintResult:
    """Hint `index` (from 0) of a multiple-choice or typed question. Ask for them in order:
    after a wrong answer the explanation waits until every hint has been revealed."""
    found = find_any_question(await app_state(request).library.lesson(lesson), question)
    return HintResult(
        index=body.index, total=len(found.hints_html), hint_html=reveal_hint(found, body.index)
    )
