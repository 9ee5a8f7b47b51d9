"""Surface-explorer benchmark: level sets on a 200×200 grid, and descent paths, in a warm process.

Target (issue 4): the level sets of a polynomial loss in 15 ms or less, server side, warm.
Each figure is the median over repeated calls of the function a compute worker runs
(`surface_json` / `descent_json`: parse, differentiate, evaluate, trace, describe), after
warm-up calls that fill SymPy's caches. Other load on the machine inflates wall time: the
level-set cases are timed in interleaved rounds, and the fastest call is printed beside the
median as the cost of the work itself; the descent figures print CPU time beside wall time.
Run with `make bench` or `.venv/bin/python bench/bench_surface.py`.
"""

from __future__ import annotations

import functools
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from steepest.engine.surface.descent import descent_json
from steepest.engine.surface.level_sets import DEFAULT_LEVELS, PRESETS, surface_json

TARGET_MS = 15.0
REPEATS = 40
ROUNDS = 60

POLYNOMIALS = [
    (PRESETS["round-bowl"].expression, PRESETS["round-bowl"].window),
    (PRESETS["stretched-bowl"].expression, PRESETS["stretched-bowl"].window),
    (PRESETS["saddle"].expression, PRESETS["saddle"].window),
    (PRESETS["rosenbrock"].expression, PRESETS["rosenbrock"].window),
    ("w1^3 - 3w1 w2^2", (-2.0, 2.0, -2.0, 2.0)),
    ("(w1 + w2 - 1)^2 + 0.1(w1 - w2)^2", (-2.0, 2.0, -2.0, 2.0)),
]
OTHERS = [
    (PRESETS["two-valleys"].expression, PRESETS["two-valleys"].window),
    ("sin(w1) cos(w2)", (-3.0, 3.0, -3.0, 3.0)),
    ("log(1 + exp(-(w1 + 2w2))) + 0.1(w1^2 + w2^2)", (-4.0, 4.0, -4.0, 4.0)),
    ("w1^4 + w2^4", (-2.0, 2.0, -2.0, 2.0)),  # degenerate minimum: Newton converges slowly
]
GROUPS = (("polynomial", POLYNOMIALS), ("other", OTHERS))


def timed(call: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, float, Any]:
    """Median wall and CPU time of `call` in ms, after warm-up, and its last result.

    CPU time (this process only) is the steadier figure when other work shares the machine.
    """
    for _ in range(3):
        result = call()
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), result


def bench_level_sets() -> bool:
    """Each round times every case once, so that a slow spell on a shared machine falls on all
    cases alike instead of on whichever case was being timed then."""
    cases = [(group, e, w) for group, pairs in GROUPS for e, w in pairs]
    calls = [functools.partial(surface_json, e, w) for _, e, w in cases]
    for call in calls:
        for _ in range(3):
            call()
    wall: list[list[float]] = [[] for _ in cases]
    for _ in range(ROUNDS):
        for times, call in zip(wall, calls, strict=True):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"level sets, 200×200 grid, {DEFAULT_LEVELS} levels; median and fastest of {ROUNDS}"
        " warm calls, interleaved:"
    )
    within = True
    for (group, expression, _), times, call in zip(cases, wall, calls, strict=True):
        median = statistics.median(times)
        size = len(json.dumps(call())) / 1000
        flag = ""
        if group == "polynomial":
            flag = "ok" if median <= TARGET_MS else f"over {TARGET_MS:g} ms"
            within &= median <= TARGET_MS
        print(
            f"  {median:6.1f} ms ({min(times):5.1f})  {size:5.1f} kB  {group:10}  {flag:12}"
            f"  {expression}"
        )
    return within


def bench_descent() -> None:
    print(f"descent paths; median wall (CPU) time of {REPEATS // 4} warm calls:")
    for name, preset in PRESETS.items():
        for steps in (200, 1000):
            median, cpu, data = timed(
                functools.partial(
                    descent_json, preset.expression, preset.start, preset.rate, steps
                ),
                REPEATS // 4,
            )
            taken = len(data["points"]) - 1
            print(
                f"  {median:6.1f} ms ({cpu:5.1f})  {name:15} rate {preset.rate:<6g}"
                f" {steps:4} steps asked, {taken:4} taken"
            )


if __name__ == "__main__":
    polynomials_within_target = bench_level_sets()
    bench_descent()
    verdict = "met" if polynomials_within_target else "NOT met"
    print(f"target: polynomial level sets ≤ {TARGET_MS:g} ms median: {verdict}")
