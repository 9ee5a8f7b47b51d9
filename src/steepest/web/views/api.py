"""The JSON API: the gradient of a learner's function, and scoring a quiz answer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from steepest.compute import tasks
from steepest.compute.tasks.messages import GradientQuery
from steepest.web.course.quiz import find_question, score_answer
from steepest.web.http.state import app_state, engine_pool
from steepest.web.schemas.api import (
    ENGINE_ERRORS,
    GradientReport,
    GradientRequest,
    QuizAnswer,
    QuizResult,
    error_response,
)

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
    summary="Score one multiple-choice answer",
    response_model=QuizResult,
    # Scored here from the lesson's key, without the engine, so neither limited nor queued.
    responses={
        404: error_response("No such lesson or question"),
        422: error_response("The answer names no option of the question"),
    },
)
async def quiz(lesson: str, question: str, body: QuizAnswer, request: Request) -> QuizResult:
    """Whether the chosen option is right, with the author's feedback on a wrong option, and
    the explanation: after a wrong answer only once `hints` covers every hint the question
    has."""
    found = find_question(await app_state(request).library.lesson(lesson), question)
    verdict = score_answer(found, body.answer, body.hints)
    return QuizResult(
        correct=verdict.correct,
        explanation_html=verdict.explanation_html,
        feedback_html=verdict.feedback_html,
    )
