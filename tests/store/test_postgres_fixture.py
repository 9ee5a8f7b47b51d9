"""Without PostgreSQL the database tests fail in CI (they must run there) and skip elsewhere."""

from __future__ import annotations

import pytest

from postgres import postgres_unavailable


def test_missing_postgresql_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must run in CI: no initdb"):
        postgres_unavailable("no initdb")


def test_missing_postgresql_skips_with_the_reason_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="skipped: no initdb"):
        postgres_unavailable("no initdb")
