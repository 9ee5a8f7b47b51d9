"""Runs CAS calls in killable worker processes, each under a hard time and memory limit."""

from __future__ import annotations

from steepest.compute.errors import (
    ClientBusy,
    ComputeCancelled,
    ComputeError,
    ComputeFailed,
    ComputeMemoryExceeded,
    ComputeTimeout,
    PoolOverloaded,
)
from steepest.compute.pool import ComputePool
from steepest.compute.task import Task

__all__ = [
    "ClientBusy",
    "ComputeCancelled",
    "ComputeError",
    "ComputeFailed",
    "ComputeMemoryExceeded",
    "ComputePool",
    "ComputeTimeout",
    "PoolOverloaded",
    "Task",
]
