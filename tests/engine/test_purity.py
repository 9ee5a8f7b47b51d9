"""The engine never turns text into code: no eval, no file access, no SymPy text doors.

Its imports (no I/O, no clock, no other layer) are checked by `lint-imports`, with the contracts
in pyproject.toml (see tests/test_layers.py); calls are not imports, so they are checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "src" / "steepest" / "engine"
FORBIDDEN_BUILTINS = {"eval", "exec", "open", "compile", "__import__", "input", "breakpoint"}
# Text-to-expression doors in SymPy: learner text must go through our own parser instead.
FORBIDDEN_METHODS = {"sympify", "parse_expr", "S", "evaluate"}
SOURCES = sorted(ENGINE.rglob("*.py"))


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
