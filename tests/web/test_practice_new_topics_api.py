"""The practice topics of lessons 01, 04, 05, 06, 07 and 08 through the API and real compute
workers: a problem of each, answered right, with a named slip, and with unreadable input."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from steepest.engine.answer_kinds import PROBLEM_KINDS
from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem
from steepest.engine.problems.topics import TOPICS

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SHAPES = {
    "derivative": "scalar",
    "stable_rate": "scalar",
    "hessian": "matrix",
    "critical_point": "choice",
    "momentum_step": "vector",
    "adam_step": "vector",
    "minibatch_gradient": "vector",
}
LEVEL = 2


def served(client: TestClient, topic: str) -> tuple[dict[str, Any], Problem]:
    """A new problem of `topic`, and the problem the server will rebuild from its token."""
    response = client.post("/api/practice/problems", json={"topic": topic, "level": LEVEL})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    name, level, kind_name, seed, _ = body["problem"].split(".")
    kind = next(kind for kind in PROBLEM_KINDS if kind == kind_name)
    return body, generate_problem(name, int(level), kind, int(seed))


def typed(problem: Problem, values: tuple[Any, ...]) -> str:
    """An answer as a learner types it: a formula or number, (a, b), or [a, b; c, d]."""
    if problem.is_matrix:
        a, b, c, d = (to_text(v) for v in values)
        return f"[{a}, {b}; {c}, {d}]"
    if problem.is_vector:
        return "(" + ", ".join(to_text(v) for v in values) + ")"
    return to_text(values[0])


def answer(client: TestClient, token: str, text: str) -> dict[str, Any]:
    response = client.post(
        "/api/practice/attempts",
        json={"problem": token, "answer": text},
        headers=csrf_headers(client),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize("topic", list(SHAPES))
def test_a_new_topic_is_served_answered_and_counted_on_its_own(
    store_client: TestClient, topic: str
) -> None:
    body, problem = served(store_client, topic)
    question = body["question"]
    assert question["kind"] in TOPICS[topic].kinds and question["level"] == LEVEL
    assert question["shape"] == SHAPES[topic]
    assert question["choices"] == (list(CLASSIFICATIONS) if topic == "critical_point" else None)

    unreadable = answer(store_client, body["problem"], "[1, 2" if problem.is_matrix else "2w +")
    if topic == "critical_point":
        unreadable = answer(store_client, body["problem"], "a bowl")
    assert unreadable["feedback"]["verdict"] == "invalid" and unreadable["solution"] is None
    assert unreadable["mastery"]["levels"][LEVEL - 1]["attempts"] == 0

    right = problem.classification or typed(problem, problem.expected)
    result = answer(store_client, body["problem"], right)
    assert result["feedback"]["verdict"] == "correct", result["feedback"]["message"]
    assert result["solution"]["answer"] and result["solution"]["steps"]
    assert result["mastery"]["topic"] == topic
    assert result["mastery"]["levels"][LEVEL - 1]["correct"] == 1


@pytest.mark.parametrize("topic", list(SHAPES))
def test_a_slip_is_named_by_the_server(store_client: TestClient, topic: str) -> None:
    body, problem = served(store_client, topic)
    wrong: str
    if problem.classification is not None:
        wrong = next(c for c in CLASSIFICATIONS if c != problem.classification)
    else:
        wrong = typed(problem, likely_mistakes(problem)[0].answer)
    feedback = answer(store_client, body["problem"], wrong)["feedback"]
    assert feedback["verdict"] == "incorrect" and feedback["mistake"] is not None
    other = "partial" if topic != "partial" else "gradient"
    mastery = store_client.get(f"/api/practice/mastery?topic={other}").json()
    assert mastery["levels"][LEVEL - 1]["attempts"] == 0
