"""Concurrent writes share commits without losing or mixing anything: each writer gets its own
result, and one write that fails is undone alone."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, text

from steepest.store import NewAttempt, Store
from steepest.store.errors import UnknownLearner
from steepest.store.group_commit import GroupCommitter

WRITERS = 8
WRITES_EACH = 40


def test_concurrent_writers_each_get_their_own_committed_result(store: Store) -> None:
    learners = [store.ensure_learner(None) for _ in range(WRITERS)]
    failures: list[BaseException] = []

    def write(learner: str) -> None:
        try:
            for n in range(WRITES_EACH):
                store.merge_progress(learner, "lesson", {"sections": {f"s{n}": n + 1}})
                attempt = NewAttempt(
                    answer=str(n), verdict="correct", lesson="lesson", question="q"
                )
                assert store.record_attempt(learner, attempt).attempt.answer == str(n)
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=write, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for learner in learners:
        assert len(store.get_progress(learner, "lesson")["sections"]) == WRITES_EACH
        assert [a.attempt.answer for a in store.attempts(learner)] == [
            str(n) for n in range(WRITES_EACH)
        ]


def test_a_failing_write_is_undone_alone_and_raises_for_its_writer(store: Store) -> None:
    learner = store.ensure_learner(None)
    results: dict[str, object] = {}
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        start.wait()
        # Every third writer names a learner that does not exist: its write must fail alone.
        who = learner if n % 3 else "0" * 32
        try:
            results[str(n)] = store.merge_progress(who, "lesson", {"sections": {f"s{n}": 1}})
        except UnknownLearner as error:
            results[str(n)] = error

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = store.get_progress(learner, "lesson")["sections"]
    for n in range(WRITERS):
        if n % 3:
            assert f"s{n}" in stored
        else:
            assert isinstance(results[str(n)], UnknownLearner)
            assert f"s{n}" not in stored


def test_writes_that_arrive_during_a_commit_share_the_next_one(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    commits = []
    event.listen(engine, "commit", lambda connection: commits.append(connection))
    inside_first = threading.Event()
    release_first = threading.Event()
    committer = GroupCommitter(engine, _no_translation)

    def first(connection: Connection) -> int:
        inside_first.set()
        release_first.wait(10)  # hold the first round open while the others queue
        connection.execute(text("INSERT INTO t VALUES (0)"))
        return 0

    leader = threading.Thread(target=committer.run, args=(first,))
    leader.start()
    assert inside_first.wait(10)
    followers = [
        threading.Thread(
            target=committer.run,
            args=(lambda s, n=n: s.execute(text(f"INSERT INTO t VALUES ({n})")),),
        )
        for n in range(1, 11)
    ]
    for thread in followers:
        thread.start()
    deadline = time.monotonic() + 10
    while len(committer._queue) < len(followers) and time.monotonic() < deadline:
        time.sleep(
            0.001
        )  # until all ten wait behind the open round (private, but that is the point)
    release_first.set()
    for thread in [leader, *followers]:
        thread.join(10)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM t")).scalar() == 11
    # The first round, then one more for the ten that queued meanwhile.
    assert len(commits) == 2


class _NoTranslation:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _no_translation() -> _NoTranslation:
    return _NoTranslation()


def test_a_learner_whose_row_is_gone_is_recreated_once_forgotten(store: Store) -> None:
    learner = store.ensure_learner(None)
    store.merge_progress(learner, "lesson", {"sections": {"s": 1}})
    store._known = type(store._known)(0.0)  # forget at once, as a minute later would
    with store._engine.begin() as connection:  # the database is emptied under the server
        connection.execute(text("DELETE FROM lesson_progress"))
        connection.execute(text("DELETE FROM learners"))
    assert store.ensure_learner(learner) == learner
    assert store.get_progress(learner, "lesson")["sections"] == {}
