"""Which database the store opens: --database, then STEEPEST_DATABASE_URL, then a default file."""

from __future__ import annotations

from pathlib import Path

import pytest

from steepest.store import DatabaseURLError, database_url, display_url
from steepest.store.location import ENVIRONMENT_VARIABLE

PG = "postgresql+psycopg://user:secret@db.example:5432/steepest"


def test_an_explicit_url_comes_first() -> None:
    environ = {ENVIRONMENT_VARIABLE: "sqlite:////tmp/from-env.sqlite3"}
    assert database_url(PG, environ) == PG


def test_the_environment_comes_before_the_default() -> None:
    assert database_url(None, {ENVIRONMENT_VARIABLE: f"  {PG} "}) == PG
    assert database_url("  ", {ENVIRONMENT_VARIABLE: PG}) == PG


def test_the_default_is_a_file_in_the_user_data_directory_whose_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # platformdirs honours XDG_DATA_HOME on Linux, the platform the suite runs on.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = database_url(None, {})
    expected = tmp_path / "data" / "steepest" / "steepest.sqlite3"
    assert url == f"sqlite:///{expected}"
    assert expected.parent.is_dir()


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    assert database_url("postgresql://u:p@h/db", {}) == "postgresql+psycopg://u:p@h/db"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://u:p@h/db", "not 'mysql'"),
        ("postgresql+psycopg2://u:p@h/db", "not 'postgresql+psycopg2'"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("postgresql+psycopg://u:p@h", "must name its database"),
        ("not a url", "is not a database URL"),
    ],
)
def test_unusable_urls_are_refused_clearly(url: str, expected: str) -> None:
    with pytest.raises(DatabaseURLError) as raised:
        database_url(url, {})
    assert expected in raised.value.message


def test_passwords_never_appear_in_messages_or_logs() -> None:
    with pytest.raises(DatabaseURLError) as raised:
        database_url("mysql://user:secret@h/db", {})
    assert "secret" not in raised.value.message
    assert "secret" not in display_url(PG)
    assert "db.example" in display_url(PG)
