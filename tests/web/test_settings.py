"""Settings come from defaults, then STEEPEST_* variables, then explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from steepest.web.settings import Settings, SettingsError


def test_defaults_without_environment() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings().port == 8000 and Settings().host == "127.0.0.1"


def test_environment_variables_are_read() -> None:
    settings = Settings.from_env(
        {
            "STEEPEST_HOST": "0.0.0.0",
            "STEEPEST_PORT": "9001",
            "STEEPEST_LESSON_DIR": "/srv/lessons",
            "STEEPEST_WORKERS": "4",
            "STEEPEST_TIMEOUT": "1.5",
            "STEEPEST_PROCESSES": "2",
            "STEEPEST_RATE_LIMIT": "0",
            "STEEPEST_MAX_BODY": "4096",
        }
    )
    assert settings == Settings(
        host="0.0.0.0",
        port=9001,
        lesson_dir=Path("/srv/lessons"),
        workers=4,
        processes=2,
        timeout=1.5,
        rate_limit=0,
        max_body=4096,
    )


def test_overrides_beat_the_environment() -> None:
    settings = Settings.from_env({"STEEPEST_PORT": "9001"}, port=8123, host="::1")
    assert (settings.host, settings.port) == ("::1", 8123)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STEEPEST_PORT", "eighty"),
        ("STEEPEST_WORKERS", "0"),
        ("STEEPEST_TIMEOUT", "-1"),
        ("STEEPEST_PROCESSES", "0"),
        ("STEEPEST_RATE_LIMIT", "-5"),
        ("STEEPEST_MAX_BODY", "10"),
    ],
)
def test_unusable_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({name: value})


def test_database_proxy_and_secret_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "STEEPEST_DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            "STEEPEST_TRUST_FORWARDED_PROTO": "yes",
            "STEEPEST_SECRET": "s3cret",
        }
    )
    assert settings.database == "sqlite:////tmp/x.sqlite3"
    assert settings.trust_forwarded_proto is True
    assert settings.secret == "s3cret"
    assert Settings.from_env({}).database is None


def test_an_unreadable_flag_is_refused() -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"STEEPEST_TRUST_FORWARDED_PROTO": "maybe"})
