"""A pool of killable worker processes that runs every CAS call under a hard time limit.

SymPy cannot be interrupted from another thread, so each call runs in a persistent worker
process that is killed with SIGKILL when it overruns, and replaced when it dies. Workers are
forked from multiprocessing's forkserver, which has already imported SymPy and the engine, so a
replacement costs a fork rather than a SymPy import. The parent never imports SymPy itself.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import math
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from steepest.compute.call_label import CallLabel
from steepest.compute.errors import (
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    ComputeUnavailable,
    PoolOverloaded,
)
from steepest.compute.fair_turns import FairTurns
from steepest.compute.process import SERVER_PRIORITY, CpuPriority, WorkerGone, WorkerProcess
from steepest.compute.task import Task
from steepest.compute.worker import load_reply, pack_request

logger = logging.getLogger(__name__)

T = TypeVar("T")
Req = TypeVar("Req")
Res = TypeVar("Res")

# A crash is a bug of Steepest's, logged with its input; the learner learns only that this input
# could not be worked out, never a detail of the fault.
_FAILED = "Steepest could not work this out for this input; the fault is logged, to be fixed"
_CLOSE_WAIT_S = 5.0


class ComputePool:
    """Runs module-level functions in worker processes, each call under a time limit.

    Callers name the engine's functions with typed `Task` handles (`call`, `acall`); `run` and
    `arun` take any module-level function and its arguments.

    Thread-safe. Workers start on first use (or all at once with `start()`), are reused across
    calls, and are replaced after a timeout, a memory error or a crash. `timeout` bounds the run
    time of a call once a worker has it; waiting for a free worker is bounded by `max_queue`.
    A call may name the `client` it is made for: with `client_calls` set, waiting calls take
    their turns fairly between clients and one client's share is capped (see `fair_turns`).
    Workers run at the CPU `priority` given, relative to the parent's.
    The forkserver and its `preload` list are process-wide: the first pool to start a worker
    decides what the server imports. Each new worker also re-imports the parent's main script,
    so that script should import little at module level (or its imports should be preloaded).
    """

    def __init__(
        self,
        workers: int = 2,
        timeout: float = 2.0,
        memory_limit_mb: int | None = 1024,
        max_queue: int = 32,
        preload: Sequence[str] = ("steepest.engine.explain.report",),
        client_calls: int | None = None,
        priority: CpuPriority = SERVER_PRIORITY,
    ) -> None:
        if workers < 1 or timeout <= 0 or max_queue < 0:
            raise ValueError("need workers >= 1, timeout > 0 and max_queue >= 0")
        if client_calls is not None and client_calls < 1:
            raise ValueError("need client_calls >= 1, or None for no per-client limit")
        self._workers = workers
        self._timeout = timeout
        self._memory_limit_mb = memory_limit_mb
        self._priority = priority
        self._max_queue = max_queue
        self._context = multiprocessing.get_context("forkserver")
        # Every new worker re-imports the parent's main script, as multiprocessing does for
        # forkserver children ("__main__" in the preload list is a no-op on Python 3.11), so
        # whatever the server has already imported makes that re-import cheaper.
        self._context.set_forkserver_preload(["steepest.compute", *preload])

        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._idle: list[WorkerProcess] = []
        self._busy: set[WorkerProcess] = set()
        self._vacancies = workers  # slots with no live worker: filled on demand
        self._checked_out = 0  # slots held by callers, with or without a worker yet
        self._in_flight = 0  # calls admitted and not yet answered, running or waiting
        # A running call of the client's ends within one time limit, and then its turn is free.
        self._turns = FairTurns(workers, client_calls, retry_after=self._retry_after())
        self._closed = False
        self._executor: ThreadPoolExecutor | None = None
        atexit.register(self.close)

    def __enter__(self) -> ComputePool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start every worker now, so that the first calls do not pay for it (~0.6 s cold)."""
        while True:
            with self._lock:
                if self._closed or self._vacancies == 0:
                    return
                self._vacancies -= 1
                self._checked_out += 1
            self._release(self._spawn())

    def call(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        """Run `task` on `request` in a worker and return its result; see `run()`."""
        return self.run(task, request, timeout=timeout, client=client)

    async def acall(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        """`call()` for asyncio callers; see `arun()`."""
        return await self.arun(task, request, timeout=timeout, client=client)

    def run(
        self,
        fn: Callable[..., T],
        /,
        *args: Any,
        timeout: float | None = None,
        client: str | None = None,
        **kwargs: Any,
    ) -> T:
        """Call `fn(*args, **kwargs)` in a worker and return its result.

        `fn` must be a module-level function, its arguments and result picklable. An
        EngineError raised by `fn` is re-raised here as is; anything else that goes wrong is a
        ComputeError. Raises PoolOverloaded at once when `workers + max_queue` calls are in
        flight, and ClientBusy when `client` has `client_calls` of them.
        """
        request = pack_request(fn, args, kwargs)
        ticket = self._admit(client)
        result: T = self._run_admitted(request, CallLabel(fn, args, kwargs), timeout, ticket)
        return result

    async def arun(
        self,
        fn: Callable[..., T],
        /,
        *args: Any,
        timeout: float | None = None,
        client: str | None = None,
        **kwargs: Any,
    ) -> T:
        """`run()` for asyncio callers: the event loop keeps running while the worker computes.

        The blocking `run()` path is handed to a thread pool sized to the most calls the pool
        ever admits, so an admitted call never waits for a thread and the timeout, kill and
        replace logic exists once. Waiting on the pipe with `loop.add_reader` instead would
        save a thread hop (about 0.2 ms a call) at the price of a second copy of that logic.
        If the awaiting task is cancelled, the call still runs to its end or its time limit.
        """
        # Imported on use: asyncio costs a command-line caller ~70 ms of start-up for nothing.
        import asyncio

        request = pack_request(fn, args, kwargs)
        # Admission happens here, not in the thread, so that overload is reported at once
        # instead of after a wait for a free thread.
        ticket = self._admit(client)
        try:
            executor = self._get_executor()
            label = CallLabel(fn, args, kwargs)
            call = functools.partial(self._run_admitted, request, label, timeout, ticket)
            future = asyncio.get_running_loop().run_in_executor(executor, call)
        except BaseException:
            self._leave(ticket)
            raise
        result: T = await future
        return result

    def close(self) -> None:
        """Kill every worker and wait until they are gone. Idempotent; also runs at exit.

        Calls still running get ComputeFailed. The forkserver itself is multiprocessing's, shared
        by every pool in the process, and exits with the interpreter.
        """
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
            executor, self._executor = self._executor, None
            self._changed.notify_all()
        for worker in idle:
            worker.kill()
        # The threads using these workers see EOF and reap them; wait for that below.
        for worker in busy:
            worker.signal_kill()
        with self._lock:
            self._changed.wait_for(lambda: self._checked_out == 0, timeout=_CLOSE_WAIT_S)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        atexit.unregister(self.close)

    def _retry_after(self) -> int:
        # Every running call ends within one time limit, so a slot frees by then.
        return max(1, math.ceil(self._timeout))

    def _admit(self, client: str | None) -> int:
        """Count a new call in, and return its ticket for its turn at a worker."""
        with self._lock:
            if self._closed:
                raise ComputeUnavailable()
            if self._in_flight >= self._workers + self._max_queue:
                raise PoolOverloaded(retry_after=self._retry_after())
            ticket = self._turns.admit(client)
            self._in_flight += 1
            return ticket

    def _leave(self, ticket: int) -> None:
        with self._lock:
            self._in_flight -= 1
            self._turns.finish(ticket)
            # A client at its share of the workers may now start its next call.
            self._changed.notify_all()

    def _get_executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._closed:
                raise ComputeUnavailable()
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self._workers + self._max_queue,
                    thread_name_prefix="steepest-compute",
                )
            return self._executor

    def _run_admitted(
        self, request: bytes, name: CallLabel, timeout: float | None, ticket: int
    ) -> Any:
        limit = self._timeout if timeout is None else timeout
        try:
            worker = self._acquire(ticket)
            try:
                reply = worker.exchange(request, limit)
            except WorkerGone as gone:
                self._replace(worker)
                if self._closed:
                    raise ComputeUnavailable() from None
                logger.error(
                    "worker %d died (%s) running %s on: %s", worker.pid, gone, *name.both()
                )
                raise ComputeFailed(_FAILED) from None
            except BaseException:
                # Ctrl-C while waiting: the worker is still busy with the call, so it goes too.
                self._discard(worker)
                raise
            if reply is None:
                self._replace(worker)
                raise ComputeTimeout(limit)
            return self._unpack(reply, worker, name)
        finally:
            self._leave(ticket)

    def _unpack(self, reply: bytes, worker: WorkerProcess, name: CallLabel) -> Any:
        """Turn a reply into a result or an exception, and give the worker back (or replace it)."""
        try:
            kind, payload = load_reply(reply)
        except Exception:
            self._give_back(worker)
            logger.exception("the result of %s on %s could not be unpickled", name, name.inputs())
            raise ComputeFailed(_FAILED) from None
        if kind == "memory_error":
            # A process that hit its memory limit may be left fragmented; start afresh.
            self._replace(worker)
            raise ComputeMemoryExceeded(self._memory_limit_mb)
        self._give_back(worker)
        if kind == "ok":
            return payload
        if kind == "engine_error":
            raise payload
        error_type, worker_traceback = payload
        function, inputs = name.both()
        logger.error(
            "%s failed in compute worker %d (%s) on its input: %s\n%s",
            function,
            worker.pid,
            error_type,
            inputs,
            worker_traceback,
        )
        raise ComputeFailed(_FAILED)

    def _acquire(self, ticket: int) -> WorkerProcess:
        """Take an idle worker, or a vacant slot and start a worker for it, when it is this
        ticket's turn; wait until then."""

        def my_turn() -> bool:
            free = bool(self._idle) or self._vacancies > 0
            return self._closed or (free and self._turns.next_ticket() == ticket)

        with self._lock:
            self._changed.wait_for(my_turn)
            if self._closed:
                raise ComputeUnavailable()
            self._turns.start(ticket)
            # Another worker may be free too, for the ticket whose turn it is now.
            self._changed.notify_all()
            self._checked_out += 1
            worker = self._idle.pop() if self._idle else None
            if worker is None:
                self._vacancies -= 1
            else:
                self._busy.add(worker)
        if worker is not None and worker.is_ready():
            return worker
        if worker is not None:
            logger.warning("compute worker %d died while idle; replacing it", worker.pid)
            self._forget(worker)
        return self._spawn()

    def _spawn(self) -> WorkerProcess:
        """Start a worker for a slot this thread has checked out; give the slot back on failure."""
        if self._closed:
            self._release(None)
            raise ComputeUnavailable()
        try:
            worker = WorkerProcess(self._context, self._memory_limit_mb, self._priority)
        except Exception:
            self._release(None)
            logger.exception("could not start a compute worker")
            raise ComputeUnavailable("the computation could not be started: try again") from None
        except BaseException:
            self._release(None)
            raise
        with self._lock:
            if not self._closed:
                self._busy.add(worker)
                return worker
        self._discard(worker)
        raise ComputeUnavailable()

    def _give_back(self, worker: WorkerProcess) -> None:
        """Release a worker after its call, or replace it if the call slowed it down."""
        if worker.slowed:
            self._replace(worker)
        else:
            self._release(worker)

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill a checked-out worker and start its successor now: the call that cost the worker
        waits for the start (some 10 ms), rather than whichever call comes next."""
        self._forget(worker)
        # On failure, _spawn has left the slot vacant, for the next call to try to fill.
        with contextlib.suppress(ComputeFailed):
            self._release(self._spawn())

    def _discard(self, worker: WorkerProcess) -> None:
        """Kill a checked-out worker and leave its slot vacant, for the next call to refill."""
        self._forget(worker)
        self._release(None)

    def _forget(self, worker: WorkerProcess) -> None:
        """Kill a checked-out worker; its slot stays checked out."""
        worker.kill()
        with self._lock:
            self._busy.discard(worker)

    def _release(self, worker: WorkerProcess | None) -> None:
        """Give back a checked-out slot, with its worker to reuse, or None if it has none."""
        with self._lock:
            if worker is not None:
                self._busy.discard(worker)
            if not self._closed:
                if worker is None:
                    self._vacancies += 1
                else:
                    self._idle.append(worker)
                self._checked_out -= 1
                self._changed.notify_all()
                return
        # Closing: make sure this worker is gone before close() stops waiting for the slot.
        if worker is not None:
            worker.kill()
        with self._lock:
            self._checked_out -= 1
            self._changed.notify_all()
