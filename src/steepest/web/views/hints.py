"""A question's hints, one at a time, on request (the page holds only how many there are), and
its solution, whose showing is recorded for the learner."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from starlette.responses import JSONResponse, RedirectResponse

from steepest.lessons.model import TypedQuestionBlock
from steepest.web.course.hints import reveal_hint
from steepest.web.course.quiz import find_any_question
from steepest.web.http.state import app_state
from steepest.web.learners.session import current_learner
from steepest.web.learners.store_calls import question_tries, record_lesson_try
from steepest.web.schemas.api import error_response
from steepest.web.schemas.hints import HintRequest, HintResult, SolutionResult
from steepest.web.security.csrf import check_csrf, check_form_post

router = APIRouter(prefix="/api", tags=["hints"])
_FORM = "application/x-www-form-urlencoded"


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
    """Hint `index` (from 0) of a multiple-choice or typed question, in any order: they are
    the author's, and a wrong answer brings them out in steps as well."""
    found = find_any_question(await app_state(request).library.lesson(lesson), question)
    return HintResult(
        index=body.index, total=len(found.hints_html), hint_html=reveal_hint(found, body.index)
    )


@router.post(
    "/solution/{lesson}/{question}",
    summary="Show a question's solution, and record that it was shown",
    response_model=SolutionResult,
    responses={
        303: {"description": "A form post: back to the lesson, the solution shown"},
        403: error_response("Failed the CSRF checks"),
        404: error_response("No such lesson or question"),
    },
)
async def solution(lesson: str, question: str, request: Request, response: Response) -> Response:
    """The explanation of a multiple-choice or typed question. From then on the learner's
    answers to it are recorded as given after the solution, and none counts as right first
    time. Needs the `X-Steepest-CSRF` header; a plain form post (a page without JavaScript)
    instead needs an `Origin` of this site, and is sent back to the lesson."""
    form = request.headers.get("content-type", "").startswith(_FORM)
    if form:
        check_form_post(request)
    else:
        check_csrf(request)
    state = app_state(request)
    found = find_any_question(await state.library.lesson(lesson), question)
    learner = await current_learner(request, response, state.settings, state.store)
    if not (await question_tries(state.store, learner, lesson, question)).solution_shown:
        await record_lesson_try(
            state.store,
            learner,
            lesson,
            question,
            answer="",
            verdict="invalid",
            solution_shown=True,
        )
    answer: Response
    if form:
        kind = "typed" if isinstance(found, TypedQuestionBlock) else "question"
        back = f"/lessons/{lesson}?{urlencode({kind: question})}#question-{question}"
        answer = RedirectResponse(back, status_code=303)
    else:
        answer = JSONResponse(SolutionResult(explanation_html=found.explanation_html).model_dump())
    # The learner's cookies, set when this request made the learner.
    answer.raw_headers.extend(h for h in response.raw_headers if h[0] == b"set-cookie")
    return answer
