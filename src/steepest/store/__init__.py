"""Where learners' progress and attempts are kept on the server: SQLite by default, PostgreSQL
when a URL says so. Never imports the web layer; the web layer calls `Store` from threads."""

from __future__ import annotations

from steepest.store.attempts import AttemptRecord, NewAttempt, ProblemKey, QuestionTries
from steepest.store.errors import (
    AttemptFormatError,
    DatabaseNotReady,
    DatabaseURLError,
    ImportFormatError,
    LearnerIdError,
    ProgressFormatError,
    ReviewFormatError,
    StoreError,
    StoreInputError,
    StoreUnavailable,
    UnknownLearner,
)
from steepest.store.location import database_url, display_url
from steepest.store.migrate import upgrade
from steepest.store.progress import ProgressState
from steepest.store.review_state import ReviewCard, ReviewState
from steepest.store.store import Store
from steepest.store.transfer import ImportSummary

__all__ = [
    "AttemptFormatError",
    "AttemptRecord",
    "DatabaseNotReady",
    "DatabaseURLError",
    "ImportFormatError",
    "ImportSummary",
    "LearnerIdError",
    "NewAttempt",
    "ProblemKey",
    "ProgressFormatError",
    "ProgressState",
    "QuestionTries",
    "ReviewCard",
    "ReviewFormatError",
    "ReviewState",
    "Store",
    "StoreError",
    "StoreInputError",
    "StoreUnavailable",
    "UnknownLearner",
    "database_url",
    "display_url",
    "upgrade",
]
