"""A write the store acknowledged survives the process being killed mid-burst (issue 6, §5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import text

from steepest.store import Store
from steepest.store.database import SQLITE_BUSY_TIMEOUT_MS, create_database_engine

WRITER = Path(__file__).with_name("burst_writer.py")
ACKS_BEFORE_KILL = 300


def test_every_acknowledged_write_survives_sigkill_mid_burst(store_url: str) -> None:
    with Store(store_url) as store:
        learner = store.ensure_learner(None)
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), store_url, learner],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 30
    try:
        while len(lines) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            lines.append(line)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        rest, errors = writer.communicate(timeout=10)
    # What it printed before dying was acknowledged too; a torn last line was not.
    acknowledged = [
        line.split() for line in [*lines, *rest.splitlines(keepends=True)] if line.endswith("\n")
    ]
    assert writer.returncode == -signal.SIGKILL, errors
    assert len(acknowledged) >= ACKS_BEFORE_KILL, errors

    sections: dict[str, set[str]] = defaultdict(set)
    attempt_ids: set[str] = set()
    for kind, *fields in acknowledged:
        if kind == "progress":
            sections[fields[0]].add(fields[1])
        else:
            attempt_ids.add(fields[0])
    with Store(store_url) as reopened:
        for lesson, expected in sections.items():
            assert expected <= set(reopened.get_progress(learner, lesson)["sections"])
        stored = {record.uid for record in reopened.attempts(learner, limit=100_000)}
        assert attempt_ids <= stored
    if store_url.startswith("sqlite"):
        engine = create_database_engine(store_url)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()


def test_every_connection_commits_durably(store_url: str) -> None:
    engine = create_database_engine(store_url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                settings = {
                    name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
                }
                # synchronous 2 is FULL: the WAL is fsynced at every commit.
                assert settings == {
                    "journal_mode": "wal",
                    "synchronous": 2,
                    "foreign_keys": 1,
                    "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
                }
            else:
                assert connection.execute(text("SHOW synchronous_commit")).scalar() == "on"
    finally:
        engine.dispose()
