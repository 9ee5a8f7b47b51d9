"""One SQLite writer at a time among the Steepest processes sharing a database file, queued by
the kernel instead of by SQLite's busy handler.

SQLite lets one connection write at a time. A process that finds the file locked waits in the
busy handler, which sleeps and retries with growing pauses (up to 100 ms); with two
`steepest serve` processes writing all the time, answer checks measured a p99 of 1.3 to 2.3 s.
A `flock` on a sibling file (`<database>-writer`) makes a waiting process sleep in the kernel and
wake the moment the holder lets go. It only orders Steepest's own writers: every write still
takes SQLite's lock (`BEGIN IMMEDIATE`), so another program writing to the file stays safe.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    @classmethod
    def beside(cls, url: URL) -> WriterLock:
        """The lock for a SQLite file (the store refuses in-memory databases)."""
        return cls(Path(f"{url.database}-writer"))

    @contextmanager
    def held(self) -> Iterator[None]:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self._fd)
