"""Files under /static are served from memory: the bytes on disk, the right types, gzip when
accepted, 304 on revalidation, and nothing outside the folder."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import steepest.web
from steepest.engine.evaluate.tree import browser_functions_module

STATIC = Path(steepest.web.__file__).with_name("static")
FILES = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", FILES)
def test_every_file_is_served_as_it_is_on_disk(client: TestClient, name: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.content == (STATIC / name).read_bytes()
    expected = {
        ".css": "text/css",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }
    assert response.headers["content-type"].startswith(expected[Path(name).suffix])


def test_text_is_gzipped_for_browsers_that_accept_it(client: TestClient) -> None:
    with client.stream("GET", "/static/css/steepest.css", headers={"accept-encoding": "gzip"}) as r:
        assert r.headers["content-encoding"] == "gzip"
        raw = b"".join(r.iter_raw())
    assert gzip.decompress(raw) == (STATIC / "css/steepest.css").read_bytes()


def test_revalidation_with_the_etag_is_a_304(client: TestClient) -> None:
    first = client.get("/static/js/lesson.js")
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/static/js/lesson.js", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path", ["/static/missing.js", "/static/../app.py", "/static/%2e%2e/app.py", "/static/"]
)
def test_nothing_outside_the_files_is_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_only_reading_is_allowed(client: TestClient) -> None:
    assert client.post("/static/js/lesson.js").status_code == 405
    assert client.head("/static/js/lesson.js").status_code == 200


def test_the_browsers_table_of_functions_is_the_one_the_engine_writes() -> None:
    """expr-tree.js reads the functions from expr-functions.js, generated from the engine's
    table: regenerate it after changing the table."""
    written = (STATIC / "js" / "expr-functions.js").read_text(encoding="utf-8")
    assert written == browser_functions_module(), (
        "static/js/expr-functions.js is stale: run "
        "`.venv/bin/python scripts/write-browser-functions.py`"
    )
