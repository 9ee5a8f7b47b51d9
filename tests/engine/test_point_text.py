"""The one point reader: every case of tests/fixtures/points.json, which the browser's twin
(static/js/point-text.js) must also pass (tests/browser/test_point_text.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from steepest.engine.errors import EngineError, LimitExceeded, PointSyntaxError
from steepest.engine.notation.lexer import tokenize
from steepest.engine.notation.point_text import naming_the_point, read_point_text
from steepest.engine.notation.spaces import SPACES
from steepest.engine.notation.vocabulary import GREEK, GREEK_VARIANTS

FIXTURE = Path(__file__).parents[1] / "fixtures" / "points.json"
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


def outcome(text: str) -> dict[str, Any]:
    """What the reader makes of `text`, in the fixture's own shape."""
    try:
        point = read_point_text(text)
    except EngineError as error:
        return {"error": {"message": error.message, "column": error.column}}
    return {"point": None if point is None else [list(pair) for pair in point.items()]}


@pytest.mark.parametrize("case", CASES, ids=[case["about"] for case in CASES])
def test_reads_every_fixture_case(case: dict[str, Any]) -> None:
    expected = {key: case[key] for key in ("point", "error") if key in case}
    assert outcome(case["text"]) == expected


def test_mistakes_are_point_syntax_errors_and_long_text_a_limit() -> None:
    for case in CASES:
        if "error" not in case:
            continue
        with pytest.raises(LimitExceeded if case["error"]["column"] is None else PointSyntaxError):
            read_point_text(case["text"])


def test_a_column_points_into_the_text_at_or_just_past_the_mistake() -> None:
    for case in CASES:
        column = case.get("error", {}).get("column")
        if column is not None:
            assert 1 <= column <= len(case["text"]) + 1, case["about"]


def test_spaces_around_a_pair_are_the_spaces_of_typed_math() -> None:
    # The lexer skips exactly these characters, so a value reads the same with or without them.
    for space in SPACES:
        assert read_point_text(f"x{space}={space}1{space}") == {"x": "1"}
        assert [token.text for token in tokenize(f"{space}1{space}")] == ["1", ""]


def test_naming_the_point_keeps_the_message_and_says_where() -> None:
    with pytest.raises(PointSyntaxError) as raised:
        read_point_text("x=1, y")
    named = naming_the_point(raised.value, "x=1, y")
    assert str(named) == f"{raised.value.message} (column 6 of the point 'x=1, y')"
    # The column is the point's, not the expression's or the claim's: it stays in the words.
    assert named.column is None


def test_reading_a_point_loads_no_sympy() -> None:
    probe = (
        "import sys\n"
        "from steepest.engine.notation.point_text import read_point_text\n"
        "read_point_text('w1=1, w2=1/2')\n"
        "print('sympy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_every_greek_glyph_the_parser_reads_may_name_a_point() -> None:
    glyphs = {*GREEK.values(), *GREEK_VARIANTS}
    for glyph in glyphs:
        assert read_point_text(f"{glyph}=1, {glyph}₂=2") == {glyph: "1", f"{glyph}₂": "2"}
    # A glyph the parser does not read is no name here either.
    for other in ("Ω", "∂", "ℓ"):
        with pytest.raises(PointSyntaxError):
            read_point_text(f"{other}=1")
