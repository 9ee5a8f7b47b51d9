"""A lesson page as the plain GET serves it: rendered once, compressed once, then sent as bytes.

The page without a query string is the same for every learner (their progress arrives later,
through the API), so rendering it (about 3 ms) and gzipping it (about 2.5 ms) for each request
would cap a 2-core server far below a classroom's worth of page loads. The rendered bytes are
kept with the prepared page they came from, so a page prepared anew (a lesson edited under
`--reload`) is rendered anew. An ETag lets a returning browser revalidate with a 304.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class RenderedPage:
    source: object
    """The prepared page these bytes were rendered from."""
    identity: bytes
    gzipped: bytes
    etag: str


class PageCache:
    def __init__(self) -> None:
        self._pages: dict[str, RenderedPage] = {}

    def response(
        self, request: Request, key: str, source: object, render: Callable[[], str]
    ) -> Response:
        page = self._pages.get(key)
        if page is None or page.source is not source:
            page = _rendered(source, render())
            self._pages[key] = page
        # no-cache: the browser may keep the page but asks each time, and gets a 304 if it is
        # unchanged, so an upgraded lesson is never shown stale.
        headers = {"etag": page.etag, "vary": "Accept-Encoding", "cache-control": "no-cache"}
        if page.etag in listed_etags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        if accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["content-encoding"] = "gzip"
            return Response(page.gzipped, media_type=HTML, headers=headers)
        return Response(page.identity, media_type=HTML, headers=headers)


def _rendered(source: object, html: str) -> RenderedPage:
    identity = html.encode()
    # mtime=0: the same page always compresses to the same bytes.
    gzipped = gzip.compress(identity, compresslevel=9, mtime=0)
    etag = '"' + hashlib.sha256(identity).hexdigest()[:20] + '"'
    return RenderedPage(source, identity, gzipped, etag)


def listed_etags(header: str) -> set[str]:
    """The ETags an If-None-Match header lists; a weak one matches as if strong (RFC 9110)."""
    return {part.strip().removeprefix("W/") for part in header.split(",")}


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip: named (or `*`) without `q=0`."""
    for part in header.lower().split(","):
        name, _, parameters = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            quality = parameters.strip().removeprefix("q=")
            try:
                return not parameters.strip() or float(quality) > 0
            except ValueError:
                return False
    return False
