"""FSRS scheduling of review cards, always at a time the test chooses: a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from steepest.review.due import MasteredTopic, PracticeFact, mastered_topics, review_plan
from steepest.review.schedule import milliseconds, moment, rating, review_card
from steepest.store import ReviewState

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)
# The reference: fsrs itself, as the wrapper is meant to configure it.
REFERENCE = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def test_a_good_first_review_is_scheduled_days_ahead_as_fsrs_says() -> None:
    card = review_card(None, Rating.Good, START)
    expected, _ = REFERENCE.review_card(Card(card_id=0, due=START), Rating.Good, START)
    assert moment(card.due) == expected.due
    assert moment(card.due) - START >= 2 * DAY
    assert (card.reviewed_at, card.reps, card.lapses) == (milliseconds(START), 1, 0)


def test_after_again_a_card_comes_back_sooner_than_after_good() -> None:
    first = review_card(None, Rating.Good, START)
    later = moment(first.due)
    good = review_card(first, Rating.Good, later)
    hard = review_card(first, Rating.Hard, later)
    again = review_card(first, Rating.Again, later)
    assert moment(again.due) < moment(hard.due) <= moment(good.due)
    assert moment(again.due) - later == DAY
    assert (again.reps, again.lapses) == (2, 1)
    # Spaced: a second Good waits longer than the first.
    assert moment(good.due) - later > moment(first.due) - START


def test_a_stored_card_continues_as_the_same_card_in_fsrs() -> None:
    first = review_card(None, Rating.Good, START)
    later = START + 10 * DAY
    card, _ = REFERENCE.review_card(Card(card_id=0, due=START), Rating.Good, START)
    expected, _ = REFERENCE.review_card(card, Rating.Again, later)
    assert moment(review_card(first, Rating.Again, later).due) == expected.due


def test_the_rating_follows_the_try_that_finished_the_review() -> None:
    assert rating(correct=True, tries=1) == Rating.Good
    assert rating(correct=True, tries=2) == Rating.Hard
    assert rating(correct=False, tries=2) == Rating.Again


def test_a_topic_joins_review_once_a_level_is_mastered() -> None:
    history: list[PracticeFact] = [
        ("partial", 1, "correct", START),
        ("partial", 1, "correct", START + timedelta(minutes=1)),
        ("gradient", 1, "correct", START),
        ("partial", 1, "correct", START + timedelta(minutes=2)),
        ("partial", 2, "incorrect", START + timedelta(minutes=3)),
        ("retired_topic", 1, "correct", START),
    ]
    mastered = mastered_topics(history)
    assert mastered == {"partial": MasteredTopic("partial", 1, START + timedelta(minutes=2))}


def test_due_cards_are_listed_at_a_fixed_now() -> None:
    mastered = {
        "partial": MasteredTopic("partial", 2, START),
        "gradient": MasteredTopic("gradient", 1, START + 5 * DAY),
    }
    # Never reviewed: due a Good interval after the last practice.
    first_due = moment(review_card(None, Rating.Good, START).due)
    before = review_plan(ReviewState(), mastered, first_due - timedelta(seconds=1))
    assert before.due == ()
    assert [item.topic for item in before.upcoming] == ["partial", "gradient"]
    at = review_plan(ReviewState(), mastered, first_due)
    assert [(item.topic, item.level, item.reviewed) for item in at.due] == [("partial", 2, False)]
    assert at.session() == at.due
    # Reviewed right at first_due: no longer due then, due again later.
    reviewed = review_card(at.due[0].card, Rating.Good, first_due)
    after = review_plan(ReviewState({"partial": reviewed}), mastered, first_due)
    assert after.due == ()
    item = after.item("partial")
    assert item is not None and item.reviewed
    assert review_plan(ReviewState({"partial": reviewed}), mastered, moment(reviewed.due)).due
