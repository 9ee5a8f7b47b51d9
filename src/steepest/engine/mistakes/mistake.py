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
    """What went wrong and the rule that fixes it; it may quote the function, never the answer."""
    hint: str
    """One sentence that names the slip and gives no part of the answer, not even a number of
    it: the page shows it after a first wrong try, before the solution."""
