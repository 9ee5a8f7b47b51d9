"""The point typed beside a learner's function: name=value pairs, values kept as text."""

from __future__ import annotations

import pytest

from steepest.web.course.point_text import read_point_text
from steepest.web.http.errors import PointSyntaxError


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("", None),
        ("   ", None),
        ("w1=1, w2=1", {"w1": "1", "w2": "1"}),
        ("x = 1/2,y=-0.35", {"x": "1/2", "y": "-0.35"}),
        ("theta=pi", {"theta": "pi"}),
    ],
)
def test_reads_pairs(text: str, point: dict[str, str] | None) -> None:
    assert read_point_text(text) == point


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("w1", 1, "name=value"),
        ("w1=1, w2", 7, "name=value"),
        ("w1=1,=2", 6, "variable name"),
        ("w1=1, w2=", 10, "needs a value"),
        ("w1=1, w1=2", 7, "twice"),
    ],
)
def test_mistakes_name_their_column(text: str, column: int, words: str) -> None:
    with pytest.raises(PointSyntaxError) as error:
        read_point_text(text)
    assert error.value.column == column
    assert words in error.value.message
    # The column points into the text at (or just past) the offending pair.
    assert 1 <= column <= len(text) + 1
