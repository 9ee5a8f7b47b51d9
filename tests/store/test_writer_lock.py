"""Steepest processes sharing one SQLite file take turns to write through a file lock, and a
waiting writer goes ahead as soon as the lock is let go."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from steepest.store import NewAttempt, Store, upgrade
from steepest.store.writer_lock import WriterLock

# Enough rounds for the medians to settle on a machine that other work shares.
ROUNDS = 15


def handoff_s(held: Callable[[], AbstractContextManager[None]], write: Callable[[], None]) -> float:
    """From letting go of `held` to the end of a write that a thread began while it was held."""
    written = threading.Event()

    def writer() -> None:
        write()
        written.set()

    with held():
        thread = threading.Thread(target=writer)
        thread.start()
        assert not written.wait(0.05), "the write went ahead while the other side held on"
        released = time.monotonic()
    assert written.wait(5)
    waited = time.monotonic() - released
    thread.join()
    return waited


def test_a_write_waits_while_another_process_holds_the_writer_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    upgrade(url)
    with Store(url) as store:
        learner = store.ensure_learner(None)

        def write() -> None:
            store.record_attempt(
                learner, NewAttempt(answer="x", verdict="correct", lesson="l", question="q")
            )

        # Another open of the lock file behaves as another process's would: flock locks belong
        # to the open file, not to the process.
        other_process = WriterLock(tmp_path / "shared.sqlite3-writer")

        # The baseline: the same write, by a thread that waits on an event instead of the lock.
        gate = threading.Event()

        @contextmanager
        def gate_closed() -> Iterator[None]:
            gate.clear()
            yield
            gate.set()

        def write_once_open() -> None:
            gate.wait()
            write()

        # Interleaved, so that a busy spell on the machine falls on both alike.
        by_lock, by_event = [], []
        for _ in range(ROUNDS):
            by_lock.append(handoff_s(other_process.held, write))
            by_event.append(handoff_s(gate_closed, write_once_open))
        other_process.close()
        assert [a.attempt.answer for a in store.attempts(learner)] == ["x"] * (2 * ROUNDS)
        # Woken by the kernel the moment the lock is let go, as a thread waiting on an event is;
        # a poll that sleeps up to 100 ms at a time would take some 50 ms in the median.
        lock_s, event_s = statistics.median(by_lock), statistics.median(by_event)
        assert lock_s < 4 * event_s, f"median {lock_s * 1000:.1f} ms, by event {event_s * 1000:.1f}"


def test_the_lock_file_sits_beside_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    with Store(url) as store:
        store.ensure_learner(None)
    assert (tmp_path / "db.sqlite3-writer").exists()
