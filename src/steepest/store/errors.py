"""The store's exceptions, each with a message a learner can read.

The web layer maps them to HTTP statuses in one place: `StoreInputError` (the data sent was
wrong) to 422, `UnknownLearner` to 404, `StoreUnavailable` (the database is busy or down) to 503,
and any other `StoreError` to 500.
"""

from __future__ import annotations

from steepest.errors import SteepestError


class StoreError(SteepestError):
    """Base class. `message` is safe to show a learner."""


class DatabaseURLError(StoreError):
    """A database URL names a database the store cannot use."""


class DatabaseNotReady(StoreError):
    """The database's tables are missing or at another revision than this Steepest expects."""


class StoreUnavailable(StoreError):
    """The database did not answer in time or refused the connection; trying later may work."""


class UnknownLearner(StoreError):
    """No learner has this id (for example, the database was reset since the cookie was set)."""


class StoreInputError(StoreError):
    """Base class for data from a learner that the store refuses: nothing was written."""


class LearnerIdError(StoreInputError):
    """A learner id is not a well-formed token."""


class ProgressFormatError(StoreInputError):
    """A progress document has the wrong shape, an unknown key, or is too large."""


class AttemptFormatError(StoreInputError):
    """An attempt is missing a field, has an unknown value, or is too large."""


class ImportFormatError(StoreInputError):
    """An exported file cannot be imported: wrong format, version or shape."""


class ReviewFormatError(StoreInputError):
    """A review-state document has the wrong shape, an unknown key, or is too large."""
