"""Steepest: interactive math-for-ML lessons checked by a computer algebra system."""

from __future__ import annotations

__version__ = "0.1.0"
