"""Practice: problems without their answers, attempts with feedback, solution and mastery."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from steepest.engine.answer_kinds import PROBLEM_KINDS
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.solutions import worked_solution
from steepest.engine.problems.topics import DEFAULT_TOPIC, TOPICS

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def new_problem(
    client: TestClient, level: int, kind: str | None = None, topic: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"level": level}
    if kind is not None:
        body["kind"] = kind
    if topic is not None:
        body["topic"] = topic
    response = client.post("/api/practice/problems", json=body)
    assert response.status_code == 200, response.text
    problem: dict[str, Any] = response.json()
    return problem


def attempt(client: TestClient, problem: str, text: str) -> Any:
    return client.post(
        "/api/practice/attempts",
        json={"problem": problem, "answer": text},
        headers=csrf_headers(client),
    )


def right_answer(token: str) -> str:
    """The answer the engine expects, rebuilt from the token as the server does."""
    topic, level, kind_name, seed, _ = token.split(".")
    kind = next(kind for kind in PROBLEM_KINDS if kind == kind_name)
    expected = worked_solution(generate_problem(topic, int(level), kind, int(seed)))["answer"]
    return "(" + ", ".join(expected) + ")" if isinstance(expected, list) else str(expected)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_a_problem_carries_no_answer(client: TestClient, level: int) -> None:
    problem = new_problem(client, level, "gradient_at")
    question = problem["question"]
    assert question["level"] == level and question["prompt"]
    assert question["function_mathml"].startswith("<math")
    # The prompt a page shows: the sentence with the function once, as MathML.
    assert question["prompt_html"].count("<math") == 1
    assert question["function_mathml"] in question["prompt_html"]
    # Exactly what a page needs to ask the question: no answer, solution, steps or seed.
    assert set(question) == {
        "kind",
        "level",
        "prompt",
        "prompt_html",
        "name",
        "function",
        "function_mathml",
        "variables",
        "respect",
        "point",
        "point_mathml",
        "interval",
        "goal",
        "domain",
        "components",
        "shape",
        "choices",
    }


def test_a_wrong_first_answer_earns_a_second_try_that_is_recorded_but_not_right_first_time(
    store_client: TestClient,
) -> None:
    token = new_problem(store_client, 1, "partial")["problem"]
    first = attempt(store_client, token, "0")
    assert first.status_code == 200
    result = first.json()
    assert result["feedback"]["verdict"] == "incorrect"
    assert (result["try_number"], result["can_retry"]) == (1, True)
    # The solution waits, or the second try would only copy it.
    assert result["solution"] is None and result["solution_html"] is None
    assert result["mastery"]["required"] == 3
    assert result["mastery"]["levels"][0]["attempts"] == 1
    second = attempt(store_client, token, right_answer(token)).json()
    assert second["feedback"]["verdict"] == "correct"
    assert (second["try_number"], second["can_retry"]) == (2, False)
    assert second["solution"]["steps"] and "rule-list" in second["solution_html"]
    level_one = second["mastery"]["levels"][0]
    assert (level_one["attempts"], level_one["retries"]) == (2, 1)
    assert (level_one["correct"], level_one["streak"]) == (0, 0)


def test_a_right_first_answer_shows_the_worked_solution_with_its_rules(
    store_client: TestClient,
) -> None:
    token = new_problem(store_client, 3, "gradient")["problem"]
    result = attempt(store_client, token, right_answer(token)).json()
    assert (result["try_number"], result["can_retry"]) == (1, False)
    assert result["solution_html"].count('class="step step-partial"') == 2
    assert result["solution_html"].count('class="rule"') >= 2
    assert result["mastery"]["levels"][2]["correct"] == 1


def test_unreadable_input_costs_nothing_and_shows_no_solution(store_client: TestClient) -> None:
    problem = new_problem(store_client, 1, "partial")
    result = attempt(store_client, problem["problem"], "2x +").json()
    assert result["feedback"]["verdict"] == "invalid"
    assert result["solution"] is None
    assert result["mastery"]["levels"][0]["attempts"] == 0
    # ... and the problem can still be answered.
    assert (
        attempt(store_client, problem["problem"], right_answer(problem["problem"])).status_code
        == 200
    )


def test_three_right_in_a_row_master_a_level(store_client: TestClient) -> None:
    messages = []
    for _ in range(3):
        problem = new_problem(store_client, 2)
        result = attempt(store_client, problem["problem"], right_answer(problem["problem"])).json()
        assert result["feedback"]["verdict"] == "correct", result["feedback"]["message"]
        messages.append(result["mastery"]["message"])
    level_two = result["mastery"]["levels"][1]
    assert (level_two["streak"], level_two["mastered"]) == (3, True)
    assert "Level 2" in messages[-1] and "mastered" in messages[-1]
    mastery = store_client.get("/api/practice/mastery").json()
    assert mastery["levels"][1]["mastered"] is True


def test_a_problem_whose_solution_was_shown_cannot_be_answered_again(
    store_client: TestClient,
) -> None:
    right = new_problem(store_client, 1, "partial")["problem"]
    assert attempt(store_client, right, right_answer(right)).json()["can_retry"] is False
    again = attempt(store_client, right, right_answer(right))
    assert again.status_code == 409
    assert "right already" in again.json()["error"]["message"]
    wrong = new_problem(store_client, 1, "partial")["problem"]
    assert attempt(store_client, wrong, "0").json()["can_retry"] is True
    assert attempt(store_client, wrong, "1").json()["can_retry"] is False
    third = attempt(store_client, wrong, right_answer(wrong))
    assert third.status_code == 409
    assert "2 tries" in third.json()["error"]["message"]


@pytest.mark.parametrize(
    "token",
    [
        "partial.1.partial.5.0000",
        "nonsense",
        "partial.9.partial.5.abc",
        "partial.1.partial.5",
        "1.partial.5.0000",
    ],
    ids=str,
)
def test_a_forged_problem_id_is_refused(store_client: TestClient, token: str) -> None:
    response = attempt(store_client, token, "1")
    assert response.status_code == 422
    assert "new one" in response.json()["error"]["message"]


def test_a_choosen_seed_cannot_be_signed_by_the_client(store_client: TestClient) -> None:
    token = new_problem(store_client, 1, "partial")["problem"]
    topic, level, kind, seed, signature = token.split(".")
    forged = f"{topic}.{level}.{kind}.{int(seed) + 1}.{signature}"
    assert attempt(store_client, forged, "1").status_code == 422
    # Nor its topic: an attempt must count where the problem was handed out.
    assert attempt(store_client, f"partial.{level}.{kind}.{seed}.{signature}", "1").status_code == (
        422
    )


def test_answering_needs_the_csrf_token(store_client: TestClient) -> None:
    problem = new_problem(store_client, 1)
    response = store_client.post(
        "/api/practice/attempts", json={"problem": problem["problem"], "answer": "1"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"level": 4}, "level"),
        ({"level": 1, "kind": "integral"}, "kind"),
        ({}, "level"),
        ({"level": 1, "topic": "chain"}, "there is no practice topic 'chain'"),
        ({"level": 1, "topic": "partial", "kind": "descent"}, "asks partial, not descent"),
    ],
)
def test_a_bad_problem_request_is_a_422(
    client: TestClient, body: dict[str, Any], message: str
) -> None:
    response = client.post("/api/practice/problems", json=body)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_a_topic_hands_out_only_its_own_kinds(client: TestClient, topic: str) -> None:
    kinds = {new_problem(client, 1, topic=topic)["question"]["kind"] for _ in range(8)}
    assert kinds <= set(TOPICS[topic].kinds)


def test_without_a_topic_a_problem_is_of_the_mixed_topic(client: TestClient) -> None:
    token = new_problem(client, 1)["problem"]
    assert token.split(".")[0] == DEFAULT_TOPIC == "mixed"


def test_each_topic_has_its_own_mastery(store_client: TestClient) -> None:
    for _ in range(3):
        problem = new_problem(store_client, 1, topic="partial")
        result = attempt(store_client, problem["problem"], right_answer(problem["problem"])).json()
        assert result["mastery"]["topic"] == "partial"
    wrong = new_problem(store_client, 1, topic="gradient")
    assert attempt(store_client, wrong["problem"], "(0, 0)").json()["mastery"]["topic"] == (
        "gradient"
    )
    partial = store_client.get("/api/practice/mastery", params={"topic": "partial"}).json()
    gradient = store_client.get("/api/practice/mastery", params={"topic": "gradient"}).json()
    assert partial["topic"] == "partial" and partial["levels"][0]["mastered"] is True
    assert gradient["levels"][0] == {
        "level": 1,
        "streak": 0,
        "mastered": False,
        "attempts": 1,
        "correct": 0,
        "retries": 0,
        "message": "Level 1: get 3 right in a row to master it.",
    }
    mixed = store_client.get("/api/practice/mastery").json()
    assert mixed["topic"] == "mixed" and mixed["levels"][0]["attempts"] == 0


def test_the_mastery_of_an_unknown_topic_is_a_422(store_client: TestClient) -> None:
    response = store_client.get("/api/practice/mastery", params={"topic": "chain"})
    assert response.status_code == 422
    assert "no practice topic 'chain'" in response.json()["error"]["message"]


def test_a_new_problem_avoids_the_templates_it_is_told_were_recent(client: TestClient) -> None:
    recent = list(range(7))
    for _ in range(6):
        body = {"level": 1, "topic": "partial", "recent": recent}
        served = client.post("/api/practice/problems", json=body).json()
        assert served["template"] in {7, 8}
        seed = served["problem"].split(".")[3]
        assert int(seed) % TOPICS["partial"].templates[0] == served["template"]


def test_more_recent_templates_than_the_spread_is_a_422(client: TestClient) -> None:
    body = {"level": 1, "topic": "partial", "recent": list(range(8))}
    response = client.post("/api/practice/problems", json=body)
    assert response.status_code == 422
    assert "recent" in response.json()["error"]["message"]
