"""What the app holds for its lifetime, created in its lifespan and reached from each request."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from steepest.compute import ComputePool
from steepest.web.library import LessonLibrary
from steepest.web.page_cache import PageCache
from steepest.web.problem_tokens import ProblemSigner
from steepest.web.rate_limit import RateLimiter, client_address
from steepest.web.settings import Settings
from steepest.web.store_handle import StoreHandle
from steepest.web.templating import Templates


@dataclass(frozen=True)
class AppState:
    settings: Settings
    pool: ComputePool
    library: LessonLibrary
    templates: Templates
    store: StoreHandle
    signer: ProblemSigner
    limiter: RateLimiter
    page_cache: PageCache


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.steepest
    return state


def engine_pool(request: Request) -> ComputePool:
    """The compute pool, for one engine call on behalf of this request's client: every route
    that runs the engine comes here, so the per-client rate limit covers them all."""
    state = app_state(request)
    state.limiter.charge(client_address(request))
    return state.pool
