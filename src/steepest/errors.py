"""The one base class of every error Steepest raises on purpose, in every layer.

Each layer keeps its own classes (`EngineError`, `ComputeError`, `StoreError`,
`LessonFormatError`, ...); deriving them all from `SteepestError` gives every one a `message`
that is safe to show whoever typed the input, an optional `column`, and a safe trip through
pickle, and lets the web answer them all from one table (`steepest.web.http.errors`).

This module sits below every layer, so it imports nothing from Steepest.
"""

from __future__ import annotations

from typing import Any


class SteepestError(Exception):
    """A refusal or a failure Steepest can put into words; never a bug in Steepest itself.

    `message` says what is wrong in words a learner or an author can read. `column`, when the
    error has a place, is the 1-based column in the text they typed; `str()` then names it.
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.column is None:
            return self.message
        return f"{self.message} at column {self.column}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from worker processes to the caller by pickle. Exception's own pickling
        # calls the class again with `args`, which breaks every subclass whose __init__ takes
        # something else (a time limit, a file and a line); copying the fields instead rebuilds
        # any subclass as it was, without calling its __init__.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    error_type: type[SteepestError], args: tuple[Any, ...], fields: dict[str, Any]
) -> SteepestError:
    error = error_type.__new__(error_type, *args)
    error.__dict__.update(fields)
    return error
