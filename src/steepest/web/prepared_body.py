"""A response body sent many times over: compressed and fingerprinted once, then answered from
memory with the 304, gzip or plain response each request asks for.

The lesson page (page_cache.py) and the files under /static (static_assets.py) are both such
bodies. `Cache-Control: no-cache` with an ETag lets a browser keep them and revalidate cheaply,
so a new lesson or release is picked up at once.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response


@dataclass(frozen=True)
class PreparedBody:
    media_type: str
    identity: bytes
    gzipped: bytes | None
    """None where compressing does not pay (already small, or not text)."""
    etag: str

    @classmethod
    def of(cls, content: bytes, media_type: str) -> PreparedBody:
        # mtime=0: the same content always compresses to the same bytes.
        gzipped = gzip.compress(content, compresslevel=9, mtime=0)
        textual = media_type.startswith(("text/", "image/svg"))
        worth_it = textual and len(gzipped) < 0.9 * len(content)
        etag = '"' + hashlib.sha256(content).hexdigest()[:20] + '"'
        return cls(media_type, content, gzipped if worth_it else None, etag)

    def response(self, request: Request) -> Response:
        headers = {"etag": self.etag, "vary": "Accept-Encoding", "cache-control": "no-cache"}
        if self.etag in listed_etags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        if self.gzipped is not None and accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["content-encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.identity, media_type=self.media_type, headers=headers)


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
