"""Screenshots of the lesson for people to look at: desktop and phone, light and dark.

They are written to build/screenshots/ in the repository (git ignores build/), or to
$STEEPEST_SCREENSHOT_DIR when that is set, and each is checked on the way: the whole page is
exactly as wide as the screen (nothing scrolls sideways on a phone), and every region shot on its
own, decoded pixel by pixel, shows the background its CSS gives it in that colour scheme with
text or drawing on it, dark on light or light on dark as the scheme says.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from playwright.sync_api import Locator, Page

from .conftest import REPO, OpenPage, PageWatch, wait_for_widgets
from .png_pixels import decode_png, png_size

pytestmark = pytest.mark.browser

SCREEN_HEIGHT = 900
SHOTS = Path(os.environ.get("STEEPEST_SCREENSHOT_DIR", REPO / "build" / "screenshots"))
LESSON_REGIONS = {
    "site-header": ".site-header",
    "lesson-header": ".lesson-header",
    "best-box": '[data-widget="best-box"]',
    "surface-explorer": '[data-widget="surface-explorer"]',
    "site-footer": ".site-footer",
}
# Share of a region's pixels nearer its text colour than its background, at the least: the
# sparsest region, the desktop footer's line or two of small text, has 1.2 %; a blank one none.
MIN_INK = 0.005
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """The colours CSS gives a region: every background that may show in it, and its text."""

    backgrounds: frozenset[Colour]
    text: Colour


def palette(region: Locator) -> Palette:
    """The region's text colour; the backgrounds of the region and of everything in it, and
    the one showing through where the region's own is transparent (its nearest ancestor's)."""
    backgrounds, text = region.evaluate(
        """(element) => {
            const opaque = (colour) => !/^rgba\\(.*, 0\\)$|^transparent$/.test(colour);
            const background = (node) => getComputedStyle(node).backgroundColor;
            let behind = element;
            while (behind.parentElement && !opaque(background(behind))) {
                behind = behind.parentElement;
            }
            const inside = [element, behind, ...element.querySelectorAll('*')];
            return [inside.map(background).filter(opaque), getComputedStyle(element).color];
        }"""
    )
    return Palette(frozenset(rgb(colour) for colour in backgrounds), rgb(text))


def rgb(css: str) -> Colour:
    found = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, [\d.]+)?\)", css)
    assert found is not None, css
    red, green, blue = (int(channel) for channel in found.groups())
    return red, green, blue


def luminance(colour: Colour) -> float:
    """Relative luminance as WCAG defines it, from sRGB."""
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def commonest(pixels: NDArray[np.uint8]) -> Colour:
    # One number per pixel, 0xRRGGBB: counting those is far quicker than counting rows.
    packed = pixels.astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], dtype=np.uint32)
    values, counts = np.unique(packed, return_counts=True)
    value = int(values[counts.argmax()])
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def ink_share(pixels: NDArray[np.uint8], background: Colour, text: Colour) -> float:
    """The share of pixels nearer the text colour than the background."""
    flat = pixels.reshape(-1, 3).astype(np.int32)
    to_text = ((flat - np.array(text)) ** 2).sum(axis=1)
    to_background = ((flat - np.array(background)) ** 2).sum(axis=1)
    return float((to_text < to_background).mean())


def check_region(page: Page, selector: str, path: Path, scheme: str) -> None:
    """Shoot one region to `path` and check that it shows what its CSS says, in ink."""
    region = page.locator(selector)
    region.scroll_into_view_if_needed()
    pixels = decode_png(region.screenshot(path=str(path)))
    colours, background = palette(region), commonest(pixels)
    assert background in colours.backgrounds, f"{path.name}: {background} is no CSS background"
    assert ink_share(pixels, background, colours.text) >= MIN_INK, f"{path.name}: blank"
    lighter_background = luminance(background) > luminance(colours.text)
    assert lighter_background == (scheme == "light"), f"{path.name}: not the {scheme} scheme"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot(open_page: OpenPage, width: int, scheme: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme)
    wait_for_widgets(page)
    whole = page.screenshot(path=str(SHOTS / f"lesson-{width}-{scheme}.png"), full_page=True)
    # The whole page, which is many screens long, and no wider than the screen. (Its exact
    # height may still change by a line while late parts of the page settle.)
    shot_width, shot_height = png_size(whole)
    assert shot_width == width
    assert shot_height > 5 * SCREEN_HEIGHT
    for name, selector in LESSON_REGIONS.items():
        check_region(page, selector, SHOTS / f"{name}-{width}-{scheme}.png", scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshot_of_typed_answers_and_practice(
    open_page: OpenPage, watch: PageWatch, width: int, scheme: str
) -> None:
    watch.allow(r"status of 422")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme)
    wrong = page.locator("#question-typed-descent")
    wrong.locator("[data-answer-input]").fill("(2, -12)")
    wrong.get_by_role("button", name="Check my answer").click()
    wrong.locator(".verdict").wait_for()
    typing = page.locator("#question-typed-gradient-at [data-answer-input]")
    typing.press_sequentially("(2w1, 6w2)")
    page.locator("#question-typed-gradient-at .answer-preview math").wait_for()
    practice = page.locator("[data-practice]")
    practice.get_by_role("button", name="New problem").click()
    answer = practice.locator("[data-answer-input]")
    answer.wait_for()
    answer.fill("(0, 0)" if answer.get_attribute("placeholder") == "(a, b)" else "0")
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator(".verdict").wait_for()
    # A wrong first answer earns a second try; the worked solution comes after it.
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator("[data-practice-solution] h4").wait_for()
    check_region(page, "#check-yourself", SHOTS / f"check-yourself-{width}-{scheme}.png", scheme)
    check_region(page, "[data-progress]", SHOTS / f"progress-{width}-{scheme}.png", scheme)


def test_screenshots_decode_to_the_pixels_chromium_decodes(open_page: OpenPage) -> None:
    """png_pixels against the browser's own PNG decoder, on the shot of a widget."""
    page = open_page()
    wait_for_widgets(page)
    shot = page.locator('[data-widget="surface-explorer"]').screenshot()
    decoded_by_chromium = page.evaluate(
        """async (png) => {
            const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
            const image = await createImageBitmap(new Blob([bytes], {type: 'image/png'}),
                {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
            const canvas = new OffscreenCanvas(image.width, image.height);
            canvas.getContext('2d').drawImage(image, 0, 0);
            const rgba = canvas.getContext('2d').getImageData(0, 0, image.width, image.height).data;
            let text = '';
            for (let i = 0; i < rgba.length; i += 8192) {
                text += String.fromCharCode(...rgba.subarray(i, i + 8192));
            }
            return btoa(text);
        }""",
        base64.b64encode(shot).decode(),
    )
    width, height = png_size(shot)
    rgba = np.frombuffer(base64.b64decode(decoded_by_chromium), dtype=np.uint8)
    assert np.array_equal(decode_png(shot), rgba.reshape(height, width, 4)[:, :, :3])
