"""The merge of review-state documents is a join: commutative, associative, idempotent, and it
keeps each topic's card from the latest review. Pure functions, no database."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steepest.store import ReviewCard, ReviewFormatError, ReviewState

# Few topics and small times, so generated states overlap and tie often.
topics = st.sampled_from(["partial", "gradient", "descent"])
small = st.integers(min_value=0, max_value=4)
cards = st.builds(
    ReviewCard,
    reviewed_at=small,
    due=small,
    stability=st.sampled_from([0.5, 3.0]),
    difficulty=st.sampled_from([2.0, 7.5]),
    reps=small,
    lapses=small,
)
states = st.builds(ReviewState, cards=st.dictionaries(topics, cards))


@given(states)
def test_merge_is_idempotent(a: ReviewState) -> None:
    assert a.merge(a) == a


@given(states, states)
def test_merge_is_commutative(a: ReviewState, b: ReviewState) -> None:
    assert a.merge(b) == b.merge(a)


@given(states, states, states)
def test_merge_is_associative(a: ReviewState, b: ReviewState, c: ReviewState) -> None:
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(states, states)
def test_merge_keeps_each_topics_latest_review(a: ReviewState, b: ReviewState) -> None:
    merged = a.merge(b)
    assert set(merged.cards) == {*a.cards, *b.cards}
    for topic, card in merged.cards.items():
        latest = max(s.cards[topic].reviewed_at for s in (a, b) if topic in s.cards)
        assert card.reviewed_at == latest


@given(states)
def test_a_document_reads_back_as_it_was_written(a: ReviewState) -> None:
    assert ReviewState.from_json(a.to_json()) == a


CARD = {"reviewed_at": 1, "due": 2, "stability": 3.1, "difficulty": 5.0, "reps": 1, "lapses": 0}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "review must be a JSON object"),
        ({"cards": {"partial": {**CARD, "color": 1}}}, "unknown field 'color'"),
        ({"cards": {"partial": {**CARD, "stability": -1}}}, 'cards["partial"].stability must'),
        ({"cards": {"partial": {**CARD, "difficulty": float("nan")}}}, "difficulty must"),
        ({"cards": {"partial": {**CARD, "due": True}}}, "due must be a whole number"),
        ({"cards": {"no way": CARD}}, "may hold only letters"),
        ({"cards": {"partial": {"due": 2}}}, "missing the field 'reviewed_at'"),
    ],
)
def test_a_malformed_document_is_refused_saying_where(document: Any, message: str) -> None:
    with pytest.raises(ReviewFormatError, match=message.replace("[", r"\[").replace("(", r"\(")):
        ReviewState.from_json(document)
