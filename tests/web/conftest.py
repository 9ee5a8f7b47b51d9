from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from postgres import POSTGRESQL, PostgresServer, postgres_server
from steepest.lessons import SHIPPED_LESSONS, Lesson, load_catalogue
from steepest.web.app import create_app
from steepest.web.settings import Settings

from .page_parts import SLUG

__all__ = ["postgres_server"]  # a fixture, imported to make it visible to these tests

with warnings.catch_warnings():
    # Starlette asks for the `httpx2` package; plain httpx works and is what the lock file has.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="session")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app (and one compute pool) for the whole session: workers are slow to start."""
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    # No rate limit: every test shares this client's one address (test_rate_limit covers it).
    settings = Settings(
        lesson_dir=SHIPPED_LESSONS, workers=2, timeout=10.0, database=database, rate_limit=0
    )
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def lesson() -> Lesson:
    found = load_catalogue(SHIPPED_LESSONS).get(SLUG)
    assert found is not None
    return found


@pytest.fixture(scope="session")
def lesson_html(client: TestClient) -> str:
    response = client.get(f"/lessons/{SLUG}")
    assert response.status_code == 200
    html: str = response.text
    return html


# The routes that keep learners' data run against both databases the store supports.
STORE_BACKENDS = ("sqlite", POSTGRESQL)


@pytest.fixture(scope="session", params=STORE_BACKENDS)
def store_app_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """An app whose store is SQLite or PostgreSQL (a throwaway cluster, see tests/postgres.py)."""
    server: PostgresServer | None = None
    if request.param == "sqlite":
        database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    else:
        server = request.getfixturevalue("postgres_server")
        database = server.create_database()
    settings = Settings(
        lesson_dir=SHIPPED_LESSONS, workers=1, timeout=10.0, database=database, rate_limit=0
    )
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client
    if server is not None:
        server.drop_database(database)


@pytest.fixture
def store_client(store_app_client: TestClient) -> TestClient:
    """A new anonymous learner for each test: the same app, no cookies yet."""
    store_app_client.cookies.clear()
    return store_app_client
