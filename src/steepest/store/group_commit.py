"""Group commit: the writes that arrive while one commit is being made share the next one.

A durable SQLite commit waits for the disk (an fsync: 4 ms median on the machine this was
measured on), and SQLite has one writer at a time, so committing each write on its own caps a
server at a couple of hundred writes a second however fast the rest is. Here the first writer to
find no commit under way becomes the leader: it runs every write queued so far in one
transaction, each inside its own savepoint (so one write that fails is undone alone), commits
once, and only then tells each writer its result. Writers that arrive meanwhile queue for the
leader's next round. No write is acknowledged before the commit that holds it has returned.

The savepoints are plain SQL rather than SQLAlchemy's `begin_nested()`, which compiles its
SAVEPOINT and RELEASE statements afresh on every use; the writes run on a Core connection, with
no ORM state that a savepoint would have to keep in step. A round of one write needs none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine

from steepest.store.writer_lock import WriterLock

T = TypeVar("T")
# Enough to amortise a commit many times over, few enough that a round stays short.
MAX_BATCH = 64


class _Write(Generic[T]):
    def __init__(self, work: Callable[[Connection], T]) -> None:
        self.work = work
        self.done = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None

    def outcome(self) -> T:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


class GroupCommitter:
    def __init__(
        self,
        engine: Engine,
        errors: Callable[[], AbstractContextManager[None]],
        writer_lock: WriterLock | None = None,
    ) -> None:
        self._engine = engine
        # Taken around each round, so other processes' leaders queue in the kernel.
        self._writer_lock = writer_lock
        # Turns the database's own exceptions into the store's, around the whole round.
        self._errors = errors
        self._lock = threading.Lock()
        self._queue: list[_Write[Any]] = []
        self._leading = False

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in a write transaction; return once that transaction is committed."""
        write = _Write(work)
        with self._lock:
            self._queue.append(write)
            lead = not self._leading
            self._leading = True
        if lead:
            self._lead()
        return write.outcome()

    def _lead(self) -> None:
        while True:
            with self._lock:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                if not batch:
                    self._leading = False
                    return
            self._commit(batch)

    def _commit(self, batch: list[_Write[Any]]) -> None:
        try:
            with self._errors(), self._held(), self._engine.begin() as connection:
                if len(batch) == 1:  # alone in its transaction: a failure undoes only it
                    batch[0].result = batch[0].work(connection)
                else:
                    for write in batch:
                        _run_in_savepoint(connection, write)
        except BaseException as error:  # the commit itself failed: no write of it stands
            for write in batch:
                write.error = error
        finally:
            for write in batch:
                write.done.set()

    def _held(self) -> AbstractContextManager[None]:
        return nullcontext() if self._writer_lock is None else self._writer_lock.held()


def _run_in_savepoint(connection: Connection, write: _Write[Any]) -> None:
    connection.exec_driver_sql("SAVEPOINT write")
    try:
        write.result = write.work(connection)
    except Exception as error:  # this write's own failure: undone alone
        write.error = error
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT write")
    connection.exec_driver_sql("RELEASE SAVEPOINT write")
