"""FSRS (the `fsrs` package) behind one function: a card reviewed with a rating at a time.

The scheduler has no learning steps and no fuzz: a topic reached review by being mastered, so
its first review already schedules days ahead, every interval is a whole number of days (at
least one), and the same reviews at the same times always give the same schedule.

How a review is rated, from the one problem it asks (practice problems have no hints, so no
review is rated after hints):
- right at the first try: Good;
- right at the second try: Hard (a first wrong answer gets a second try, without the solution);
- wrong at the second try: Again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from steepest.store import ReviewCard

_SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def rating(correct: bool, tries: int) -> Rating:
    """The rating of a review answered `correct`ly or not at its `tries`-th try."""
    if not correct:
        return Rating.Again
    return Rating.Good if tries == 1 else Rating.Hard


def review_card(card: ReviewCard | None, grade: Rating, at: datetime) -> ReviewCard:
    """`card` (None: a topic never reviewed) after a review rated `grade` at `at`."""
    before = Card(card_id=0, due=at) if card is None else _fsrs_card(card)
    after, _ = _SCHEDULER.review_card(before, grade, at.astimezone(UTC))
    assert after.stability is not None and after.difficulty is not None
    return ReviewCard(
        reviewed_at=milliseconds(at),
        due=milliseconds(after.due),
        stability=after.stability,
        difficulty=after.difficulty,
        reps=(0 if card is None else card.reps) + 1,
        lapses=(0 if card is None else card.lapses) + (grade == Rating.Again),
    )


def milliseconds(moment: datetime) -> int:
    """Milliseconds since the epoch, the unit of the review-state document."""
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def moment(milliseconds: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=milliseconds)


def _fsrs_card(card: ReviewCard) -> Card:
    # Without learning or relearning steps every reviewed card is in FSRS's Review state.
    return Card(
        card_id=0,
        state=State.Review,
        step=None,
        stability=card.stability,
        difficulty=card.difficulty,
        due=moment(card.due),
        last_review=moment(card.reviewed_at),
    )
