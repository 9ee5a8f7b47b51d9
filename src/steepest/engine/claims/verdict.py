"""The engine's verdict on one claim, in words for the author."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimVerdict:
    ok: bool
    said: str
    """What the lesson shows, as the author wrote it: "17", "about 9.8", "(2, 6)"."""
    got: str
    """What the engine found, for people: "16 (at x = 1)"."""
