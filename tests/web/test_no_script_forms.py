"""The forms that work without JavaScript: a learner's own function, a quiz answer and a typed
answer, all as plain GETs of the lesson page."""

from __future__ import annotations

import html

import pytest
from starlette.testclient import TestClient

from steepest.compute import tasks
from steepest.compute.tasks.messages import QuestionAnswer
from steepest.engine.errors import EngineError
from steepest.engine.explain.report import gradient_report
from steepest.engine.notation.parser import parse
from steepest.lessons import Lesson
from steepest.web.course.quiz import find_typed_question

from .page_parts import SLUG, elements, section_html


def try_it(client: TestClient, expression: str, at: str = "") -> tuple[int, str]:
    response = client.get(
        f"/lessons/{SLUG}", params={"expression": expression, "at": at, "example": "1"}
    )
    return response.status_code, section_html(response.text, "worked-example")


def test_own_function_gets_the_engine_steps(client: TestClient) -> None:
    status, part = try_it(client, "x^2 y + sin(y)", "x=1, y=0")
    assert status == 200
    report = gradient_report("x^2 y + sin(y)", {"x": "1", "y": "0"})
    result = part[part.index("data-try-result") :]
    for step in report["steps"]:
        assert step["mathml"] in result
    values = {a.get("value") for t, a in elements(part, "input")}
    assert "x^2 y + sin(y)" in values and "x=1, y=0" in values


def test_bad_function_shows_the_engine_error_beside_the_box(client: TestClient) -> None:
    typed = "w1^2 + )"
    with pytest.raises(EngineError) as expected:
        parse(typed)
    status, part = try_it(client, typed)
    assert status == 422
    error = part[part.index('id="try-1-expression-error"') :]
    error = html.unescape(error[: error.index("</div>")])
    assert expected.value.message in error
    assert f"(column {expected.value.column})" in error
    box = next(a for t, a in elements(part, "input") if a.get("name") == "expression")
    assert box.get("aria-invalid") == "true"


def test_bad_point_shows_its_error_beside_the_point_box(client: TestClient) -> None:
    status, part = try_it(client, "w1 + w2", "w1=1, w2")
    assert status == 422
    error = part[part.index('id="try-1-at-error"') :]
    assert "name=value" in error[: error.index("</div>")]
    box = next(a for t, a in elements(part, "input") if a.get("name") == "at")
    assert box.get("aria-invalid") == "true"


def test_point_naming_another_variable_is_reported(client: TestClient) -> None:
    status, part = try_it(client, "w1 + w2", "w1=1, w3=2")
    assert status == 422
    error = part[part.index('id="try-1-at-error"') :]
    assert "w3" in error[: error.index("</div>")]


@pytest.mark.parametrize(("answer", "right"), [("6w2", True), ("3w2", False)])
def test_quiz_answer_without_javascript(client: TestClient, answer: str, right: bool) -> None:
    response = client.get(f"/lessons/{SLUG}", params={"question": "partial-w2", "answer": answer})
    assert response.status_code == 200
    form = response.text[response.text.index('id="question-partial-w2"') :]
    form = form[: form.index("</form>")]
    assert ("Right." in form) is right
    assert ("Not quite." in form) is not right
    checked = [a["value"] for t, a in elements(form, "input") if "checked" in a]
    assert checked == [answer]


def test_quiz_answer_naming_no_option_is_refused(client: TestClient) -> None:
    response = client.get(f"/lessons/{SLUG}", params={"question": "partial-w2", "answer": "zz"})
    assert response.status_code == 422


def typed_form(client: TestClient, question: str, answer: str) -> tuple[int, str]:
    response = client.get(f"/lessons/{SLUG}", params={"typed": question, "typed_answer": answer})
    form = response.text[response.text.index(f'id="question-{question}"') :]
    return response.status_code, form[: form.index("</form>")]


def engine_feedback(lesson: Lesson, question: str, answer: str) -> dict[str, object]:
    block = find_typed_question(lesson, question)
    feedback: dict[str, object] = dict(
        tasks.QUESTION_FEEDBACK(QuestionAnswer(block.question_fields(lesson.parameters), answer))
    )
    return feedback


@pytest.mark.parametrize(
    ("answer", "verdict", "head"),
    [
        ("2*w1", "correct", "Right."),
        ("6w2", "incorrect", "Not quite."),
        ("2*w1 +", "invalid", "could not read that"),
    ],
)
def test_typed_answer_without_javascript_gets_the_engine_verdict(
    client: TestClient, lesson: Lesson, answer: str, verdict: str, head: str
) -> None:
    client.cookies.clear()  # a new learner, with no tries yet
    status, form = typed_form(client, "typed-partial-w1", answer)
    assert status == 200  # even unreadable text: it costs the learner nothing
    expected = engine_feedback(lesson, "typed-partial-w1", answer)
    assert expected["verdict"] == verdict
    shown = html.unescape(form[form.index("data-feedback") :])
    assert head in shown
    # A first wrong try gets a hint; the message, which may hold the answer, waits.
    assert (str(expected["message"]) in shown) is (verdict == "invalid")
    assert ('data-role="hint"' in shown) is (verdict == "incorrect")
    if verdict == "invalid":
        assert f"(column {expected['column']})" in shown
    box = next(a for t, a in elements(form, "input") if a.get("name") == "typed_answer")
    assert box.get("value") == answer  # the learner's text stays in the box to fix


def test_typed_answer_without_javascript_shows_the_explanation_only_when_right(
    client: TestClient, lesson: Lesson
) -> None:
    client.cookies.clear()
    block = find_typed_question(lesson, "typed-partial-w1")
    _, right = typed_form(client, "typed-partial-w1", "2w1")
    _, wrong = typed_form(client, "typed-partial-w1", "6w2")
    _, unread = typed_form(client, "typed-partial-w1", "6w2 )")
    assert block.explanation_html in right
    assert block.explanation_html not in wrong
    assert block.explanation_html not in unread


def test_typed_answer_to_an_unknown_question_is_a_404(client: TestClient) -> None:
    response = client.get(f"/lessons/{SLUG}", params={"typed": "nope", "typed_answer": "1"})
    assert response.status_code == 404
