"""The HTML pages: the course index (with the count of reviews due), a lesson, and /review.

A lesson page also answers the plain forms that work without JavaScript: `?expression=…&at=…`
shows the learner's own worked example, `?question=…&answer=…` scores one quiz answer, and
`?typed=…&typed_answer=…` has the engine check one typed answer. These are GET forms, so they
show a verdict and store nothing; with JavaScript the same answers are recorded. Either form
may carry `hints=N` (the hints shown so far) and `hint=more` (its "Show a hint" button), which
reveal that question's first N (+1) hints on the page. The help a verdict carries, and whether
the solution shows, follow the learner's stored attempts at that question (help_steps.py); the
"Show the solution" button posts to /api/solution, which records it and comes back here.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from steepest.compute import tasks
from steepest.compute.tasks.messages import QuestionAnswer
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.topics import TOPICS
from steepest.errors import SteepestError
from steepest.lessons.directive_blocks import MAX_HINTS
from steepest.web.course.help_steps import Tries, help_after, shown_feedback
from steepest.web.course.hints import revealed_hints
from steepest.web.course.lesson_status import STATUS_TEXT, MasteryGoal, lesson_status
from steepest.web.course.quiz import (
    QuizVerdict,
    find_any_question,
    find_question,
    find_typed_question,
    score_answer,
)
from steepest.web.course.try_it import TryIt, try_expression
from steepest.web.http.state import app_state, engine_pool
from steepest.web.learners import review_calls, store_calls
from steepest.web.learners.session import current_learner, learner_cookie
from steepest.web.learners.store_calls import question_tries
from steepest.web.views.review import REVIEW_TIME

logger = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, now: datetime = REVIEW_TIME) -> HTMLResponse:
    """The site's title and intro, then each course's units in order (see lessons/syllabus.py),
    each lesson with where this learner stands in it (see course/lesson_status.py), and how
    many reviews are due."""
    state = app_state(request)
    catalogue = await state.library.catalogue()
    assert catalogue.syllabus is not None  # the library's catalogue comes from load_catalogue
    # Lesson files that did not load: listed for their author under --reload, else left out.
    broken = catalogue.broken if state.settings.reload else ()
    # Read only: a first visit (and so the static copy, which has no /review) makes no learner
    # and shows no count; nor does a database that cannot answer: the index still shows.
    cookie, due = learner_cookie(request), None
    if cookie is not None:
        with suppress(SteepestError):
            due = await state.store.call(review_calls.due_count, cookie, now)
    progress = await _stored_progress(request)
    goals = {lesson.slug: MasteryGoal.of(lesson) for lesson in catalogue}
    statuses = {slug: lesson_status(goal, progress.get(slug, {})) for slug, goal in goals.items()}
    return state.templates.render(
        "index.html",
        syllabus=catalogue.syllabus,
        broken=broken,
        reviews_due=due,
        goals=goals,
        statuses=statuses,
        status_text=STATUS_TEXT,
    )


async def _stored_progress(request: Request) -> dict[str, dict[str, Any]]:
    """The server's copy of this learner's progress, by lesson. A visitor without the cookie
    has none, and is not given one here: only saving progress creates a learner. A store that
    cannot answer leaves the statuses to the page's script (localStorage), not a failed page."""
    cookie = learner_cookie(request)
    if cookie is None:
        return {}
    try:
        return await app_state(request).store.call(store_calls.progress_by_lesson, cookie)
    except SteepestError:
        logger.warning("the course index shows no stored progress: the store did not answer")
        return {}


@router.get("/review", response_class=HTMLResponse)
async def review(request: Request, now: datetime = REVIEW_TIME) -> HTMLResponse:
    """What is due for review and when the rest comes due; answering needs JavaScript."""
    state = app_state(request)
    cookies = HTMLResponse()
    learner = await current_learner(request, cookies, state.settings, state.store)
    plan = await state.store.call(review_calls.plan, learner, now)
    page = state.templates.render("review.html", plan=plan, topics=TOPICS)
    for value in cookies.headers.getlist("set-cookie"):
        page.headers.append("set-cookie", value)
    return page


@router.get("/lessons/{slug}", response_class=HTMLResponse)
async def lesson(
    request: Request,
    slug: str,
    expression: str | None = Query(default=None, max_length=2000),
    at: str = Query(default="", max_length=500),
    example: int = Query(default=1, ge=1),
    question: str | None = Query(default=None, max_length=100),
    answer: str | None = Query(default=None, max_length=100),
    typed: str | None = Query(default=None, max_length=100),
    typed_answer: str | None = Query(default=None, max_length=500),
    hints: int = Query(default=0, ge=0, le=MAX_HINTS),
    hint: Literal["more"] | None = Query(default=None),
) -> Response:
    state = app_state(request)
    page = await state.library.page(slug)
    if not request.query_params:
        # The page as every learner first sees it: rendered once, then sent as bytes.
        return state.page_cache.response(
            request,
            slug,
            page,
            lambda: state.templates.render_text(
                "lesson.html",
                page=page,
                lesson=page.lesson,
                try_it=None,
                try_example=1,
                verdicts={},
                typed_verdicts={},
                revealed={},
                solutions={},
            ),
        )
    try_it: TryIt | None = None
    if expression is not None:
        try_it = await try_expression(engine_pool(request), expression, at)
    # The form of one question was sent, with the hints revealed so far, one more if asked.
    shown = hints + (hint is not None)
    revealed: dict[str, tuple[str, ...]] = {}
    for asked in (question, typed):
        if asked is not None and shown:
            revealed[asked] = revealed_hints(find_any_question(page.lesson, asked), shown)
    # The learner's stored attempts at the question sent: read, not added to.
    cookies = Response()
    sent = question or typed
    tries = Tries()
    solutions: dict[str, str] = {}
    if sent is not None:
        learner = await current_learner(request, cookies, state.settings, state.store)
        tries = await question_tries(state.store, learner, slug, sent)
        if tries.solution_seen:
            solutions[sent] = find_any_question(page.lesson, sent).explanation_html
    verdicts: dict[str, QuizVerdict] = {}
    if question is not None and answer is not None:
        found = find_question(page.lesson, question)
        verdicts[question] = score_answer(found, answer, tries)
    checked: dict[str, TypedVerdict] = {}
    if typed is not None and typed_answer is not None and typed_answer.strip():
        block = find_typed_question(page.lesson, typed)
        feedback = await engine_pool(request).acall(
            tasks.QUESTION_FEEDBACK,
            QuestionAnswer(block.question_fields(page.lesson.parameters), typed_answer),
        )
        slip = feedback.get("hint")
        helped = help_after(
            block, tries, feedback["verdict"], slip if isinstance(slip, str) else None
        )
        checked[typed] = TypedVerdict(
            typed_answer,
            shown_feedback(feedback, helped),
            block.explanation_html if helped.solution else None,
            helped.hint_html,
            helped.after_solution,
        )
    problem = try_it.problem if try_it is not None else None
    rendered = state.templates.render(
        "lesson.html",
        status_code=problem.status if problem is not None else 200,
        page=page,
        lesson=page.lesson,
        try_it=try_it,
        try_example=example,
        verdicts=verdicts,
        typed_verdicts=checked,
        revealed=revealed,
        solutions=solutions,
    )
    rendered.raw_headers.extend(h for h in cookies.raw_headers if h[0] == b"set-cookie")
    return rendered


@dataclass(frozen=True)
class TypedVerdict:
    """A typed answer checked for a page rendered without JavaScript."""

    answer: str
    feedback: FeedbackJson
    explanation_html: str | None
    hint_html: str | None
    after_solution: bool
