"""Steepest's calculus engine: pure functions on SymPy, with no I/O, clock or web access.

Typed text enters through `parse`, which never hands text to eval, sympify or parse_expr.
"""

from __future__ import annotations

from steepest.engine.errors import (
    EngineError,
    EvaluationError,
    LimitExceeded,
    MathSyntaxError,
    VariableError,
)
from steepest.engine.limits import DEFAULT_LIMITS, Limits
from steepest.engine.parser import parse

__all__ = [
    "DEFAULT_LIMITS",
    "EngineError",
    "EvaluationError",
    "LimitExceeded",
    "Limits",
    "MathSyntaxError",
    "VariableError",
    "parse",
]
