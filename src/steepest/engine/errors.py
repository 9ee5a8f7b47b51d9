"""The engine's exceptions: each one carries a message a learner can read, and where it happened."""

from __future__ import annotations


class EngineError(Exception):
    """Base class: bad math input or a request the engine refuses. Never a bug in the engine."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        # 1-based column into the text the learner typed, when the error has a place.
        self.column = column
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[EngineError], tuple[str, int | None]]:
        # Errors cross from worker processes to the caller by pickle; rebuild from the fields.
        return (type(self), (self.message, self.column))

    def __str__(self) -> str:
        if self.column is None:
            return self.message
        return f"{self.message} at column {self.column}"


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
