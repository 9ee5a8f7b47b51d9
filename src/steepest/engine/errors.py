"""The engine's exceptions: each one carries a message a learner can read, and where it happened."""

from __future__ import annotations

from steepest.errors import SteepestError


class EngineError(SteepestError):
    """Base class: bad math input or a request the engine refuses. Never a bug in the engine.

    `column`, when the error has a place, is the 1-based column in the text the learner typed.
    """


class MathSyntaxError(EngineError):
    """The text is not an expression the grammar accepts."""


class PointSyntaxError(MathSyntaxError):
    """A typed point is not a list of name=value pairs; the column is into the point's text."""


class LimitExceeded(EngineError):
    """The input is well formed but bigger than the engine agrees to work on."""


class VariableError(EngineError):
    """A variable is missing, unknown, or declared twice."""


class EvaluationError(EngineError):
    """The expression has no finite real value at the requested point."""
