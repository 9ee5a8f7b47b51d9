"""`Store`: learners, their progress and their attempts, kept in SQLite or PostgreSQL.

Synchronous on purpose: SQLAlchemy's sync API with a small pool is the simplest thing that is
robust on both databases. The web app calls it from worker threads (FastAPI runs `def`
endpoints in its thread pool; from `async def` use `anyio.to_thread.run_sync`). One `Store` is
shared by all threads: every method opens its own session and transaction.

Every write commits before the method returns, so a caller that answers "saved" only after the
call returns never acknowledges a write that is not durable (see database.py for what durable
means on each database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Row, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from steepest.engine.answer_kinds import VerdictKind
from steepest.engine.problems.mastery import Attempt, MasteryState, mastery
from steepest.store.attempts import AttemptRecord, NewAttempt, ProblemKey, QuestionTries
from steepest.store.database import READ_ONLY_OPTION, create_database_engine
from steepest.store.errors import (
    DatabaseNotReady,
    ImportFormatError,
    ProgressFormatError,
    ReviewFormatError,
    StoreUnavailable,
)
from steepest.store.group_commit import GroupCommitter
from steepest.store.migrate import current_revision, head_revision, upgrade
from steepest.store.progress import ProgressState
from steepest.store.recently_seen import RecentlySeen
from steepest.store.review_state import ReviewState
from steepest.store.schema import AttemptRow, Learner, LessonProgress, ReviewCards
from steepest.store.shapes import read_name
from steepest.store.tokens import check_learner_id, is_learner_id, new_attempt_id, new_learner_id
from steepest.store.transfer import ImportSummary, LearnerExport
from steepest.store.writer_lock import WriterLock
from steepest.store.writes import (
    ATTEMPTS,
    LEARNERS,
    insert_new,
    merge_progress,
    merge_review,
    now,
    require_learner,
)

T = TypeVar("T")
DEFAULT_ATTEMPT_LIMIT = 1000
# How long a learner seen in the database is taken to be there still. A database emptied under
# a running server gets its learners recreated after at most this long.
KNOWN_LEARNER_S = 60.0
# Rows per INSERT when importing: well under SQLite's limit on bound parameters.
_IMPORT_BATCH = 500


class Store:
    def __init__(self, url: str, pool_size: int | None = None) -> None:
        """Connect to a database already at the newest schema revision (see `Store.open`)."""
        self._engine = create_database_engine(url, pool_size)
        reading_engine = self._engine.execution_options(**{READ_ONLY_OPTION: True})
        # SQLite has one writer at a time: this process's writers queue for one leader that
        # commits for all of them (group_commit.py), woken the moment it is done, rather than on
        # SQLite's busy handler, which sleeps and polls; the leaders of other Steepest processes
        # queue on a file lock (writer_lock.py). PostgreSQL runs writers side by side on their
        # own connections, and groups concurrent commits itself.
        self._writer_lock = (
            WriterLock.beside(self._engine.url) if self.backend == "sqlite" else None
        )
        self._group = (
            None
            if self._writer_lock is None
            else GroupCommitter(self._engine, _database_errors, self._writer_lock)
        )
        self._reading = sessionmaker(reading_engine, expire_on_commit=False)
        # Every request starts by making sure its learner exists; one that did a moment ago
        # still does, so the database is asked at most once a minute per learner.
        self._known = RecentlySeen(KNOWN_LEARNER_S)
        with _database_errors(), reading_engine.connect() as connection:
            found = current_revision(connection)
        if found != head_revision():
            self.close()
            raise DatabaseNotReady(
                "the database has no Steepest tables yet: upgrade it first (Store.open does)"
                if found is None
                else f"the database is at schema revision {found}, but this Steepest expects"
                f" {head_revision()}: upgrade the database, or Steepest"
            )

    @classmethod
    def open(cls, url: str, pool_size: int | None = None) -> Store:
        """Bring the database's tables up to date, then connect: what the web app does at start."""
        upgrade(url)
        return cls(url, pool_size)

    def close(self) -> None:
        self._engine.dispose()
        if self._writer_lock is not None:
            self._writer_lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    # Learners

    def is_known_learner(self, learner_id: str) -> bool:
        """Whether this id was found or created here within the last minute. Answered from
        memory, never from the database, so an event loop may ask it without a thread."""
        return is_learner_id(learner_id) and self._known.recently_seen(learner_id)

    def ensure_learner(self, learner_id: str | None) -> str:
        """The id to use for this learner, created if new.

        `learner_id` is whatever the cookie held: None, or a malformed value (a tampered or
        truncated cookie), gets a fresh random id rather than an error; a well-formed id is kept,
        and recreated if the database no longer has it (a reset database keeps its learners'
        cookies valid).
        """
        if learner_id is not None and self.is_known_learner(learner_id):
            return learner_id
        if learner_id is not None and is_learner_id(learner_id):
            with self._read() as session:
                if session.get(Learner, learner_id) is not None:
                    self._known.saw(learner_id)
                    return learner_id
        else:
            learner_id = new_learner_id()
        new = {"id": learner_id, "created_at": now()}
        self._write(lambda connection: insert_new(connection, LEARNERS, [new]))
        self._known.saw(learner_id)
        return learner_id

    # Progress

    def get_progress(self, learner_id: str, lesson: str) -> dict[str, Any]:
        """The stored progress document for one lesson (empty if none yet)."""
        lesson = read_name(lesson, "the lesson", ProgressFormatError)
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            row = session.get(LessonProgress, (learner_id, lesson))
            state = ProgressState() if row is None else ProgressState.from_json(row.state)
        return state.to_json()

    def progress_by_lesson(self, learner_id: str) -> dict[str, dict[str, Any]]:
        """Every lesson's stored progress document, by lesson; for a page that only shows it,
        so an unknown or malformed learner id has none rather than being created or refused."""
        if not is_learner_id(learner_id):
            return {}
        query = select(LessonProgress).where(LessonProgress.learner_id == learner_id)
        with self._read() as session:
            rows = session.scalars(query).all()
            return {row.lesson: ProgressState.from_json(row.state).to_json() for row in rows}

    def merge_progress(self, learner_id: str, lesson: str, client_state: object) -> dict[str, Any]:
        """Merge a client's progress document into the stored one; return the merged document,
        which the client should adopt (it includes what other tabs and devices sent)."""
        lesson = read_name(lesson, "the lesson", ProgressFormatError)
        incoming = ProgressState.from_json(client_state)

        check_learner_id(learner_id)

        def merge(connection: Connection) -> ProgressState:
            return merge_progress(connection, learner_id, lesson, incoming)[0]

        return self._write(merge).to_json()

    # Attempts

    def record_attempt(self, learner_id: str, attempt: NewAttempt) -> AttemptRecord:
        """Store one attempt. Recording the same `attempt.uid` again returns the first record."""
        check_learner_id(learner_id)
        uid = attempt.uid or new_attempt_id()
        record = AttemptRecord(uid, now(), replace(attempt, uid=uid))

        def insert(connection: Connection) -> AttemptRecord:
            if insert_new(connection, ATTEMPTS, [_attempt_values(learner_id, record)]):
                return record
            which = (ATTEMPTS.c.learner_id == learner_id) & (ATTEMPTS.c.uid == uid)
            return _record_from_row(connection.execute(select(ATTEMPTS).where(which)).one())

        return self._write(insert)

    def attempts(
        self, learner_id: str, lesson: str | None = None, limit: int = DEFAULT_ATTEMPT_LIMIT
    ) -> list[AttemptRecord]:
        """The latest `limit` attempts, oldest first; only those made in `lesson` if given."""
        query = select(AttemptRow).where(AttemptRow.learner_id == learner_id)
        if lesson is not None:
            query = query.where(AttemptRow.lesson == lesson)
        query = query.order_by(AttemptRow.created_at.desc(), AttemptRow.id.desc()).limit(limit)
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            rows = session.scalars(query).all()
        return [_record_from_row(row) for row in reversed(rows)]

    def question_tries(self, learner_id: str, lesson: str, question: str) -> QuestionTries:
        """What the learner's attempts at one lesson question add up to, for the help the next
        answer gets (see `QuestionTries`)."""
        query = select(
            func.count().filter(AttemptRow.verdict == "incorrect"),
            func.count().filter(AttemptRow.verdict == "correct"),
            func.count().filter(AttemptRow.solution_shown),
        ).where(
            AttemptRow.learner_id == learner_id,
            AttemptRow.lesson == lesson,
            AttemptRow.question == question,
        )
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            wrong, right, shown = session.execute(query).one()
        return QuestionTries(wrong=wrong, right=right > 0, solution_shown=shown > 0)

    def mastery(
        self, learner_id: str, lesson: str | None = None, topic: str | None = None
    ) -> MasteryState:
        """Mastery of the practice levels, worked out from every practice attempt (at `topic`
        and in `lesson` only, if given) in the order they were made; a problem's (kind, seed)
        tells a second try at it from a new problem."""
        query = select(
            AttemptRow.level, AttemptRow.verdict, AttemptRow.kind, AttemptRow.seed
        ).where(AttemptRow.learner_id == learner_id, AttemptRow.level.is_not(None))
        if lesson is not None:
            query = query.where(AttemptRow.lesson == lesson)
        if topic is not None:
            query = query.where(AttemptRow.topic == topic)
        query = query.order_by(AttemptRow.created_at, AttemptRow.id)
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            facts = session.execute(query).all()
        return mastery(
            Attempt(
                level,
                cast(VerdictKind, verdict),
                None if kind is None or seed is None else (kind, seed),
            )
            for level, verdict, kind, seed in facts
            if level is not None
        )

    def practice_history(self, learner_id: str) -> list[tuple[str, int, VerdictKind, datetime]]:
        """Every practice attempt as (topic, level, verdict, when), oldest first: what review
        works out each topic's mastery, and when it was reached, from. Read through Core, not
        the ORM: a long history is thousands of rows, on every /review and index request."""
        columns = ATTEMPTS.c
        query = (
            select(columns.topic, columns.level, columns.verdict, columns.created_at)
            .where(
                columns.learner_id == learner_id,
                columns.topic.is_not(None),
                columns.level.is_not(None),
            )
            .order_by(columns.created_at, columns.id)
        )
        with self._read() as session:
            connection = session.connection()
            require_learner(connection, learner_id)
            facts = connection.execute(query).all()
        return [
            (topic, level, cast(VerdictKind, verdict), at)
            for topic, level, verdict, at in facts
            if topic is not None and level is not None
        ]

    # Review cards

    def get_review(self, learner_id: str) -> ReviewState:
        """The stored review cards (none yet: an empty state)."""
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            row = session.get(ReviewCards, learner_id)
            return ReviewState() if row is None else ReviewState.from_json(row.state)

    def merge_review(self, learner_id: str, incoming: ReviewState) -> ReviewState:
        """Merge a client's (or a review's) cards into the stored ones; return the merge."""
        check_learner_id(learner_id)
        return self._write(lambda connection: merge_review(connection, learner_id, incoming)[0])

    # Export and import

    def export_learner(self, learner_id: str) -> dict[str, Any]:
        """Everything stored about this learner, as the JSON file described in transfer.py."""
        with self._read() as session:
            require_learner(session.connection(), learner_id)
            progress_rows = session.scalars(
                select(LessonProgress).where(LessonProgress.learner_id == learner_id)
            ).all()
            attempt_rows = session.scalars(
                select(AttemptRow)
                .where(AttemptRow.learner_id == learner_id)
                .order_by(AttemptRow.created_at, AttemptRow.id)
            ).all()
            review_row = session.get(ReviewCards, learner_id)
        export = LearnerExport(
            {row.lesson: ProgressState.from_json(row.state) for row in progress_rows},
            [_record_from_row(row) for row in attempt_rows],
            ReviewState() if review_row is None else ReviewState.from_json(review_row.state),
        )
        return export.to_json(now())

    def import_learner(self, learner_id: str, data: object) -> ImportSummary:
        """Merge an exported file into this learner's data, all of it or (on error) none of it."""
        export = LearnerExport.from_json(data)
        unique = {record.uid: record for record in reversed(export.attempts)}
        rows = [_attempt_values(learner_id, record) for record in unique.values()]

        def merge_all(connection: Connection) -> tuple[int, int, bool]:
            require_learner(connection, learner_id)
            changed = 0
            # A fixed order of row locks, so two imports at once cannot deadlock.
            for lesson, state in sorted(export.progress.items()):
                try:
                    changed += merge_progress(connection, learner_id, lesson, state)[1]
                except ProgressFormatError as problem:
                    raise ImportFormatError(problem.message) from None
            added = sum(
                insert_new(connection, ATTEMPTS, batch) for batch in _batches(rows, _IMPORT_BATCH)
            )
            try:
                review_changed = merge_review(connection, learner_id, export.review)[1]
            except ReviewFormatError as problem:
                raise ImportFormatError(problem.message) from None
            return changed, added, review_changed

        changed, added, review_changed = self._write(merge_all)
        present = len(export.attempts) - added
        return ImportSummary(len(export.progress), changed, added, present, review_changed)

    # Sessions

    def _write(self, work: Callable[[Connection], T]) -> T:
        """`work` in a writing transaction; returns once that transaction is committed."""
        if self._group is not None:
            return self._group.run(work)
        with _database_errors(), self._engine.begin() as connection:
            return work(connection)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with _database_errors(), self._reading.begin() as session:
            yield session


@contextmanager
def _database_errors() -> Iterator[None]:
    try:
        yield
    except (OperationalError, PoolTimeout):
        raise StoreUnavailable(
            "progress could not be saved or read just now (the database is busy or unreachable);"
            " try again in a moment"
        ) from None


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _attempt_values(learner_id: str, record: AttemptRecord) -> dict[str, Any]:
    attempt, problem = record.attempt, record.attempt.problem
    return {
        "learner_id": learner_id,
        "uid": record.uid,
        "created_at": record.created_at,
        "lesson": attempt.lesson,
        "question": attempt.question,
        "topic": None if problem is None else problem.topic,
        "level": None if problem is None else problem.level,
        "kind": None if problem is None else problem.kind,
        "seed": None if problem is None else problem.seed,
        "answer": attempt.answer,
        "verdict": attempt.verdict,
        "mistake": attempt.mistake,
        "hints": attempt.hints,
        "solution_shown": attempt.solution_shown,
    }


def _record_from_row(row: AttemptRow | Row[Any]) -> AttemptRecord:
    problem = None
    if (
        row.topic is not None
        and row.level is not None
        and row.kind is not None
        and row.seed is not None
    ):
        problem = ProblemKey(row.topic, row.level, row.kind, row.seed)
    attempt = NewAttempt(
        answer=row.answer,
        verdict=cast(VerdictKind, row.verdict),
        problem=problem,
        lesson=row.lesson,
        question=row.question,
        mistake=row.mistake,
        uid=row.uid,
        hints=row.hints,
        solution_shown=row.solution_shown,
    )
    return AttemptRecord(row.uid, row.created_at, attempt)
