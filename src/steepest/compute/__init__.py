"""Runs CAS calls in killable worker processes, each under a hard time and memory limit."""

from __future__ import annotations

from steepest.compute.errors import (
    ClientBusy,
    ComputeError,
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    ComputeUnavailable,
    PoolOverloaded,
)
from steepest.compute.pool import ComputePool
from steepest.compute.task import Task

__all__ = [
    "ClientBusy",
    "ComputeError",
    "ComputeFailed",
    "ComputeMemoryExceeded",
    "ComputePool",
    "ComputeTimeout",
    "ComputeUnavailable",
    "PoolOverloaded",
    "Task",
]
