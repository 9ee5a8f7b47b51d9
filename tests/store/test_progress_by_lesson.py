"""The course index reads every lesson's progress at once; and an undone reset (entries made
again with new times, as js/progress.js `restore` does) survives every merge."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steepest.store import ProgressState, Store, UnknownLearner
from steepest.store.progress import AnswerEntry
from steepest.store.tokens import new_learner_id

from .test_progress_merge import states

LESSONS = ["loss", "gradient", "momentum"]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(LESSONS), states, min_size=1))
def test_every_lessons_progress_is_what_each_lesson_holds(
    store: Store, by_lesson: dict[str, ProgressState]
) -> None:
    learner = store.ensure_learner(None)
    for lesson, state in by_lesson.items():
        store.merge_progress(learner, lesson, state.to_json())
    expected = {lesson: store.get_progress(learner, lesson) for lesson in by_lesson}
    assert store.progress_by_lesson(learner) == expected


def test_an_unknown_or_malformed_learner_has_none_and_is_not_created(store: Store) -> None:
    stranger = new_learner_id()
    assert store.progress_by_lesson(stranger) == {}
    assert store.progress_by_lesson("not an id; DROP TABLE learners") == {}
    with pytest.raises(UnknownLearner):
        store.get_progress(stranger, "loss")  # reading the index did not create the learner


def undo(reset: ProgressState, removed: ProgressState) -> ProgressState:
    """What js/progress.js `restore` sends: each removed entry that is not there again, made
    anew after the reset."""
    at = reset.cleared_at + 1
    sections = {**{key: at for key in removed.sections}, **reset.sections}
    widgets = {**{key: at for key in removed.widgets}, **reset.widgets}
    answers = {**{key: replace(e, at=at) for key, e in removed.answers.items()}, **reset.answers}
    return ProgressState(sections, widgets, answers, reset.cleared_at)


@given(states, st.integers(min_value=13, max_value=20))
def test_an_undone_reset_survives_merging_with_the_reset_and_the_state_before_it(
    before: ProgressState, cleared_at: int
) -> None:
    reset = ProgressState(cleared_at=cleared_at)
    undone = undo(reset, before)
    for merged in (
        undone.merge(reset).merge(before),
        before.merge(reset).merge(undone),
        reset.merge(undone).merge(before),
    ):
        assert set(merged.sections) == set(before.sections)
        assert set(merged.widgets) == set(before.widgets)
        kept = {key: (e.answer, e.correct) for key, e in merged.answers.items()}
        assert kept == {key: (e.answer, e.correct) for key, e in before.answers.items()}


def test_an_undo_keeps_what_was_done_since_the_reset() -> None:
    before = ProgressState(answers={"q1": AnswerEntry(at=3, correct=True, answer="a")})
    since = AnswerEntry(at=9, correct=False, answer="b")
    reset = ProgressState(answers={"q1": since}, cleared_at=8)
    assert undo(reset, before).merge(before).answers == {"q1": since}
