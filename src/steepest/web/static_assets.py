"""The stylesheet, scripts and icon under /static, read once at start and served from memory.

A lesson page pulls in about twenty of these; a classroom loading it at once makes that many
requests per learner. Starlette's StaticFiles stats and reads each file in a thread for every
request (2–4 ms apiece here); these few files (under 100 kB) are instead read and gzipped once,
and answered from memory. `Cache-Control: no-cache` with an ETag lets browsers keep them and
revalidate cheaply (304), so a new release is picked up at once.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from steepest.web.page_cache import accepts_gzip, listed_etags

# mimetypes depends on the host's tables; these are the types the browser must get right (ES
# modules are refused under any other type).
_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Asset:
    media_type: str
    identity: bytes
    gzipped: bytes | None
    """None where compressing does not pay (already small, or not text)."""
    etag: str


class StaticAssets:
    """An ASGI app answering GET and HEAD for the files under `directory`, by path."""

    def __init__(self, directory: Path) -> None:
        self.assets = {
            path.relative_to(directory).as_posix(): _asset(path)
            for path in sorted(directory.rglob("*"))
            if path.is_file()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        if request.method not in ("GET", "HEAD"):
            raise HTTPException(405, "only GET and HEAD are allowed here")
        asset = self.assets.get(scope["path"].removeprefix(scope.get("root_path", "")).lstrip("/"))
        if asset is None:
            raise HTTPException(404, "no such file")
        headers = {"etag": asset.etag, "cache-control": "no-cache", "vary": "Accept-Encoding"}
        if asset.etag in listed_etags(request.headers.get("if-none-match", "")):
            response = Response(status_code=304, headers=headers)
        elif asset.gzipped is not None and accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["content-encoding"] = "gzip"
            response = Response(asset.gzipped, media_type=asset.media_type, headers=headers)
        else:
            response = Response(asset.identity, media_type=asset.media_type, headers=headers)
        await response(scope, receive, send)


def _asset(path: Path) -> Asset:
    content = path.read_bytes()
    media_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "text/plain"
    gzipped = gzip.compress(content, compresslevel=9, mtime=0)
    worth_it = media_type.startswith(("text/", "image/svg")) and len(gzipped) < 0.9 * len(content)
    etag = '"' + hashlib.sha256(content).hexdigest()[:20] + '"'
    return Asset(media_type, content, gzipped if worth_it else None, etag)
