"""Every task handle names a real function whose type hints are the handle's declared types, and
importing the handles loads no SymPy."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from types import ModuleType
from typing import Any, get_args, get_origin, get_type_hints

import pytest

import steepest.widgets
from steepest.compute import Task, tasks


def declared_handles(module: ModuleType) -> list[tuple[str, Task[Any, Any], Any, Any]]:
    """Each module-level handle with the request and result types its annotation declares."""
    found = []
    for name, hint in get_type_hints(module).items():
        if get_origin(hint) is Task:
            request, result = get_args(hint)
            found.append((f"{module.__name__}.{name}", getattr(module, name), request, result))
    return found


WIDGET_PACKAGES = [
    importlib.import_module(f"steepest.widgets.{info.name}")
    for info in pkgutil.iter_modules(steepest.widgets.__path__)
    if info.ispkg
]
HANDLES = [handle for module in (tasks, *WIDGET_PACKAGES) for handle in declared_handles(module)]


TASK_MODULES = [
    importlib.import_module(f"{tasks.__name__}.{info.name}")
    for info in pkgutil.iter_modules(tasks.__path__)
    if info.name != "messages"
]


def test_every_task_function_and_every_widget_spec_has_a_handle() -> None:
    named = {(task.module, task.function) for _name, task, _request, _result in HANDLES}
    functions = {
        (module.__name__, name)
        for module in TASK_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }
    assert len(functions) >= 14
    spec_functions = {(f"{w.__name__}.spec", "compute_spec") for w in WIDGET_PACKAGES}
    assert named == functions | spec_functions
    assert len(WIDGET_PACKAGES) == len(steepest.widgets.WIDGETS)


@pytest.mark.parametrize(
    ("name", "task", "request_type", "result_type"), HANDLES, ids=[h[0] for h in HANDLES]
)
def test_a_handle_names_a_function_typed_as_it_declares(
    name: str, task: Task[Any, Any], request_type: Any, result_type: Any
) -> None:
    function = task.resolve()
    assert inspect.isfunction(function) and function.__module__ == task.module
    assert function.__qualname__ == task.function  # module-level, as a worker can import it
    hints = get_type_hints(function)
    (parameter,) = inspect.signature(function).parameters
    assert hints[parameter] == request_type, name
    assert hints["return"] == (type(None) if result_type is None else result_type), name


def test_a_task_imports_its_module_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    imported = []
    real_import = importlib.import_module

    def counting_import(module: str) -> ModuleType:
        imported.append(module)
        return real_import(module)

    monkeypatch.setattr(importlib, "import_module", counting_import)
    # A function no other test resolves, so that this process has not cached it yet.
    twice: Task[int, int] = Task("workloads", "twice")
    assert [twice(n) for n in range(3)] == [0, 2, 4]
    assert imported == ["workloads"]


def test_the_handles_load_no_sympy() -> None:
    probe = (
        "import sys, steepest.compute.tasks, steepest.widgets;"
        "print(sorted(m for m in ('sympy', 'mpmath', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
