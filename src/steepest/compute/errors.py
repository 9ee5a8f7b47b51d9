"""Why a call into the compute pool did not return a result, in words a learner can read."""

from __future__ import annotations

from steepest.errors import SteepestError


class ComputeError(SteepestError):
    """Base class: the computation was refused or stopped. `message` is safe to show a learner."""


class ComputeTimeout(ComputeError):
    """The call ran past its time limit; its worker was killed."""

    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s
        super().__init__(
            f"stopped after {limit_s:g} s: this expression is too expensive to work with"
        )


class ComputeMemoryExceeded(ComputeError):
    """The call ran out of the memory its worker is allowed; the worker was replaced."""

    def __init__(self, limit_mb: int | None) -> None:
        self.limit_mb = limit_mb
        amount = "the memory available" if limit_mb is None else f"{limit_mb} MB of memory"
        super().__init__(f"stopped: this expression needs more than {amount} to work with")


class ComputeFailed(ComputeError):
    """The call crashed: a bug, not bad input. Details go to the log with the input, never to the
    learner, who is told that Steepest could not work this input out."""


class ComputeUnavailable(ComputeFailed):
    """The call could not run through no fault of its input: the server is shutting down, or
    could not start a worker. The client may try again."""

    def __init__(
        self, message: str = "the computation was cancelled because the server is shutting down"
    ) -> None:
        super().__init__(message)


class PoolOverloaded(ComputeError):
    """Too many calls are already running or waiting; the caller should retry later."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"the server is busy: try again in {retry_after} s")


class ClientBusy(ComputeError):
    """One client already has as many calls running or waiting as it may; the others' turns
    come first, so it should retry once one of its own is answered."""

    def __init__(self, limit: int, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = retry_after
        super().__init__(
            f"this address already has {limit} engine calls running or waiting:"
            f" try again in {retry_after} s"
        )
