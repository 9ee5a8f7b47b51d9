"""Where a learner stands in a lesson, as the course index shows it: not started, in progress
or mastered.

A lesson is *mastered* when every one of its sections has been read and every one of its
questions (multiple-choice and typed) has been answered right: the latest answer counts, so a
right answer followed by a wrong one is not mastery. Widgets tried and practice do not count
towards it. *In progress* is anything short of that with at least one section read, widget
tried or question answered; *not started* is nothing at all.

`MasteryGoal` is the one place that decides what mastery asks for. The index page sends each
lesson's goal to the browser (`data-sections`, `data-questions`), and js/lesson-status.js only
checks a progress document against it, the same check as `lesson_status` here, so the status
rendered from the server's copy and the one the browser works out from localStorage agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from steepest.lessons import Lesson, QuestionBlock, TypedQuestionBlock

LessonStatus = Literal["not-started", "in-progress", "mastered"]

STATUS_TEXT: Mapping[LessonStatus, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "mastered": "Mastered",
}


@dataclass(frozen=True)
class MasteryGoal:
    """The sections to read and the questions to answer right to master a lesson."""

    sections: tuple[str, ...]
    questions: tuple[str, ...]

    @classmethod
    def of(cls, lesson: Lesson) -> MasteryGoal:
        questions = tuple(
            block.id
            for section in lesson.sections
            for block in section.blocks
            if isinstance(block, QuestionBlock | TypedQuestionBlock)
        )
        return cls(tuple(section.id for section in lesson.sections), questions)


def lesson_status(goal: MasteryGoal, progress: Mapping[str, Any]) -> LessonStatus:
    """`progress` is a lesson's progress document as the store returns it (see
    steepest.store.progress), or an empty mapping when there is none."""
    sections: Mapping[str, int] = progress.get("sections", {})
    answers: Mapping[str, Mapping[str, Any]] = progress.get("answers", {})
    read_all = all(section in sections for section in goal.sections)
    # Right means credited: right without the solution shown, and kept through later slips.
    right_all = all(answers.get(q, {}).get("credited_at", 0) > 0 for q in goal.questions)
    if read_all and right_all:
        return "mastered"
    if sections or progress.get("widgets") or answers:
        return "in-progress"
    return "not-started"
