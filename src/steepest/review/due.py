"""What is due: one card per mastered practice topic, listed by when it is next due at `now`.

A topic joins review when one of its levels is mastered (`engine/problems/mastery.py`), at the
highest level mastered. Until its first review it has no stored card: its card is the one FSRS
gives after a Good review at the moment that level was mastered, so a topic first comes due a
few days after it was mastered, and reviewing it goes on from that card. (The moment of mastery,
not of the latest practice: reviews are practice attempts too, and must not move it.)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating

from steepest.engine.answer_kinds import VerdictKind
from steepest.engine.problems.mastery import Attempt, mastery
from steepest.engine.problems.topics import TOPICS
from steepest.review.schedule import milliseconds, moment, review_card
from steepest.store import ReviewCard, ReviewState

SESSION_SIZE = 5
"""Due cards asked in one session, most overdue first: a short session, one topic after another."""

PracticeFact = tuple[str, int, VerdictKind, datetime]
"""A practice attempt as `Store.practice_history` gives it: topic, level, verdict, when."""


@dataclass(frozen=True)
class MasteredTopic:
    topic: str
    level: int
    """The highest level mastered: what its reviews ask."""
    mastered_at: datetime
    """When that level was first mastered."""


@dataclass(frozen=True)
class ReviewItem:
    topic: str
    level: int
    card: ReviewCard
    reviewed: bool
    """Whether the learner has reviewed it yet (else `card` comes from their last practice)."""

    def due_at(self) -> datetime:
        return moment(self.card.due)

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "title": TOPICS[self.topic].title,
            "level": self.level,
            "due": self.card.due,
            "due_at": self.due_at().isoformat(),
            "reviewed": self.reviewed,
        }


@dataclass(frozen=True)
class ReviewPlan:
    due: tuple[ReviewItem, ...]
    """Due at `now`, most overdue first."""
    upcoming: tuple[ReviewItem, ...]
    """Due later, soonest first."""

    def session(self) -> tuple[ReviewItem, ...]:
        return self.due[:SESSION_SIZE]

    def item(self, topic: str) -> ReviewItem | None:
        return next((item for item in (*self.due, *self.upcoming) if item.topic == topic), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "due": [item.to_json() for item in self.due],
            "upcoming": [item.to_json() for item in self.upcoming],
            "session": [item.topic for item in self.session()],
        }


def mastered_topics(history: Iterable[PracticeFact]) -> dict[str, MasteredTopic]:
    """The topics with a mastered level, from the practice attempts in the order they were made.
    Attempts at a topic no longer offered are left out."""
    facts: dict[str, list[tuple[Attempt, datetime]]] = {}
    for topic, level, verdict, at in history:
        if topic in TOPICS:
            facts.setdefault(topic, []).append((Attempt(level, verdict), at))
    found = {}
    for topic, made in facts.items():
        attempts = [attempt for attempt, _ in made]
        levels = [level.level for level in mastery(attempts).levels if level.mastered]
        if levels:
            level = max(levels)
            found[topic] = MasteredTopic(topic, level, made[_mastering(attempts, level)][1])
    return found


def _mastering(attempts: Sequence[Attempt], level: int) -> int:
    """The index of the attempt that first mastered `level`. Mastery stays once reached, so
    whether a prefix of the attempts masters it is monotone, and a bisection finds the first."""

    def masters(length: int) -> bool:
        return any(p.mastered for p in mastery(attempts[:length]).levels if p.level == level)

    return bisect_left(range(len(attempts) + 1), True, key=masters) - 1


def review_plan(
    state: ReviewState, mastered: Mapping[str, MasteredTopic], now: datetime
) -> ReviewPlan:
    """Every mastered topic's card, split into due at `now` and due later."""
    items = []
    for topic, found in mastered.items():
        stored = state.cards.get(topic)
        card = stored or review_card(None, Rating.Good, found.mastered_at)
        items.append(ReviewItem(topic, found.level, card, reviewed=stored is not None))
    items.sort(key=lambda item: (item.card.due, item.topic))
    cut = milliseconds(now)
    return ReviewPlan(
        tuple(item for item in items if item.card.due <= cut),
        tuple(item for item in items if item.card.due > cut),
    )
