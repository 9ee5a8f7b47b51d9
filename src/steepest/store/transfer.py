"""The file a learner downloads to keep, or to carry their progress to another browser or server.

    {
      "format": "steepest-learner-export",
      "version": 3,
      "exported_at": "2026-05-01T12:00:00+00:00",
      "progress": {"<lesson slug>": <progress document, see progress.py>, ...},
      "attempts": [{"id": ..., "created_at": ..., "lesson": ..., "question": ...,
                    "problem": {"topic": "partial", "level": 1, "kind": "partial",
                                "seed": 7} | null,
                    "answer": ..., "verdict": ..., "mistake": ..., "hints": 0,
                    "solution_shown": false}, ...],
      "review": <review-state document, see review_state.py>
    }

Version 2 added `hints`, the count of hints revealed before an attempt, and each practice
problem's `topic`; a file of version 1 is read as having revealed none. `solution_shown`
(store/attempts.py) came later within version 2: a file without it is read as the solution
not shown. Version 3 added `review`, the spaced-review cards; a file of an earlier version has
none.

The learner id is left out on purpose: it works like a password (it is the cookie), and the
file may be shared with a teacher. Importing merges: progress by `ProgressState.merge`,
review cards by `ReviewState.merge`, attempts by their id, so importing the same file twice
adds nothing.

Version 1 files, written before practice had topics, have no `topic` in a problem; reading one
gives each problem the topic of its kind (`topics.topic_before_topics`), as migration 0003 does
for the attempts stored then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from steepest.store.attempts import AttemptRecord
from steepest.store.errors import ImportFormatError, ProgressFormatError, ReviewFormatError
from steepest.store.progress import ProgressState
from steepest.store.review_state import ReviewState
from steepest.store.shapes import read_list, read_mapping, read_object, require

EXPORT_FORMAT = "steepest-learner-export"
EXPORT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
MAX_IMPORT_LESSONS = 500
MAX_IMPORT_ATTEMPTS = 20_000
_FIELDS = ("format", "version", "exported_at", "progress", "attempts", "review")


@dataclass(frozen=True)
class LearnerExport:
    progress: Mapping[str, ProgressState]
    attempts: Sequence[AttemptRecord]
    review: ReviewState = field(default_factory=ReviewState)

    def to_json(self, exported_at: datetime) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": exported_at.isoformat(),
            "progress": {
                lesson: state.to_json() for lesson, state in sorted(self.progress.items())
            },
            "attempts": [attempt.to_json() for attempt in self.attempts],
            "review": self.review.to_json(),
        }

    @classmethod
    def from_json(cls, data: object) -> LearnerExport:
        error = ImportFormatError
        document = read_object(data, "the file", error, _FIELDS)
        if document.get("format") != EXPORT_FORMAT:
            raise error("this is not a Steepest progress file (its format field is wrong)")
        version = require(document, "version", "the file", error)
        whole = isinstance(version, int) and not isinstance(version, bool)
        if not (whole and version in READABLE_VERSIONS):
            newer = whole and version > EXPORT_VERSION
            raise error(
                f"this file is format version {version!r}, written by a newer Steepest;"
                f" this server reads versions up to {EXPORT_VERSION}"
                if newer
                else f"this file's version {version!r} is not one Steepest ever wrote"
            )
        lessons = read_mapping(
            require(document, "progress", "the file", error), "progress", error, MAX_IMPORT_LESSONS
        )
        progress = {lesson: _read_progress(value, lesson) for lesson, value in lessons.items()}
        raw_attempts = read_list(
            require(document, "attempts", "the file", error), "attempts", error, MAX_IMPORT_ATTEMPTS
        )
        attempts = [
            AttemptRecord.from_json(item, f"attempts[{index}]", error)
            for index, item in enumerate(raw_attempts)
        ]
        try:
            review = ReviewState.from_json(document.get("review", {}))
        except ReviewFormatError as problem:
            raise error(problem.message) from None
        return cls(progress, attempts, review)


@dataclass(frozen=True)
class ImportSummary:
    lessons: int
    """Lessons the file had progress for."""
    lessons_changed: int
    """Of those, lessons whose stored progress gained something."""
    attempts_added: int
    attempts_already_present: int
    review_changed: bool = False
    """Whether the stored review cards gained something."""

    def to_json(self) -> dict[str, int | bool]:
        return {
            "review_changed": self.review_changed,
            "lessons": self.lessons,
            "lessons_changed": self.lessons_changed,
            "attempts_added": self.attempts_added,
            "attempts_already_present": self.attempts_already_present,
        }


def _read_progress(value: object, lesson: str) -> ProgressState:
    try:
        return ProgressState.from_json(value, f'progress["{lesson}"]')
    except ProgressFormatError as problem:
        raise ImportFormatError(problem.message) from None
