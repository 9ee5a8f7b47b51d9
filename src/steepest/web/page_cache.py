"""A lesson page as the plain GET serves it: rendered once, compressed once, then sent as bytes.

The page without a query string is the same for every learner (their progress arrives later,
through the API), so rendering it (about 3 ms) and gzipping it (about 2.5 ms) for each request
would cap a 2-core server far below a classroom's worth of page loads. The rendered bytes are
kept with the prepared page they came from, so a page prepared anew (a lesson edited under
`--reload`) is rendered anew. An ETag lets a returning browser revalidate with a 304.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from steepest.web.prepared_body import PreparedBody

HTML = "text/html; charset=utf-8"


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
        page = self._pages.get(key)
        if page is None or page.source is not source:
            page = RenderedPage(source, PreparedBody.of(render().encode(), HTML))
            self._pages[key] = page
        return page.body.response(request)
