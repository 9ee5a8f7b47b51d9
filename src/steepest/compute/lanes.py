"""Two lanes of compute workers, so that quick calls never wait behind heavy ones.

A live preview parses and typesets one short text: a few milliseconds, 46 ms for the worst of
the hostile corpus. A gradient, an equivalence check or a set of level lines may run to the
full time limit. In one pool a preview waits for a worker like any call, so behind a few heavy
calls it waits seconds. So each task's handle names its lane (`Task.lane`), and each lane is a
pool of its own: the heavy lane has the server's workers and time limit; the quick lane has
QUICK_WORKERS workers under QUICK_TIMEOUT_S, so a "quick" call that turns out heavy is stopped
before it holds its worker long.

Why separate pools rather than a reserved worker in one pool: each lane keeps its own queue, time
limit and fair turns with the pool's kill-and-replace logic unchanged, and a heavy call can never
take the quick workers however the turns fall. Why two quick workers: with per-client caps a
client runs at most half of a lane's workers (see `fair_turns.py`), so one client flooding the
quick lane with texts that run to its limit leaves the other worker to everyone else.

CPU priority follows cost. Heavy workers run HEAVY_NICENESS steps below the server's priority,
and a quick call still running after QUICK_BUDGET_S (some 50 times a typical preview) drops to
the same for the rest of it; its worker is replaced afterwards, as only root may raise a
priority again. On a machine with as many cores as workers, calls running to their limit would
otherwise share the cores evenly with the server process that answers pages and with everyone
else's quick calls; at the lower priority they take what those leave, and lose nothing on an
idle machine. In bench/load.py's flooded phase, another client's preview p99 was 11-15 ms with
every worker at the server's priority, and 5-8 ms with these.

Workers are replaced after every timeout, so they must start warm: the lanes add `warm_up` to
the forkserver's preload, which runs each kind of task once before any worker is forked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from steepest.compute.pool import ComputePool
from steepest.compute.process import CpuPriority
from steepest.compute.task import Lane, Task

Req = TypeVar("Req")
Res = TypeVar("Res")

WARM_UP = "steepest.compute.tasks.warm_up"
QUICK_WORKERS = 2
# CPU weight 1024 → 110: the server process and quick workers get ~90% of a core they share.
HEAVY_NICENESS = 10
# A quick call still running after this has proved heavy, and runs on at the heavy priority.
QUICK_BUDGET_S = 0.02
# Ten times the slowest preview measured, so an honest one is never stopped.
QUICK_TIMEOUT_S = 0.5


class ComputeLanes:
    """A heavy pool and a quick pool; each call goes to the one its task's lane names."""

    def __init__(
        self,
        workers: int,
        timeout: float,
        *,
        preload: Sequence[str],
        client_calls: int | None = None,
    ) -> None:
        # Last, so that it warms up every task module the forkserver has imported.
        preload = (*preload, WARM_UP)
        self.heavy = ComputePool(
            workers=workers,
            timeout=timeout,
            preload=preload,
            client_calls=client_calls,
            priority=CpuPriority(HEAVY_NICENESS),
        )
        self.quick = ComputePool(
            workers=QUICK_WORKERS,
            timeout=min(timeout, QUICK_TIMEOUT_S),
            preload=preload,
            client_calls=client_calls,
            priority=CpuPriority(0, QUICK_BUDGET_S, HEAVY_NICENESS),
        )

    def __enter__(self) -> ComputeLanes:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def pool(self, lane: Lane) -> ComputePool:
        return self.quick if lane == "quick" else self.heavy

    def start(self) -> None:
        """Start every worker of both lanes now; see `ComputePool.start`."""
        self.heavy.start()
        self.quick.start()

    def call(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        """`ComputePool.call` in the task's lane."""
        return self.pool(task.lane).call(task, request, timeout=timeout, client=client)

    async def acall(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        """`ComputePool.acall` in the task's lane."""
        return await self.pool(task.lane).acall(task, request, timeout=timeout, client=client)

    def for_client(self, client: str) -> ClientCalls:
        return ClientCalls(self, client)

    def close(self) -> None:
        self.heavy.close()
        self.quick.close()


@dataclass(frozen=True)
class ClientCalls:
    """The lanes as one client's requests use them: each call counts toward that client's
    share and takes its turn among the others' (see `fair_turns.py`)."""

    lanes: ComputeLanes
    client: str

    async def acall(self, task: Task[Req, Res], request: Req) -> Res:
        return await self.lanes.acall(task, request, client=self.client)
