"""What the app holds for its lifetime, created in its lifespan and reached from each request."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from steepest.compute.lanes import ClientCalls, ComputeLanes
from steepest.web.course.library import LessonLibrary
from steepest.web.http.lesson_images import LessonImages
from steepest.web.http.page_cache import PageCache
from steepest.web.http.templating import Templates
from steepest.web.learners.store_handle import StoreHandle
from steepest.web.security.problem_tokens import ProblemSigner
from steepest.web.security.rate_limit import RateLimiter, client_address
from steepest.web.settings import Settings


@dataclass(frozen=True)
class AppState:
    settings: Settings
    pool: ComputeLanes
    library: LessonLibrary
    templates: Templates
    store: StoreHandle
    signer: ProblemSigner
    limiter: RateLimiter
    page_cache: PageCache
    lesson_images: LessonImages = field(default_factory=LessonImages)


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.steepest
    return state


def engine_pool(request: Request) -> ClientCalls:
    """The compute lanes, for one engine call on behalf of this request's client: every route
    that runs the engine comes here, so the per-client rate limit, the cap on a client's calls
    in flight and the fair turns between clients cover them all."""
    state = app_state(request)
    client = client_address(request)
    state.limiter.charge(client)
    return state.pool.for_client(client)
