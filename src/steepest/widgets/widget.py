"""What a widget is, to the web process: its name, template and script, how the lesson's
parameters are read, and the handle of the task that computes its spec from them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from steepest.compute import Task

Params = TypeVar("Params")
Spec = TypeVar("Spec", covariant=True)


@dataclass(frozen=True)
class Widget(Generic[Params, Spec]):
    name: str
    template: str
    script: str
    # Validates the lesson's parameters in the web process; the result is picklable.
    read_params: Callable[[Mapping[str, Any]], Params]
    # Computes the spec from those parameters in a compute worker; the result is JSON-ready.
    spec: Task[Params, Spec]
