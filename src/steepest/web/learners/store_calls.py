"""The store operations the routes need, each one function run in a thread by `StoreHandle`.

Keeping them here, with `steepest.store` imported only inside them, keeps SQLAlchemy out of the
server's start-up (see store_handle.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from steepest.compute.tasks.messages import PracticeKey
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.mastery import TopicMasteryJson
from steepest.web.http.errors import AlreadyAnswered
from steepest.web.learners.store_handle import StoreHandle

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
) -> None:
    await store.call(_record, learner, answer, feedback, uid, lesson, question, practice, hints)


def _record(
    store: Store,
    learner: str,
    answer: str,
    feedback: FeedbackJson,
    uid: str | None,
    lesson: str | None,
    question: str | None,
    practice: PracticeKey | None,
    hints: int,
) -> None:
    from steepest.store import NewAttempt, ProblemKey

    problem = None
    if practice is not None:
        problem = ProblemKey(practice.topic, practice.level, practice.kind, practice.seed)
        _refuse_replay(store, learner, problem, uid)
    store.record_attempt(
        learner,
        NewAttempt(
            answer=answer,
            verdict=feedback["verdict"],
            problem=problem,
            lesson=lesson,
            question=question,
            mistake=feedback["mistake"],
            uid=uid,
            hints=hints,
        ),
    )


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


def _refuse_replay(store: Store, learner: str, problem: object, uid: str | None) -> None:
    """Once its solution has been shown, a practice problem counts no more: answering it again
    with the revealed answer would master a level for free. (Retrying the same request, with
    the same attempt id, is fine: the store records it once.)"""
    for earlier in store.attempts(learner):
        attempt = earlier.attempt
        if attempt.problem == problem and attempt.verdict != "invalid" and earlier.uid != uid:
            raise AlreadyAnswered("you have answered this problem already: ask for a new one")
