"""Fair turns and lanes with real workers: a client flooding a pool with calls that hold their
workers does not hold up another client's call, nor a quick call behind heavy ones.

Times are compared as ratios to how long one flooding call holds its worker (HOLD_S), so that a
slow machine slows both sides alike: a call that was not held up ends in a small part of it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import workloads

from steepest.compute import ClientBusy, ComputePool, ComputeTimeout, Task
from steepest.compute.lanes import HEAVY_NICENESS, QUICK_BUDGET_S, QUICK_TIMEOUT_S, ComputeLanes

HOLD_S = 1.0
# Held up, a call waits at least one HOLD_S; not held up, it takes milliseconds.
NOT_HELD_UP = HOLD_S / 4
CLIENT_CALLS = 4

HOLD: Task[float, int] = Task("workloads", "hold")
QUICK_HOLD: Task[float, int] = Task("workloads", "hold", lane="quick")
QUICK_NICENESS: Task[None, tuple[int, int]] = Task("workloads", "niceness", lane="quick")
HEAVY_NICENESS_TASK: Task[None, tuple[int, int]] = Task("workloads", "niceness")
QUICK_NICENESS_AFTER: Task[float, tuple[int, int]] = Task("workloads", "niceness_after", "quick")


def flood(call: Callable[[], object], calls: int) -> list[threading.Thread]:
    """`calls` threads each making `call` once, started; wait until all are admitted."""
    threads = [threading.Thread(target=call) for _ in range(calls)]
    for thread in threads:
        thread.start()
    time.sleep(HOLD_S / 5)
    return threads


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


@pytest.fixture
def fair_pool() -> Iterator[ComputePool]:
    with ComputePool(workers=2, timeout=5.0, client_calls=CLIENT_CALLS) as pool:
        pool.start()
        yield pool


def test_a_flooding_client_is_refused_beyond_its_calls_and_others_go_at_once(
    fair_pool: ComputePool,
) -> None:
    def flooding_call() -> None:
        fair_pool.run(workloads.hold, HOLD_S, client="flooder")

    threads = flood(flooding_call, CLIENT_CALLS)
    with pytest.raises(ClientBusy) as refused:
        fair_pool.run(workloads.add, 1, 1, client="flooder")
    assert refused.value.retry_after >= 1
    # The flooder runs on half the workers at most, so another client finds one free.
    assert timed(lambda: fair_pool.run(workloads.add, 1, 1, client="other")) < NOT_HELD_UP
    for thread in threads:
        thread.join()


def test_without_per_client_limits_the_same_flood_holds_the_other_client_up() -> None:
    """The comparison that shows the limits at work: the same pool and flood, uncapped."""
    with ComputePool(workers=2, timeout=5.0) as pool:
        pool.start()
        threads = flood(lambda: pool.run(workloads.hold, HOLD_S, client="flooder"), CLIENT_CALLS)
        waited = timed(lambda: pool.run(workloads.add, 1, 1, client="other"))
        for thread in threads:
            thread.join()
    assert waited > HOLD_S / 2


def test_a_newcomer_goes_ahead_of_the_calls_a_flooder_has_waiting() -> None:
    with ComputePool(workers=1, timeout=5.0, client_calls=CLIENT_CALLS) as pool:
        pool.start()
        finished: list[float] = []
        started = time.perf_counter()

        def flooding_call() -> None:
            pool.run(workloads.hold, HOLD_S, client="flooder")
            finished.append(time.perf_counter() - started)

        threads = flood(flooding_call, CLIENT_CALLS)
        # One worker: the newcomer waits for the flooder's running call, not for its queue.
        waited = timed(lambda: pool.run(workloads.add, 1, 1, client="other"))
        for thread in threads:
            thread.join()
    assert waited < 1.5 * HOLD_S < max(finished) / 2


@pytest.fixture
def lanes() -> Iterator[ComputeLanes]:
    with ComputeLanes(1, 5.0, preload=(), client_calls=CLIENT_CALLS) as lanes:
        lanes.start()
        yield lanes


def test_a_quick_call_does_not_wait_behind_heavy_ones(lanes: ComputeLanes) -> None:
    # No client named: nothing holds these back but the one heavy worker.
    threads = flood(lambda: lanes.call(HOLD, HOLD_S), 3)
    assert timed(lambda: lanes.call(QUICK_NICENESS, None)) < NOT_HELD_UP
    for thread in threads:
        thread.join()


def test_heavy_workers_run_below_the_server_and_a_quick_call_that_overruns_drops_too(
    lanes: ComputeLanes,
) -> None:
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    _, heavy = lanes.call(HEAVY_NICENESS_TASK, None)
    _, quick = lanes.call(QUICK_NICENESS, None)
    assert (heavy, quick) == (min(19, ours + HEAVY_NICENESS), ours)
    # A quick call past its budget ends well, at the heavy priority by then; its worker is
    # replaced after it (a priority cannot be raised again), and quick calls run as before.
    slowed_pid, slowed = lanes.call(QUICK_NICENESS_AFTER, 3 * QUICK_BUDGET_S)
    assert slowed == heavy
    with pytest.raises(ProcessLookupError):
        os.kill(slowed_pid, 0)
    assert [lanes.call(QUICK_NICENESS, None)[1] for _ in range(3)] == [ours] * 3
    with pytest.raises(ComputeTimeout) as stopped:
        lanes.call(QUICK_HOLD, 10 * QUICK_TIMEOUT_S)
    assert stopped.value.limit_s == QUICK_TIMEOUT_S
