"""Bounds on what the engine agrees to work on, so that no input can make it hang or explode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_length: int = 500
    """Characters of input text."""
    max_depth: int = 40
    """Nesting of parentheses, function calls and powers."""
    max_integer_digits: int = 30
    """Digits in one integer literal."""
    max_exponent: int = 1000
    """Absolute value of a numeric exponent."""
    max_power_digits: int = 1000
    """Digits of an integer power the engine would have to compute exactly, such as 9^999."""
    max_nodes: int = 500
    """Nodes in the expression tree that the parser builds."""
    max_variables: int = 12
    """Distinct variables in one expression."""
    max_tower_digits: int = 5000
    """Digits of the count of digits of a constant power such as e^e^e^e (1.6 million digits: a
    count of 7 digits). Past this SymPy cannot even put it in order among other terms, which
    needs every digit of its exponent (2.5 s for e^e^e^12, whose exponent has 70,684 digits)."""


DEFAULT_LIMITS = Limits()


# Bounds of the surface explorer's requests. They live here rather than in descent.py and
# surface.py, which need SymPy, so that the web layer can state them in its API schema.
MAX_DESCENT_STEPS = 1000
MAX_LEARNING_RATE = 10.0
MAX_LEVEL_LINES = 40
