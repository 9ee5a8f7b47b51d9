"""`steepest serve` on the momentum course (tests/fixtures/momentum-course) in place of the
shipped lessons, until a shipped lesson holds the momentum lab. Import `base_url` into a test
module to override the session's server there."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from momentum_course import write_momentum_course

from .conftest import _free_port, _wait_until_answering


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    lessons = write_momentum_course(tmp_path_factory.mktemp("lessons"))
    port = _free_port()
    command = [str(Path(sys.executable).with_name("steepest")), "serve", "--port", str(port)]
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    environment = {
        **os.environ,
        "STEEPEST_LESSON_DIR": str(lessons),
        "STEEPEST_DATABASE_URL": database,
        "STEEPEST_RATE_LIMIT": "0",
        "STEEPEST_TIMEOUT": "5",
    }
    process = subprocess.Popen(command, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url + "/", process, limit_s=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)
