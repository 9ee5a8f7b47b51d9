"""Functions the compute pool tests run in workers, importable there by module name."""

from __future__ import annotations

import os
import time

from steepest.engine.errors import MathSyntaxError


def add(a: int, b: int, *, scale: int = 1) -> int:
    return (a + b) * scale


def twice(value: int) -> int:
    return 2 * value


def worker_pid() -> int:
    return os.getpid()


def raise_syntax_error(text: str, column: int) -> None:
    raise MathSyntaxError(f"unknown function '{text}'", column)


def raise_key_error() -> None:
    raise KeyError("not a learner's fault")


def refuse(request: object) -> None:
    raise KeyError(f"not a learner's fault: {request}")


def spin_forever() -> None:
    while True:
        pass


def huge_power() -> int:
    # Imported here so that the test process only loads SymPy if a test needs it in the parent.
    import sympy

    return int(sympy.Integer(9) ** (9**9))


def allocate_gigabytes(gigabytes: int) -> int:
    return len(bytearray(gigabytes * 1024**3))


def exit_abruptly() -> None:
    os._exit(1)


def sleep_then_return(seconds: float, value: int) -> int:
    time.sleep(seconds)
    return value


def make_generator() -> object:
    return (n for n in range(3))


def hold(seconds: float) -> int:
    """Sleep (no CPU) for `seconds`, then give the worker's pid: a task of one argument."""
    time.sleep(seconds)
    return os.getpid()


def niceness(_request: object) -> tuple[int, int]:
    """The worker's pid and CPU niceness."""
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def niceness_after(seconds: float) -> tuple[int, int]:
    """The worker's pid and CPU niceness once it has slept `seconds`."""
    time.sleep(seconds)
    return niceness(None)
