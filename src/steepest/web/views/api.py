"""The JSON API: the gradient of a learner's function, and scoring a quiz answer."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from starlette.responses import JSONResponse

from steepest.compute import tasks
from steepest.compute.tasks.messages import GradientQuery
from steepest.web.course.quiz import find_question, score_answer
from steepest.web.http.state import app_state, engine_pool
from steepest.web.learners.session import current_learner
from steepest.web.learners.store_calls import question_tries, record_lesson_try
from steepest.web.schemas.api import (
    ENGINE_ERRORS,
    GradientReport,
    GradientRequest,
    QuizAnswer,
    QuizResult,
    error_response,
)
from steepest.web.security.csrf import require_csrf

router = APIRouter(prefix="/api", tags=["api"])


@router.post(
    "/gradient",
    summary="Partial derivatives, gradient and worked steps of a function",
    responses={200: {"model": GradientReport}, **ENGINE_ERRORS},
)
async def gradient(body: GradientRequest, request: Request) -> JSONResponse:
    """Differentiate `expression` in every variable and, given `at`, evaluate there.
    `parameters` (`["eta"]`) are constants: not differentiated, not given in `at`, so the
    gradient there may hold them.

    Errors in the typed text come back as 422 with the column where the engine stopped reading.
    """
    pool = engine_pool(request)
    query = GradientQuery(body.expression, body.at, body.variables, body.parameters)
    report = await pool.acall(tasks.GRADIENT_REPORT, query)
    # Returned as is, not through the model, so the API stays byte for byte the CLI's JSON.
    return JSONResponse(report)


@router.post(
    "/quiz/{lesson}/{question}",
    dependencies=[Depends(require_csrf)],
    summary="Score one multiple-choice answer, and record the attempt",
    response_model=QuizResult,
    # Scored here from the lesson's key, without the engine, so neither limited nor queued.
    responses={
        403: error_response("Failed the CSRF checks"),
        404: error_response("No such lesson or question"),
        422: error_response("The answer names no option of the question"),
    },
)
async def quiz(
    lesson: str, question: str, body: QuizAnswer, request: Request, response: Response
) -> QuizResult:
    """Whether the chosen option is right, with the author's feedback on a wrong option and
    help in steps decided from the learner's stored attempts, as for typed answers: the
    explanation with a right answer, or once the solution is out (asked for, or after the
    third wrong try). Needs the `X-Steepest-CSRF` header: the attempt is stored."""
    state = app_state(request)
    found = find_question(await state.library.lesson(lesson), question)
    learner = await current_learner(request, response, state.settings, state.store)
    verdict = score_answer(
        found, body.answer, await question_tries(state.store, learner, lesson, question)
    )
    await record_lesson_try(
        state.store,
        learner,
        lesson,
        question,
        answer=body.answer,
        verdict="correct" if verdict.correct else "incorrect",
        uid=body.id,
        hints=min(body.hints, len(found.hints_html)),
        solution_shown=verdict.after_solution,
    )
    return QuizResult(
        correct=verdict.correct,
        explanation_html=verdict.explanation_html,
        feedback_html=verdict.feedback_html,
        hint_html=verdict.hint_html,
        after_solution=verdict.after_solution,
    )
