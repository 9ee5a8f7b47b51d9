"""Typed questions in the lesson: shown without their key, checked and recorded on the server."""

from __future__ import annotations

import warnings

import pytest

from steepest.lessons import Lesson, TypedQuestionBlock

from .learner_requests import csrf_headers
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def typed_questions(lesson: Lesson) -> list[TypedQuestionBlock]:
    return [
        block
        for section in lesson.sections
        for block in section.blocks
        if isinstance(block, TypedQuestionBlock)
    ]


def answer(client: TestClient, question: str, text: str) -> dict[str, object]:
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_the_page_shows_each_typed_question_without_its_explanation(
    lesson: Lesson, lesson_html: str
) -> None:
    questions = typed_questions(lesson)
    assert len(questions) == 3
    for question in questions:
        assert f'data-typed-question="{question.id}"' in lesson_html
        assert question.explanation_html not in lesson_html
    assert "data-practice" in lesson_html


@pytest.mark.parametrize(
    ("question", "typed"),
    [("typed-partial-w1", "2*w1"), ("typed-gradient-at", "[2, -12]"), ("typed-descent", "(-2,12)")],
)
def test_a_right_answer_in_any_form_is_correct_and_explained(
    store_client: TestClient, question: str, typed: str
) -> None:
    result = answer(store_client, question, typed)
    feedback = result["feedback"]
    assert isinstance(feedback, dict)
    assert (feedback["verdict"], feedback["correct"]) == ("correct", True)
    assert result["explanation_html"]


@pytest.mark.parametrize(
    ("question", "typed", "mistake"),
    [
        ("typed-partial-w1", "6w2", "wrong_variable"),
        ("typed-descent", "(2, -12)", "sign"),
        ("typed-gradient-at", "(-12, 2)", "swapped_components"),
    ],
)
def test_a_wrong_answer_names_the_mistake(
    store_client: TestClient, question: str, typed: str, mistake: str
) -> None:
    result = answer(store_client, question, typed)
    feedback = result["feedback"]
    assert isinstance(feedback, dict)
    assert feedback["verdict"] == "incorrect"
    assert feedback["mistake"] == mistake
    # Named by its code; the message, which may hold the answer, waits for the solution.
    assert feedback["message"] == "" and result["hint_html"]
    answer(store_client, question, typed)
    third = answer(store_client, question, typed)["feedback"]
    assert isinstance(third, dict) and third["message"]


def test_unreadable_input_is_invalid_with_its_column_and_no_explanation(
    store_client: TestClient,
) -> None:
    result = answer(store_client, "typed-partial-w1", "2*w1 +")
    feedback = result["feedback"]
    assert isinstance(feedback, dict)
    assert (feedback["verdict"], feedback["column"]) == ("invalid", 7)
    assert result["explanation_html"] is None


def test_attempts_are_recorded_for_the_learner(store_client: TestClient) -> None:
    answer(store_client, "typed-partial-w1", "6w2")
    answer(store_client, "typed-partial-w1", "2w1")
    attempts = store_client.get("/api/progress/export").json()["attempts"]
    assert [(a["question"], a["verdict"], a["mistake"]) for a in attempts] == [
        ("typed-partial-w1", "incorrect", "wrong_variable"),
        ("typed-partial-w1", "correct", None),
    ]


def test_checking_a_typed_answer_needs_the_csrf_token(store_client: TestClient) -> None:
    response = store_client.post(f"/api/answers/{SLUG}/typed-partial-w1", json={"answer": "2w1"})
    assert response.status_code == 403
    assert "X-Steepest-CSRF" in response.json()["error"]["message"]


def test_an_unknown_typed_question_is_a_404(store_client: TestClient) -> None:
    response = store_client.post(
        f"/api/answers/{SLUG}/partial-w2",
        json={"answer": "6w2"},
        headers=csrf_headers(store_client),
    )
    assert response.status_code == 404
