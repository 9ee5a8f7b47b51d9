"""Measures what the compute pool costs: per-call overhead, worker replacement, cold start.

The per-call overhead is measured twice: `run()` of a function sent by reference, and `call()`
of a trivial Task, which the worker resolves by module and name (once, then from its cache).

Run with `.venv/bin/python bench/bench_compute.py`; it prints figures and asserts nothing.
"""

from __future__ import annotations

import operator
import statistics
import subprocess
import sys
import time

from steepest.compute import ComputePool, ComputeTimeout, Task

ROUND_TRIPS = 500
REPLACEMENTS = 20
KILL_AFTER_S = 0.2

# Run in a fresh interpreter, so that no forkserver is running yet.
COLD_START = """
import operator, time
started = time.perf_counter()
from steepest.compute import ComputePool, ComputeTimeout
with ComputePool(workers=2, preload={preload!r}) as pool:
    pool.run(operator.add, 1, 2)
    cold = time.perf_counter() - started
    try:
        pool.run(time.sleep, 60, timeout=0.2)
    except ComputeTimeout:
        started = time.perf_counter()
        pool.run(operator.add, 1, 2)
    print(cold, time.perf_counter() - started)
"""


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def round_trip(pool: ComputePool) -> None:
    samples = []
    for _ in range(ROUND_TRIPS):
        started = time.perf_counter()
        pool.run(operator.add, 1, 2)
        samples.append(time.perf_counter() - started)
    print(
        f"run() round trip, {ROUND_TRIPS} calls:   median {_ms(statistics.median(samples))}"
        f"   p99 {_ms(_p99(samples))}"
    )


def task_round_trip(pool: ComputePool) -> None:
    negate: Task[int, int] = Task("operator", "neg")
    samples = []
    for _ in range(ROUND_TRIPS):
        started = time.perf_counter()
        pool.call(negate, 1)
        samples.append(time.perf_counter() - started)
    print(
        f"call() of a Task, {ROUND_TRIPS} calls:   median {_ms(statistics.median(samples))}"
        f"   p99 {_ms(_p99(samples))}"
    )


def async_round_trip(pool: ComputePool) -> None:
    # Imported here, not at the top: each fresh worker re-imports this script, and asyncio
    # would add ~40 ms to every worker replacement measured below.
    import asyncio

    async def measure() -> list[float]:
        samples = []
        for _ in range(ROUND_TRIPS):
            started = time.perf_counter()
            await pool.arun(operator.add, 1, 2)
            samples.append(time.perf_counter() - started)
        return samples

    samples = asyncio.run(measure())
    print(
        f"arun() round trip, {ROUND_TRIPS} calls:  median {_ms(statistics.median(samples))}"
        f"   p99 {_ms(_p99(samples))}"
    )


def replacement(pool: ComputePool) -> None:
    overrun, next_call = [], []
    for _ in range(REPLACEMENTS):
        started = time.perf_counter()
        try:
            pool.run(time.sleep, 60, timeout=KILL_AFTER_S)
        except ComputeTimeout:
            overrun.append(time.perf_counter() - started - KILL_AFTER_S)
        started = time.perf_counter()
        pool.run(operator.add, 1, 2)
        next_call.append(time.perf_counter() - started)
    print(
        f"timeout raised after the limit (SIGKILL + reap), median {_ms(statistics.median(overrun))}"
        f"   max {_ms(max(overrun))}"
    )
    print(
        f"next call on a fresh worker (fork + call), median {_ms(statistics.median(next_call))}"
        f"   max {_ms(max(next_call))}"
    )


def cold_start(preload: tuple[str, ...]) -> None:
    code = COLD_START.format(preload=preload)
    runs = [[float(figure) for figure in _run_python(code).split()] for _ in range(3)]
    cold, replaced = zip(*runs, strict=True)
    print(f"preload={preload!r}, fresh interpreter, median of {len(runs)}:")
    print(f"  first answer from a cold pool {_ms(statistics.median(cold))}")
    print(f"  first call after a kill       {_ms(statistics.median(replaced))}")


def _run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def main() -> None:
    with ComputePool(workers=2) as pool:
        pool.start()
        round_trip(pool)
        task_round_trip(pool)
        async_round_trip(pool)
    # One worker, so that every call after a kill has to wait for a fresh worker.
    with ComputePool(workers=1) as pool:
        pool.start()
        replacement(pool)
    cold_start(("steepest.engine",))
    cold_start(())


if __name__ == "__main__":
    main()
