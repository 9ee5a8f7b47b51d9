"""POST /api/preview with the question it answers: the text read as that check reads it, and
shown as typed (issue 18)."""

from __future__ import annotations

import re
import warnings
from typing import cast

import pytest

from steepest.compute.tasks.answers import question_feedback
from steepest.compute.tasks.messages import PracticeAnswer, PracticeKey, QuestionAnswer
from steepest.compute.tasks.practice import practice_feedback
from steepest.engine.answer_kinds import ProblemKind
from steepest.lessons import Lesson
from steepest.web.course.quiz import find_typed_question

from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def _preview(client: TestClient, text: str, **context: object) -> tuple[int, dict[str, object]]:
    response = client.post("/api/preview", json={"text": text, **context})
    return response.status_code, response.json()


def _typed(mathml: object) -> str:
    """The characters a preview shows, in order, without the invisible times."""
    return re.sub(r"<[^>]+>", "", str(mathml)).replace("\u2062", "")


@pytest.mark.parametrize("text", ["2w", "2x", "2w1 + C", "dL/dw2 = 2w1"])
def test_a_lesson_questions_preview_refuses_what_its_check_cannot_read(
    client: TestClient, lesson: Lesson, text: str
) -> None:
    status, body = _preview(client, text, lesson=SLUG, question="typed-partial-w1")
    fields = find_typed_question(lesson, "typed-partial-w1").question_fields(lesson.parameters)
    check = question_feedback(QuestionAnswer(fields, text))
    assert check["verdict"] == "invalid"
    assert status == 422
    assert body["error"] == {"message": check["message"], "column": check["column"]}


def test_without_a_question_any_name_is_a_variable(client: TestClient) -> None:
    status, body = _preview(client, "2w")
    assert status == 200 and _typed(body["mathml"]) == "2w"


def test_a_vector_questions_preview_counts_the_components_the_check_wants(
    client: TestClient,
) -> None:
    status, body = _preview(client, "(2, -12", lesson=SLUG, question="typed-gradient-at")
    assert status == 422
    error = body["error"]
    assert isinstance(error, dict) and str(error["message"]).startswith("expected 2 components")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2(w1 + 3w2 - 1)", "2(w1+3w2−1)"),
        ("0.164", "0.164"),
        ("2.5w1 - (w2 - 1)", "2.5w1−(w2−1)"),
        ("∂L/∂w1 = w1*exp(-w2)", "w1e−w2"),
    ],
)
def test_the_preview_shows_the_answer_as_typed(client: TestClient, text: str, shown: str) -> None:
    status, body = _preview(client, text, lesson=SLUG, question="typed-partial-w1")
    assert status == 200
    assert _typed(body["mathml"]) == shown
    assert "<mfrac>" not in str(body["mathml"])  # no 41/250, no w1 over e^w2


def test_a_practice_problems_preview_reads_its_shape(client: TestClient) -> None:
    response = client.post("/api/practice/problems", json={"topic": "hessian", "level": 1})
    token = response.json()["problem"]
    status, body = _preview(client, "[2, 0; 0, 6]", problem=token)
    assert status == 200 and "<mtable>" in str(body["mathml"])
    status, body = _preview(client, "(2, 6)", problem=token)
    topic, level, kind, seed, _ = token.split(".")
    key = PracticeKey(topic, int(level), cast("ProblemKind", kind), int(seed))
    check = practice_feedback(PracticeAnswer(key, "(2, 6)"))["feedback"]
    assert check["verdict"] == "invalid"
    assert status == 422
    assert body["error"] == {"message": check["message"], "column": check["column"]}


@pytest.mark.parametrize(
    ("context", "status"),
    [
        ({"lesson": SLUG, "question": "no-such-question"}, 404),
        ({"lesson": "no-such-lesson", "question": "typed-partial-w1"}, 404),
        ({"problem": "forged.token"}, 422),
        ({"lesson": SLUG}, 422),
        ({"lesson": SLUG, "question": "typed-partial-w1", "variables": ["x"]}, 422),
        ({"lesson": SLUG, "question": "typed-partial-w1", "problem": "forged.token"}, 422),
    ],
)
def test_a_question_that_cannot_be_found_or_is_given_twice_is_refused_with_a_message(
    client: TestClient, context: dict[str, object], status: int
) -> None:
    got, body = _preview(client, "2w1", **context)
    error = body["error"]
    assert got == status and isinstance(error, dict) and error["message"]
