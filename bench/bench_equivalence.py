"""Equivalence checking: Steepest's checker against the naive `simplify(a - b) == 0`.

Both check every pair of two corpora (invalid rows left out since both read text with the same
parser), timed from the typed text to the verdict: the answers learners type
(tests/engine/corpus/equivalence.tsv) and the adversarial pairs (adversarial.tsv: differences
far out, under large magnitudes, lost to cancellation, in narrow bumps and at kinks).
Each pass over the corpus runs in a fresh process, warmed on pairs that are not in the corpus:
so every pair is checked the way a learner's new answer is, with the code paths warm but
nothing about that pair in SymPy's caches, and neither check inherits the other's caches.
The passes alternate, three of each, and each pair's time is its median over its three passes,
so that a slow spell on a shared machine does not land on one check alone.
The naive check is given the corpus's domains as SymPy assumptions (positive=True,
nonzero=True), so it is not penalised for not knowing them.

Targets (issue 5): at least 20x faster at the median, with equal or better accuracy; and
(issue 13) a median within 2x of issue 5's, with no false accept on either corpus.
Run with `make bench` or `.venv/bin/python bench/bench_equivalence.py`.
"""

from __future__ import annotations

import json
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy

from steepest.engine.answers.equivalence import check_equivalent
from steepest.engine.notation.parser import parse

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "engine" / "corpus"
CORPUS_NAMES = ("equivalence", "adversarial")

Row = tuple[bool, list[str], dict[str, str], str, str]
PASSES = 3


def read_rows(corpus: str) -> list[Row]:
    rows = []
    for line in (CORPORA / f"{corpus}.tsv").read_text(encoding="utf-8").splitlines():
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
    # simplify runs for minutes on some adversarial pairs (sin(10^20 x) against
    # sin(10^20 x + 1/10)): after SIMPLIFY_LIMIT seconds its answer counts as "different".
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, SIMPLIFY_LIMIT)
    try:
        return bool(sympy.simplify(a - b) == 0)
    except _OutOfTimeError:
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


SIMPLIFY_LIMIT = 10.0


class _OutOfTimeError(Exception):
    pass


def _out_of_time(signum: int, frame: object) -> None:
    raise _OutOfTimeError


Check = Callable[[list[str], dict[str, str], str, str], bool]
CHECKS: dict[str, Check] = {"steepest": steepest_check, "simplify": naive_check}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one_pass(name: str, corpus: str) -> dict[str, list[Any]]:
    """One check over a whole corpus, in this process: each row's time (ms) and rightness."""
    check = CHECKS[name]
    for names, domain, expected, answer in WARM_UP:
        check(names, domain, expected, answer)
    times, right = [], []
    for truth, names, domain, expected, answer in read_rows(corpus):
        start = time.perf_counter()
        verdict = check(names, domain, expected, answer)
        times.append((time.perf_counter() - start) * 1000)
        right.append(verdict == truth)
    return {"times": times, "right": right}


def fresh_pass(name: str, corpus: str) -> dict[str, list[Any]]:
    command = [sys.executable, __file__, "--pass", name, corpus]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, list[Any]] = json.loads(output)
    return result


# Not in the corpus: they only exercise both checks' code paths once before timing.
WARM_UP = [
    (["a", "b"], {}, "a^2 b + sin(a)", "a a b + sin(a)"),
    (["t"], {"t": "positive"}, "ln(t^3)", "3 ln t"),
    (["u"], {}, "exp(2u)/(1 + u^2)", "(e^u)^2 / (u^2 + 1)"),
]


def main() -> None:
    for corpus in CORPUS_NAMES:
        report(corpus)


def report(corpus: str) -> None:
    rows = read_rows(corpus)
    passes: dict[str, list[dict[str, list[Any]]]] = {name: [] for name in CHECKS}
    for _ in range(PASSES):
        for name in CHECKS:
            passes[name].append(fresh_pass(name, corpus))
    print(
        f"{corpus}: equivalence checks over {len(rows)} corpus pairs; each pair's median over"
        f" {PASSES} passes, each pass in a fresh process:"
    )
    medians, rights = {}, {}
    for name, runs in passes.items():
        times = [statistics.median(row) for row in zip(*(r["times"] for r in runs), strict=True)]
        right = runs[0]["right"]
        medians[name], rights[name] = statistics.median(times), right
        accepts = sum(not ok and not row[0] for ok, row in zip(right, rows, strict=True))
        print(
            f"  {name:9} median {medians[name]:8.2f} ms   p99 {percentile(times, 0.99):9.2f} ms"
            f"   total {sum(times) / 1000:6.2f} s   accuracy {sum(right)}/{len(right)}"
            f" ({100 * sum(right) / len(right):.1f}%)   false accepts {accepts}"
            f"   false rejects {len(right) - sum(right) - accepts}"
        )
    speedup = medians["simplify"] / medians["steepest"]
    print(f"  median speed-up {speedup:.0f}x (target >= 20x, with accuracy >= simplify's)")
    for (truth, _, domain, expected, answer), ok in zip(rows, rights["simplify"], strict=True):
        if not ok:
            said = "different" if truth else "equivalent"
            print(f"  simplify wrongly says {said}: {expected}  vs  {answer}  {domain or ''}")
    for (_, _, domain, expected, answer), ok in zip(rows, rights["steepest"], strict=True):
        if not ok:
            print(f"  steepest wrong: {expected}  vs  {answer}  {domain or ''}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pass"]:
        print(json.dumps(one_pass(sys.argv[2], sys.argv[3])))
    else:
        main()
