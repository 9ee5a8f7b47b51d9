"""A lesson page as the plain GET serves it: rendered once, compressed once, then sent as bytes.

The page without a query string is the same for every learner (their progress arrives later,
through the API), so rendering it (about 3 ms) and gzipping it (about 2.5 ms) for each request
would cap a 2-core server far below a classroom's worth of page loads. The rendered bytes are
kept with the prepared page they came from, so a page prepared anew (a lesson edited under
`--reload`) is rendered anew. An ETag lets a returning browser revalidate with a 304.

The route renders a page the first time (`PageCache.response`); after that `CachedPageMiddleware`
sends the bytes before routing. FastAPI's routing, its checks of the route's seven optional
query parameters and the middleware in between cost about 0.3 ms a request, twice what sending
the bytes does, and a classroom arriving at once is a burst of exactly these requests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from steepest.web.http.prepared_body import PreparedBody

HTML = "text/html; charset=utf-8"
LESSON_PATH = "/lessons/"


@dataclass(frozen=True)
class RenderedPage:
    source: object
    """The prepared page these bytes were rendered from."""
    body: PreparedBody


class PageCache:
    def __init__(self) -> None:
        self._pages: dict[str, RenderedPage] = {}

    def response(
        self, request: Request, key: str, source: object, render: Callable[[], str]
    ) -> Response:
        body = self.rendered(key, source)
        if body is None:
            body = PreparedBody.of(render().encode(), HTML)
            self._pages[key] = RenderedPage(source, body)
        return body.response(request)

    def rendered(self, key: str, source: object) -> PreparedBody | None:
        """The bytes already rendered from `source`, if any."""
        page = self._pages.get(key)
        return page.body if page is not None and page.source is source else None


class _Library(Protocol):
    def ready_page(self, slug: str) -> object | None: ...


class _AppPages(Protocol):
    """What the middleware reads of the app's state (`AppState`), without importing it."""

    @property
    def library(self) -> _Library: ...

    @property
    def page_cache(self) -> PageCache: ...


class CachedPageMiddleware:
    """Answers a plain GET of a lesson page already rendered; passes every other request on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = _rendered_page(scope) if scope["type"] == "http" else None
        if body is None:
            await self.app(scope, receive, send)
        else:
            await body.send(scope, send)


def _rendered_page(scope: Scope) -> PreparedBody | None:
    if scope["method"] != "GET" or scope["query_string"]:
        return None
    path: str = scope["path"].removeprefix(scope.get("root_path", ""))
    slug = path.removeprefix(LESSON_PATH)
    if slug == path or not slug or "/" in slug:
        return None
    # Absent until the app's lifespan has started.
    state: _AppPages | None = getattr(scope["app"].state, "steepest", None)
    if state is None:
        return None
    page = state.library.ready_page(slug)
    return None if page is None else state.page_cache.rendered(slug, page)
