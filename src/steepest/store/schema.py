"""The tables, as typed SQLAlchemy ORM classes: the one description Alembic's migrations are
checked against (tests/store/test_migrations.py compares the two on SQLite and PostgreSQL).

    learners         one row per anonymous learner (the id is the cookie's random token)
    lesson_progress  one mergeable progress document per learner and lesson (see progress.py)
    attempts         every answer checked, the facts mastery is derived from
    review_cards     one mergeable spaced-review document per learner (see review_state.py)
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Constraint names fixed by convention, so both databases (and future migrations) agree on them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
NAME_LENGTH = 100
TOKEN_LENGTH = 64


class UtcDateTime(TypeDecorator[datetime]):
    """A point in time, always timezone-aware UTC in Python.

    SQLite has no time zones: it stores the UTC wall time, and this type puts UTC back on read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store times must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}  # noqa: RUF012  (SQLAlchemy's class API)


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[str] = mapped_column(String(TOKEN_LENGTH), primary_key=True)
    created_at: Mapped[datetime]


class LessonProgress(Base):
    __tablename__ = "lesson_progress"

    learner_id: Mapped[str] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    lesson: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class AttemptRow(Base):
    __tablename__ = "attempts"
    __table_args__ = (
        # Import and retried requests rely on this: one row per (learner, attempt id).
        UniqueConstraint("learner_id", "uid"),
        Index(None, "learner_id", "created_at", "id"),
        CheckConstraint("verdict IN ('correct', 'incorrect', 'invalid')", name="verdict"),
        CheckConstraint(
            "question IS NOT NULL OR (level IS NOT NULL AND kind IS NOT NULL AND seed IS NOT NULL)",
            name="question_or_problem",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(TOKEN_LENGTH))
    created_at: Mapped[datetime]
    lesson: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    question: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # The practice topic the attempt counts for (engine/problems/topics.py); migration 0003
    # gave the attempts made before topics existed the topic of their kind.
    topic: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    level: Mapped[int | None] = mapped_column(SmallInteger)
    kind: Mapped[str | None] = mapped_column(String(32))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    answer: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16))
    mistake: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # How many of the question's hints the learner had revealed when answering.
    hints: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    # Whether the question's solution had been shown: see attempts.py (migration 0004).
    solution_shown: Mapped[bool] = mapped_column(default=False, server_default=false())


class ReviewCards(Base):
    __tablename__ = "review_cards"

    learner_id: Mapped[str] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]
