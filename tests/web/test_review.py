"""/review and its API at a fixed clock: a mastered topic comes due, a review rates and
reschedules it (sooner after a wrong answer), and the pages show what is due."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from steepest.review.schedule import moment

from .learner_requests import csrf_headers
from .review_requests import MASTERED_AT, answer, clock_at, master_by_import, review_problem
from .test_practice_api import right_answer

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# The reference for every due time: fsrs itself, without learning steps or fuzz.
FSRS = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
# The third right answer in a row, which masters the level.
MASTERY = MASTERED_AT + timedelta(seconds=2)


def first_card() -> Card:
    card, _ = FSRS.review_card(Card(card_id=0, due=MASTERY), Rating.Good, MASTERY)
    return card


def due_after(card: Card, grade: Rating, at: datetime) -> datetime:
    return FSRS.review_card(card, grade, at)[0].due


def test_a_mastered_topic_comes_due_a_good_interval_after_its_mastery(
    store_client: TestClient,
) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    first_due = first_card().due
    with clock_at(store_client, first_due - timedelta(minutes=1)):
        plan = store_client.get("/api/review").json()
        assert plan["due"] == []
        assert [(i["topic"], i["level"]) for i in plan["upcoming"]] == [("partial", 1)]
        assert datetime.fromisoformat(plan["upcoming"][0]["due_at"]) == first_due
    with clock_at(store_client, first_due):
        plan = store_client.get("/api/review").json()
        assert [i["topic"] for i in plan["due"]] == ["partial"] == plan["session"]


def test_a_right_review_reschedules_the_card_later_and_a_wrong_one_sooner(
    store_client: TestClient,
) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    master_by_import(store_client, "derivative", 1, MASTERED_AT)
    now = first_card().due + timedelta(hours=1)
    with clock_at(store_client, now):
        assert len(store_client.get("/api/review").json()["due"]) == 2
        right = review_problem(store_client, "partial")
        assert right["question"]["level"] == 1
        good = answer(store_client, right["problem"], right_answer(right["problem"]))
        assert (good["finished"], good["rating"]) == (True, "good")
        assert good["solution"] is not None
        assert moment(good["card"]["due"]) == due_after(first_card(), Rating.Good, now)

        wrong = review_problem(store_client, "derivative")
        once = answer(store_client, wrong["problem"], "12345")
        assert (once["finished"], once["tries_left"], once["solution"]) == (False, 1, None)
        twice = answer(store_client, wrong["problem"], "12346")
        assert (twice["finished"], twice["rating"]) == (True, "again")
        assert moment(twice["card"]["due"]) == due_after(first_card(), Rating.Again, now)
        assert twice["card"]["due"] < good["card"]["due"]
        assert twice["card"]["lapses"] == 1

        plan = store_client.get("/api/review").json()
        assert plan["due"] == []
        assert [i["topic"] for i in plan["upcoming"]] == ["derivative", "partial"]
        assert set(plan["review"]["cards"]) == {"partial", "derivative"}
        # A finished review is not answered again.
        again = store_client.post(
            "/api/review/attempts",
            json={"problem": right["problem"], "answer": right_answer(right["problem"])},
            headers=csrf_headers(store_client),
        )
        assert again.status_code == 409


def test_right_at_the_second_try_is_hard(store_client: TestClient) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    now = first_card().due
    with clock_at(store_client, now):
        problem = review_problem(store_client, "partial")["problem"]
        assert answer(store_client, problem, "12345")["finished"] is False
        hard = answer(store_client, problem, right_answer(problem))
        assert hard["rating"] == "hard"
        assert moment(hard["card"]["due"]) == due_after(first_card(), Rating.Hard, now)


def test_a_topic_not_mastered_cannot_be_reviewed(store_client: TestClient) -> None:
    response = store_client.post("/api/review/problems", json={"topic": "hessian"})
    assert response.status_code == 409
    assert "not mastered" in response.json()["error"]["message"]


def test_the_browsers_cards_merge_with_the_servers(store_client: TestClient) -> None:
    card = {"reviewed_at": 5, "due": 9, "stability": 3.0, "difficulty": 5.0, "reps": 1, "lapses": 0}
    later = {**card, "reviewed_at": 7, "due": 20}
    headers = csrf_headers(store_client)
    first = store_client.put("/api/review", json={"cards": {"partial": later}}, headers=headers)
    assert first.json() == {"cards": {"partial": later}}
    older = {"cards": {"partial": card, "gradient": card}}
    merged = store_client.put("/api/review", json=older, headers=headers).json()
    assert merged == {"cards": {"gradient": card, "partial": later}}
    refused = store_client.put("/api/review", json={"cards": {"partial": {}}}, headers=headers)
    assert refused.status_code == 422
    assert "missing the field" in refused.json()["error"]["message"]


def test_the_pages_show_what_is_due(store_client: TestClient) -> None:
    # A first visit, like the static copy, has no learner yet: no count, no link to /review.
    assert "reviews-due" not in store_client.get("/").text
    master_by_import(store_client, "partial", 2, MASTERED_AT)
    first_due = first_card().due
    with clock_at(store_client, first_due - timedelta(days=1)):
        assert 'data-role="reviews-due">0<' in store_client.get("/").text
        page = store_client.get("/review").text
        assert "Nothing is due." in page and "Partial derivatives, level 2" in page
    with clock_at(store_client, first_due):
        assert 'data-role="reviews-due">1<' in store_client.get("/").text
        page = store_client.get("/review").text
        assert "1 review due." in page and "data-review-due" in page
        assert f'datetime="{first_due.astimezone(UTC).isoformat()}"' in page


def test_unreadable_input_costs_no_try(store_client: TestClient) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    with clock_at(store_client, first_card().due):
        problem = review_problem(store_client, "partial")["problem"]
        unread = answer(store_client, problem, "2 +* w1")
        assert unread["feedback"]["verdict"] == "invalid"
        assert (unread["finished"], unread["tries_left"], unread["solution"]) == (False, 2, None)
        assert answer(store_client, problem, right_answer(problem))["rating"] == "good"


def test_the_index_shows_no_count_for_a_learner_the_server_does_not_know(
    store_client: TestClient,
) -> None:
    store_client.cookies.set("steepest_learner", "x" * 43)
    response = store_client.get("/")
    assert response.status_code == 200
    assert "reviews-due" not in response.text


def test_an_export_carries_the_review_cards_to_another_learner(store_client: TestClient) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    now = first_card().due
    with clock_at(store_client, now):
        problem = review_problem(store_client, "partial")["problem"]
        answer(store_client, problem, right_answer(problem))
        before = store_client.get("/api/review").json()
        exported = store_client.get("/api/progress/export").json()
        assert exported["review"] == before["review"] and before["review"]["cards"]
        store_client.cookies.clear()
        imported = store_client.post(
            "/api/progress/import", json=exported, headers=csrf_headers(store_client)
        )
        assert imported.json()["review_changed"] is True
        assert store_client.get("/api/review").json() == before


def test_a_retried_answer_is_not_rated_twice(store_client: TestClient) -> None:
    master_by_import(store_client, "partial", 1, MASTERED_AT)
    now = first_card().due
    with clock_at(store_client, now):
        problem = review_problem(store_client, "partial")["problem"]
        body = {"problem": problem, "answer": right_answer(problem), "id": "retried-0001"}
        headers = csrf_headers(store_client)
        first = store_client.post("/api/review/attempts", json=body, headers=headers)
        assert first.json()["card"]["reps"] == 2
    with clock_at(store_client, now + timedelta(days=30)):
        retried = store_client.post("/api/review/attempts", json=body, headers=headers)
        assert retried.status_code == 409
        cards = store_client.get("/api/review").json()["review"]["cards"]
        assert cards["partial"] == first.json()["card"]
