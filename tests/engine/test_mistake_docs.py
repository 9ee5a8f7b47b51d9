"""Every mistake feedback can name is documented for authors, by its code."""

from __future__ import annotations

from pathlib import Path

import pytest

from steepest.engine.answer_kinds import MISTAKE_CODES

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text()


@pytest.mark.parametrize("code", MISTAKE_CODES)
def test_every_mistake_code_is_in_the_authoring_guide(code: str) -> None:
    assert f"`{code}`" in GUIDE
