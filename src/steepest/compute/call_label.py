"""How the pool's log names a call: the function, and the input it was given (truncated).

A crash in a worker is a bug that tests should find; the log line must be enough to reproduce it,
so it carries the request itself, cut to a length that keeps one log line readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from steepest.compute.task import Task

INPUT_SHOWN_CHARS = 600
"""How much of a call's input the log shows: any typed expression (500 characters at most) and
its point fit, while a megabyte of arguments does not flood the log."""


@dataclass(frozen=True)
class CallLabel:
    """A call's function, whose name is the label, and its arguments, described only when the
    call fails (a repr costs nothing on the way in that way)."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __str__(self) -> str:
        if isinstance(self.fn, Task):
            return str(self.fn)
        module = getattr(self.fn, "__module__", "?")
        return f"{module}.{getattr(self.fn, '__qualname__', repr(self.fn))}"

    def both(self) -> tuple[str, str]:
        """The label and the inputs, for one log line."""
        return str(self), self.inputs()

    def inputs(self) -> str:
        """The arguments as Python would write them, cut to INPUT_SHOWN_CHARS."""
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        text = ", ".join(parts)
        if len(text) <= INPUT_SHOWN_CHARS:
            return text
        return f"{text[:INPUT_SHOWN_CHARS]}… ({len(text)} characters in all)"
