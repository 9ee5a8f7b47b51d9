"""Latency figures of the load script's phases: percentiles and rates of a list of samples."""

from __future__ import annotations


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile in ms; 0 when there are no samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures_of(samples: list[float], elapsed: float) -> dict[str, float]:
    return {
        "per_s": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(samples, 0.50), 2),
        "p99_ms": round(percentile(samples, 0.99), 2),
    }
