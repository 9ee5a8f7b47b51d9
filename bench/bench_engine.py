"""Engine benchmark: parse + gradient + steps latency, and the time to refuse hostile input.

Targets (issue 2): median under 20 ms and p99 under 100 ms over typical expressions in a warm
process; each hostile input refused in under 2.5 s, with the calling process still usable.
Run with `make bench` or `.venv/bin/python bench/bench_engine.py`.
"""

from __future__ import annotations

import statistics
import time

from steepest.compute import ComputeError, ComputePool, tasks
from steepest.compute.tasks.messages import GradientQuery
from steepest.engine.errors import EngineError
from steepest.engine.explain.report import gradient_report

TYPICAL = [
    ("w1^2 + 3w2^2", {"w1": 1, "w2": 1}),
    ("3x^2y - 2xy^3", {"x": 1, "y": 2}),
    ("2 sin(x)cos(y)", {"x": 0, "y": 0}),
    ("e^(x*y)", {"x": 1, "y": 0}),
    ("exp(-x^2-y^2)", {"x": 1, "y": -1}),
    ("ln(x) + y^2", {"x": 1, "y": 3}),
    ("sqrt(x^2 + y^2)", {"x": 3, "y": 4}),
    ("(x+1)(x-1) + x y", None),
    ("(1 - x)^2 + 100(y - x^2)^2", {"x": -1, "y": 1}),
    ("x*exp(x*y) + log(x^2 + y^2)", {"x": 1, "y": 1}),
    ("sigmoid(w1 x1 + w2 x2 + b)", None),
    ("(w x + b - y)^2", {"w": 2, "x": 1, "b": 0, "y": 1}),
    ("tanh(a) + atan(b/a)", {"a": 1, "b": 1}),
    ("x^3 - 3x y^2", {"x": 1.5, "y": -0.5}),
    ("sin^2(theta) + cos(theta) phi", {"theta": 0, "phi": 1}),
]

HOSTILE = [
    "9^9^9^9",
    "factorial(10^10)",
    "__import__('os')",
    "x.__class__",
    "lambda: 0",
    "(" * 100_000,
    "x" + "^x" * 240,
    "sin(" * 41 + "x" + ")" * 41,
    "99^999",
    "(x+y+z+w)^1000 * (x-y)^999",
    "exp(exp(exp(exp(exp(exp(x))))))^1000",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_latency(rounds: int = 20) -> None:
    for expression, at in TYPICAL:  # warm-up: first calls fill SymPy's caches
        gradient_report(expression, at)
    samples: list[float] = []
    for _ in range(rounds):
        for expression, at in TYPICAL:
            start = time.perf_counter()
            gradient_report(expression, at)
            samples.append((time.perf_counter() - start) * 1000)
    print(f"parse + gradient + steps, {len(samples)} calls over {len(TYPICAL)} expressions:")
    print(
        f"  median {statistics.median(samples):.2f} ms   p99 {percentile(samples, 0.99):.2f} ms"
        f"   max {max(samples):.2f} ms   (targets: median < 20 ms, p99 < 100 ms)"
    )


def bench_hostile() -> None:
    print("time to refuse hostile input through the worker pool (target < 2500 ms each):")
    preload = tasks.task_modules(tasks.GRADIENT_REPORT)
    with ComputePool(workers=1, timeout=2.0, preload=preload) as pool:
        # The first call pays for starting the worker.
        pool.call(tasks.GRADIENT_REPORT, GradientQuery("x"))
        for text in HOSTILE:
            start = time.perf_counter()
            at = {"x": 1, "y": 1, "z": 1, "w": 1} if "w)" in text else None
            try:
                pool.call(tasks.GRADIENT_REPORT, GradientQuery(text, at))
                outcome = "accepted"
            except (EngineError, ComputeError) as error:
                outcome = type(error).__name__
            elapsed = (time.perf_counter() - start) * 1000
            print(f"  {elapsed:8.1f} ms  {outcome:16}  {text[:48]!r}")
        start = time.perf_counter()
        pool.call(tasks.GRADIENT_REPORT, GradientQuery("w1^2 + 3w2^2", {"w1": 1, "w2": 1}))
        print(f"  then a normal request: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    bench_latency()
    bench_hostile()
