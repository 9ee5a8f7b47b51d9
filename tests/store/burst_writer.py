"""Run by test_durability.py as a stand-in for the web server: several threads write progress and
attempts as fast as they can, and each write is acknowledged on stdout only after the store call
returned (the write is committed). Runs until killed, or until MAX_WRITES per thread."""

from __future__ import annotations

import sys
import threading

from steepest.store import NewAttempt, Store

THREADS = 4
MAX_WRITES = 5000
_SECTIONS_PER_LESSON = 100


def main(url: str, learner: str) -> None:
    store = Store(url)
    printing = threading.Lock()

    def acknowledge(line: str) -> None:
        with printing:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def write(thread: int) -> None:
        for n in range(MAX_WRITES):
            lesson = f"burst-{thread}-{n // _SECTIONS_PER_LESSON}"
            store.merge_progress(learner, lesson, {"sections": {f"s{n}": n + 1}})
            acknowledge(f"progress {lesson} s{n}")
            uid = f"burst-{thread}-{n:06d}"
            attempt = NewAttempt(
                answer=str(n), verdict="correct", lesson=lesson, question="q", uid=uid
            )
            store.record_attempt(learner, attempt)
            acknowledge(f"attempt {uid}")

    threads = [threading.Thread(target=write, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
