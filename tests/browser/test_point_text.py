"""The browser's point reader (static/js/point-text.js) passes every case of the fixture that the
engine's reader passes (tests/engine/test_point_text.py): the same points, messages and columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import OpenPage

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parents[1] / "fixtures" / "points.json"


def test_browser_reader_passes_every_fixture_case(open_page: OpenPage) -> None:
    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]
    page = open_page("/")
    outcomes = page.evaluate(
        """async (texts) => {
            const { PointSyntaxError, readPointText } = await import('/static/js/point-text.js');
            return texts.map((text) => {
                try {
                    const point = readPointText(text);
                    return { point: point === null ? null : Object.entries(point) };
                } catch (error) {
                    if (!(error instanceof PointSyntaxError)) throw error;
                    return { error: { message: error.message, column: error.column } };
                }
            });
        }""",
        [case["text"] for case in cases],
    )
    assert len(outcomes) == len(cases)
    for case, outcome in zip(cases, outcomes, strict=True):
        expected = {key: case[key] for key in ("point", "error") if key in case}
        assert outcome == expected, case["about"]
