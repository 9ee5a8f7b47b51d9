"""The names shared by answer checking, practice and the store, kept free of SymPy.

The store and the web layer record verdicts and problem kinds without importing the CAS, so
these small vocabularies live apart from the modules that compute them.
"""

from __future__ import annotations

from typing import Literal

VerdictKind = Literal["correct", "incorrect", "invalid"]

ProblemKind = Literal["partial", "gradient", "gradient_at", "descent", "optimum"]
PROBLEM_KINDS: tuple[ProblemKind, ...] = (
    "partial",
    "gradient",
    "gradient_at",
    "descent",
    "optimum",
)
