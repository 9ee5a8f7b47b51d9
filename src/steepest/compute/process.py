"""The pool's end of one worker process: start it, exchange one request for one reply, kill it."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from threading import Lock

from steepest.compute.worker import READY, serve

# multiprocessing's list of child processes is not thread-safe: Process.start() polls every
# other child's sentinel, which must not race with join() or close() of one of them (a closed
# sentinel's fd number may already belong to another pipe). So starts and reaps take turns.
_LIFECYCLE = Lock()

# A new worker forks from a forkserver that has the engine imported already, so it is ready in
# milliseconds; this bound is only for a machine so loaded that even that stalls.
STARTUP_LIMIT_S = 30.0


@dataclass(frozen=True)
class CpuPriority:
    """How a pool's workers share the CPU with the server (see `lanes.py`): `niceness` steps
    below the server's priority, and `slow_niceness` steps below it for the rest of any call
    still running after `slow_after` seconds (None: never)."""

    niceness: int = 0
    slow_after: float | None = None
    slow_niceness: int = 0


SERVER_PRIORITY = CpuPriority()
"""Workers as high as the server, whatever they run: for the command line and `steepest check`."""


class WorkerGone(Exception):
    """The worker process ended (killed, crashed, or out of memory at the C level)."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        super().__init__(f"worker exited with code {exitcode}")


class WorkerProcess:
    """A persistent worker, reused call after call until it times out, crashes or is closed."""

    def __init__(
        self,
        context: ForkServerContext,
        memory_limit_mb: int | None,
        priority: CpuPriority = SERVER_PRIORITY,
    ) -> None:
        self._conn, child_conn = context.Pipe(duplex=True)
        self._priority = priority
        # Set once a call has run long enough to lower the worker's priority: only a privileged
        # process may raise it again, so the pool replaces the worker after that call.
        self.slowed = False
        self._process = context.Process(
            target=serve,
            args=(child_conn, memory_limit_mb),
            name="steepest-compute",
            daemon=True,
        )
        with _LIFECYCLE:
            self._process.start()
        # Only the worker may hold its end: otherwise a dead worker would never read as EOF here.
        child_conn.close()
        pid = self._process.pid
        assert pid is not None
        self.pid = pid
        self._lower_priority(priority.niceness)
        self._exitcode: int | None = None
        # kill() may come from the pool closing while the calling thread reaps the same worker.
        self._kill_lock = Lock()
        self._await_ready()

    def _lower_priority(self, steps: int) -> None:
        # Set from here, at once, rather than by the worker itself: a worker replacing one killed
        # at its limit spends some 7 ms starting up, which at the server's priority lands on the
        # requests the server is answering meanwhile.
        if not steps:
            return
        with contextlib.suppress(OSError):  # it may already have died; its first read says so
            server = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, self.pid, server + steps)

    def _await_ready(self) -> None:
        try:
            if self._conn.poll(STARTUP_LIMIT_S) and self._conn.recv_bytes() == READY:
                return
        except (EOFError, OSError):
            pass
        raise WorkerGone(self.kill())

    def is_ready(self) -> bool:
        """True if the worker is alive and has nothing unread: anything readable between calls
        is either EOF (it died while idle) or a stray reply, and neither can serve a new call."""
        return not self._conn.poll(0)

    def exchange(self, request: bytes, timeout: float) -> bytes | None:
        """Send one request and wait for its reply; None if no reply came within `timeout`.

        Raises WorkerGone if the worker ended before answering.
        """
        slow_after = self._priority.slow_after
        try:
            self._conn.send_bytes(request)
            if slow_after is not None and slow_after < timeout:
                if self._conn.poll(slow_after):
                    return self._conn.recv_bytes()
                self._slow_down()
                timeout -= slow_after
            if not self._conn.poll(timeout):
                return None
            return self._conn.recv_bytes()
        except (EOFError, OSError):
            # Its end of the pipe closes only when it exits; kill() just waits for the exit code.
            raise WorkerGone(self.kill()) from None

    def _slow_down(self) -> None:
        self.slowed = True
        steps = self._priority.slow_niceness - self._priority.niceness
        # The worker may have just exited, which the next read on the pipe reports.
        with contextlib.suppress(OSError):
            now = os.getpriority(os.PRIO_PROCESS, self.pid)
            os.setpriority(os.PRIO_PROCESS, self.pid, now + steps)

    def signal_kill(self) -> None:
        """Send SIGKILL without waiting: the thread using the worker sees EOF and reaps it."""
        with self._kill_lock:
            if self._exitcode is None:
                self._process.kill()

    def kill(self) -> int | None:
        """Stop the worker if it still runs, wait until it is gone, and return its exit code.

        SIGKILL, because SymPy stuck in C code or in a tight loop never sees a gentler signal.
        Safe to call more than once, from any thread.
        """
        with self._kill_lock:
            if self._exitcode is not None:
                return self._exitcode
            self._process.kill()
            with _LIFECYCLE:
                # join() returns once the forkserver, the worker's real parent, has waited for
                # it, so afterwards the pid is gone rather than a zombie.
                self._process.join()
                self._exitcode = self._process.exitcode
                self._process.close()
            self._conn.close()
            return self._exitcode
