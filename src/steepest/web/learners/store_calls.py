"""The store operations the routes need, each one function run in a thread by `StoreHandle`.

Keeping them here, with `steepest.store` imported only inside them, keeps SQLAlchemy out of the
server's start-up (see store_handle.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from steepest.compute.tasks.messages import PracticeKey
from steepest.engine.answer_kinds import VerdictKind
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.mastery import TopicMasteryJson
from steepest.web.course.help_steps import Tries
from steepest.web.http.errors import AlreadyAnswered
from steepest.web.learners.store_handle import StoreHandle

PRACTICE_TRIES = 2
"""Tries at one practice problem: a wrong first answer may be tried once more."""

if TYPE_CHECKING:
    from steepest.store import Store


async def record_attempt(
    store: StoreHandle,
    learner: str,
    *,
    answer: str,
    feedback: FeedbackJson,
    uid: str | None,
    lesson: str | None = None,
    question: str | None = None,
    practice: PracticeKey | None = None,
    hints: int = 0,
    solution_shown: bool = False,
) -> int:
    """Record the attempt; for a practice problem, which try at it this was (1 or 2)."""
    return await store.call(
        _record,
        learner,
        answer,
        feedback["verdict"],
        feedback["mistake"],
        uid,
        lesson,
        question,
        practice,
        hints,
        solution_shown,
    )


async def record_lesson_try(
    store: StoreHandle,
    learner: str,
    lesson: str,
    question: str,
    *,
    answer: str,
    verdict: VerdictKind,
    uid: str | None = None,
    hints: int = 0,
    solution_shown: bool = False,
) -> None:
    """A try at a lesson question that has no engine diagnosis: a multiple-choice answer, or
    the request to show the solution (no answer, verdict `invalid`, see store/attempts.py)."""
    await store.call(
        _record, learner, answer, verdict, None, uid, lesson, question, None, hints, solution_shown
    )


async def question_tries(store: StoreHandle, learner: str, lesson: str, question: str) -> Tries:
    return await store.call(_question_tries, learner, lesson, question)


def _question_tries(store: Store, learner: str, lesson: str, question: str) -> Tries:
    stored = store.question_tries(learner, lesson, question)
    return Tries(stored.wrong, stored.right, stored.solution_shown)


def _record(
    store: Store,
    learner: str,
    answer: str,
    verdict: VerdictKind,
    mistake: str | None,
    uid: str | None,
    lesson: str | None,
    question: str | None,
    practice: PracticeKey | None,
    hints: int,
    solution_shown: bool,
) -> int:
    from steepest.store import NewAttempt, ProblemKey

    problem = None
    tries = 1
    if practice is not None:
        problem = ProblemKey(practice.topic, practice.level, practice.kind, practice.seed)
        tries = _this_try(store, learner, problem, uid)
    store.record_attempt(
        learner,
        NewAttempt(
            answer=answer,
            verdict=verdict,
            problem=problem,
            lesson=lesson,
            question=question,
            mistake=mistake,
            uid=uid,
            hints=hints,
            solution_shown=solution_shown,
        ),
    )
    return tries


def mastery(store: Store, learner: str, topic: str) -> TopicMasteryJson:
    return {"topic": topic, **store.mastery(learner, topic=topic).to_json()}


def get_progress(store: Store, learner: str, lesson: str) -> dict[str, Any]:
    return store.get_progress(learner, lesson)


def progress_by_lesson(store: Store, learner: str) -> dict[str, dict[str, Any]]:
    return store.progress_by_lesson(learner)


def merge_progress(store: Store, learner: str, lesson: str, document: object) -> dict[str, Any]:
    return store.merge_progress(learner, lesson, document)


def export_learner(store: Store, learner: str) -> dict[str, Any]:
    return store.export_learner(learner)


def import_learner(store: Store, learner: str, document: object) -> dict[str, int]:
    return store.import_learner(learner, document).to_json()


def _this_try(store: Store, learner: str, problem: object, uid: str | None) -> int:
    """Which try at a practice problem this answer is: a wrong first answer earns one more
    try, which counts as an attempt but never as right first time (engine/problems/mastery.py).
    After a right answer or a second try the solution has been shown, and answering again with
    it would master a level for free. (Retrying the same request, with the same attempt id,
    is fine: the store records it once.)"""
    earlier = [
        record.attempt.verdict
        for record in store.attempts(learner)
        if record.attempt.problem == problem
        and record.attempt.verdict != "invalid"
        and record.uid != uid
    ]
    if "correct" in earlier:
        raise AlreadyAnswered("you answered this problem right already: ask for a new one")
    if len(earlier) >= PRACTICE_TRIES:
        raise AlreadyAnswered(
            f"you have had your {PRACTICE_TRIES} tries at this problem: ask for a new one"
        )
    return len(earlier) + 1
