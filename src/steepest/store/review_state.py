"""A learner's spaced-review cards, as a state that merges without losing either side.

One card per practice topic the learner has mastered and reviewed at least once: what FSRS
(`steepest.review.schedule`) needs to schedule the next review. The browser keeps a copy in
localStorage and the server one in the database, synced like lesson progress (progress.py).

The JSON shape, shared with the browser (review-state.js):

    {
      "cards": {
        "partial": {"reviewed_at": 1718000000000, "due": 1718259200000,
                    "stability": 3.17, "difficulty": 5.3, "reps": 1, "lapses": 0},
        ...
      }
    }

Times are milliseconds since the epoch. A card is a last-writer-wins register: merging keeps,
per topic, the card reviewed later (ties broken by the other fields in the order above, so both
sides pick the same one). The merge is commutative, associative and idempotent; a review made
on one device and another made later elsewhere end with the later one, which FSRS computed from
whatever that device knew.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from steepest.store.errors import ReviewFormatError
from steepest.store.shapes import (
    MAX_SAFE_INTEGER,
    read_integer,
    read_mapping,
    read_object,
    require,
)

# More than there are practice topics, with room for a course that adds its own.
MAX_CARDS = 200
# FSRS keeps stability in days (at most 36500, its longest interval) and difficulty in 1 to 10.
MAX_STABILITY = 36500.0
MAX_DIFFICULTY = 10.0
MAX_REVIEWS = 1_000_000
_FIELDS = ("cards",)
_CARD_FIELDS = ("reviewed_at", "due", "stability", "difficulty", "reps", "lapses")


@dataclass(frozen=True, order=True)
class ReviewCard:
    # Field order is the tie-break order: reviewed later first, then the other fields.
    reviewed_at: int
    due: int
    stability: float
    difficulty: float
    reps: int
    """Reviews so far."""
    lapses: int
    """Reviews answered wrong."""

    def to_json(self) -> dict[str, Any]:
        return {
            "reviewed_at": self.reviewed_at,
            "due": self.due,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "reps": self.reps,
            "lapses": self.lapses,
        }


@dataclass(frozen=True)
class ReviewState:
    cards: Mapping[str, ReviewCard] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object, where: str = "review") -> ReviewState:
        """Validate a review-state document from a client or a file. `cards` is optional."""
        document = read_object(data, where, ReviewFormatError, _FIELDS)
        raw = read_mapping(
            document.get("cards", {}), f"{where}.cards", ReviewFormatError, MAX_CARDS
        )
        return cls(
            {topic: _read_card(value, f'{where}.cards["{topic}"]') for topic, value in raw.items()}
        )

    def to_json(self) -> dict[str, Any]:
        return {"cards": {topic: card.to_json() for topic, card in sorted(self.cards.items())}}

    def merge(self, other: ReviewState) -> ReviewState:
        """Per topic, the card reviewed later."""
        cards = dict(self.cards)
        for topic, card in other.cards.items():
            mine = cards.get(topic)
            cards[topic] = card if mine is None else max(mine, card)
        return ReviewState(cards)

    def check_size(self, where: str = "review") -> None:
        """Two states within bounds can merge into one beyond them: refuse it, as progress does."""
        if len(self.cards) > MAX_CARDS:
            raise ReviewFormatError(
                f"{where}.cards would hold {len(self.cards)} cards; at most {MAX_CARDS} are kept"
            )


def _read_card(value: object, where: str) -> ReviewCard:
    card = read_object(value, where, ReviewFormatError, _CARD_FIELDS)

    def whole(name: str, high: int) -> int:
        raw = require(card, name, where, ReviewFormatError)
        return read_integer(raw, f"{where}.{name}", ReviewFormatError, 0, high)

    def positive(name: str, high: float) -> float:
        raw = require(card, name, where, ReviewFormatError)
        number = isinstance(raw, int | float) and not isinstance(raw, bool)
        if not (number and math.isfinite(raw) and 0 < raw <= high):
            raise ReviewFormatError(f"{where}.{name} must be a number above 0 and at most {high:g}")
        return float(raw)

    return ReviewCard(
        reviewed_at=whole("reviewed_at", MAX_SAFE_INTEGER),
        due=whole("due", MAX_SAFE_INTEGER),
        stability=positive("stability", MAX_STABILITY),
        difficulty=positive("difficulty", MAX_DIFFICULTY),
        reps=whole("reps", MAX_REVIEWS),
        lapses=whole("lapses", MAX_REVIEWS),
    )
