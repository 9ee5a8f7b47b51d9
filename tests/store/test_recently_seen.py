"""The memory of recently seen learners: remembered for its lifetime, then asked about again."""

from __future__ import annotations

from steepest.store import Store
from steepest.store.recently_seen import MAX_IDS, RecentlySeen


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_id_is_remembered_for_its_lifetime_only() -> None:
    clock = Clock()
    seen = RecentlySeen(60.0, clock)
    assert not seen.recently_seen("a")
    seen.saw("a")
    clock.now = 59.9
    assert seen.recently_seen("a")
    clock.now = 60.0
    assert not seen.recently_seen("a")


def test_the_ids_kept_are_bounded_dropping_the_oldest() -> None:
    seen = RecentlySeen(60.0, Clock())
    for n in range(MAX_IDS + 5):
        seen.saw(str(n))
    assert not seen.recently_seen("0") and seen.recently_seen(str(MAX_IDS + 4))


def test_the_store_knows_a_learner_it_just_saw_without_asking_the_database(store: Store) -> None:
    learner = store.ensure_learner(None)
    assert store.is_known_learner(learner)
    assert not store.is_known_learner("0" * 32)  # well formed, never seen
    assert not store.is_known_learner("not a learner id")
    store._known = RecentlySeen(0.0)  # a minute later: the database must be asked again
    assert not store.is_known_learner(learner)
    assert store.ensure_learner(learner) == learner
