"""The JSON API: /api/gradient answers exactly what the engine reports, errors carry columns,
and quiz answers are scored on the server."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
import sympy
from starlette.testclient import TestClient

from steepest.compute import ComputeTimeout, PoolOverloaded, Task
from steepest.compute.lanes import ComputeLanes
from steepest.engine.errors import EngineError
from steepest.engine.explain.report import gradient_report
from steepest.engine.notation.parser import parse
from steepest.lessons import Lesson, QuestionBlock

from .app_state import app_of, state_of
from .learner_requests import csrf_headers
from .page_parts import SLUG

Req = TypeVar("Req")
Res = TypeVar("Res")
# Makes every engine call of the app fail with the given error, until the test ends.
SwapPool = Callable[[Exception], None]


def post_gradient(client: TestClient, body: dict[str, Any]) -> Any:
    return client.post("/api/gradient", json=body)


@pytest.mark.parametrize(
    ("expression", "at"),
    [
        ("w1^2 + 3w2^2", {"w1": 1, "w2": 1}),
        ("sin(x) y + exp(x y)", None),
        ("theta^3 - 2 theta", {"theta": "1/2"}),
    ],
)
def test_gradient_is_exactly_the_engine_report(
    client: TestClient, expression: str, at: dict[str, Any] | None
) -> None:
    response = post_gradient(client, {"expression": expression, "at": at})
    assert response.status_code == 200
    assert response.json() == gradient_report(expression, at)


def test_gradient_partials_agree_with_sympy(client: TestClient) -> None:
    body = post_gradient(client, {"expression": "w1^2 w2 + cos(w2)", "at": None}).json()
    w1, w2 = sympy.symbols("w1 w2", real=True)
    loss = w1**2 * w2 + sympy.cos(w2)
    for name, symbol in (("w1", w1), ("w2", w2)):
        partial = sympy.sympify(body["partials"][name], locals={"w1": w1, "w2": w2})
        assert sympy.simplify(partial - sympy.diff(loss, symbol)) == 0


def test_gradient_at_a_point_matches_the_lesson(client: TestClient) -> None:
    body = post_gradient(client, {"expression": "w1^2 + 3w2^2", "at": {"w1": 1, "w2": 1}}).json()
    assert body["gradient_at"] == {"w1": 2, "w2": 6}
    descent = next(s for s in body["steps"] if s["kind"] == "descent")
    assert descent["direction"] == [-2, -6]


def test_variables_fix_the_order(client: TestClient) -> None:
    body = post_gradient(client, {"expression": "a + 2b", "variables": ["b", "a"]}).json()
    assert body["variables"] == ["b", "a"]
    assert body["gradient"] == ["2", "1"]


@pytest.mark.parametrize("typed", ["w1^2 + )", "sin(", "3x^", "x $ y"])
def test_bad_math_is_422_with_the_engine_column(client: TestClient, typed: str) -> None:
    with pytest.raises(EngineError) as expected:
        parse(typed)
    response = post_gradient(client, {"expression": typed})
    assert response.status_code == 422
    assert response.json() == {
        "error": {"message": expected.value.message, "column": expected.value.column}
    }


def test_point_with_unknown_variable_is_422(client: TestClient) -> None:
    response = post_gradient(client, {"expression": "w1 + w2", "at": {"w1": 1, "w3": 2}})
    assert response.status_code == 422
    assert "w3" in response.json()["error"]["message"]


def test_point_giving_one_variable_twice_is_422(client: TestClient) -> None:
    response = post_gradient(client, {"expression": "w1 + w2", "at": {"w_1": 1, "w1": 2, "w2": 3}})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "w1 is given twice"


@pytest.mark.parametrize(
    "body",
    [{}, {"expression": 3}, {"expression": "x", "extra": 1}, {"expression": "x", "at": [1]}],
)
def test_malformed_request_is_422_in_the_same_shape(
    client: TestClient, body: dict[str, Any]
) -> None:
    response = post_gradient(client, body)
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"message", "column"}


class _RefusingPool(ComputeLanes):
    """Compute lanes that fail every call with `error` before any worker is started."""

    def __init__(self, error: Exception) -> None:
        super().__init__(workers=1, timeout=2.0, preload=())
        self.error = error

    async def acall(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        raise self.error


@pytest.fixture
def swap_pool(client: TestClient) -> Iterator[SwapPool]:
    app, state = app_of(client), state_of(client)
    swapped: list[ComputeLanes] = []

    def swap(error: Exception) -> None:
        swapped.append(_RefusingPool(error))
        app.state.steepest = dataclasses.replace(state, pool=swapped[-1])

    yield swap
    app.state.steepest = state
    for pool in swapped:
        pool.close()


def test_timeout_is_422(client: TestClient, swap_pool: SwapPool) -> None:
    swap_pool(ComputeTimeout(2.0))
    response = post_gradient(client, {"expression": "x"})
    assert response.status_code == 422
    assert "too expensive" in response.json()["error"]["message"]


def test_overload_is_503_with_retry_after(client: TestClient, swap_pool: SwapPool) -> None:
    swap_pool(PoolOverloaded(retry_after=3))
    response = post_gradient(client, {"expression": "x"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "3"


def questions(lesson: Lesson) -> list[QuestionBlock]:
    return [b for s in lesson.sections for b in s.blocks if isinstance(b, QuestionBlock)]


def post_quiz(client: TestClient, question: str, answer: str, lesson: str = SLUG) -> Any:
    """A quiz answer as the page's script sends it, from the learner whose cookies `client`
    holds (a new one after `client.cookies.clear()`)."""
    url = f"/api/quiz/{lesson}/{question}"
    return client.post(url, json={"answer": answer}, headers=csrf_headers(client))


def test_quiz_scores_every_option(client: TestClient, lesson: Lesson) -> None:
    for question in questions(lesson):
        for option in question.options:
            client.cookies.clear()  # a first try, by a new learner
            response = post_quiz(client, question.id, option.id)
            assert response.status_code == 200
            body = response.json()
            right = option.id == question.answer
            assert body["correct"] is right
            # A first wrong try gets a hint, never the explanation.
            assert body["explanation_html"] == (question.explanation_html if right else None)
            assert (body["hint_html"] is None) is right
            assert body["feedback_html"] == (None if right else option.feedback_html)
            assert body["after_solution"] is False


def test_a_wrong_quiz_answer_gets_the_explanation_on_the_third_try(
    client: TestClient, lesson: Lesson
) -> None:
    question = next(q for q in questions(lesson) if len(q.hints_html) >= 2)
    wrong = next(o.id for o in question.options if o.id != question.answer)
    client.cookies.clear()
    bodies = [post_quiz(client, question.id, wrong).json() for _ in range(3)]
    assert [b["hint_html"] for b in bodies] == [*question.hints_html[:2], None]
    assert [b["explanation_html"] for b in bodies] == [None, None, question.explanation_html]
    # The hints a page says it revealed change nothing: the tiers come from the store.
    client.cookies.clear()
    url = f"/api/quiz/{SLUG}/{question.id}"
    crafted = {"answer": wrong, "hints": len(question.hints_html)}
    body = client.post(url, json=crafted, headers=csrf_headers(client)).json()
    assert body["explanation_html"] is None


def test_quiz_answers_need_the_csrf_token(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post(f"/api/quiz/{SLUG}/partial-w2", json={"answer": "6w2"})
    assert response.status_code == 403


def test_quiz_key_agrees_with_the_engine(client: TestClient, lesson: Lesson) -> None:
    """∂/∂w2 of w1² + 3w2² really is the option the key marks right."""
    checked = [q for q in questions(lesson) if q.check]
    assert checked
    for question in checked:
        assert question.check is not None
        report = post_gradient(client, {"expression": question.check["derivative_of"]}).json()
        partial = parse(report["partials"][question.check["variable"]].replace("**", "^"))
        assert partial == parse(question.check["equals"])
        assert post_quiz(client, question.id, question.answer).json()["correct"] is True


def test_quiz_unknown_lesson_question_or_option(client: TestClient) -> None:
    assert post_quiz(client, "partial-w2", "6w2", lesson="nope").status_code == 404
    assert post_quiz(client, "nope", "6w2").status_code == 404
    response = post_quiz(client, "partial-w2", "7w2")
    assert response.status_code == 422
    assert "7w2" in response.json()["error"]["message"]


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    gradient = schema["paths"]["/api/gradient"]["post"]
    body_ref = gradient["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.endswith("/GradientRequest")
    assert {"200", "422", "503"} <= set(gradient["responses"])
    assert "/api/quiz/{lesson}/{question}" in schema["paths"]
    assert not any(path.startswith("/lessons") for path in schema["paths"])


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_there_is_no_swagger_page_that_the_csp_would_break(client: TestClient, path: str) -> None:
    # Swagger UI and ReDoc load their scripts from a CDN; /openapi.json is served instead.
    assert client.get(path).status_code == 404


def test_gradient_at_a_kink_names_it_instead_of_a_number(client: TestClient) -> None:
    body = {"expression": "abs(x - y)", "at": {"x": 1, "y": 1}}
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 200
    report = response.json()
    assert report["gradient_at"] is None
    # abs(x - y) at x = y: moving x right or y left makes x - y positive.
    assert [(k["variable"], k["left"], k["right"]) for k in report["kinks"]] == [
        ("x", "-1", "1"),
        ("y", "-1", "1"),
    ]
    last = report["steps"][-1]
    assert last["kind"] == "kink"
    assert last["text"].startswith("L is not differentiable at this point: abs(x - y) has a kink")


@pytest.mark.parametrize(
    ("body", "size"),
    [
        ({"expression": "exp(exp(exp(exp(exp(x)))))", "at": {"x": 2}}, "too tall to write"),
        ({"expression": "exp(x)", "at": {"x": 1000}}, "about 10^434"),
        ({"expression": "x^400", "at": {"x": 10}}, "about 10^400"),
        ({"expression": "x + e^e^e^e", "at": {"x": 1}}, "about 10^1656520"),
    ],
)
def test_a_value_too_large_for_a_float_is_a_422_that_says_so(
    client: TestClient, body: dict[str, Any], size: str
) -> None:
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "too large for a float" in message and size in message
    assert "undefined" not in message


def test_descent_whose_slope_overflows_a_float_answers_instead_of_failing(
    client: TestClient,
) -> None:
    body = {"expression": "exp(x)", "start": {"x": 400}, "rate": 0.1, "steps": 10}
    response = client.post("/api/descent", json=body)
    assert response.status_code == 200
    assert response.json()["converged"] is False
