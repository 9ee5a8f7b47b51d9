"""Equivalence checking: Steepest's checker against the naive `simplify(a - b) == 0`.

Both run once over the whole answer corpus (tests/engine/corpus/equivalence.tsv, invalid rows
left out since both read text with the same parser), and both are timed from the typed text to
the verdict. The naive check is given the corpus's domains as SymPy assumptions (positive=True,
nonzero=True), so it is not penalised for not knowing them.

Targets (issue 5): at least 20x faster at the median, with equal or better accuracy.
Run with `make bench` or `.venv/bin/python bench/bench_equivalence.py`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import sympy

from steepest.engine.equivalence import check_equivalent
from steepest.engine.parser import parse

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "engine" / "corpus" / "equivalence.tsv"

Row = tuple[bool, list[str], dict[str, str], str, str]


def read_rows() -> list[Row]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        verdict, variables, domain, expected, answer = line.split("\t")
        if verdict == "invalid":
            continue
        names = [] if variables == "-" else variables.split(",")
        if domain == "-":
            chosen: dict[str, str] = {}
        elif ":" in domain:
            chosen = dict(part.split(":") for part in domain.split(","))
        else:
            chosen = dict.fromkeys(names, domain)
        rows.append((verdict == "equivalent", names, chosen, expected, answer))
    return rows


def steepest_check(names: list[str], domain: dict[str, str], expected: str, answer: str) -> bool:
    return check_equivalent(expected, answer, names, domain).equivalent


def naive_check(names: list[str], domain: dict[str, str], expected: str, answer: str) -> bool:
    assumptions = {"positive": {"positive": True}, "nonzero": {"nonzero": True, "real": True}}
    renamed = {
        sympy.Symbol(n, real=True): sympy.Symbol(
            n, **assumptions.get(domain.get(n, ""), {"real": True})
        )
        for n in names
    }
    a = parse(expected, names).xreplace(renamed)
    b = parse(answer, names).xreplace(renamed)
    return bool(sympy.simplify(a - b) == 0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(
    check: Callable[[list[str], dict[str, str], str, str], bool], rows: list[Row]
) -> tuple[list[float], list[bool]]:
    times, right = [], []
    for truth, names, domain, expected, answer in rows:
        start = time.perf_counter()
        verdict = check(names, domain, expected, answer)
        times.append((time.perf_counter() - start) * 1000)
        right.append(verdict == truth)
    return times, right


def main() -> None:
    rows = read_rows()
    for _, names, _, expected, answer in rows:  # warm the parser and SymPy's constructors
        parse(expected, names)
        parse(answer, names)
    ours, ours_right = run(steepest_check, rows)
    naive, naive_right = run(naive_check, rows)
    print(f"equivalence checks over {len(rows)} corpus pairs, one pass each:")
    for label, times, right in (("steepest", ours, ours_right), ("simplify", naive, naive_right)):
        median, p99 = statistics.median(times), percentile(times, 0.99)
        print(
            f"  {label:9} median {median:8.2f} ms   p99 {p99:9.2f} ms"
            f"   total {sum(times) / 1000:6.2f} s   accuracy {sum(right)}/{len(right)}"
            f" ({100 * sum(right) / len(right):.1f}%)"
        )
    speedup = statistics.median(naive) / statistics.median(ours)
    print(f"  median speed-up {speedup:.0f}x (target >= 20x, with accuracy >= simplify's)")
    for (truth, _, domain, expected, answer), ok in zip(rows, naive_right, strict=True):
        if not ok:
            said = "different" if truth else "equivalent"
            print(f"  simplify wrongly says {said}: {expected}  vs  {answer}  {domain or ''}")
    for (_, _, domain, expected, answer), ok in zip(rows, ours_right, strict=True):
        if not ok:
            print(f"  steepest wrong: {expected}  vs  {answer}  {domain or ''}")


if __name__ == "__main__":
    main()
