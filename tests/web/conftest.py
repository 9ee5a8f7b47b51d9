from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from steepest.lessons import SHIPPED_LESSONS, Lesson, load_catalogue
from steepest.web.app import create_app
from steepest.web.settings import Settings

from .page_parts import SLUG

with warnings.catch_warnings():
    # Starlette asks for the `httpx2` package; plain httpx works and is what the lock file has.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """One app (and one compute pool) for the whole session: workers are slow to start."""
    app = create_app(Settings(lesson_dir=SHIPPED_LESSONS, workers=2, timeout=10.0))
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
    return response.text
