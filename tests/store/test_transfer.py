"""A learner's export file carries everything to another learner or server; importing merges,
checks the file first, and adds nothing the second time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from steepest.engine.answer_kinds import VerdictKind
from steepest.store import ImportFormatError, NewAttempt, ProblemKey, ReviewCard, ReviewState, Store
from steepest.store.transfer import EXPORT_FORMAT, EXPORT_VERSION


def _fill(store: Store, learner: str) -> None:
    store.merge_progress(
        learner,
        "gradients",
        {
            "sections": {"intro": 3, "see-it-move": 4},
            "widgets": {"best-box": 5},
            "answers": {"q1": {"answer": "b", "correct": True, "at": 6}},
        },
    )
    store.merge_progress(learner, "backprop", {"sections": {"chain": 8}, "cleared_at": 2})
    store.record_attempt(
        learner, NewAttempt(answer="b", verdict="correct", lesson="gradients", question="q1")
    )
    verdicts: list[VerdictKind] = ["correct", "incorrect", "invalid"]
    for seed, verdict in enumerate(verdicts):
        store.record_attempt(
            learner,
            NewAttempt(
                answer=f"{seed}w1",
                verdict=verdict,
                problem=ProblemKey("partial", 1 + seed, "partial", seed),
                mistake="sign" if verdict == "incorrect" else None,
            ),
        )
    store.merge_review(learner, ReviewState({"partial": REVIEWED, "gradient": REVIEWED}))


REVIEWED = ReviewCard(
    reviewed_at=1_700_000_000_000,
    due=1_700_300_000_000,
    stability=3.173,
    difficulty=5.28,
    reps=2,
    lapses=1,
)


def test_an_export_survives_json_and_imports_to_the_same_data(store: Store, learner: str) -> None:
    _fill(store, learner)
    exported = store.export_learner(learner)
    assert exported["format"] == EXPORT_FORMAT and exported["version"] == EXPORT_VERSION
    assert learner not in json.dumps(exported)  # the id is a secret; the file may be shared

    newcomer = store.ensure_learner(None)
    summary = store.import_learner(newcomer, json.loads(json.dumps(exported)))
    assert summary.to_json() == {
        "lessons": 2,
        "lessons_changed": 2,
        "attempts_added": 4,
        "attempts_already_present": 0,
        "review_changed": True,
    }
    again = store.export_learner(newcomer)
    assert again["progress"] == exported["progress"]
    assert again["attempts"] == exported["attempts"]
    assert again["review"] == exported["review"]
    assert store.get_review(newcomer) == store.get_review(learner)
    assert store.get_review(newcomer).cards["partial"] == REVIEWED
    assert store.mastery(newcomer) == store.mastery(learner)


def test_importing_the_same_file_twice_adds_nothing(store: Store, learner: str) -> None:
    _fill(store, learner)
    exported = store.export_learner(learner)
    before = store.export_learner(learner)
    summary = store.import_learner(learner, exported)
    assert summary.attempts_added == 0 and summary.lessons_changed == 0
    assert summary.attempts_already_present == 4 and not summary.review_changed
    after = store.export_learner(learner)
    assert after["progress"] == before["progress"]
    assert after["attempts"] == before["attempts"]
    assert after["review"] == before["review"]


def test_an_imported_review_card_replaces_only_an_older_one(store: Store, learner: str) -> None:
    _fill(store, learner)
    exported = store.export_learner(learner)
    other = store.ensure_learner(None)
    newer = ReviewCard(REVIEWED.reviewed_at + 1, REVIEWED.due + 9, 9.0, 4.0, 3, 1)
    store.merge_review(other, ReviewState({"partial": newer}))
    store.import_learner(other, exported)
    assert store.get_review(other) == ReviewState({"partial": newer, "gradient": REVIEWED})


def test_an_import_merges_with_what_is_already_there(store: Store, learner: str) -> None:
    _fill(store, learner)
    exported = store.export_learner(learner)
    other = store.ensure_learner(None)
    store.merge_progress(other, "gradients", {"sections": {"worked-example": 9}})
    store.record_attempt(
        other, NewAttempt(answer="x", verdict="incorrect", lesson="l", question="q")
    )
    store.import_learner(other, exported)
    assert set(store.get_progress(other, "gradients")["sections"]) == {
        "intro",
        "see-it-move",
        "worked-example",
    }
    assert len(store.attempts(other)) == 5


def _valid_file() -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": "2026-01-01T00:00:00+00:00",
        "progress": {"gradients": {"sections": {"intro": 3}}},
        "attempts": [
            {
                "id": "attempt-0001",
                "created_at": "2026-01-01T00:00:00+00:00",
                "lesson": None,
                "question": None,
                "problem": {"topic": "partial", "level": 1, "kind": "partial", "seed": 3},
                "answer": "2w1",
                "verdict": "correct",
                "mistake": None,
                "hints": 1,
            }
        ],
    }


def _with(path: str, value: object) -> dict[str, Any]:
    data = _valid_file()
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("not an object", "the file must be a JSON object"),
        (_with("format", "something-else"), "not a Steepest progress file"),
        (_with("version", 4), "format version 4, written by a newer Steepest"),
        (_with("review", {"cards": {"partial": {}}}), 'review.cards["partial"] is missing'),
        (_with("version", "1"), "version '1' is not one Steepest ever wrote"),
        (_with("version", True), "version True is not one Steepest ever wrote"),
        (_with("owner", "me"), "unknown field 'owner'"),
        (_with("progress", []), "progress must be a JSON object"),
        (_with("progress.gradients", {"sections": ["intro"]}), 'progress["gradients"].sections'),
        (_with("attempts", {}), "attempts must be a JSON array"),
        (_with("attempts.0", "2w1"), "attempts[0] must be a JSON object"),
        (_with("attempts.0.verdict", "maybe"), "attempts[0]: a verdict is one of"),
        (_with("attempts.0.created_at", "yesterday"), "attempts[0].created_at is not an ISO"),
        (_with("attempts.0.created_at", "2026-01-01T00:00:00"), "must include its time zone"),
        (_with("attempts.0.problem", {"level": 7, "kind": "partial", "seed": 1}), "level"),
        (
            _with("attempts.0.problem", {"topic": 3, "level": 1, "kind": "partial", "seed": 1}),
            "attempts[0].problem.topic must be a string",
        ),
        (
            _with("attempts.0.problem", {"level": 1, "kind": "integral", "seed": 1}),
            "'integral' is not a kind of problem",
        ),
        (_with("attempts.0.problem", {"level": 1, "kind": "partial"}), "missing the field 'seed'"),
        (
            # A kind made after topics was never written without one.
            _with("attempts.0.problem", {"level": 1, "kind": "hessian", "seed": 1}),
            "attempts[0].problem: a hessian problem names its topic, and this one names none",
        ),
        (_with("attempts.0.score", 1), "unknown field 'score'"),
        (_with("attempts.0.hints", -1), "the count of hints must be between 0 and 100"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(
    store: Store, learner: str, data: object, expected: str
) -> None:
    with pytest.raises(ImportFormatError) as raised:
        store.import_learner(learner, data)
    assert expected in raised.value.message


def test_a_file_from_before_topics_gives_each_problem_the_topic_of_its_kind(
    store: Store, learner: str
) -> None:
    data = _valid_file()
    data["version"] = 1
    [attempt] = data["attempts"]
    attempt["problem"] = {"level": 2, "kind": "gradient_at", "seed": 3}
    question = {"id": "attempt-0002", "problem": None, "lesson": "a", "question": "q"}
    data["attempts"].append({**attempt, **question})
    store.import_learner(learner, data)
    problems = {record.uid: record.attempt.problem for record in store.attempts(learner)}
    assert problems == {
        "attempt-0001": ProblemKey("gradient", 2, "gradient_at", 3),
        "attempt-0002": None,
    }
    assert store.mastery(learner, topic="gradient").levels[1].correct == 1


def test_a_refused_file_writes_nothing(store: Store, learner: str) -> None:
    data = _valid_file()
    data["attempts"].append({**data["attempts"][0], "id": "attempt-0002", "verdict": "maybe"})
    with pytest.raises(ImportFormatError):
        store.import_learner(learner, data)
    assert store.export_learner(learner)["progress"] == {}
    assert store.attempts(learner) == []


def test_a_file_that_would_overfill_a_lesson_writes_nothing(store: Store, learner: str) -> None:
    store.merge_progress(learner, "gradients", {"sections": {f"a{n}": 1 for n in range(150)}})
    data = _valid_file()
    data["progress"]["gradients"] = {"sections": {f"b{n}": 1 for n in range(150)}}
    # Merged before "gradients" (lessons go in order), then undone with the rest.
    data["progress"]["algebra"] = {"sections": {"intro": 1}}
    with pytest.raises(ImportFormatError, match="would hold 300"):
        store.import_learner(learner, data)
    assert store.attempts(learner) == []
    assert store.get_progress(learner, "algebra")["sections"] == {}
    assert len(store.get_progress(learner, "gradients")["sections"]) == 150


def test_a_file_of_version_1_imports_with_no_hints_revealed(store: Store, learner: str) -> None:
    data = _valid_file()
    data["version"] = 1
    del data["attempts"][0]["hints"]
    store.import_learner(learner, data)
    (record,) = store.attempts(learner)
    assert record.attempt.hints == 0
    assert store.export_learner(learner)["attempts"][0]["hints"] == 0


def test_the_hints_revealed_before_an_attempt_survive_export_and_import(
    store: Store, learner: str
) -> None:
    store.import_learner(learner, _valid_file())
    (record,) = store.attempts(learner)
    assert record.attempt.hints == 1
    exported = store.export_learner(learner)
    newcomer = store.ensure_learner(None)
    store.import_learner(newcomer, exported)
    assert [r.attempt.hints for r in store.attempts(newcomer)] == [1]
