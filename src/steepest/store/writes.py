"""The statements every write runs, in SQLAlchemy Core on one connection.

Writes are the store's hot path (every checked answer is one), so they skip the ORM: each
statement here is built once with its parameters left open, which SQLAlchemy compiles once and
then takes from its cache. Through an ORM session the same insert cost about 1.8 ms of CPU, most
of it compiling a statement that carried its values inside it.

A write does not look its learner up first: the foreign keys do that check as part of the insert
itself, and a violation becomes `UnknownLearner`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from steepest.store.errors import UnknownLearner
from steepest.store.progress import ProgressState
from steepest.store.review_state import ReviewState
from steepest.store.schema import AttemptRow, Learner, LessonProgress, ReviewCards
from steepest.store.tokens import check_learner_id

LEARNERS: Table = Learner.__table__  # type: ignore[assignment]
PROGRESS: Table = LessonProgress.__table__  # type: ignore[assignment]
ATTEMPTS: Table = AttemptRow.__table__  # type: ignore[assignment]
REVIEWS: Table = ReviewCards.__table__  # type: ignore[assignment]
_UNKNOWN_LEARNER = "this learner is not known here; reload the page to start afresh"


def now() -> datetime:
    return datetime.now(UTC)


def insert_new(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose key is not taken yet; return how many were inserted.

    Counted from RETURNING rather than the row count, which psycopg may report as -1 (unknown).
    A row whose learner does not exist raises `UnknownLearner`.
    """
    if not rows:
        return 0
    with missing_learner_is_unknown():
        return len(connection.execute(_insert_statement(connection, table), rows).all())


def require_learner(connection: Connection, learner_id: str) -> None:
    """For a read, or a write that might insert nothing (an empty import): there no foreign key
    checks the learner."""
    check_learner_id(learner_id)
    found = connection.execute(select(LEARNERS.c.id).where(LEARNERS.c.id == learner_id)).first()
    if found is None:
        raise UnknownLearner(_UNKNOWN_LEARNER)


def merge_progress(
    connection: Connection, learner_id: str, lesson: str, incoming: ProgressState
) -> tuple[ProgressState, bool]:
    """Merge into the stored row under a row lock; return the result and whether it changed."""
    empty = {"learner_id": learner_id, "lesson": lesson, "state": ProgressState().to_json()}
    insert_new(connection, PROGRESS, [{**empty, "updated_at": now()}])
    which = (PROGRESS.c.learner_id == learner_id) & (PROGRESS.c.lesson == lesson)
    # FOR UPDATE on PostgreSQL; SQLite's writer already holds the database's write lock.
    locked = select(PROGRESS.c.state).where(which).with_for_update()
    stored = ProgressState.from_json(connection.execute(locked).scalar_one())
    merged = stored.merge(incoming)
    merged.check_size(f'progress["{lesson}"]')
    if merged == stored:
        return merged, False
    # The new values as parameters, not in the statement: then its compiled form is cached.
    connection.execute(
        update(PROGRESS).where(which), {"state": merged.to_json(), "updated_at": now()}
    )
    return merged, True


def merge_review(
    connection: Connection, learner_id: str, incoming: ReviewState
) -> tuple[ReviewState, bool]:
    """The review cards' `merge_progress`: under a row lock; the result and whether it changed."""
    empty = {"learner_id": learner_id, "state": ReviewState().to_json(), "updated_at": now()}
    insert_new(connection, REVIEWS, [empty])
    which = REVIEWS.c.learner_id == learner_id
    locked = select(REVIEWS.c.state).where(which).with_for_update()
    stored = ReviewState.from_json(connection.execute(locked).scalar_one())
    merged = stored.merge(incoming)
    merged.check_size()
    if merged == stored:
        return merged, False
    connection.execute(
        update(REVIEWS).where(which), {"state": merged.to_json(), "updated_at": now()}
    )
    return merged, True


@contextmanager
def missing_learner_is_unknown() -> Iterator[None]:
    try:
        yield
    except IntegrityError as error:
        if not _is_foreign_key_violation(error):
            raise
        raise UnknownLearner(_UNKNOWN_LEARNER) from None


def _is_foreign_key_violation(error: IntegrityError) -> bool:
    cause = error.orig
    return (
        getattr(cause, "sqlstate", None) == "23503"  # PostgreSQL's foreign_key_violation
        or getattr(cause, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_FOREIGNKEY"
    )


_INSERTS: dict[tuple[str, str], Insert] = {}


def _insert_statement(connection: Connection, table: Table) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING 1, one object per dialect and table, so
    SQLAlchemy's compiled cache finds it by identity of structure every time."""
    dialect_name = connection.dialect.name
    key = (dialect_name, table.name)
    if key not in _INSERTS:
        dialect = postgresql if dialect_name == "postgresql" else sqlite
        statement = dialect.insert(table).on_conflict_do_nothing().returning(literal(1))
        _INSERTS[key] = statement
    return _INSERTS[key]
