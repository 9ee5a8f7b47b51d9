"""`steepest serve --database URL` reaches the app's settings, and beats STEEPEST_DATABASE_URL;
a store that cannot be opened leaves the lessons up and answers 503 where progress is needed."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from steepest.cli import main
from steepest.lessons import SHIPPED_LESSONS
from steepest.web import server
from steepest.web.app import create_app
from steepest.web.settings import Settings

from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def created(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """The settings `steepest serve` builds its app with; nothing is served."""
    seen: list[Settings] = []

    def fake_create_app(settings: Settings) -> object:
        seen.append(settings)
        return object()

    monkeypatch.setattr(server, "create_app", fake_create_app)
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    return seen


def test_the_database_option_reaches_the_settings(created: list[Settings]) -> None:
    result = CliRunner().invoke(
        main,
        ["serve", "--database", "sqlite:////tmp/option.sqlite3"],
        env={"STEEPEST_DATABASE_URL": "sqlite:////tmp/env.sqlite3"},
    )
    assert result.exit_code == 0, result.output
    assert created[0].database == "sqlite:////tmp/option.sqlite3"


def test_without_the_option_the_environment_variable_is_used(created: list[Settings]) -> None:
    env = {"STEEPEST_DATABASE_URL": "sqlite:////tmp/env.sqlite3"}
    assert CliRunner().invoke(main, ["serve"], env=env).exit_code == 0
    assert created[0].database == "sqlite:////tmp/env.sqlite3"


def test_a_store_that_cannot_open_leaves_the_lessons_up(tmp_path: Path) -> None:
    # A directory is not a database file.
    settings = Settings(
        lesson_dir=SHIPPED_LESSONS, workers=1, timeout=10.0, database=f"sqlite:///{tmp_path}"
    )
    with TestClient(create_app(settings)) as client:
        progress: Any = client.get(f"/api/progress/{SLUG}")
        assert progress.status_code == 503
        assert progress.headers["retry-after"]
        assert "progress cannot be saved" in progress.json()["error"]["message"]
        assert client.get(f"/lessons/{SLUG}").status_code == 200
