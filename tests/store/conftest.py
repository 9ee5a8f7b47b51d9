"""Every store test runs twice: on a SQLite file and on a real PostgreSQL server.

`store` is migrated and ready; on PostgreSQL it shares one database for the session (tests keep
apart by using their own fresh learners), because creating a database costs ~0.25 s.
`empty_database_url` is a database with no tables at all, for the migration tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from postgres import POSTGRESQL, PostgresServer, postgres_server
from steepest.store import Store, upgrade

__all__ = ["postgres_server"]  # a fixture, imported to make it visible to these tests

BACKENDS = ("sqlite", POSTGRESQL)


@pytest.fixture(scope="session")
def postgres_store_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    upgrade(url)
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def empty_database_url(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def store_url(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> str:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.sqlite3'}"
        upgrade(url)
        return url
    shared: str = request.getfixturevalue("postgres_store_url")
    return shared


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


@pytest.fixture
def learner(store: Store) -> str:
    return store.ensure_learner(None)
