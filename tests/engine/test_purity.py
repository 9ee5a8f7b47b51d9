"""The engine is pure: no I/O, no clock, no process control, and no path to the other layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "src" / "steepest" / "engine"
FORBIDDEN_MODULES = {
    "os", "io", "sys", "socket", "subprocess", "multiprocessing", "threading", "time",
    "datetime", "pathlib", "shutil", "tempfile", "pickle", "importlib", "random", "logging",
}  # fmt: skip
FORBIDDEN_LAYERS = ("steepest.web", "steepest.store", "steepest.compute", "steepest.lessons")
FORBIDDEN_BUILTINS = {"eval", "exec", "open", "compile", "__import__", "input", "breakpoint"}
# Text-to-expression doors in SymPy: learner text must go through our own parser instead.
FORBIDDEN_METHODS = {"sympify", "parse_expr", "S", "evaluate"}
SOURCES = sorted(ENGINE.rglob("*.py"))


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_engine_module_imports_nothing_impure(path: Path) -> None:
    modules = imported_modules(ast.parse(path.read_text()))
    assert not {m for m in modules if m.split(".")[0] in FORBIDDEN_MODULES}
    assert not {m for m in modules if m.startswith(FORBIDDEN_LAYERS)}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_engine_module_calls_no_evaluator_or_file_function(path: Path) -> None:
    tree = ast.parse(path.read_text())
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    builtins = {f.id for f in calls if isinstance(f, ast.Name)}
    methods = {f.attr for f in calls if isinstance(f, ast.Attribute)}
    assert not builtins & (FORBIDDEN_BUILTINS | FORBIDDEN_METHODS)
    assert not methods & FORBIDDEN_METHODS


def test_the_check_sees_every_engine_module() -> None:
    found = {str(p.relative_to(ENGINE)) for p in SOURCES}
    assert {"notation/parser.py", "notation/lexer.py", "calculus/derivatives.py"} <= found
