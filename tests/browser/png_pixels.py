"""The pixels of a PNG screenshot, read with zlib and NumPy: no image library is needed.

Chromium writes 8-bit RGB or RGBA, not interlaced, with every filter type PNG has. Filters None,
Sub and Up are undone row by row in NumPy; Average and Paeth depend on the pixel to the left,
so they are undone byte by byte, which costs about a second per million filtered bytes: decode
a widget or a section, not a whole page.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour type → bytes per pixel, at 8 bits per channel.
_PIXEL_BYTES = {2: 3, 6: 4}


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height), from the header alone."""
    width, height, *_ = _header(data)
    return width, height


def decode_png(data: bytes) -> NDArray[np.uint8]:
    """The image as an array of shape (height, width, 3): red, green, blue; alpha is dropped."""
    width, height, depth, colour, _, _, interlace = _header(data)
    if depth != 8 or colour not in _PIXEL_BYTES or interlace:
        raise ValueError(f"not an 8-bit RGB(A) PNG without interlacing: {depth=}, {colour=}")
    step = _PIXEL_BYTES[colour]
    stride = width * step
    raw = np.frombuffer(zlib.decompress(b"".join(_chunks(data, b"IDAT"))), dtype=np.uint8)
    rows = raw.reshape(height, stride + 1)
    pixels = np.empty((height, stride), dtype=np.uint8)
    above = np.zeros(stride, dtype=np.uint8)
    for y, (kind, row) in enumerate(zip(rows[:, 0], rows[:, 1:], strict=True)):
        above = pixels[y] = _unfilter(int(kind), row, above, step)
    return pixels.reshape(height, width, step)[:, :, :3]


def _unfilter(
    kind: int, row: NDArray[np.uint8], above: NDArray[np.uint8], step: int
) -> NDArray[np.uint8]:
    if kind == 0:
        return row
    if kind == 1:  # Sub: each byte adds the one a pixel to its left, so a running sum
        return (
            (row.reshape(-1, step).cumsum(axis=0, dtype=np.uint64) % 256).astype(np.uint8).ravel()
        )
    if kind == 2:  # Up: adds the byte above (uint8 arithmetic wraps, as PNG's does)
        return row + above
    if kind == 3:
        return _unfilter_average(row.tolist(), above.tolist(), step)
    if kind == 4:
        return _unfilter_paeth(row.tolist(), above.tolist(), step)
    raise ValueError(f"unknown PNG filter {kind}")


def _unfilter_average(out: list[int], up: list[int], step: int) -> NDArray[np.uint8]:
    """Each byte adds the mean of the byte to its left (already undone) and the one above."""
    for i in range(step):
        out[i] = (out[i] + (up[i] >> 1)) & 0xFF
    for i in range(step, len(out)):
        out[i] = (out[i] + ((out[i - step] + up[i]) >> 1)) & 0xFF
    return np.array(out, dtype=np.uint8)


def _unfilter_paeth(out: list[int], up: list[int], step: int) -> NDArray[np.uint8]:
    """Each byte adds whichever of left, above and above-left is nearest left + above - corner."""
    for i in range(step):  # nothing to the left: the nearest is the byte above
        out[i] = (out[i] + up[i]) & 0xFF
    for i in range(step, len(out)):
        left, above, corner = out[i - step], up[i], up[i - step]
        to_left, to_above = abs(above - corner), abs(left - corner)
        to_corner = abs(left + above - 2 * corner)
        if to_left <= to_above and to_left <= to_corner:
            out[i] = (out[i] + left) & 0xFF
        elif to_above <= to_corner:
            out[i] = (out[i] + above) & 0xFF
        else:
            out[i] = (out[i] + corner) & 0xFF
    return np.array(out, dtype=np.uint8)


def _header(data: bytes) -> tuple[int, ...]:
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    return struct.unpack(">IIBBBBB", next(_chunks(data, b"IHDR")))


def _chunks(data: bytes, wanted: bytes) -> Iterator[bytes]:
    at = len(SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == wanted:
            yield data[at + 8 : at + 8 + length]
        at += 12 + length
