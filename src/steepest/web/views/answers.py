"""Checking typed answers: the stateless `/api/equivalent` and `/api/preview`, open to any JSON
client, and the lesson's typed questions, whose attempts are recorded for the learner."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from steepest.compute import tasks
from steepest.compute.tasks.messages import EquivalenceQuery, PreviewQuery, QuestionAnswer
from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.web.course.help_steps import help_after, shown_feedback
from steepest.web.course.quiz import find_typed_question
from steepest.web.http.state import app_state, engine_pool
from steepest.web.learners.session import current_learner
from steepest.web.learners.store_calls import question_tries, record_attempt
from steepest.web.schemas.answers import (
    EquivalentRequest,
    EquivalentResult,
    PreviewRequest,
    PreviewResult,
    ToleranceSpec,
    TypedAnswer,
    TypedResult,
)
from steepest.web.schemas.api import ENGINE_ERRORS, error_response
from steepest.web.security.csrf import require_csrf

router = APIRouter(prefix="/api", tags=["answers"])


@router.post(
    "/equivalent",
    summary="Whether a typed answer equals the expected one",
    response_model=EquivalentResult,
    responses=ENGINE_ERRORS,
)
async def equivalent(body: EquivalentRequest, request: Request) -> TypedVerdictJson:
    """Decided by the engine: exactly where it can, else in exact or high-precision arithmetic
    at points of the whole domain, kinks and edges included.

    Either answer may be a vector, `(2w1, 6w2)` in any brackets: then `components` holds a
    verdict per component. The answer may be an equation (`dL/dw1 = 2w1`): its right-hand side
    is judged. A decimal answer to a value with no finite decimal (1/3, π) is right when it is
    the value rounded to the figures it shows, with at least `tolerance.figures` (3); or give
    `tolerance.relative` to accept any answer that close.

    An `answer` that does not parse is not an error: it gets the verdict `invalid`, with the
    parser's message and column. An `expected` that does not parse is a 422.
    """
    pool = engine_pool(request)
    tolerance = body.tolerance or ToleranceSpec()
    query = EquivalenceQuery(
        body.expected,
        body.answer,
        body.variables,
        body.domain,
        tolerance.figures,
        tolerance.relative,
        body.parameters,
    )
    return await pool.acall(tasks.EQUIVALENCE, query)


@router.post(
    "/preview",
    summary="Typeset what the engine reads from a typed text",
    response_model=PreviewResult,
    responses={404: error_response("No such lesson or question"), **ENGINE_ERRORS},
)
async def preview(body: PreviewRequest, request: Request) -> PreviewResult:
    """The live preview under an answer box: the text read as the check will read it, shown in
    the form typed (nothing expanded, 0.164 kept as 0.164). Given `lesson` and `question`, or a
    practice `problem`, it uses that check's names, vector size and matrix shape, and refuses
    what the check could not read, with the same message; whatever it shows, the check can
    judge. Text that does not parse is a 422 with its column."""
    state = app_state(request)
    question = None
    if body.lesson is not None and body.question is not None:
        found = await state.library.lesson(body.lesson)
        question = find_typed_question(found, body.question).question_fields(found.parameters)
    problem = None if body.problem is None else state.signer.read(body.problem)
    query = PreviewQuery(body.text, body.variables, body.parameters, question, problem)
    return PreviewResult(mathml=await engine_pool(request).acall(tasks.PREVIEW, query))


@router.post(
    "/answers/{lesson}/{question}",
    dependencies=[Depends(require_csrf)],
    summary="Check a typed answer to one of a lesson's questions, and record the attempt",
    response_model=TypedResult,
    responses={
        403: error_response("Failed the CSRF checks"),
        404: error_response("No such lesson or question"),
        **ENGINE_ERRORS,
    },
)
async def typed_answer(
    lesson: str, question: str, body: TypedAnswer, request: Request, response: Response
) -> TypedResult:
    """The engine's verdict, and help in steps decided from the learner's stored attempts
    (docs/authoring.md, "Help in steps"): after a wrong answer the slip named (`hint_html`),
    then a stronger hint; the explanation and the engine's whole message (which may hold the
    right answer) only with a right answer, once the solution was asked for, or after the third
    wrong try. Text the engine cannot read costs nothing. Needs the `X-Steepest-CSRF` header,
    because the attempt is stored for the learner, with the number of hints revealed."""
    state = app_state(request)
    found = await state.library.lesson(lesson)
    block = find_typed_question(found, question)
    feedback = await engine_pool(request).acall(
        tasks.QUESTION_FEEDBACK,
        QuestionAnswer(block.question_fields(found.parameters), body.answer),
    )
    learner = await current_learner(request, response, state.settings, state.store)
    tries = await question_tries(state.store, learner, lesson, question)
    # The engine names the slip without the answer when it can (an optional field).
    slip = feedback.get("hint")
    helped = help_after(block, tries, feedback["verdict"], slip if isinstance(slip, str) else None)
    hints = min(body.hints, len(block.hints_html))
    await record_attempt(
        state.store,
        learner,
        answer=body.answer,
        feedback=feedback,
        uid=body.id,
        lesson=lesson,
        question=question,
        hints=hints,
        solution_shown=helped.after_solution,
    )
    return TypedResult.model_validate(
        {
            "feedback": shown_feedback(feedback, helped),
            "explanation_html": block.explanation_html if helped.solution else None,
            "hint_html": helped.hint_html,
            "after_solution": helped.after_solution,
        }
    )
