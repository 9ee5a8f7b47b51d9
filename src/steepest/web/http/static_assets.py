"""The stylesheet, scripts and icon under /static, read once at start and served from memory.

A lesson page pulls in about twenty of these; a classroom loading it at once makes that many
requests per learner. Starlette's StaticFiles stats and reads each file in a thread for every
request (2–4 ms apiece here); these few files (under 100 kB) are instead read and gzipped once,
and answered from memory (see prepared_body.py).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from steepest.web.http.prepared_body import PreparedBody

# mimetypes depends on the host's tables; these are the types the browser must get right (ES
# modules are refused under any other type).
_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


class StaticAssets:
    """An ASGI app answering GET and HEAD for the files under `directory`, by path."""

    def __init__(self, directory: Path) -> None:
        self.assets = {
            path.relative_to(directory).as_posix(): _asset(path)
            for path in sorted(directory.rglob("*"))
            if path.is_file()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, "only GET and HEAD are allowed here")
        asset = self.assets.get(scope["path"].removeprefix(scope.get("root_path", "")).lstrip("/"))
        if asset is None:
            raise HTTPException(404, "no such file")
        await asset.send(scope, send)


def _asset(path: Path) -> PreparedBody:
    media_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "text/plain"
    return PreparedBody.of(path.read_bytes(), media_type)
