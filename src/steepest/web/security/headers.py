"""Security headers on every response, added by one small ASGI middleware.

The policy allows nothing inline and nothing from another host: scripts are ES modules served
from /static, styles are one stylesheet, and JSON for widgets travels in non-executed
`<script type="application/json">` blocks, which script-src does not govern.

An image gets a policy of its own, IMAGE_SECURITY_POLICY. In an `<img>` nothing in it runs
anyway; the policy is for an image opened on its own, where an SVG is a document that could hold
a script. There it is sandboxed (no script, no origin) and fetches nothing, yet keeps its own
inline styles, which drawings exported from plotting tools rely on. The image's response names
it (http/prepared_body.py, on a 304 too, which carries no Content-Type to tell an image by);
a response that names its own policy keeps it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

IMAGE_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "img-src data:",
        "style-src 'unsafe-inline'",
        "font-src data:",
        "frame-ancestors 'none'",
        "sandbox",
    ]
)

COMPANION_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    *COMPANION_HEADERS,
)


class SecurityHeadersMiddleware:
    """Appends SECURITY_HEADERS to every HTTP response, error pages and static files included;
    only the companion headers to one that names its own policy (an image)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                added = COMPANION_HEADERS if _names_a_policy(headers) else SECURITY_HEADERS
                message["headers"] = [*headers, *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _names_a_policy(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(name.lower() == b"content-security-policy" for name, _value in headers)
