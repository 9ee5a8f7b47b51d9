"""The fairness phases of bench/load.py: one client floods the server with engine calls that run
to their time limit, while another loads the lesson page and previews a typed answer.

    alone     the other client by itself, one connection: GET the lesson page (gzip), then
              POST /api/preview, in turn, each as soon as the last is answered
    flooded   the same, while the flooder keeps FLOOD_CONNECTIONS requests in flight

Each phase runs in ROUNDS rounds of a third of its time, alone and flooded in turn, and its
figures are over all its rounds: a machine whose other work comes and goes (other programs,
other tests) then weighs on both phases alike, rather than on whichever ran at the time.

Target: in `flooded`, the other client's page p99 and preview p99 within 2x of its own p99s
`alone`, measured in the same run (so a slow or busy machine slows both alike).

The flooder is as rude as one client can be: each of its connections (all from one address)
sends its next request as soon as the last is answered, refusals included, ignoring Retry-After.
Half of them ask for the gradient of `x + e^e^e^e^e` at x = 1 and half for its preview: each
runs to its lane's time limit when it is let run at all. The flooder starts FLOOD_HEAD_START_S
before the other client's measurements, so that its calls hold the workers from the first one.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable
from typing import Any

from load_client import Connection, Reply
from load_cpu import CpuClock
from load_stats import figures_of

OTHER_CLIENT = "127.1.0.1"
FLOODER = "127.2.0.1"
FLOOD_CONNECTIONS = 24
FLOOD_HEAD_START_S = 0.5
# Engine calls that run to the time limit of the lane they go to.
COSTLIEST = "x + e^e^e^e^e"
FLOOD_CALLS = [
    ("/api/gradient", json.dumps({"expression": COSTLIEST, "at": {"x": 1}}).encode()),
    ("/api/preview", json.dumps({"text": COSTLIEST}).encode()),
]
PREVIEW = json.dumps({"text": "2w1 + 6w2"}).encode()
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
# Alone and flooded take turns, so that whatever else the machine runs weighs on both alike.
ROUNDS = 3
WITHIN = 2.0  # the flooded p99 over the p99 alone
STRAGGLER_S = 30


class Phase:
    """One fairness phase, over its rounds: the other client's latencies and statuses, and the
    flooder's statuses."""

    def __init__(self, rude: bool) -> None:
        self.rude = rude
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[int] = Counter()
        self.flood_statuses: Counter[int] = Counter()
        self.elapsed = 0.0
        self.server_s = 0.0
        self.deadline = 0.0

    def running(self) -> bool:
        return time.perf_counter() < self.deadline

    async def other_client(self, connection: Connection, page: str) -> None:
        while self.running():
            await self.timed("page", connection.request("GET", page, GZIP))
            await self.timed("preview", connection.request("POST", "/api/preview", {}, PREVIEW))

    async def timed(self, kind: str, request: Awaitable[Reply]) -> None:
        started = time.perf_counter()
        reply = await request
        self.statuses[reply.status] += 1
        if reply.status == 200:
            self.latencies[kind].append(time.perf_counter() - started)

    async def flood(self, connection: Connection, number: int) -> None:
        path, body = FLOOD_CALLS[number % len(FLOOD_CALLS)]
        while self.running():
            reply = await connection.request("POST", path, {}, body)
            self.flood_statuses[reply.status] += 1
            if reply.status in (429, 503) and not self.rude:
                wait = float(reply.header("retry-after") or 1)
                await asyncio.sleep(max(0.0, min(wait, self.deadline - time.perf_counter())))

    async def round(
        self, other: Connection, flooders: list[Connection], page: str, server: int, seconds: float
    ) -> None:
        """One round of `seconds`, with the flood (if any) running from its head start until
        every call it sent is answered."""
        self.deadline = time.perf_counter() + seconds + (FLOOD_HEAD_START_S if flooders else 0)
        flooding = [asyncio.create_task(self.flood(c, n)) for n, c in enumerate(flooders)]
        if flooders:
            await asyncio.sleep(FLOOD_HEAD_START_S)
        clock, started = CpuClock(server), time.perf_counter()
        try:
            async with asyncio.timeout(seconds + STRAGGLER_S):
                await self.other_client(other, page)
                self.elapsed += time.perf_counter() - started
                self.server_s += clock.used()[0]
                await asyncio.gather(*flooding)
        except TimeoutError:
            raise SystemExit(f"a request was unanswered {STRAGGLER_S} s after the phase") from None

    def figures(self) -> dict[str, Any]:
        return {
            "seconds": round(self.elapsed, 3),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "flood_statuses": {str(status): n for status, n in sorted(self.flood_statuses.items())},
            # Workers are left out: those killed at their time limit take their CPU time along.
            "server_cpu_pct": round(100 * self.server_s / self.elapsed),
            "kinds": {
                kind: figures_of(self.latencies[kind], self.elapsed) for kind in ("page", "preview")
            },
        }


async def fairness_phases(
    port: int, server: int, page: str, seconds: float, rude: bool
) -> dict[str, Any]:
    """The `alone` and `flooded` phases, `seconds` each, in ROUNDS alternating rounds."""
    alone, flooded = Phase(rude), Phase(rude)
    for _ in range(ROUNDS):
        # Fresh connections each round: the server closes those left idle for 5 s, as the
        # other client's is while the flood's last queued calls are answered.
        other = await Connection.open(port, OTHER_CLIENT)
        for kind, reply in (
            ("page", await other.request("GET", page, GZIP)),
            ("preview", await other.request("POST", "/api/preview", {}, PREVIEW)),
        ):
            if reply.status != 200:
                raise SystemExit(f"fairness {kind}: {reply.status} {reply.body[:300]!r}")
        await alone.round(other, [], page, server, seconds / ROUNDS)
        flooders = [await Connection.open(port, FLOODER) for _ in range(FLOOD_CONNECTIONS)]
        await flooded.round(other, flooders, page, server, seconds / ROUNDS)
        for connection in (other, *flooders):
            connection.close()
    return {"alone": alone.figures(), "flooded": flooded.figures()}


def fairness_targets(phases: dict[str, Any]) -> list[dict[str, Any]]:
    targets = []
    for kind in ("page", "preview"):
        alone = phases["alone"]["kinds"][kind]["p99_ms"]
        flooded = phases["flooded"]["kinds"][kind]["p99_ms"]
        ratio = flooded / alone if alone else float("inf")
        targets.append(
            {
                "name": f"flooded {kind}",
                "figure": f"p99 {flooded:.1f} ms, alone {alone:.1f} ms: x{ratio:.2f}",
                "target": f"<= {WITHIN:g}x alone",
                "met": ratio <= WITHIN,
            }
        )
    return targets
