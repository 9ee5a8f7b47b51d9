"""Steepest's calculus engine: pure functions on SymPy, with no I/O, clock or web access.

Typed text enters through `parse`, which never hands text to eval, sympify or parse_expr.

Importing this package stays cheap: `errors` and `limits` need no SymPy, so a process that only
catches engine errors (the CLI's parent, the web server) does not pay for importing SymPy.
Everything else loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from steepest.engine.errors import (
    EngineError,
    EvaluationError,
    LimitExceeded,
    MathSyntaxError,
    PointSyntaxError,
    VariableError,
)
from steepest.engine.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from steepest.engine.notation.parser import parse

__all__ = [
    "DEFAULT_LIMITS",
    "EngineError",
    "EvaluationError",
    "LimitExceeded",
    "Limits",
    "MathSyntaxError",
    "PointSyntaxError",
    "VariableError",
    "parse",
]


def __getattr__(name: str) -> Any:
    if name == "parse":
        from steepest.engine.notation.parser import parse

        return parse
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
