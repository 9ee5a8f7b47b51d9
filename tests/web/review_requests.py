"""A learner who mastered a practice topic at a chosen time, and the review API at a fixed clock."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from steepest.web.views.review import review_clock

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MASTERED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def import_file(topic: str, level: int, at: datetime) -> dict[str, Any]:
    """An export file holding three right answers in a row at `level` of `topic`, from `at`."""
    attempts = [
        {
            "id": f"mastery-{topic}-{level}-{n}",
            "created_at": (at + timedelta(seconds=n)).isoformat(),
            "lesson": None,
            "question": None,
            "problem": {"topic": topic, "level": level, "kind": topic, "seed": n},
            "answer": "x",
            "verdict": "correct",
            "mistake": None,
            "hints": 0,
        }
        for n in range(3)
    ]
    return {
        "format": "steepest-learner-export",
        "version": 3,
        "exported_at": at.isoformat(),
        "progress": {},
        "attempts": attempts,
    }


def master_by_import(client: TestClient, topic: str, level: int, at: datetime) -> None:
    """The learner masters `level` of `topic` at `at`, by importing `import_file`."""
    document = import_file(topic, level, at)
    response = client.post("/api/progress/import", json=document, headers=csrf_headers(client))
    assert response.status_code == 200, response.text


@contextmanager
def clock_at(client: TestClient, now: datetime) -> Iterator[None]:
    """Every review route (and the pages) see `now` as the time, until the block ends."""
    overrides: dict[Any, Any] = client.app.dependency_overrides  # type: ignore[attr-defined]
    overrides[review_clock] = lambda: now
    try:
        yield
    finally:
        del overrides[review_clock]


def review_problem(client: TestClient, topic: str) -> dict[str, Any]:
    response = client.post("/api/review/problems", json={"topic": topic})
    assert response.status_code == 200, response.text
    problem: dict[str, Any] = response.json()
    return problem


def answer(client: TestClient, problem: str, text: str) -> dict[str, Any]:
    response = client.post(
        "/api/review/attempts",
        json={"problem": problem, "answer": text},
        headers=csrf_headers(client),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
