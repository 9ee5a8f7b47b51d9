"""A recognised wrong answer: what it is, and the lesson its message teaches."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import MistakeCode


@dataclass(frozen=True)
class Mistake:
    code: MistakeCode
    answer: tuple[sympy.Expr, ...]
    """The wrong answer itself, one expression per component."""
    message: str
