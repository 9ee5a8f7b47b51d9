"""Learners and their progress, stored: merging through the database keeps both sides, even
with many writers at once."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steepest.store import (
    LearnerIdError,
    ProgressFormatError,
    ProgressState,
    Store,
    UnknownLearner,
)
from steepest.store.progress import MAX_SECTIONS
from steepest.store.tokens import new_learner_id

from .test_progress_merge import states


def test_a_new_learner_gets_a_random_url_safe_id_of_at_least_128_bits(store: Store) -> None:
    ids = {store.ensure_learner(None) for _ in range(20)}
    assert len(ids) == 20
    for learner in ids:
        assert len(learner) >= 22
        assert learner.replace("-", "").replace("_", "").isalnum()


def test_a_known_id_is_kept_and_an_unknown_well_formed_one_is_created(store: Store) -> None:
    known = store.ensure_learner(None)
    assert store.ensure_learner(known) == known
    brought = new_learner_id()
    assert store.ensure_learner(brought) == brought
    assert store.get_progress(brought, "intro")["sections"] == {}


@pytest.mark.parametrize("cookie", ["", "short", "x" * 65, "has space in it and is long", "é" * 30])
def test_a_malformed_cookie_gets_a_fresh_id(store: Store, cookie: str) -> None:
    fresh = store.ensure_learner(cookie)
    assert fresh != cookie
    assert store.ensure_learner(fresh) == fresh


def test_progress_of_an_unknown_or_malformed_learner_is_refused(store: Store) -> None:
    with pytest.raises(UnknownLearner):
        store.get_progress(new_learner_id(), "intro")
    with pytest.raises(UnknownLearner):
        store.merge_progress(new_learner_id(), "intro", {})
    with pytest.raises(LearnerIdError):
        store.merge_progress("nope", "intro", {})


def test_every_call_refuses_a_malformed_learner_id_as_such(store: Store, learner: str) -> None:
    exported = store.export_learner(learner)
    calls: list[Callable[[], object]] = [
        lambda: store.get_progress("nope", "intro"),
        lambda: store.attempts("nope"),
        lambda: store.mastery("nope"),
        lambda: store.export_learner("nope"),
        lambda: store.import_learner("nope", exported),
    ]
    for call in calls:
        with pytest.raises(LearnerIdError):
            call()


def test_progress_starts_empty_and_is_kept_per_lesson(store: Store, learner: str) -> None:
    assert store.get_progress(learner, "one") == ProgressState().to_json()
    merged = store.merge_progress(learner, "one", {"sections": {"intro": 5}})
    assert merged["sections"] == {"intro": 5}
    assert store.get_progress(learner, "one") == merged
    assert store.get_progress(learner, "two")["sections"] == {}


def test_the_merge_returns_what_other_tabs_sent(store: Store, learner: str) -> None:
    answer = {"answer": "b", "correct": True, "at": 7, "after_solution": False, "credited_at": 7}
    store.merge_progress(learner, "one", {"answers": {"q1": answer}})
    merged = store.merge_progress(learner, "one", {"sections": {"intro": 9}})
    assert merged["answers"] == {"q1": answer}
    assert merged["sections"] == {"intro": 9}


def test_a_malformed_document_writes_nothing(store: Store, learner: str) -> None:
    store.merge_progress(learner, "one", {"sections": {"intro": 5}})
    with pytest.raises(ProgressFormatError):
        store.merge_progress(learner, "one", {"sections": {"later": 6}, "extra": 1})
    with pytest.raises(ProgressFormatError, match="the lesson"):
        store.merge_progress(learner, "../etc", {})
    assert store.get_progress(learner, "one")["sections"] == {"intro": 5}


def test_a_merge_that_would_grow_past_the_bound_is_refused(store: Store, learner: str) -> None:
    half = MAX_SECTIONS // 2 + 1
    store.merge_progress(learner, "one", {"sections": {f"a{n}": 1 for n in range(half)}})
    with pytest.raises(ProgressFormatError, match="would hold"):
        store.merge_progress(learner, "one", {"sections": {f"b{n}": 1 for n in range(half)}})
    assert len(store.get_progress(learner, "one")["sections"]) == half


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(updates=st.lists(states, min_size=1, max_size=4), order=st.randoms())
def test_the_stored_state_does_not_depend_on_the_order_updates_arrive_in(
    store: Store, updates: list[ProgressState], order: random.Random
) -> None:
    expected = ProgressState()
    for update in updates:
        expected = expected.merge(update)
    shuffled = list(updates)
    order.shuffle(shuffled)
    learner = store.ensure_learner(None)
    for update in shuffled:
        store.merge_progress(learner, "one", update.to_json())
    assert store.get_progress(learner, "one") == expected.to_json()


def test_concurrent_writers_lose_no_update(store: Store, store_url: str, learner: str) -> None:
    writers, writes = 8, 12
    barrier = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(writer: int, into: Store) -> None:
        barrier.wait()
        try:
            for n in range(writes):
                at = writer * writes + n + 1
                document: dict[str, Any] = {
                    "sections": {f"w{writer}-s{n}": at},
                    "answers": {"shared": {"answer": f"{writer}-{n}", "correct": False, "at": at}},
                }
                into.merge_progress(learner, "busy", document)
        except BaseException as error:  # reported below, with the test's failure
            failures.append(error)

    # Half the writers share this process's store; the other half use a second one, as a
    # second server process would, so they meet only in the database's own locking.
    with Store(store_url) as second:
        threads = [
            threading.Thread(target=write, args=(w, store if w % 2 else second))
            for w in range(writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert failures == []
    stored = store.get_progress(learner, "busy")
    assert set(stored["sections"]) == {f"w{w}-s{n}" for w in range(writers) for n in range(writes)}
    assert stored["answers"]["shared"]["at"] == writers * writes
