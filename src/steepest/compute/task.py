"""A typed handle on a function that runs in a compute worker, named by its module and name.

Callers that must not import SymPy (the web server, the command's parent) still need to name
the engine functions they want run. A `Task[Req, Res]` names one by module path and function
name, so it costs nothing to import and pickles as two strings; its type parameters say what
request it takes and what result it gives, so `ComputePool.call(task, request)` is checked like
a direct call. Calling the task (in the worker) imports the module the first time and calls the
function with the request; later calls in the same process find the function in a cache.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

Req = TypeVar("Req", contravariant=True)
Res = TypeVar("Res", covariant=True)

Lane = Literal["heavy", "quick"]
"""Which workers run a task (see `lanes.py`): `heavy`, any engine work, up to the full time
limit; `quick`, work bounded to milliseconds by what it is (parsing and typesetting one text),
on workers of its own under a short limit, so that it never waits behind heavy work."""

# (module, function) → the function, once imported: a worker imports a task's module once.
_RESOLVED: dict[tuple[str, str], Callable[[Any], Any]] = {}


@dataclass(frozen=True)
class Task(Generic[Req, Res]):
    """The module-level function `function` of `module`, taking one `Req` and giving a `Res`.

    Declare a handle with its types, `GRADIENT: Task[GradientQuery, GradientReportJson] =
    Task("steepest.compute.tasks.gradients", "gradient_report")`; a test checks each declared
    handle against the type hints of the function it names. `lane` says which workers run it.
    """

    module: str
    function: str
    lane: Lane = "heavy"

    def __call__(self, request: Req) -> Res:
        result: Res = self.resolve()(request)
        return result

    def resolve(self) -> Callable[[Any], Any]:
        """The function itself, imported on first use and cached for the life of the process."""
        key = (self.module, self.function)
        found = _RESOLVED.get(key)
        if found is None:
            found = getattr(importlib.import_module(self.module), self.function)
            _RESOLVED[key] = found
        return found

    def __str__(self) -> str:
        return f"{self.module}.{self.function}"
