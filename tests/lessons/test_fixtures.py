"""Markdown in, HTML out: the cases in fixtures/*.md, in markdown-it-py's fixture format
(a title line, then input and expected HTML, each ended by a line holding only '.')."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from steepest.lessons.markdown import lesson_markdown

FIXTURES = Path(__file__).parent / "fixtures"
CASES = [
    pytest.param(source, expected, id=f"{path.stem}:{line}:{title}")
    for path in sorted(FIXTURES.glob("*.md"))
    for line, title, source, expected in read_fixture_file(path)
]


def test_fixture_files_hold_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_renders_as_in_fixture(source: str, expected: str) -> None:
    assert lesson_markdown().render(source, {"lesson_path": "fixture.md"}) == expected
