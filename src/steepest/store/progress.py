"""A learner's progress through one lesson, as a state that merges without losing either side.

The browser keeps a copy in localStorage and the server keeps one in the database; two tabs, or a
laptop that was offline, each change their own copy. `merge` combines any two copies, and it is
commutative, associative and idempotent (a join-semilattice, a state-based CRDT), so the copies
agree once every change has reached both, whatever order the merges happened in.

The JSON shape, shared with the browser:

    {
      "sections": {"intuition": 1718000000000, ...},      section id -> when last marked read
      "widgets": {"best-box": 1718000000500, ...},        widget name -> when last explored
      "answers": {"q-gradient": {"answer": "b", "correct": true, "at": 1718000001000,
                                 "after_solution": false, "credited_at": 1718000001000}, ...},
      "cleared_at": 0                                      when the learner last pressed "reset"
    }

Times are whole numbers the client picks, increasing on that client: milliseconds since the
epoch (`Date.now()`) work; `max(Date.now(), last + 1)` is better on a clock that jumps back.

- sections and widgets: a grow-only map of id -> latest time, merged by taking the later time;
- answers: a last-writer-wins register per question, merged by keeping the later answer (ties
  broken by correctness, then the answer text, then `after_solution`, so both sides pick the
  same one), paired with `credited_at`, merged by taking the later time: a right answer given
  before the solution was shown earns the question's credit (0: none yet), and a later wrong
  try does not take it away. An entry from before these two fields were kept reads as not
  after the solution, and credited at its time when right;
- cleared_at: the latest reset, merged by taking the later time. An entry is kept only if it was
  made after the latest reset, so a reset in one tab is not undone by the other tab's old state,
  while anything done after the reset survives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from steepest.store.errors import ProgressFormatError
from steepest.store.shapes import (
    MAX_SAFE_INTEGER,
    read_bool,
    read_integer,
    read_mapping,
    read_object,
    read_text,
    require,
)

MAX_SECTIONS = 200
MAX_WIDGETS = 100
MAX_ANSWERS = 200
MAX_ANSWER_LENGTH = 1000
_FIELDS = ("sections", "widgets", "answers", "cleared_at")
_ANSWER_FIELDS = ("answer", "correct", "at", "after_solution", "credited_at")


@dataclass(frozen=True)
class AnswerEntry:
    at: int
    correct: bool
    answer: str
    after_solution: bool = False
    credited_at: int = 0
    """When a right answer given before the solution was shown earned credit; 0 if none has.
    Never later than `at`."""

    def rank(self) -> tuple[int, bool, str, bool]:
        """The register's order: later, then correct, then the larger text, then after the
        solution. `credited_at` is not in it: it merges on its own (see `merged`)."""
        return (self.at, self.correct, self.answer, self.after_solution)

    def merged(self, other: AnswerEntry) -> AnswerEntry:
        later = max(self, other, key=AnswerEntry.rank)
        return replace(later, credited_at=max(self.credited_at, other.credited_at))

    def since(self, cut: int) -> AnswerEntry:
        """The entry without credit earned at or before a reset at `cut`."""
        return self if self.credited_at > cut else replace(self, credited_at=0)

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "correct": self.correct,
            "at": self.at,
            "after_solution": self.after_solution,
            "credited_at": self.credited_at,
        }


@dataclass(frozen=True)
class ProgressState:
    sections: Mapping[str, int] = field(default_factory=dict)
    widgets: Mapping[str, int] = field(default_factory=dict)
    answers: Mapping[str, AnswerEntry] = field(default_factory=dict)
    cleared_at: int = 0

    @classmethod
    def from_json(cls, data: object, where: str = "progress") -> ProgressState:
        """Validate a progress document from a client or a file. Every field is optional."""
        document = read_object(data, where, ProgressFormatError, _FIELDS)
        sections = _read_times(document.get("sections", {}), f"{where}.sections", MAX_SECTIONS)
        widgets = _read_times(document.get("widgets", {}), f"{where}.widgets", MAX_WIDGETS)
        raw_answers = read_mapping(
            document.get("answers", {}), f"{where}.answers", ProgressFormatError, MAX_ANSWERS
        )
        answers = {
            question: _read_answer(value, f'{where}.answers["{question}"]')
            for question, value in raw_answers.items()
        }
        cleared_at = _read_time(document.get("cleared_at", 0), f"{where}.cleared_at")
        return cls(sections, widgets, answers, cleared_at).without_cleared()

    def to_json(self) -> dict[str, Any]:
        return {
            "sections": dict(sorted(self.sections.items())),
            "widgets": dict(sorted(self.widgets.items())),
            "answers": {key: entry.to_json() for key, entry in sorted(self.answers.items())},
            "cleared_at": self.cleared_at,
        }

    def merge(self, other: ProgressState) -> ProgressState:
        """The least state that includes both: what either side knew, minus what a reset undid."""
        answers = dict(self.answers)
        for question, entry in other.answers.items():
            mine = answers.get(question)
            answers[question] = entry if mine is None else mine.merged(entry)
        merged = ProgressState(
            _later_times(self.sections, other.sections),
            _later_times(self.widgets, other.widgets),
            answers,
            max(self.cleared_at, other.cleared_at),
        )
        return merged.without_cleared()

    def without_cleared(self) -> ProgressState:
        """Drop entries made at or before the latest reset."""
        cut = self.cleared_at
        return ProgressState(
            {key: at for key, at in self.sections.items() if at > cut},
            {key: at for key, at in self.widgets.items() if at > cut},
            {key: entry.since(cut) for key, entry in self.answers.items() if entry.at > cut},
            cut,
        )

    def check_size(self, where: str = "progress") -> None:
        """Two states within bounds can merge into one beyond them; refuse that rather than
        silently dropping entries (which would break the merge laws)."""
        for name, entries, limit in (
            ("sections", self.sections, MAX_SECTIONS),
            ("widgets", self.widgets, MAX_WIDGETS),
            ("answers", self.answers, MAX_ANSWERS),
        ):
            if len(entries) > limit:
                raise ProgressFormatError(
                    f"{where}.{name} would hold {len(entries)} entries; at most {limit} are kept"
                )


def _later_times(mine: Mapping[str, int], theirs: Mapping[str, int]) -> dict[str, int]:
    merged = dict(mine)
    for key, at in theirs.items():
        merged[key] = max(at, merged.get(key, at))
    return merged


def _read_time(value: object, where: str) -> int:
    return read_integer(value, where, ProgressFormatError, 0, MAX_SAFE_INTEGER)


def _read_times(value: object, where: str, limit: int) -> dict[str, int]:
    entries = read_mapping(value, where, ProgressFormatError, limit)
    return {key: _read_time(at, f'{where}["{key}"]') for key, at in entries.items()}


def _read_answer(value: object, where: str) -> AnswerEntry:
    entry = read_object(value, where, ProgressFormatError, _ANSWER_FIELDS)
    correct = read_bool(
        require(entry, "correct", where, ProgressFormatError),
        f"{where}.correct",
        ProgressFormatError,
    )
    after_solution = read_bool(
        entry.get("after_solution", False), f"{where}.after_solution", ProgressFormatError
    )
    at = _read_time(require(entry, "at", where, ProgressFormatError), f"{where}.at")
    earned = at if correct and not after_solution else 0
    credited_at = _read_time(entry.get("credited_at", earned), f"{where}.credited_at")
    return AnswerEntry(
        at=at,
        correct=correct,
        answer=read_text(
            require(entry, "answer", where, ProgressFormatError),
            f"{where}.answer",
            ProgressFormatError,
            MAX_ANSWER_LENGTH,
        ),
        after_solution=after_solution,
        credited_at=min(at, credited_at),
    )
