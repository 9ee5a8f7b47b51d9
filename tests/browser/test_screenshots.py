"""Screenshots of the lesson for people to look at: desktop and phone, light and dark.

They go to $STEEPEST_SCREENSHOT_DIR (default: screenshots/ in the repository, which git ignores).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import REPO, OpenPage, wait_for_widgets

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("STEEPEST_SCREENSHOT_DIR", REPO / "screenshots"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    wait_for_widgets(page)
    path = SHOTS / f"lesson-{width}-{scheme}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    for name in ("best-box", "surface-explorer"):
        widget = page.locator(f'[data-widget="{name}"]')
        widget.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"))
