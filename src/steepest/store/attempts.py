"""One try at a question: what was asked, what the learner typed, and what the engine said.

An attempt is about a lesson question (`lesson` + `question`), a generated practice problem
(`problem`: its topic, level, kind and seed, from which the engine rebuilds the problem and its
answer key), or both. Only facts are stored; mastery is worked out from them by
`steepest.engine.problems.mastery`, and the help a lesson question gives from `QuestionTries`.

Asking to see a question's solution is stored as an attempt too: no answer, the verdict
`invalid` (which, like unreadable text, costs nothing) and `solution_shown` set. Every later
attempt at that question is recorded with `solution_shown` set, so it never counts as right
first time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from steepest.engine.answer_kinds import PROBLEM_KINDS, VERDICT_KINDS, VerdictKind
from steepest.engine.problems.mastery import LEVELS
from steepest.engine.problems.topics import KINDS_BEFORE_TOPICS, topic_before_topics
from steepest.store.errors import AttemptFormatError, StoreInputError
from steepest.store.shapes import (
    read_bool,
    read_integer,
    read_name,
    read_object,
    read_text,
    require,
)
from steepest.store.tokens import ATTEMPT_ID

MAX_ANSWER_LENGTH = 1000
MAX_SEED = 2**63 - 1
# Far more than any question has (a lesson allows 5): a count, not a list of them.
MAX_HINTS = 100
_PROBLEM_FIELDS = ("topic", "level", "kind", "seed")
_ATTEMPT_FIELDS = (
    "id",
    "created_at",
    "lesson",
    "question",
    "problem",
    "answer",
    "verdict",
    "mistake",
    "hints",
    "solution_shown",
)


@dataclass(frozen=True)
class ProblemKey:
    topic: str
    """The practice topic (`engine/problems/topics.py`) whose mastery the attempt counts for.
    Only its shape is checked: attempts at a topic a later version drops stay readable."""
    level: int
    kind: str
    seed: int

    def __post_init__(self) -> None:
        read_name(self.topic, "a practice topic", AttemptFormatError)
        if self.level not in LEVELS:
            raise AttemptFormatError(f"a practice level is one of {', '.join(map(str, LEVELS))}")
        if self.kind not in PROBLEM_KINDS:
            raise AttemptFormatError(
                f"{self.kind!r} is not a kind of problem (one of {', '.join(PROBLEM_KINDS)})"
            )
        read_integer(self.seed, "a problem's seed", AttemptFormatError, 0, MAX_SEED)

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "level": self.level, "kind": self.kind, "seed": self.seed}


@dataclass(frozen=True)
class NewAttempt:
    """An attempt as the web layer hands it to `Store.record_attempt`; validated on creation."""

    answer: str
    verdict: VerdictKind
    problem: ProblemKey | None = None
    lesson: str | None = None
    question: str | None = None
    mistake: str | None = None
    """The engine's mistake code (`sign`, `swapped` …) when it recognised one."""
    uid: str | None = None
    """An id the client chose for this attempt, so a retried request is recorded once."""
    hints: int = 0
    """How many of the question's hints the learner had revealed when answering."""
    solution_shown: bool = False
    """Whether the question's solution had been shown (or this is the request to show it)."""

    def __post_init__(self) -> None:
        read_text(self.answer, "the answer", AttemptFormatError, MAX_ANSWER_LENGTH)
        read_integer(self.hints, "the count of hints", AttemptFormatError, 0, MAX_HINTS)
        if self.verdict not in VERDICT_KINDS:
            raise AttemptFormatError(f"a verdict is one of {', '.join(VERDICT_KINDS)}")
        for label, name in (("lesson", self.lesson), ("question", self.question)):
            if name is not None:
                read_name(name, f"the {label}", AttemptFormatError)
        if self.mistake is not None:
            read_name(self.mistake, "the mistake code", AttemptFormatError)
        if self.question is not None and self.lesson is None:
            raise AttemptFormatError("an attempt at a question must name its lesson")
        if self.question is None and self.problem is None:
            raise AttemptFormatError("an attempt is at a lesson question or a practice problem")
        if self.uid is not None and not ATTEMPT_ID.fullmatch(self.uid):
            raise AttemptFormatError("an attempt id is 8 to 64 letters, digits, '-' or '_'")


@dataclass(frozen=True)
class QuestionTries:
    """What a learner's attempts at one lesson question add up to."""

    wrong: int
    """Answers the engine could read and found wrong; unreadable ones cost nothing."""
    right: bool
    """Whether any answer was right."""
    solution_shown: bool
    """Whether the learner asked for the solution (or answered after it was shown)."""


@dataclass(frozen=True)
class AttemptRecord:
    """A stored attempt: what was recorded, its id, and when the server recorded it."""

    uid: str
    created_at: datetime
    attempt: NewAttempt

    def to_json(self) -> dict[str, Any]:
        attempt = self.attempt
        return {
            "id": self.uid,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "lesson": attempt.lesson,
            "question": attempt.question,
            "problem": None if attempt.problem is None else attempt.problem.to_json(),
            "answer": attempt.answer,
            "verdict": attempt.verdict,
            "mistake": attempt.mistake,
            "hints": attempt.hints,
            "solution_shown": attempt.solution_shown,
        }

    @classmethod
    def from_json(cls, data: object, where: str, error: type[StoreInputError]) -> AttemptRecord:
        """Read an attempt from an exported file, raising `error` with `where` in the message."""
        fields = read_object(data, where, error, _ATTEMPT_FIELDS)
        uid = read_text(require(fields, "id", where, error), f"{where}.id", error, 64)
        created_at = _read_time(require(fields, "created_at", where, error), where, error)
        try:
            attempt = NewAttempt(
                answer=require(fields, "answer", where, error),
                verdict=require(fields, "verdict", where, error),
                problem=_read_problem(fields.get("problem"), f"{where}.problem", error),
                lesson=fields.get("lesson"),
                question=fields.get("question"),
                mistake=fields.get("mistake"),
                uid=uid,
                # Files of version 1 predate hints: none were revealed.
                hints=fields.get("hints", 0),
                # Files written before the solution could be asked for: it was not.
                solution_shown=read_bool(
                    fields.get("solution_shown", False), f"{where}.solution_shown", error
                ),
            )
        except AttemptFormatError as problem:
            raise error(f"{where}: {problem.message}") from None
        return cls(uid, created_at, attempt)


def _read_problem(value: object, where: str, error: type[StoreInputError]) -> ProblemKey | None:
    if value is None:
        return None
    fields: Mapping[str, Any] = read_object(value, where, error, _PROBLEM_FIELDS)
    level = read_integer(require(fields, "level", where, error), f"{where}.level", error, 1, 9)
    kind = read_name(require(fields, "kind", where, error), f"{where}.kind", error)
    seed = read_integer(require(fields, "seed", where, error), f"{where}.seed", error, 0, MAX_SEED)
    if kind not in PROBLEM_KINDS:
        raise error(
            f"{where}: {kind!r} is not a kind of problem (one of {', '.join(PROBLEM_KINDS)})"
        )
    topic = fields.get("topic")
    if topic is None and kind not in KINDS_BEFORE_TOPICS:
        raise error(f"{where}: a {kind} problem names its topic, and this one names none")
    if topic is None:
        # A file written before attempts named their topic (version 1).
        topic = topic_before_topics(kind)
    topic = read_name(topic, f"{where}.topic", error)
    try:
        return ProblemKey(topic, level, kind, seed)
    except AttemptFormatError as problem:
        raise error(f"{where}: {problem.message}") from None


def _read_time(value: object, where: str, error: type[StoreInputError]) -> datetime:
    text = read_text(value, f"{where}.created_at", error, 40)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise error(f"{where}.created_at is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise error(f"{where}.created_at must include its time zone")
    return moment.astimezone(UTC)
