"""Hints: kept on the server until asked for, one at a time, through the JSON API and through
the plain form; after a wrong answer help comes in steps decided from the stored attempts, the
solution on request or on the third wrong try; and a typed attempt records how many hints were
revealed."""

from __future__ import annotations

import html
import warnings

import pytest

from steepest.lessons import Lesson, QuestionBlock, TypedQuestionBlock
from steepest.web.course.quiz import find_any_question

from .learner_requests import csrf_headers
from .page_parts import SLUG, elements

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TYPED = "typed-descent"
CHOICE = "partial-w2"
UPHILL = "(2, -12)"


def hinted(lesson: Lesson) -> list[QuestionBlock | TypedQuestionBlock]:
    return [
        block
        for section in lesson.sections
        for block in section.blocks
        if isinstance(block, QuestionBlock | TypedQuestionBlock) and block.hints_html
    ]


def test_no_hint_ships_with_the_page_only_their_number(lesson: Lesson, lesson_html: str) -> None:
    questions = hinted(lesson)
    assert {TYPED, CHOICE} <= {q.id for q in questions}
    for question in questions:
        for hint in question.hints_html:
            assert hint.strip() not in lesson_html
        form = lesson_html[lesson_html.index(f'id="question-{question.id}"') :]
        form = form[: form.index("</form>")]
        button = next(a for t, a in elements(form, "button") if "data-hint-button" in a)
        assert button["data-hint-total"] == str(len(question.hints_html))
        assert "hidden" not in button
        count = next(a for t, a in elements(form, "input") if a.get("name") == "hints")
        assert count["value"] == "0"


@pytest.mark.parametrize("question", [TYPED, CHOICE])
def test_each_hint_comes_from_the_api_in_turn(
    client: TestClient, lesson: Lesson, question: str
) -> None:
    block = find_any_question(lesson, question)
    for index, hint in enumerate(block.hints_html):
        response = client.post(f"/api/hints/{SLUG}/{question}", json={"index": index})
        assert response.status_code == 200, response.text
        assert response.json() == {
            "index": index,
            "total": len(block.hints_html),
            "hint_html": hint,
        }


@pytest.mark.parametrize(
    ("path", "body", "status", "fragment"),
    [
        (f"/api/hints/{SLUG}/{TYPED}", {"index": 2}, 422, "hints 0 to 1, not hint 2"),
        (f"/api/hints/{SLUG}/typed-partial-w1", {"index": 3}, 422, "not hint 3"),
        (f"/api/hints/{SLUG}/{TYPED}", {"index": -1}, 422, "index"),
        (f"/api/hints/{SLUG}/{TYPED}", {"index": 0, "all": True}, 422, "all"),
        (f"/api/hints/{SLUG}/nope", {"index": 0}, 404, "no question 'nope'"),
        (f"/api/hints/nope/{TYPED}", {"index": 0}, 404, "nope"),
    ],
)
def test_a_hint_that_is_not_there_is_refused_with_a_message(
    client: TestClient, path: str, body: dict[str, object], status: int, fragment: str
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def typed_answer(client: TestClient, text: str, hints: int) -> dict[str, object]:
    response = client.post(
        f"/api/answers/{SLUG}/{TYPED}",
        json={"answer": text, "hints": hints},
        headers=csrf_headers(client),
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_help_comes_in_steps_whatever_hints_the_page_claims(
    store_client: TestClient, lesson: Lesson
) -> None:
    block = find_any_question(lesson, TYPED)
    total = len(block.hints_html)
    first = typed_answer(store_client, UPHILL, total)
    feedback = first["feedback"]
    assert isinstance(feedback, dict)
    # The mistake is named by its code and the engine's answer-free hint comes first; the
    # message, which may hold the answer, waits. Then the question's own first hint.
    assert feedback["mistake"] == "sign" and feedback["message"] == ""
    slip = feedback["hint"]
    assert isinstance(slip, str)
    assert (first["hint_html"], first["explanation_html"]) == (f"<p>{html.escape(slip)}</p>", None)
    second = typed_answer(store_client, UPHILL, total)
    assert (second["hint_html"], second["explanation_html"]) == (block.hints_html[0], None)
    third = typed_answer(store_client, UPHILL, 0)
    assert third["hint_html"] is None and third["explanation_html"] == block.explanation_html
    assert "uphill" in third["feedback"]["message"]  # type: ignore[index]
    right = typed_answer(store_client, "(-2, 12)", 0)
    assert right["explanation_html"] and right["after_solution"] is True


def test_unreadable_text_costs_nothing_and_keeps_its_message(store_client: TestClient) -> None:
    for _ in range(3):
        result = typed_answer(store_client, "(2,", 0)
        assert result["hint_html"] is None and result["explanation_html"] is None
        assert result["feedback"]["message"]  # type: ignore[index]
    assert typed_answer(store_client, UPHILL, 0)["explanation_html"] is None


def test_the_solution_is_recorded_and_later_answers_are_not_first_time(
    store_client: TestClient, lesson: Lesson
) -> None:
    block = find_any_question(lesson, CHOICE)
    url = f"/api/solution/{SLUG}/{CHOICE}"
    assert store_client.post(url).status_code == 403  # no CSRF token
    response = store_client.post(url, headers=csrf_headers(store_client))
    assert response.json() == {"explanation_html": block.explanation_html}
    quiz = store_client.post(
        f"/api/quiz/{SLUG}/{CHOICE}", json={"answer": "6w2"}, headers=csrf_headers(store_client)
    ).json()
    assert quiz["correct"] is True and quiz["after_solution"] is True
    attempts = store_client.get("/api/progress/export").json()["attempts"]
    assert [(a["answer"], a["verdict"], a["solution_shown"]) for a in attempts] == [
        ("", "invalid", True),
        ("6w2", "correct", True),
    ]


def test_without_javascript_the_solution_is_a_form_post_from_this_site(
    store_client: TestClient, lesson: Lesson
) -> None:
    url = f"/api/solution/{SLUG}/{TYPED}"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    elsewhere = store_client.post(url, headers={**form, "Origin": "https://elsewhere.example"})
    assert elsewhere.status_code == 403
    sent = store_client.post(
        url, headers={**form, "Origin": "http://127.0.0.1:8000"}, follow_redirects=False
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/lessons/{SLUG}?typed={TYPED}#question-{TYPED}"
    page = store_client.get(sent.headers["location"]).text
    assert find_any_question(lesson, TYPED).explanation_html in page


def test_a_typed_attempt_records_the_hints_revealed(store_client: TestClient) -> None:
    typed_answer(store_client, UPHILL, 0)
    typed_answer(store_client, UPHILL, 1)
    # More than the question has counts as all of them.
    typed_answer(store_client, "(-2, 12)", 5)
    attempts = store_client.get("/api/progress/export").json()["attempts"]
    assert [(a["verdict"], a["hints"]) for a in attempts] == [
        ("incorrect", 0),
        ("incorrect", 1),
        ("correct", 2),
    ]


def plain_form(client: TestClient, form_of: str, **params: str) -> str:
    response = client.get(f"/lessons/{SLUG}", params=params)
    assert response.status_code == 200, response.text
    page: str = response.text
    form = page[page.index(f'id="question-{form_of}"') :]
    return form[: form.index("</form>")]


def test_without_javascript_the_hint_button_reveals_one_more_each_time(
    client: TestClient, lesson: Lesson
) -> None:
    hints = find_any_question(lesson, TYPED).hints_html
    one = plain_form(client, TYPED, typed=TYPED, typed_answer="", hints="0", hint="more")
    assert hints[0] in one and hints[1] not in one
    assert 'name="hints" value="1"' in one
    button = next(a for t, a in elements(one, "button") if "data-hint-button" in a)
    assert "hidden" not in button
    both = plain_form(client, TYPED, typed=TYPED, typed_answer="", hints="1", hint="more")
    assert hints[0] in both and hints[1] in both
    button = next(a for t, a in elements(both, "button") if "data-hint-button" in a)
    assert "hidden" in button


def test_without_javascript_a_wrong_answer_gets_a_hint_not_the_explanation(
    client: TestClient, lesson: Lesson
) -> None:
    client.cookies.clear()
    block = find_any_question(lesson, TYPED)
    early = plain_form(client, TYPED, typed=TYPED, typed_answer=UPHILL, hints="0")
    # The engine names the slip without the answer: the step comes before the question's hints.
    assert "Not quite." in early and 'data-role="hint"' in early
    assert not any(shown in early for shown in ("<mn>12</mn>", "(-2, 12)", "(−2, 12)"))
    assert block.hints_html[0] not in early
    assert "Try again, or show the solution." in early
    assert block.explanation_html not in early
    late = plain_form(client, TYPED, typed=TYPED, typed_answer=UPHILL, hints="1", hint="more")
    assert block.explanation_html not in late
    assert UPHILL in late  # the learner's text stays in the box


def test_without_javascript_a_choice_keeps_its_hints_and_its_answer(
    client: TestClient, lesson: Lesson
) -> None:
    block = find_any_question(lesson, CHOICE)
    client.cookies.clear()
    form = plain_form(client, CHOICE, question=CHOICE, answer="3w2", hints="1", hint="more")
    assert all(hint in form for hint in block.hints_html)
    assert block.explanation_html not in form  # it waits for the solution
    checked = [a["value"] for t, a in elements(form, "input") if "checked" in a]
    assert checked == ["3w2"]
    hint_only = plain_form(client, CHOICE, question=CHOICE, hints="0", hint="more")
    assert block.hints_html[0] in hint_only and "Not quite." not in hint_only
