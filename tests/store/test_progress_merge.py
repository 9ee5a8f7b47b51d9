"""The merge of progress documents is a join: commutative, associative, idempotent, and it keeps
everything done since the latest reset. Pure functions, no database."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steepest.store import ProgressFormatError, ProgressState
from steepest.store.progress import MAX_ANSWER_LENGTH, MAX_SECTIONS, AnswerEntry

# Few names and small times, so generated states overlap and tie often.
names = st.sampled_from(["intro", "see-it-move", "q1", "q2", "w1"])
times = st.integers(min_value=0, max_value=12)
answers = st.builds(
    AnswerEntry,
    at=times,
    correct=st.booleans(),
    answer=st.sampled_from(["a", "b"]),
    after_solution=st.booleans(),
    credited_at=times,
).map(lambda entry: replace(entry, credited_at=min(entry.credited_at, entry.at)))
states = st.builds(
    ProgressState,
    sections=st.dictionaries(names, times),
    widgets=st.dictionaries(names, times),
    answers=st.dictionaries(names, answers),
    cleared_at=st.integers(min_value=0, max_value=6),
).map(ProgressState.without_cleared)


@given(states)
def test_merge_is_idempotent(a: ProgressState) -> None:
    assert a.merge(a) == a


@given(states, states)
def test_merge_is_commutative(a: ProgressState, b: ProgressState) -> None:
    assert a.merge(b) == b.merge(a)


@given(states, states, states)
def test_merge_is_associative(a: ProgressState, b: ProgressState, c: ProgressState) -> None:
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(states, states)
def test_merge_keeps_the_latest_answer_to_every_question_since_the_last_reset(
    a: ProgressState, b: ProgressState
) -> None:
    merged = a.merge(b)
    for question in {*a.answers, *b.answers}:
        given_answers = [s.answers[question] for s in (a, b) if question in s.answers]
        latest = max(given_answers, key=AnswerEntry.rank)
        if latest.at > merged.cleared_at:
            assert merged.answers[question].rank() == latest.rank()
        else:
            assert question not in merged.answers


@given(states, states)
def test_merge_keeps_credit_once_either_side_earned_it(a: ProgressState, b: ProgressState) -> None:
    merged = a.merge(b)
    for question, entry in merged.answers.items():
        earned = [s.answers[question].credited_at for s in (a, b) if question in s.answers]
        latest = max(earned)
        assert entry.credited_at == (latest if latest > merged.cleared_at else 0)


@given(states, states)
def test_merge_keeps_every_section_and_widget_touched_since_the_last_reset(
    a: ProgressState, b: ProgressState
) -> None:
    merged = a.merge(b)
    for kind in ("sections", "widgets"):
        kept: dict[str, int] = getattr(merged, kind)
        for side in (a, b):
            for key, at in getattr(side, kind).items():
                if at > merged.cleared_at:
                    assert kept[key] >= at
        assert set(kept) <= {*getattr(a, kind), *getattr(b, kind)}
        assert all(at > merged.cleared_at for at in kept.values())


@given(states)
def test_json_round_trip_gives_the_same_state(a: ProgressState) -> None:
    assert ProgressState.from_json(a.to_json()) == a


def test_two_tabs_offline_then_online_keep_both_sides() -> None:
    tab = ProgressState.from_json(
        {"sections": {"intro": 10}, "answers": {"q1": {"answer": "b", "correct": True, "at": 11}}}
    )
    offline = ProgressState.from_json(
        {
            "sections": {"see-it-move": 12},
            "answers": {"q2": {"answer": "a", "correct": False, "at": 13}},
        }
    )
    merged = tab.merge(offline).to_json()
    assert merged["sections"] == {"intro": 10, "see-it-move": 12}
    assert set(merged["answers"]) == {"q1", "q2"}


def test_a_reset_in_one_tab_is_not_undone_by_the_other_tabs_old_state() -> None:
    old = ProgressState.from_json({"sections": {"intro": 5}, "widgets": {"best-box": 6}})
    reset_then_read = ProgressState.from_json({"cleared_at": 7, "sections": {"see-it-move": 8}})
    assert old.merge(reset_then_read).to_json() == {
        "sections": {"see-it-move": 8},
        "widgets": {},
        "answers": {},
        "cleared_at": 7,
    }


def test_a_tie_between_answers_is_broken_the_same_way_on_both_sides() -> None:
    right = ProgressState(answers={"q": AnswerEntry(at=5, correct=True, answer="b")})
    wrong = ProgressState(answers={"q": AnswerEntry(at=5, correct=False, answer="c")})
    assert right.merge(wrong).answers["q"].correct
    assert wrong.merge(right).answers["q"].correct


def test_an_empty_document_is_the_empty_state() -> None:
    assert ProgressState.from_json({}) == ProgressState()


def test_an_answer_from_before_credit_was_kept_is_credited_when_right() -> None:
    state = ProgressState.from_json(
        {"answers": {"q1": {"answer": "b", "correct": True, "at": 1}, "q2": _entry(False)}}
    )
    assert state.answers["q1"].credited_at == 1
    assert not state.answers["q1"].after_solution
    assert state.answers["q2"].credited_at == 0


def test_a_wrong_try_after_a_right_one_keeps_the_credit() -> None:
    right = ProgressState(answers={"q": AnswerEntry(at=5, correct=True, answer="b", credited_at=5)})
    wrong = ProgressState(answers={"q": AnswerEntry(at=6, correct=False, answer="c")})
    assert wrong.merge(right).answers["q"] == AnswerEntry(
        at=6, correct=False, answer="c", credited_at=5
    )


def _entry(correct: bool) -> dict[str, Any]:
    return {"answer": "b", "correct": correct, "at": 1}


def _answer(**fields: Any) -> dict[str, Any]:
    return {"answers": {"q1": {"answer": "b", "correct": True, "at": 1, **fields}}}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], "progress must be a JSON object"),
        ({"read": {}}, "unknown field 'read'"),
        ({"sections": ["intro"]}, "progress.sections must be a JSON object"),
        ({"sections": {"intro": -1}}, 'progress.sections["intro"] must be between 0'),
        ({"sections": {"intro": True}}, "must be a whole number"),
        ({"sections": {"intro": 1.5}}, "must be a whole number"),
        ({"sections": {"intro": 2**53}}, "must be between 0 and 9007199254740991"),
        ({"sections": {"<script>": 1}}, "may hold only letters"),
        ({"widgets": {"x" * 101: 1}}, "longer than 100 characters"),
        ({"sections": {f"s{n}": 1 for n in range(MAX_SECTIONS + 1)}}, "at most 200 are kept"),
        ({"cleared_at": "yesterday"}, "progress.cleared_at must be a whole number"),
        ({"answers": {"q1": "b"}}, 'progress.answers["q1"] must be a JSON object'),
        ({"answers": {"q1": {"answer": "b", "correct": True}}}, "missing the field 'at'"),
        (_answer(correct="yes"), "correct must be true or false"),
        (_answer(answer="x" * (MAX_ANSWER_LENGTH + 1)), "longer than 1000 characters"),
        (_answer(answer="a\x00b"), "NUL"),
        (_answer(score=1), "unknown field 'score'"),
        (_answer(credited_at="yes"), "credited_at must be a whole number"),
        (_answer(after_solution=1), "after_solution must be true or false"),
    ],
)
def test_malformed_documents_are_refused_with_the_place_named(
    document: object, expected: str
) -> None:
    with pytest.raises(ProgressFormatError) as raised:
        ProgressState.from_json(document)
    assert expected in raised.value.message
