"""The load script's HTTP client: one keep-alive HTTP/1.1 connection per simulated learner,
with just enough of the protocol for this server's replies.

httpx spent about 14 ms of CPU per page request where this spends 0.2 ms; the client shares
the machine's cores with the server, so its cost would otherwise show up in the server's figures.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field


class HttpError(Exception):
    """The server answered something this client does not speak."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)


class Connection:
    """One keep-alive HTTP/1.1 connection: just enough of the protocol for this server's
    replies (Content-Length or chunked bodies), at a fraction of a general client's CPU."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int, source: str = "127.0.0.1") -> Connection:
        """A connection to the server on loopback from `source`, one of the 127.0.0.0/8
        addresses, which Linux answers to without setup: the server tells clients apart by
        address, so each simulated learner has one of its own."""
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> Reply:
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if method in ("POST", "PUT"):
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write("\r\n".join(lines).encode() + b"\r\n\r\n" + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        pairs = [line.split(":", 1) for line in head[1:] if line]
        reply_headers = [(name.strip().lower(), value.strip()) for name, value in pairs]
        reply = Reply(status, reply_headers, b"")
        if reply.header("transfer-encoding") == "chunked":
            return Reply(status, reply_headers, await self._chunks())
        length = reply.header("content-length")
        if length is None:
            raise HttpError(f"{method} {path}: a reply with neither length nor chunks")
        return Reply(status, reply_headers, await self.reader.readexactly(int(length)))

    async def _chunks(self) -> bytes:
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)
        await self.reader.readuntil(b"\r\n")  # no trailers: the blank line after the last chunk
        return b"".join(parts)

    def close(self) -> None:
        self.writer.close()


@dataclass
class Learner:
    """A connection with the learner's cookies, sent back as the lesson page's script does."""

    connection: Connection
    headers: dict[str, str] = field(default_factory=dict)
    steps: int = 0

    async def sign_in(self, progress_path: str) -> None:
        reply = await self.connection.request("GET", progress_path, {})
        cookies = dict(
            value.split(";", 1)[0].split("=", 1)
            for name, value in reply.headers
            if name == "set-cookie"
        )
        self.headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "X-Steepest-CSRF": cookies["steepest_csrf"],
            "Sec-Fetch-Site": "same-origin",
        }


def learner_address(number: int) -> str:
    """The loopback address of simulated learner `number` (0 to 62,499): 127.0.1.1 onwards."""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"
