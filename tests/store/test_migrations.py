"""Alembic's migrations create exactly the tables the models describe, from an empty database,
also when several servers start at once."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from steepest.engine.problems.topics import KINDS_BEFORE_TOPICS, topic_before_topics
from steepest.store import DatabaseNotReady, ProblemKey, Store, upgrade
from steepest.store.migrate import current_revision, downgrade, head_revision
from steepest.store.schema import Base

TABLES = {"learners", "lesson_progress", "attempts", "review_cards"}
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
LEARNER = "learner-0123456789abcdefghijk"
_STARTING_SERVER = """
import sys
from steepest.store import upgrade
print("ready", flush=True)
sys.stdin.readline()
upgrade(sys.argv[1])
"""


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_table_at_head(empty_database_url: str) -> None:
    assert _tables(empty_database_url) == set()
    upgrade(empty_database_url)
    assert _tables(empty_database_url) == TABLES
    assert _revision(empty_database_url) == head_revision()


def test_the_models_and_the_migrations_agree(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_upgrading_twice_changes_nothing_and_keeps_the_data(empty_database_url: str) -> None:
    with Store.open(empty_database_url) as store:
        learner = store.ensure_learner(None)
    upgrade(empty_database_url)
    with Store(empty_database_url) as store:
        assert store.ensure_learner(learner) == learner
        assert store.get_progress(learner, "intro")["sections"] == {}


def test_two_servers_starting_at_once_both_upgrade_without_error(
    empty_database_url: str,
) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", _STARTING_SERVER, empty_database_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Once the other process has imported the store, both upgrade at the same moment.
        assert other.stdout is not None and other.stdout.readline() == "ready\n"
        assert other.stdin is not None
        other.stdin.write("go\n")
        other.stdin.flush()
        upgrade(empty_database_url)
        errors = other.communicate(timeout=30)[1]
    finally:
        other.kill()
    assert other.returncode == 0, errors
    assert _revision(empty_database_url) == head_revision()


def test_downgrade_to_base_removes_every_table(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    downgrade(empty_database_url)
    assert _tables(empty_database_url) == set()
    assert _revision(empty_database_url) is None


def test_the_store_refuses_a_database_not_at_the_newest_revision(empty_database_url: str) -> None:
    with pytest.raises(DatabaseNotReady, match="no Steepest tables yet"):
        Store(empty_database_url)
    upgrade(empty_database_url)
    engine = create_engine(empty_database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseNotReady, match="at schema revision 9999"):
        Store(empty_database_url)


def test_attempts_stored_before_hints_keep_their_data_with_none_revealed(
    empty_database_url: str,
) -> None:
    upgrade(empty_database_url)
    downgrade(empty_database_url, "0001")
    engine = create_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO learners (id, created_at) VALUES (:id, '2026-01-01 00:00:00')"),
                {"id": LEARNER},
            )
            connection.execute(
                text(
                    "INSERT INTO attempts (learner_id, uid, created_at, lesson, question, answer,"
                    " verdict) VALUES (:id, 'attempt-1', '2026-01-01 00:00:00', 'lesson',"
                    " 'q', '2w1', 'correct')"
                ),
                {"id": LEARNER},
            )
    finally:
        engine.dispose()
    upgrade(empty_database_url)
    with Store(empty_database_url) as store:
        (record,) = store.attempts(LEARNER)
    assert (record.attempt.answer, record.attempt.hints) == ("2w1", 0)


def test_practice_topics_keep_every_attempt_and_give_each_the_topic_of_its_kind(
    empty_database_url: str,
) -> None:
    """Revision 0003 adds topics to attempts already stored: nothing is lost, and each practice
    attempt counts for the topic made for its kind, as an old export file's would."""
    upgrade(empty_database_url, "0001")
    kinds = KINDS_BEFORE_TOPICS
    engine = create_engine(empty_database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO learners VALUES (:learner, :now)"), {"learner": LEARNER, "now": NOW}
        )
        connection.execute(
            text("INSERT INTO lesson_progress VALUES (:learner, 'gradients', :state, :now)"),
            {"learner": LEARNER, "state": '{"sections": {"intro": 3}}', "now": NOW},
        )
        for seed, kind in enumerate(kinds):
            connection.execute(
                text(
                    "INSERT INTO attempts (learner_id, uid, created_at, level, kind, seed, answer,"
                    " verdict) VALUES (:learner, :uid, :now, 1, :kind, :seed, '2w1', 'correct')"
                ),
                {
                    "learner": LEARNER,
                    "uid": f"attempt-{seed:04d}",
                    "now": NOW,
                    "kind": kind,
                    "seed": seed,
                },
            )
        connection.execute(
            text(
                "INSERT INTO attempts (learner_id, uid, created_at, lesson, question, answer,"
                " verdict) VALUES (:learner, 'attempt-quiz', :now, 'gradients', 'q1', 'b',"
                " 'incorrect')"
            ),
            {"learner": LEARNER, "now": NOW},
        )
    engine.dispose()

    upgrade(empty_database_url)
    with Store(empty_database_url) as store:
        stored = {record.uid: record.attempt for record in store.attempts(LEARNER)}
        assert store.get_progress(LEARNER, "gradients")["sections"] == {"intro": 3}
    assert len(stored) == len(kinds) + 1
    assert stored["attempt-quiz"].problem is None and stored["attempt-quiz"].question == "q1"
    for seed, kind in enumerate(kinds):
        problem = stored[f"attempt-{seed:04d}"].problem
        assert problem == ProblemKey(topic_before_topics(kind), 1, kind, seed)
    with Store(empty_database_url) as store:
        assert store.mastery(LEARNER, topic="gradient").levels[0].correct == 2
        assert store.mastery(LEARNER, topic="partial").levels[0].correct == 1

    downgrade(empty_database_url, "0001")
    assert _revision(empty_database_url) == "0001"
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM attempts")).scalar() == len(kinds) + 1
    engine.dispose()
