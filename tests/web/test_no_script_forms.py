"""The forms that work without JavaScript: a learner's own function and a quiz answer, both as
plain GETs of the lesson page."""

from __future__ import annotations

import html

import pytest
from starlette.testclient import TestClient

from steepest.engine.errors import EngineError
from steepest.engine.parser import parse
from steepest.engine.report import gradient_report

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
