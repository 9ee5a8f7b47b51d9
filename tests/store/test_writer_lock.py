"""Steepest processes sharing one SQLite file take turns to write through a file lock, and a
waiting writer goes ahead as soon as the lock is let go."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from steepest.store import NewAttempt, Store, upgrade
from steepest.store.writer_lock import WriterLock


def test_a_write_waits_while_another_process_holds_the_writer_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    upgrade(url)
    with Store(url) as store:
        learner = store.ensure_learner(None)
        # Another open of the lock file behaves as another process's would: flock locks belong
        # to the open file, not to the process.
        other_process = WriterLock(tmp_path / "shared.sqlite3-writer")
        written = threading.Event()

        def write() -> None:
            store.record_attempt(
                learner, NewAttempt(answer="x", verdict="correct", lesson="l", question="q")
            )
            written.set()

        with other_process.held():
            writer = threading.Thread(target=write)
            writer.start()
            assert not written.wait(0.3)
            released = time.monotonic()
        assert written.wait(5)
        waited_after_release = time.monotonic() - released
        writer.join()
        other_process.close()
        assert [a.attempt.answer for a in store.attempts(learner)] == ["x"]
        # Woken by the kernel, not by a poll that sleeps up to 100 ms at a time.
        assert waited_after_release < 0.1


def test_the_lock_file_sits_beside_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    with Store(url) as store:
        store.ensure_learner(None)
    assert (tmp_path / "db.sqlite3-writer").exists()
