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

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope, Send

from steepest.web.security.headers import IMAGE_SECURITY_POLICY


@dataclass(frozen=True)
class PreparedBody:
    media_type: str
    identity: bytes
    gzipped: bytes | None
    """None where compressing does not pay (already small, or not text)."""
    etag: str
    policy: bytes | None = None
    """An image's own Content-Security-Policy; None for the pages' (security/headers.py)."""

    @classmethod
    def of(cls, content: bytes, media_type: str) -> PreparedBody:
        # mtime=0: the same content always compresses to the same bytes.
        gzipped = gzip.compress(content, compresslevel=9, mtime=0)
        textual = media_type.startswith(("text/", "image/svg"))
        worth_it = textual and len(gzipped) < 0.9 * len(content)
        etag = '"' + hashlib.sha256(content).hexdigest()[:20] + '"'
        if media_type.startswith("text/") and "charset" not in media_type:
            media_type += "; charset=utf-8"  # as Starlette's Response would say
        policy = IMAGE_SECURITY_POLICY.encode() if media_type.startswith("image/") else None
        return cls(media_type, content, gzipped if worth_it else None, etag, policy)

    def response(self, request: Request) -> Response:
        """This body as a Response, for a route to return."""
        status, headers, body = self.reply(request.headers)
        response = Response(body, status_code=status)
        response.raw_headers = headers
        return response

    async def send(self, scope: Scope, send: Send) -> None:
        """Answer the request in `scope` with this body directly, as an ASGI app would."""
        status, headers, body = self.reply(Headers(scope=scope))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def reply(self, request_headers: Headers) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """The status, headers and body that answer a request with these headers: 304 when
        the browser holds this version, else the body gzipped if it may be, else plain."""
        headers = [
            (b"etag", self.etag.encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", b"no-cache"),
        ]
        if self.policy is not None:
            # On the 304 too: a browser takes the revalidated headers for the kept copy.
            headers.append((b"content-security-policy", self.policy))
        if self.etag in listed_etags(request_headers.get("if-none-match", "")):
            return 304, headers, b""
        body = self.identity
        if self.gzipped is not None and accepts_gzip(request_headers.get("accept-encoding", "")):
            headers.append((b"content-encoding", b"gzip"))
            body = self.gzipped
        headers.append((b"content-type", self.media_type.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        return 200, headers, body


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
