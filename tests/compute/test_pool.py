from __future__ import annotations

import asyncio
import logging
import operator
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
import workloads

from steepest.compute import (
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputePool,
    ComputeTimeout,
    PoolOverloaded,
    Task,
)
from steepest.compute.call_label import INPUT_SHOWN_CHARS
from steepest.engine.errors import MathSyntaxError

# A call stopped at its time limit raises within this many limits: the kill and the reap are
# quick, but on a shared two-core machine each may wait for a time slice. What matters is that
# the call ends near its limit, not when its work would (never, for these workloads).
KILL_WITHIN_LIMITS = 3

T = TypeVar("T")


def run_on_fresh_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API, used by the browser tests in
    the same session, leaves an event loop running in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.fixture
def pool() -> Iterator[ComputePool]:
    with ComputePool(workers=1, timeout=0.5, memory_limit_mb=256) as pool:
        yield pool


def _children_of(pid: int) -> set[int]:
    children = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(entry))
    return children


def _forkserver_children() -> set[int]:
    """Workers of every pool in this process: they are children of the shared forkserver."""
    for pid in _children_of(os.getpid()):
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            if b"multiprocessing.forkserver" in cmdline.read():
                return _children_of(pid)
    return set()


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_result_comes_back_with_args_and_kwargs(pool: ComputePool) -> None:
    assert pool.run(workloads.add, 2, 3, scale=4) == operator.mul(operator.add(2, 3), 4)


def test_call_runs_in_another_process(pool: ComputePool) -> None:
    assert pool.run(workloads.worker_pid) != os.getpid()


def test_engine_error_arrives_as_its_class_with_message_and_column(pool: ComputePool) -> None:
    with pytest.raises(MathSyntaxError) as raised:
        pool.run(workloads.raise_syntax_error, "foo", 5)
    assert raised.value.message == "unknown function 'foo'"
    assert raised.value.column == 5
    assert str(raised.value) == "unknown function 'foo' at column 5"


def test_other_exception_becomes_compute_failed_and_traceback_is_only_logged(
    pool: ComputePool, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(ComputeFailed) as raised:
        pool.run(workloads.raise_key_error)
    assert raised.value.message.startswith("Steepest could not work this out for this input")
    assert "KeyError" not in raised.value.message
    assert "Traceback" not in raised.value.message
    assert "not a learner's fault" in caplog.text
    assert "Traceback" in caplog.text
    assert pool.run(workloads.add, 1, 1) == 2


def test_a_task_runs_by_name_in_a_worker_and_the_log_names_it_when_it_fails(
    pool: ComputePool, caplog: pytest.LogCaptureFixture
) -> None:
    assert pool.call(Task("workloads", "twice"), 21) == workloads.twice(21)
    with caplog.at_level(logging.ERROR), pytest.raises(ComputeFailed):
        pool.call(Task("workloads", "refuse"), "a request")
    assert "workloads.refuse failed in compute worker" in caplog.text
    assert "on its input: 'a request'" in caplog.text
    assert pool.call(Task("workloads", "twice"), 2) == 4


def test_the_log_of_a_failed_call_shows_its_input_cut_to_a_readable_length(
    pool: ComputePool, caplog: pytest.LogCaptureFixture
) -> None:
    request = "x" * 50_000
    with caplog.at_level(logging.ERROR), pytest.raises(ComputeFailed):
        pool.call(Task("workloads", "refuse"), request)
    failure = next(r.getMessage() for r in caplog.records if "failed in compute" in r.getMessage())
    shown = failure.split("on its input: ", 1)[1].split("\n", 1)[0]
    assert shown.startswith("'xxxx") and shown.endswith(f"({len(repr(request))} characters in all)")
    assert len(shown) < INPUT_SHOWN_CHARS + 50


def test_acall_runs_tasks_for_asyncio_callers(pool: ComputePool) -> None:
    twice: Task[int, int] = Task("workloads", "twice")

    async def main() -> list[int]:
        return list(await asyncio.gather(pool.acall(twice, 1), pool.acall(twice, 2)))

    assert run_on_fresh_loop(main()) == [2, 4]


def test_unpicklable_result_becomes_compute_failed(pool: ComputePool) -> None:
    with pytest.raises(ComputeFailed):
        pool.run(workloads.make_generator)
    assert pool.run(workloads.add, 1, 1) == 2


@pytest.mark.parametrize("endless", [workloads.spin_forever, workloads.huge_power])
def test_overrunning_call_is_killed_in_time_and_pool_recovers(
    pool: ComputePool, endless: Callable[[], object]
) -> None:
    stuck_pid, limit = pool.run(workloads.worker_pid), 0.5
    started = time.perf_counter()
    with pytest.raises(ComputeTimeout) as raised:
        pool.run(endless, timeout=limit)
    elapsed = time.perf_counter() - started
    assert limit <= elapsed <= KILL_WITHIN_LIMITS * limit
    assert f"{limit} s" in raised.value.message
    assert not _exists(stuck_pid)
    assert pool.run(workloads.add, 2, 2) == 4
    assert pool.run(workloads.worker_pid) != stuck_pid


def test_default_timeout_applies_when_none_is_given() -> None:
    limit = 0.3
    with ComputePool(workers=1, timeout=limit) as pool:
        pool.start()  # the limit covers the call, not the worker's start
        started = time.perf_counter()
        with pytest.raises(ComputeTimeout) as raised:
            pool.run(workloads.spin_forever)
        assert limit <= time.perf_counter() - started <= KILL_WITHIN_LIMITS * limit
        assert raised.value.limit_s == limit


def test_memory_hog_gets_memory_exceeded_and_pool_recovers(pool: ComputePool) -> None:
    hog_pid = pool.run(workloads.worker_pid)
    with pytest.raises(ComputeMemoryExceeded) as raised:
        pool.run(workloads.allocate_gigabytes, 4)
    assert "256 MB" in raised.value.message
    assert not _exists(hog_pid)
    assert pool.run(workloads.add, 3, 4) == 7


def test_worker_that_exits_gives_compute_failed_and_pool_recovers(pool: ComputePool) -> None:
    with pytest.raises(ComputeFailed):
        pool.run(workloads.exit_abruptly)
    assert pool.run(workloads.add, 5, 6) == 11


def test_worker_killed_between_calls_is_replaced_without_failing_a_call(
    pool: ComputePool,
) -> None:
    dead_pid = pool.run(workloads.worker_pid)
    os.kill(dead_pid, signal.SIGKILL)
    while _exists(dead_pid):
        time.sleep(0.005)
    assert pool.run(workloads.worker_pid) not in (dead_pid, os.getpid())


def test_many_threads_share_two_workers_and_get_their_own_results() -> None:
    results: dict[tuple[int, int], int] = {}

    def caller(shared: ComputePool, thread: int) -> None:
        for call in range(6):
            results[thread, call] = shared.run(workloads.add, thread, call, scale=10)

    with ComputePool(workers=2, timeout=2.0) as shared:
        threads = [threading.Thread(target=caller, args=(shared, n)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == {(t, c): (t + c) * 10 for t in range(8) for c in range(6)}


def test_call_beyond_workers_plus_queue_is_refused_at_once() -> None:
    results: list[int] = []
    hold_s = 1.0  # how long each of the two admitted calls keeps its place
    with ComputePool(workers=1, timeout=5.0, max_queue=1) as pool:

        def hold(value: int) -> None:
            results.append(pool.run(workloads.sleep_then_return, hold_s, value))

        threads = [threading.Thread(target=hold, args=(value,)) for value in (1, 2)]
        for thread in threads:
            thread.start()
        time.sleep(hold_s / 5)  # both calls admitted, neither finished
        with pytest.raises(PoolOverloaded) as raised:
            pool.run(workloads.add, 1, 1)
        # At once: refused while both places are still taken, rather than after waiting for one.
        assert results == []
        assert raised.value.retry_after >= 1
        for thread in threads:
            thread.join()
        assert sorted(results) == [1, 2]
        assert pool.run(workloads.add, 1, 1) == 2


def ticks_during(work: Awaitable[T]) -> tuple[T, int]:
    """`work`'s result, and how often a 10 ms ticker got to run on the same loop meanwhile."""

    async def main() -> tuple[T, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticking = asyncio.create_task(ticker())
        result = await work
        ticking.cancel()
        return result, ticks

    return run_on_fresh_loop(main())


def test_arun_keeps_the_event_loop_ticking_during_a_long_call(pool: ComputePool) -> None:
    pool.start()  # so that the tick count measures the call, not the worker's start
    result, ticks = ticks_during(pool.arun(workloads.sleep_then_return, 1.0, 42, timeout=2.0))
    assert result == 42
    # A blocked loop would manage one tick at most; a free one about as many as while it only
    # sleeps for as long, which the machine's other load slows down alike.
    _, ticks_while_idle = ticks_during(asyncio.sleep(1.0))
    assert ticks >= ticks_while_idle / 4


def test_arun_raises_engine_errors_and_timeouts(pool: ComputePool) -> None:
    async def main() -> None:
        with pytest.raises(MathSyntaxError):
            await pool.arun(workloads.raise_syntax_error, "bar", 2)
        with pytest.raises(ComputeTimeout):
            await pool.arun(workloads.spin_forever, timeout=0.2)
        assert await pool.arun(workloads.add, 1, 2) == 3

    run_on_fresh_loop(main())


def test_close_leaves_no_worker_processes_and_refuses_new_calls() -> None:
    before = _forkserver_children()
    pool = ComputePool(workers=2)
    pool.start()
    workers = _forkserver_children() - before
    assert len(workers) == 2
    pool.close()
    pool.close()
    assert not any(_exists(pid) for pid in workers)
    assert _forkserver_children() <= before
    with pytest.raises(ComputeFailed):
        pool.run(workloads.add, 1, 1)


def test_close_stops_a_running_call() -> None:
    before, limit = _forkserver_children(), 5.0
    pool = ComputePool(workers=1, timeout=limit)
    pool.start()
    outcome: list[BaseException] = []

    def caller() -> None:
        try:
            pool.run(workloads.spin_forever)
        except ComputeFailed as failed:
            outcome.append(failed)

    thread = threading.Thread(target=caller)
    thread.start()
    time.sleep(0.2)
    started = time.perf_counter()
    pool.close()
    # Without the kill, the call would run to its time limit (and close would wait as long).
    assert time.perf_counter() - started < limit / 4
    thread.join()
    assert len(outcome) == 1
    assert _forkserver_children() <= before


def test_parent_process_does_not_import_sympy() -> None:
    script = (
        "import operator, sys\n"
        "from steepest.compute import ComputePool\n"
        "with ComputePool(workers=1) as pool:\n"
        "    assert pool.run(operator.add, 2, 3) == 5\n"
        "print('sympy' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert completed.stdout.strip() == "False"
