from __future__ import annotations

from pathlib import Path

import pytest
from lesson_files import WriteLesson, lesson_writer


@pytest.fixture
def write_lesson(tmp_path: Path) -> WriteLesson:
    return lesson_writer(tmp_path)
