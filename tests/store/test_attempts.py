"""Attempts are stored as facts, in order, once each; mastery is the engine's rule over them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from steepest.engine.answer_kinds import VerdictKind
from steepest.engine.problems.mastery import Attempt, mastery
from steepest.store import (
    AttemptFormatError,
    NewAttempt,
    ProblemKey,
    QuestionTries,
    Store,
    UnknownLearner,
)
from steepest.store.tokens import new_learner_id

# Right answers twice as likely as each other verdict.
VERDICTS_BY_LIKELIHOOD: list[VerdictKind] = ["correct", "correct", "incorrect", "invalid"]


def _practice(
    level: int,
    verdict: VerdictKind,
    seed: int = 1,
    lesson: str | None = None,
    topic: str = "gradient",
) -> NewAttempt:
    return NewAttempt(
        answer=f"answer {seed}",
        verdict=verdict,
        problem=ProblemKey(topic, level, "gradient_at", seed),
        lesson=lesson,
    )


def test_an_attempt_is_stored_with_every_field_and_a_utc_time(store: Store, learner: str) -> None:
    before = datetime.now(UTC)
    attempt = NewAttempt(
        answer="(2w1, -6w2)",
        verdict="incorrect",
        problem=ProblemKey("gradient", 2, "gradient", 2**62),
        lesson="gradients",
        question="q-grad",
        mistake="swapped",
    )
    recorded = store.record_attempt(learner, attempt)
    [stored] = store.attempts(learner)
    assert stored == recorded
    assert stored.attempt.answer == attempt.answer
    assert stored.attempt.problem == attempt.problem
    assert stored.attempt.mistake == "swapped"
    assert stored.created_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= stored.created_at <= datetime.now(UTC)


def test_the_tries_at_a_question_add_up_its_attempts(store: Store, learner: str) -> None:
    def tried(verdict: VerdictKind, question: str = "q1", shown: bool = False) -> None:
        attempt = NewAttempt(
            answer="x", verdict=verdict, lesson="one", question=question, solution_shown=shown
        )
        store.record_attempt(learner, attempt)

    assert store.question_tries(learner, "one", "q1") == QuestionTries(0, False, False)
    for verdict in ("incorrect", "invalid", "incorrect"):
        tried(verdict)
    tried("correct", question="q2")
    assert store.question_tries(learner, "one", "q1") == QuestionTries(2, False, False)
    tried("invalid", shown=True)
    tried("correct", shown=True)
    assert store.question_tries(learner, "one", "q1") == QuestionTries(2, True, True)
    assert store.question_tries(learner, "two", "q1") == QuestionTries(0, False, False)
    [*_, last] = store.attempts(learner)
    assert last.attempt.solution_shown and last.to_json()["solution_shown"] is True


def test_a_retried_attempt_is_recorded_once(store: Store, learner: str) -> None:
    attempt = NewAttempt(
        answer="b", verdict="correct", lesson="one", question="q1", uid="retry-123"
    )
    first = store.record_attempt(learner, attempt)
    again = store.record_attempt(learner, attempt)
    assert again == first
    assert len(store.attempts(learner)) == 1


def test_attempts_come_oldest_first_limited_to_the_latest(store: Store, learner: str) -> None:
    for seed in range(6):
        store.record_attempt(
            learner, _practice(1, "correct", seed, lesson="a" if seed % 2 else "b")
        )
    seeds = [
        record.attempt.problem.seed for record in store.attempts(learner) if record.attempt.problem
    ]
    assert seeds == list(range(6))
    latest = store.attempts(learner, limit=2)
    assert [r.attempt.problem.seed for r in latest if r.attempt.problem] == [4, 5]
    in_a = store.attempts(learner, lesson="a")
    assert [r.attempt.problem.seed for r in in_a if r.attempt.problem] == [1, 3, 5]


def test_learners_never_see_each_others_attempts(store: Store, learner: str) -> None:
    other = store.ensure_learner(None)
    store.record_attempt(other, _practice(1, "correct"))
    assert store.attempts(learner) == []
    with pytest.raises(UnknownLearner):
        store.record_attempt(new_learner_id(), _practice(1, "correct"))


def test_mastery_is_the_engines_rule_over_the_practice_attempts_in_order(
    store: Store, learner: str
) -> None:
    rng = random.Random(5)
    made: list[Attempt] = []
    for seed in range(40):
        level = rng.choice([1, 1, 2, 3])
        verdict = rng.choice(VERDICTS_BY_LIKELIHOOD)
        store.record_attempt(learner, _practice(level, verdict, seed))
        made.append(Attempt(level, verdict))
        if seed % 7 == 0:
            # A lesson quiz answer has no level: it must not count, nor break a streak.
            quiz = NewAttempt(answer="b", verdict="incorrect", lesson="one", question="q1")
            store.record_attempt(learner, quiz)
    assert store.mastery(learner) == mastery(made)


def test_each_topic_is_mastered_on_its_own(store: Store, learner: str) -> None:
    """Three right at level 1 of "partial" master it there, and nothing of "gradient", whose
    own misses do not break the streak of "partial" either."""
    for seed in range(3):
        store.record_attempt(learner, _practice(1, "correct", seed, topic="partial"))
        store.record_attempt(learner, _practice(1, "incorrect", seed, topic="gradient"))
    partial = store.mastery(learner, topic="partial")
    gradient = store.mastery(learner, topic="gradient")
    assert partial == mastery([Attempt(1, "correct")] * 3)
    assert gradient == mastery([Attempt(1, "incorrect")] * 3)
    assert partial.levels[0].mastered and not gradient.levels[0].mastered
    assert store.mastery(learner, topic="descent") == mastery([])


def test_mastery_can_be_limited_to_one_lesson(store: Store, learner: str) -> None:
    for seed in range(3):
        store.record_attempt(learner, _practice(1, "correct", seed, lesson="here"))
        store.record_attempt(learner, _practice(1, "incorrect", seed, lesson="elsewhere"))
    assert store.mastery(learner, lesson="here").levels[0].mastered
    assert not store.mastery(learner, lesson="elsewhere").levels[0].mastered
    assert store.mastery(store.ensure_learner(None)) == mastery([])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"verdict": "right"}, "a verdict is one of"),
        ({"answer": "x" * 1001}, "longer than 1000"),
        ({"question": "q1"}, "must name its lesson"),
        ({"problem": None}, "lesson question or a practice problem"),
        ({"mistake": "not a code"}, "the mistake code"),
        ({"uid": "short"}, "an attempt id is 8 to 64"),
    ],
)
def test_malformed_attempts_are_refused(fields: dict[str, Any], expected: str) -> None:
    # Any: the fields are ill-typed on purpose, to reach the checks made at run time.
    values: dict[str, Any] = {
        "answer": "2",
        "verdict": "correct",
        "problem": ProblemKey("partial", 1, "partial", 1),
        **fields,
    }
    with pytest.raises(AttemptFormatError, match=expected):
        NewAttempt(**values)


@pytest.mark.parametrize(
    ("topic", "level", "kind", "seed", "expected"),
    [
        ("partial", 4, "partial", 1, "a practice level is one of 1, 2, 3"),
        ("partial", 1, "integral", 1, "'integral' is not a kind of problem"),
        ("partial", 1, "partial", -1, "must be between 0"),
        ("partial", 1, "partial", 2**63, "must be between 0"),
        ("chain rule", 1, "partial", 1, "a practice topic"),
    ],
)
def test_malformed_problem_keys_are_refused(
    topic: str, level: int, kind: str, seed: int, expected: str
) -> None:
    with pytest.raises(AttemptFormatError, match=expected):
        ProblemKey(topic, level, kind, seed)
