"""The request body size limit (STEEPEST_MAX_BODY), as one small ASGI middleware.

A body announced larger than the limit is refused before a byte of it is read. A body without a
length (chunked) is read up to the limit and refused as soon as it passes it, so memory stays
bounded either way; one within the limit is handed on to the app unchanged.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from steepest.web.http.errors import Problem


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.max_body:
                await self.refuse(send)
                return
            await self.app(scope, receive, send)
            return
        if b"transfer-encoding" not in headers:  # neither length nor chunks: no body at all
            await self.app(scope, receive, send)
            return
        # Chunked, of unknown length: read it all first, counting, then replay it to the app.
        chunks: list[Message] = []
        size = 0
        while True:
            message = await receive()
            chunks.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self.refuse(send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        await self.app(scope, replay, send)

    async def refuse(self, send: Send) -> None:
        # Written here, not by the app's error handlers: the app has not seen the request.
        problem = Problem(413, f"the request body is larger than {self.max_body} bytes")
        body = json.dumps(problem.to_json()).encode()
        await send(
            {
                "type": "http.response.start",
                "status": problem.status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
