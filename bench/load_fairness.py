"""The fairness phases of bench/load.py: one client floods the server with engine calls that run
to their time limit, while another loads the lesson page and previews a typed answer.

    alone     the other client by itself, one connection: GET the lesson page (gzip), then
              POST /api/preview, in turn, each as soon as the last is answered
    busy      the same, while one process per core spins at the lowest CPU priority there is
              (SCHED_IDLE): no request of anyone's, only the cores kept busy
    flooded   the same, while the flooder keeps FLOOD_CONNECTIONS requests in flight

Target: in `flooded`, the other client's page p99 and preview p99 within 2x of its own p99s
`alone`, measured in the same run. `busy` is the machine's floor, printed beside it: on the
2-core virtual machine this was built on, spinners that the kernel runs only when nothing else
wants a core still put the preview p99 at some 3x alone's (the page p99 does not rise), so a
flood whose calls run at all cannot bring the preview within 2x there, however they are
scheduled. Each phase runs in ROUNDS rounds, alone, busy and flooded in turn,
and its figures are over all its rounds: a machine whose other work comes and goes (other
programs, other tests) weighs on both phases alike, rather than on whichever ran at the time.

The flooder is this file run as a script, a process of its own as another client's machine
would be, so that its requests cost the measuring client nothing. Each of its connections (all
from one address) sends its next request as soon as the last is answered, waiting out a refusal's
Retry-After as the lesson page's script does (`--rude-flood`: not even that). Half of them ask
for the gradient of COSTLIEST at x = 1, which runs to the time limit when it is let run at all,
and half for its preview, some 0.1 s of work, the costliest preview found (the parser now
refuses at once the towers such as `x + e^e^e^e^e` that used to run to the quick lane's limit).
It starts FLOOD_HEAD_START_S before the other client's
measurements, so that its calls hold the workers from the first one, and a round ends once every
call it sent is answered.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from load_client import Connection, Reply
from load_cpu import CpuClock
from load_stats import figures_of

OTHER_CLIENT = "127.1.0.1"
FLOODER = "127.2.0.1"
FLOOD_CONNECTIONS = 24
FLOOD_HEAD_START_S = 0.5
# log(cosh(log(cosh(…(x)…)))) 38 deep, as deep as the parser allows: its gradient at x = 1 takes
# over a minute in-process, and its preview is the costliest found (some 0.1 s).
COSTLIEST = "".join("log(" if i % 2 else "cosh(" for i in range(38)) + "x" + ")" * 38
FLOOD_CALLS = [
    ("/api/gradient", json.dumps({"expression": COSTLIEST, "at": {"x": 1}}).encode()),
    ("/api/preview", json.dumps({"text": COSTLIEST}).encode()),
]
PREVIEW = json.dumps({"text": "2w1 + 6w2"}).encode()
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
ROUNDS = 3
WITHIN = 2.0  # the flooded p99 over the p99 alone
STRAGGLER_S = 30
CORES = os.cpu_count() or 1


class Phase:
    """One fairness phase, over its rounds: the other client's latencies and statuses, and the
    flooder's statuses."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[int] = Counter()
        self.flood_statuses: Counter[str] = Counter()
        self.elapsed = 0.0
        self.cpu = [0.0, 0.0]  # server, this client

    async def round(self, port: int, page: str, server: int, seconds: float, flood: str) -> None:
        """One round of `seconds`; `flood` is "" for none, "spin", "polite" or "rude"."""
        other = await Connection.open(port, OTHER_CLIENT)
        for kind, reply in (
            ("page", await other.request("GET", page, GZIP)),
            ("preview", await other.request("POST", "/api/preview", {}, PREVIEW)),
        ):
            if reply.status != 200:
                raise SystemExit(f"fairness {kind}: {reply.status} {reply.body[:300]!r}")
        flooder = None
        if flood:
            flooder = await asyncio.create_subprocess_exec(
                sys.executable,
                str(Path(__file__)),
                str(port),
                str(FLOOD_HEAD_START_S + seconds),
                flood,
                stdout=asyncio.subprocess.PIPE,
            )
            assert flooder.stdout is not None
            await flooder.stdout.readline()  # its connections are open and sending
            await asyncio.sleep(FLOOD_HEAD_START_S)
        clock, started = CpuClock(server), time.perf_counter()
        try:
            async with asyncio.timeout(seconds + STRAGGLER_S):
                while time.perf_counter() < started + seconds:
                    await self.timed("page", other.request("GET", page, GZIP))
                    await self.timed("preview", other.request("POST", "/api/preview", {}, PREVIEW))
                self.elapsed += time.perf_counter() - started
                server_s, _workers_s, client_s, _machine_s = clock.used()
                self.cpu[0] += server_s
                self.cpu[1] += client_s
                if flooder is not None:
                    assert flooder.stdout is not None
                    self.flood_statuses.update(json.loads(await flooder.stdout.read()))
                    await flooder.wait()
        except TimeoutError:
            raise SystemExit(f"a request was unanswered {STRAGGLER_S} s after the phase") from None
        other.close()

    async def timed(self, kind: str, request: Awaitable[Reply]) -> None:
        started = time.perf_counter()
        reply = await request
        self.statuses[reply.status] += 1
        if reply.status == 200:
            self.latencies[kind].append(time.perf_counter() - started)

    def figures(self) -> dict[str, Any]:
        return {
            "seconds": round(self.elapsed, 3),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "flood_statuses": dict(sorted(self.flood_statuses.items())),
            # Workers are left out: those killed at their time limit take their CPU time along.
            "server_cpu_pct": round(100 * self.cpu[0] / self.elapsed),
            "client_cpu_pct": round(100 * self.cpu[1] / self.elapsed),
            "kinds": {
                kind: figures_of(self.latencies[kind], self.elapsed) for kind in ("page", "preview")
            },
        }


async def fairness_phases(
    port: int, server: int, page: str, seconds: float, rude: bool
) -> dict[str, Any]:
    """The `alone`, `busy` and `flooded` phases, `seconds` each, in ROUNDS alternating rounds."""
    alone, busy, flooded = Phase(), Phase(), Phase()
    for _ in range(ROUNDS):
        await alone.round(port, page, server, seconds / ROUNDS, "")
        await busy.round(port, page, server, seconds / ROUNDS, "spin")
        await flooded.round(port, page, server, seconds / ROUNDS, "rude" if rude else "polite")
    return {"alone": alone.figures(), "busy": busy.figures(), "flooded": flooded.figures()}


def fairness_targets(phases: dict[str, Any]) -> list[dict[str, Any]]:
    targets = []
    for kind in ("page", "preview"):
        alone = phases["alone"]["kinds"][kind]["p99_ms"]
        flooded = phases["flooded"]["kinds"][kind]["p99_ms"]
        busy = phases["busy"]["kinds"][kind]["p99_ms"]
        ratio = flooded / alone if alone else float("inf")
        floor = busy / alone if alone else float("inf")
        targets.append(
            {
                "name": f"flooded {kind}",
                "figure": f"p99 {flooded:.1f} ms, alone {alone:.1f} ms: x{ratio:.2f}"
                f" (busy: x{floor:.2f})",
                "target": f"<= {WITHIN:g}x alone",
                "met": ratio <= WITHIN,
            }
        )
    return targets


async def flood(port: int, seconds: float, rude: bool) -> Counter[str]:
    """The flooder: FLOOD_CONNECTIONS connections sending maximal-cost calls for `seconds`,
    then waiting for the answers to the last ones; the statuses it got."""
    statuses: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    connections = [await Connection.open(port, FLOODER) for _ in range(FLOOD_CONNECTIONS)]

    async def send(connection: Connection, path: str, body: bytes) -> None:
        while time.perf_counter() < deadline:
            reply = await connection.request("POST", path, {}, body)
            statuses[str(reply.status)] += 1
            if reply.status in (429, 503) and not rude:
                wait = float(reply.header("retry-after") or 1)
                await asyncio.sleep(max(0.0, min(wait, deadline - time.perf_counter())))

    sending = [
        send(connection, *FLOOD_CALLS[n % len(FLOOD_CALLS)])
        for n, connection in enumerate(connections)
    ]
    print("flooding", flush=True)
    await asyncio.gather(*sending)
    for connection in connections:
        connection.close()
    return statuses


def spin(seconds: float) -> Counter[str]:
    """One process per core spinning at the lowest priority for `seconds`; no statuses."""
    spinners = [multiprocessing.Process(target=_spin_idle, args=(seconds,)) for _ in range(CORES)]
    for spinner in spinners:
        spinner.start()
    print("spinning", flush=True)
    for spinner in spinners:
        spinner.join()
    return Counter()


def _spin_idle(seconds: float) -> None:
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    else:
        os.nice(19)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        pass


if __name__ == "__main__":
    import uvloop

    port, seconds, manner = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    if manner == "spin":
        print(json.dumps(spin(seconds)), flush=True)
    else:
        print(json.dumps(uvloop.run(flood(port, seconds, manner == "rude"))), flush=True)
