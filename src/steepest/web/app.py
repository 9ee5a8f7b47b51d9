"""The web application: `create_app(settings)` builds a FastAPI app, Datasette style.

The compute pool and the progress store live as long as the app: created in the lifespan, closed
on shutdown. Nothing slow runs before the server accepts connections; lessons load, their engine
results are computed and the store is opened in the background, and the first request for a
page (or for a learner's progress) waits for just that.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response

from steepest.compute import tasks
from steepest.compute.lanes import ComputeLanes
from steepest.web.course.library import LessonLibrary
from steepest.web.http.body_limit import BodySizeLimitMiddleware
from steepest.web.http.errors import Problem, install_error_handlers
from steepest.web.http.page_cache import CachedPageMiddleware, PageCache
from steepest.web.http.state import AppState
from steepest.web.http.static_assets import StaticAssets
from steepest.web.http.templating import Templates
from steepest.web.learners.store_handle import StoreHandle
from steepest.web.security.headers import SecurityHeadersMiddleware
from steepest.web.security.problem_tokens import ProblemSigner
from steepest.web.security.rate_limit import RateLimiter
from steepest.web.settings import Settings
from steepest.web.views import answers, api, hints, lesson_images, pages, practice, progress, review
from steepest.web.views import surface as surface_views
from steepest.widgets import WIDGETS

STATIC_DIR = Path(__file__).with_name("static")
# The forkserver imports the module of every task the app calls, and the engine with them, once;
# each worker then forks with them all loaded, a fresh one after a kill included.
WORKER_PRELOAD = tasks.task_modules(
    tasks.GRADIENT_REPORT,
    tasks.WORKED_EXAMPLE,
    tasks.EQUIVALENCE,
    tasks.PREVIEW,
    tasks.QUESTION_FEEDBACK,
    tasks.TYPED_ANSWER_COMPONENTS,
    tasks.PRACTICE_PROBLEM,
    tasks.PRACTICE_FEEDBACK,
    tasks.LEVEL_SETS,
    tasks.DESCENT_PATH,
    *(widget.spec for widget in WIDGETS.values()),
)
# Under --reload the workers also check each lesson's claims, as `steepest check` does.
REVIEW_PRELOAD = tasks.task_modules(tasks.CLAIM_MISMATCH)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    templates = Templates()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = ComputeLanes(
            settings.workers,
            settings.timeout,
            preload=(*WORKER_PRELOAD, *REVIEW_PRELOAD) if settings.reload else WORKER_PRELOAD,
            client_calls=settings.client_calls or None,
        )
        library = LessonLibrary(settings.lesson_dir, pool, reload=settings.reload)
        store = StoreHandle(settings.database)
        signer = ProblemSigner(settings.secret)
        limiter = RateLimiter(settings.rate_limit)
        app.state.steepest = AppState(
            settings, pool, library, templates, store, signer, limiter, PageCache()
        )
        library.start()
        store.start()
        try:
            yield
        finally:
            await library.close()
            await store.close()
            # close() waits for busy workers to die; keep the event loop free meanwhile.
            await asyncio.to_thread(pool.close)

    app = FastAPI(
        title="Steepest",
        summary="Interactive math-for-ML lessons whose every claim is checked by SymPy",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads its scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    # The last added is the outermost: every response, however made, gets the security headers.
    app.add_middleware(BodySizeLimitMiddleware, max_body=settings.max_body)
    # Lesson pages carry MathML and contour data; compressed they travel at about a fifth.
    # Level 6: most of level 9's saving at a third of its time, for responses made per request.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(CachedPageMiddleware)  # bodies compressed already, once
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticAssets(STATIC_DIR), name="static")
    app.include_router(pages.router)
    app.include_router(lesson_images.router)
    app.include_router(api.router)
    app.include_router(surface_views.router)
    app.include_router(answers.router)
    app.include_router(hints.router)
    app.include_router(practice.router)
    app.include_router(progress.router)
    app.include_router(review.router)

    def render_problem(request: Request, problem: Problem) -> Response:
        return templates.render("error.html", status_code=problem.status, problem=problem)

    install_error_handlers(app, render_problem)
    return app
