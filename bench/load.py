"""Load test: N simulated learners against a real server on loopback, every phase bounded in
time and in requests. Run with `.venv/bin/python bench/load.py [--learners 64] [--seconds 5]
[--max-requests 50000] [--json]`; it prints one table of phases and one line per target.

    static gzip / plain   the lesson page's bytes as a static file (StaticFiles), same server
    page gzip / plain     GET /lessons/<slug>, as a browser asks (gzip) and without compression
    answer checks         POST /api/answers/<slug>/<question>: right, wrong and unreadable
    equivalence           POST /api/equivalent, the stateless check
    learners              each learner loops: load the page, check an answer, save progress
    alone / busy /        one client loads the page and previews an answer: by itself, while
      flooded             idle-priority spinners keep every core busy (the machine's floor),
                          and while another floods the server with maximal-cost engine calls
                          (load_fairness.py)

    page p99              lesson page (gzip), N connections          target < 50 ms at 64
    page vs static        page req/s over static-file req/s (gzip)    target >= 0.5
    answer checks         answers checked a second                    target >= 200
    flooded page/preview  p99 while flooded over p99 alone             target <= 2

Each connection sends its next request as soon as the last one is answered, so the server is
saturated and latency is mostly queueing: by Little's law p50 is about N / throughput. Each
learner connects from an address of its own (127.0.1.1 onwards), as the server tells clients
apart by address; the rate limit is off, as every learner sends far more than a person. An
engine call refused with 503 (the compute queue is full) is counted, and that learner waits its
Retry-After, as the page's script would; latencies are those of 2xx answers.

The client is a hand-written HTTP/1.1 keep-alive client on uvloop (load_client.py), cheap
enough not to crowd out the server it shares the cores with. CPU columns (load_cpu.py) are per
cent of one core: the server process, its compute workers, this script, and everything else on
the machine, which a reader should see before trusting a figure;
"cpu ms/ok" is server plus workers CPU per answered request, which contention hardly changes.
Always exits 0: run_all.py reports a missed target and carries on.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvloop

from load_client import Connection, Learner, Reply, learner_address
from load_cpu import CpuClock
from load_fairness import fairness_phases, fairness_targets
from load_server import STATIC_MOUNT, running_server
from load_stats import figures_of

SLUG = "partial-derivatives-and-the-gradient"
PAGE = f"/lessons/{SLUG}"
PROGRESS = f"/api/progress/{SLUG}"
STATIC = f"{STATIC_MOUNT}/lesson.html"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}  # what a browser sends
# (question, typed answer): right in several forms, wrong with a named mistake, unreadable.
TYPED_ANSWERS = [
    ("typed-partial-w1", "2*w1"),
    ("typed-partial-w1", "6w2"),
    ("typed-gradient-at", "[2, -12]"),
    ("typed-gradient-at", "(-12, 2)"),
    ("typed-descent", "(-2,12)"),
    ("typed-descent", "(2, -12)"),
    ("typed-partial-w1", "2*w1 +"),
]
EQUIVALENCES = [
    {"expected": "6w2", "answer": "2*3*w2", "variables": ["w1", "w2"]},
    {"expected": "6w2", "answer": "6w1", "variables": ["w1", "w2"]},
    {"expected": "2w1 + 6w2", "answer": "2(w1 + 3w2)", "variables": ["w1", "w2"]},
]
PAGE_P99_MS = 50.0
PAGE_OVER_STATIC = 0.5
CHECKS_PER_S = 200.0
REFUSED = (429, 503)
STRAGGLER_S = 30


@dataclass
class Tally:
    """What one phase saw: latencies of 2xx answers by kind, and every status."""

    deadline: float
    budget: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[int] = field(default_factory=Counter)

    def take(self, requests: int) -> bool:
        """Whether another step of `requests` requests fits in the phase's time and count."""
        if time.perf_counter() >= self.deadline or self.budget < requests:
            return False
        self.budget -= requests
        return True

    async def timed(self, kind: str, request: Awaitable[Reply]) -> Reply:
        started = time.perf_counter()
        reply = await request
        self.statuses[reply.status] += 1
        if 200 <= reply.status < 300:
            self.latencies[kind].append(time.perf_counter() - started)
        elif reply.status in REFUSED:
            wait = float(reply.header("retry-after") or 1)
            await asyncio.sleep(max(0.0, min(wait, self.deadline - time.perf_counter())))
        return reply


Step = Callable[[Learner, Tally], Awaitable[None]]


def get(path: str, kind: str, headers: dict[str, str]) -> Step:
    async def step(learner: Learner, tally: Tally) -> None:
        await tally.timed(kind, learner.connection.request("GET", path, headers))

    return step


async def check_answer(learner: Learner, tally: Tally) -> None:
    question, answer = TYPED_ANSWERS[learner.steps % len(TYPED_ANSWERS)]
    body = json.dumps({"answer": answer}).encode()
    path = f"/api/answers/{SLUG}/{question}"
    await tally.timed("answer", learner.connection.request("POST", path, learner.headers, body))


async def check_equivalence(learner: Learner, tally: Tally) -> None:
    body = json.dumps(EQUIVALENCES[learner.steps % len(EQUIVALENCES)]).encode()
    request = learner.connection.request("POST", "/api/equivalent", {}, body)
    await tally.timed("equivalent", request)


async def save_progress(learner: Learner, tally: Tally) -> None:
    now = int(time.time() * 1000)
    body = json.dumps({"sections": {"intuition": now}, "widgets": {"best-box": now}}).encode()
    await tally.timed(
        "progress", learner.connection.request("PUT", PROGRESS, learner.headers, body)
    )


load_page = get(PAGE, "page", GZIP)


async def study(learner: Learner, tally: Tally) -> None:
    await load_page(learner, tally)
    await check_answer(learner, tally)
    await save_progress(learner, tally)


async def run_phase(
    learners: list[Learner], step: Step, per_step: int, server: int, args: argparse.Namespace
) -> dict[str, Any]:
    """Every learner repeats `step` (`per_step` requests) until the time or count runs out."""
    tally = Tally(time.perf_counter() + args.seconds, args.max_requests)

    async def repeat(learner: Learner) -> None:
        while tally.take(per_step):
            await step(learner, tally)
            learner.steps += 1

    clock, started = CpuClock(server), time.perf_counter()
    try:
        # A request started just before the deadline may still run; one that hangs may not.
        async with asyncio.timeout(args.seconds + STRAGGLER_S):
            await asyncio.gather(*(repeat(learner) for learner in learners))
    except TimeoutError:
        raise SystemExit(f"a request was unanswered {STRAGGLER_S} s after the phase") from None
    elapsed = time.perf_counter() - started
    server_s, workers_s, client_s, machine_s = clock.used()
    every = [sample for samples in tally.latencies.values() for sample in samples]
    return {
        "seconds": round(elapsed, 3),
        "requests": sum(tally.statuses.values()),
        "ok": len(every),
        "statuses": {str(status): count for status, count in sorted(tally.statuses.items())},
        **figures_of(every, elapsed),
        "server_cpu_pct": round(100 * server_s / elapsed),
        "workers_cpu_pct": round(100 * workers_s / elapsed),
        "client_cpu_pct": round(100 * client_s / elapsed),
        "other_cpu_pct": round(
            max(0.0, 100 * (machine_s - server_s - workers_s - client_s) / elapsed)
        ),
        # What the server and its workers spend on each answer, however busy the machine was:
        # the figure to project from when it was shared.
        "cpu_ms_per_ok": round(1000 * (server_s + workers_s) / max(1, len(every)), 2),
        "kinds": {
            kind: figures_of(samples, elapsed) for kind, samples in sorted(tally.latencies.items())
        },
    }


async def expect_ok(reply_to: Awaitable[Reply], what: str) -> Reply:
    reply = await reply_to
    if reply.status != 200:
        raise SystemExit(f"{what}: {reply.status} {reply.body[:300]!r}")
    return reply


async def prepare(port: int, static_folder: Path) -> None:
    """Put the page's bytes in the static folder, and check that every request the phases send
    is answered 200 and that the page and the file really are the same bytes."""
    learner = Learner(await Connection.open(port))
    page = (await expect_ok(learner.connection.request("GET", PAGE, {}), PAGE)).body
    (static_folder / "lesson.html").write_bytes(page)
    for path in (PAGE, STATIC):
        plain = await expect_ok(learner.connection.request("GET", path, {}), path)
        packed = await expect_ok(learner.connection.request("GET", path, GZIP), path)
        if plain.body != page or packed.header("content-encoding") != "gzip":
            raise SystemExit(f"{path}: not the page's bytes, or not compressed when asked")
        if gzip.decompress(packed.body) != page:
            raise SystemExit(f"{path}: the compressed body is not the page")
    await learner.sign_in(PROGRESS)
    # Each typed answer and each equivalence once (a learner's steps pick them in turn).
    rounds = [(check_answer, len(TYPED_ANSWERS)), (check_equivalence, len(EQUIVALENCES))]
    for step, times in [*rounds, (save_progress, 1)]:
        for _ in range(times):
            tally = Tally(time.perf_counter() + 30, 1)
            await step(learner, tally)
            learner.steps += 1
            if set(tally.statuses) != {200}:
                raise SystemExit(f"{step.__name__}: answered {dict(tally.statuses)}")
    learner.connection.close()


async def load(
    port: int, server: int, static_folder: Path, args: argparse.Namespace
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The figures of the learners' phases (none with --fairness-only), then of fairness's."""
    await prepare(port, static_folder)
    phases = {} if args.fairness_only else await learner_phases(port, server, args)
    fairness = await fairness_phases(port, server, PAGE, args.seconds, args.rude_flood)
    return phases, fairness


async def learner_phases(port: int, server: int, args: argparse.Namespace) -> dict[str, Any]:
    learners = [
        Learner(await Connection.open(port, learner_address(n))) for n in range(args.learners)
    ]
    await asyncio.gather(*(learner.sign_in(PROGRESS) for learner in learners))
    phases: list[tuple[str, Step, int]] = [
        ("static gzip", get(STATIC, "static", GZIP), 1),
        ("page gzip", load_page, 1),
        ("static plain", get(STATIC, "static", {}), 1),
        ("page plain", get(PAGE, "page", {}), 1),
        ("answer checks", check_answer, 1),
        ("equivalence", check_equivalence, 1),
        ("learners", study, 3),
    ]
    figures = {name: await run_phase(learners, step, n, server, args) for name, step, n in phases}
    for learner in learners:
        learner.connection.close()
    return figures


def targets(phases: dict[str, Any], learners: int) -> list[dict[str, Any]]:
    if not phases:
        return []
    page, static = phases["page gzip"], phases["static gzip"]
    ratio = page["per_s"] / static["per_s"] if static["per_s"] else 0.0
    checks = phases["answer checks"]["per_s"]
    return [
        {
            "name": "page p99",
            "figure": f"{page['p99_ms']:.1f} ms at {learners} connections",
            "target": f"< {PAGE_P99_MS:.0f} ms at 64",
            "met": page["p99_ms"] < PAGE_P99_MS,
        },
        {
            "name": "page vs static",
            "figure": f"{ratio:.2f} ({page['per_s']:.0f} vs {static['per_s']:.0f} req/s)",
            "target": f">= {PAGE_OVER_STATIC}",
            "met": ratio >= PAGE_OVER_STATIC,
        },
        {
            "name": "answer checks",
            "figure": f"{checks:.0f} a second",
            "target": f">= {CHECKS_PER_S:.0f}",
            "met": checks >= CHECKS_PER_S,
        },
    ]


def report_lines(figures: dict[str, Any]) -> list[str]:
    """The figures as the table the script prints."""
    lines = [
        f"{figures['learners']} learners, {figures['processes']} server process(es),"
        f" phases of at most {figures['seconds']} s"
        f" and {figures['max_requests']} requests; cpu in % of one core, {figures['cores']} cores",
        f"{'phase':<14} {'requests':>8} {'ok/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'server':>7} {'workers':>7} {'client':>7} {'others':>7} {'cpu ms/ok':>9}  statuses",
    ]
    for name, phase in figures["phases"].items():
        lines.append(
            f"{name:<14} {phase['requests']:>8} {phase['per_s']:>8.1f} {phase['p50_ms']:>8.2f}"
            f" {phase['p99_ms']:>8.2f} {phase['server_cpu_pct']:>6}% {phase['workers_cpu_pct']:>6}%"
            f" {phase['client_cpu_pct']:>6}% {phase['other_cpu_pct']:>6}%"
            f" {phase['cpu_ms_per_ok']:>9.2f}  {phase['statuses']}"
        )
        if len(phase["kinds"]) > 1:
            for kind, by_kind in phase["kinds"].items():
                lines.append(
                    f"  {kind:<12} {'':>8} {by_kind['per_s']:>8.1f} {by_kind['p50_ms']:>8.2f}"
                    f" {by_kind['p99_ms']:>8.2f}"
                )
    lines.append(
        f"{'fairness':<14} {'page/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'preview/s':>9}"
        f" {'p50 ms':>8} {'p99 ms':>8} {'server':>7} {'client':>7}  statuses; the flooder's"
    )
    for name, phase in figures["fairness"].items():
        page, preview = phase["kinds"]["page"], phase["kinds"]["preview"]
        lines.append(
            f"{name:<14} {page['per_s']:>8.1f} {page['p50_ms']:>8.2f} {page['p99_ms']:>8.2f}"
            f" {preview['per_s']:>9.1f} {preview['p50_ms']:>8.2f} {preview['p99_ms']:>8.2f}"
            f" {phase['server_cpu_pct']:>6}% {phase['client_cpu_pct']:>6}%"
            f"  {phase['statuses']}; {phase['flood_statuses']}"
        )
    for target in figures["targets"]:
        verdict = "ok" if target["met"] else "MISSED TARGET"
        lines.append(
            f"{target['name']:<14} {target['figure']:<36} {target['target']:<16} {verdict}"
        )
    return lines


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learners", type=int, default=64, help="concurrent connections")
    parser.add_argument(
        "--processes", type=int, default=1, help="server processes (STEEPEST_PROCESSES)"
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="longest a phase runs")
    parser.add_argument("--max-requests", type=int, default=50_000, help="most a phase sends")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--fairness-only", action="store_true", help="only the alone, busy and flooded phases"
    )
    parser.add_argument("--rude-flood", action="store_true", help="the flooder ignores Retry-After")
    args = parser.parse_args(argv)
    if not (1 <= args.learners <= 1000 and 0 < args.seconds <= 600 and args.max_requests >= 3):
        parser.error("need 1 <= --learners <= 1000, 0 < --seconds <= 600, --max-requests >= 3")
    if not 1 <= args.processes <= 16:
        parser.error("need 1 <= --processes <= 16")
    return args


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    with (
        tempfile.TemporaryDirectory(prefix="steepest-load-") as scratch,
        running_server(Path(scratch), PAGE, args.processes) as (port, pid, static_folder),
    ):
        phases, fairness = uvloop.run(load(port, pid, static_folder, args))
    figures = {
        "learners": args.learners,
        "processes": args.processes,
        "seconds": args.seconds,
        "max_requests": args.max_requests,
        "cores": os.cpu_count(),
        "phases": phases,
        "fairness": fairness,
        "targets": [*targets(phases, args.learners), *fairness_targets(fairness)],
    }
    print(json.dumps(figures, indent=2) if args.json else "\n".join(report_lines(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
