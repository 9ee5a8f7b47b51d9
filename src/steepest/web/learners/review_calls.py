"""The store operations of spaced review, each run in a thread by `StoreHandle` like
store_calls.py, with `steepest.store` and `steepest.review` imported only inside them.

`now` is always the caller's: the routes pass the time of their clock dependency.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from steepest.compute.tasks.messages import PracticeKey
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.web.http.errors import AlreadyAnswered, NothingToReview

if TYPE_CHECKING:
    from steepest.review.due import ReviewItem, ReviewPlan
    from steepest.store import Store

# A review gives one problem two tries: a wrong first answer gets a second, without the solution.
TRIES = 2


def plan(store: Store, learner: str, now: datetime) -> ReviewPlan:
    from steepest.review.due import mastered_topics, review_plan

    mastered = mastered_topics(store.practice_history(learner))
    return review_plan(store.get_review(learner), mastered, now)


def plan_json(store: Store, learner: str, now: datetime) -> dict[str, Any]:
    return {**plan(store, learner, now).to_json(), "review": store.get_review(learner).to_json()}


def due_count(store: Store, learner: str, now: datetime) -> int:
    return len(plan(store, learner, now).due)


def reviewable(store: Store, learner: str, topic: str, now: datetime) -> ReviewItem:
    """The card of `topic`, due or not; refused when no level of the topic is mastered."""
    item = plan(store, learner, now).item(topic)
    if item is None:
        raise NothingToReview(
            f"you have not mastered a level of {topic!r} yet: practise it first, then review it"
        )
    return item


def merge_review(store: Store, learner: str, document: object) -> dict[str, Any]:
    from steepest.store import ReviewState

    return store.merge_review(learner, ReviewState.from_json(document)).to_json()


def record_review(
    store: Store,
    learner: str,
    key: PracticeKey,
    answer: str,
    feedback: FeedbackJson,
    uid: str | None,
    now: datetime,
) -> dict[str, Any]:
    """Record one answer to a review problem and, once the review is over (right, or wrong at
    the last try), rate it and reschedule the topic's card. Unreadable input costs nothing."""
    from steepest.review.schedule import rating, review_card
    from steepest.store import NewAttempt, ProblemKey, ReviewState

    item = reviewable(store, learner, key.topic, now)
    problem = ProblemKey(key.topic, key.level, key.kind, key.seed)
    readable = [
        record
        for record in store.attempts(learner)
        if record.attempt.problem == problem and record.attempt.verdict != "invalid"
    ]
    if uid is not None and any(record.uid == uid for record in readable):
        # A retried request whose answer was recorded (and maybe rated): never rate it twice.
        raise AlreadyAnswered(
            "this answer was checked already: reload the page to see your reviews"
        )
    earlier = [record.attempt.verdict for record in readable]
    if "correct" in earlier or len(earlier) >= TRIES:
        raise AlreadyAnswered("you have answered this review already: ask for the next one")
    verdict = feedback["verdict"]
    attempt = NewAttempt(
        answer=answer, verdict=verdict, problem=problem, mistake=feedback["mistake"], uid=uid
    )
    store.record_attempt(learner, attempt)
    tries = len(earlier) + 1
    correct = verdict == "correct"
    if verdict == "invalid" or not (correct or tries == TRIES):
        left = TRIES - len(earlier) - (verdict != "invalid")
        return {"finished": False, "rating": None, "tries_left": left}
    grade = rating(correct, tries)
    card = review_card(item.card, grade, now)
    merged = store.merge_review(learner, ReviewState({key.topic: card}))
    return {
        "finished": True,
        "rating": grade.name.lower(),
        "tries_left": 0,
        "card": card.to_json(),
        "review": merged.to_json(),
    }
