"""The mastery rule shown to the learner: three right in a row at a level masters it.

Each practice topic (`topics.py`) is mastered on its own: the caller hands in that topic's
attempts only.

A pure function of the attempts in the order they were made, so browser and server can each
work it out, and merged histories (two tabs, offline then online) give the same answer.
"Invalid" attempts (text that did not parse) cost nothing: they neither count nor break a
streak. Attempts at other levels do not break a streak either. Mastery, once reached, stays.
A second try at a problem (after a wrong first answer) counts as an attempt but never as right:
only a right first answer adds to a streak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from steepest.engine.answer_kinds import VerdictKind

LEVELS = (1, 2, 3)
REQUIRED_STREAK = 3


@dataclass(frozen=True)
class Attempt:
    level: int
    verdict: VerdictKind
    problem: tuple[str, int] | None = None
    """The generated problem answered, as (kind, seed); attempts at one problem after its first
    readable answer are second tries."""


class LevelProgressJson(TypedDict):
    level: int
    streak: int
    mastered: bool
    attempts: int
    correct: int
    retries: int
    message: str
    """The mastery line for a learner practising this level."""


class MasteryJson(TypedDict):
    levels: list[LevelProgressJson]
    recommended_level: int
    required: int
    message: str


class TopicMasteryJson(MasteryJson):
    """The mastery of one practice topic, counted from its attempts alone."""

    topic: str


@dataclass(frozen=True)
class LevelProgress:
    level: int
    streak: int
    """Right answers in a row, counting back from the latest attempt at this level."""
    mastered: bool
    attempts: int
    correct: int
    """Right first answers."""
    retries: int
    """Second tries, counted among the attempts."""

    def to_json(self, required: int = REQUIRED_STREAK) -> LevelProgressJson:
        return {
            "level": self.level,
            "streak": self.streak,
            "mastered": self.mastered,
            "attempts": self.attempts,
            "correct": self.correct,
            "retries": self.retries,
            "message": _level_message(self, required),
        }


@dataclass(frozen=True)
class MasteryState:
    levels: tuple[LevelProgress, ...]
    recommended_level: int
    """The lowest level not yet mastered (the highest once all are)."""
    required: int
    message: str

    def to_json(self) -> MasteryJson:
        return {
            "levels": [level.to_json(self.required) for level in self.levels],
            "recommended_level": self.recommended_level,
            "required": self.required,
            "message": self.message,
        }


def mastery(attempts: Iterable[Attempt], required: int = REQUIRED_STREAK) -> MasteryState:
    streak = dict.fromkeys(LEVELS, 0)
    mastered = dict.fromkeys(LEVELS, False)
    tried = dict.fromkeys(LEVELS, 0)
    right = dict.fromkeys(LEVELS, 0)
    retried = dict.fromkeys(LEVELS, 0)
    answered: set[tuple[str, int]] = set()
    for attempt in attempts:
        level = attempt.level
        if level not in streak or attempt.verdict == "invalid":
            continue
        tried[level] += 1
        if attempt.problem is not None and attempt.problem in answered:
            retried[level] += 1
            continue
        if attempt.problem is not None:
            answered.add(attempt.problem)
        if attempt.verdict == "correct":
            right[level] += 1
            streak[level] += 1
            mastered[level] = mastered[level] or streak[level] >= required
        else:
            streak[level] = 0
    levels = tuple(
        LevelProgress(n, streak[n], mastered[n], tried[n], right[n], retried[n]) for n in LEVELS
    )
    open_levels = [p for p in levels if not p.mastered]
    current = open_levels[0] if open_levels else levels[-1]
    return MasteryState(levels, current.level, required, _message(levels, current, required))


def _message(levels: tuple[LevelProgress, ...], current: LevelProgress, required: int) -> str:
    done = [p.level for p in levels if p.mastered]
    if len(done) == len(levels):
        return "All three levels mastered. Keep practising whenever you like."
    prefix = ""
    if done:
        listed = ", ".join(str(n) for n in done)
        prefix = f"Level{'s' if len(done) > 1 else ''} {listed} mastered. "
    return prefix + _level_message(current, required)


def _level_message(progress: LevelProgress, required: int) -> str:
    level, streak = progress.level, progress.streak
    if progress.mastered:
        return f"Level {level} mastered. Keep practising it, or try another level."
    if streak == 0:
        return f"Level {level}: get {required} right in a row to master it."
    return f"Level {level}: {streak} right in a row; {required - streak} more to master it."
