"""POST /api/equivalent and /api/preview: stateless, open to plain JSON clients, documented."""

from __future__ import annotations

import warnings

import pytest
import sympy

from steepest.engine.notation.printing import to_mathml

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def equivalent(client: TestClient, **body: object) -> dict[str, object]:
    response = client.post("/api/equivalent", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_an_equivalent_answer_typed_differently_is_correct(client: TestClient) -> None:
    result = equivalent(client, expected="6w2", answer="3*2 w2", variables=["w1", "w2"])
    assert (result["equivalent"], result["verdict"]) == (True, "correct")
    assert isinstance(result["message"], str) and result["message"]


def test_a_different_answer_is_incorrect_with_a_point_where_they_differ(client: TestClient) -> None:
    result = equivalent(client, expected="6w2", answer="2w2", variables=["w1", "w2"])
    assert (result["equivalent"], result["verdict"]) == (False, "incorrect")
    counterexample = result["counterexample"]
    assert isinstance(counterexample, dict)
    w2 = sympy.Rational(counterexample["point"]["w2"])
    assert 6 * w2 != 2 * w2


def test_the_domain_is_honoured(client: TestClient) -> None:
    pair = {"expected": "ln(x^4)", "answer": "4 ln(x)", "variables": ["x"]}
    assert equivalent(client, **pair, domain={"x": "positive"})["verdict"] == "correct"
    assert equivalent(client, **pair, domain={"x": "nonzero"})["verdict"] == "incorrect"


def test_an_unreadable_answer_is_invalid_with_its_column(client: TestClient) -> None:
    result = equivalent(client, expected="6w2", answer="6*w2 +", variables=["w1", "w2"])
    assert (result["equivalent"], result["verdict"], result["column"]) == (False, "invalid", 7)


@pytest.mark.parametrize(
    "body",
    [
        {"expected": "6w2 +", "answer": "6w2", "variables": ["w2"]},
        {"expected": "6w2", "answer": "6w2", "variables": ["w2"], "domain": {"w2": "odd"}},
        {"expected": "6w2", "answer": "6w2"},
        {"expected": "6w2", "answer": "6w2", "variables": ["w2"], "extra": 1},
    ],
    ids=["expected-unreadable", "unknown-domain", "no-variables", "unknown-field"],
)
def test_a_malformed_request_is_a_422_with_a_message(
    client: TestClient, body: dict[str, object]
) -> None:
    response = client.post("/api/equivalent", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["message"]


def test_preview_typesets_what_the_engine_read(client: TestClient) -> None:
    response = client.post("/api/preview", json={"text": "2w1^2"})
    assert response.status_code == 200
    expected = to_mathml(2 * sympy.Symbol("w1", real=True) ** 2)
    assert response.json() == {"mathml": expected}


def test_preview_reads_a_vector_component_by_component(client: TestClient) -> None:
    mathml = client.post("/api/preview", json={"text": "(2w1, -12)"}).json()["mathml"]
    assert mathml.startswith("<math") and "<mn>12</mn>" in mathml and "<mo>,</mo>" in mathml


@pytest.mark.parametrize(("text", "column"), [("2w1^", 5), ("(2w1, 3*)", 9), ("(, 1)", 2)])
def test_preview_of_unreadable_text_is_a_422_with_the_column(
    client: TestClient, text: str, column: int
) -> None:
    response = client.post("/api/preview", json={"text": text})
    assert response.status_code == 422
    assert response.json()["error"]["column"] == column


def test_preview_honours_the_declared_variables(client: TestClient) -> None:
    response = client.post("/api/preview", json={"text": "x + w1", "variables": ["w1"]})
    assert response.status_code == 422
    assert "x" in response.json()["error"]["message"]


def test_the_stateless_routes_need_no_cookie_or_csrf_token(client: TestClient) -> None:
    client.cookies.clear()
    headers = {"Origin": "https://notebook.example", "Sec-Fetch-Site": "cross-site"}
    body = {"expected": "1", "answer": "1", "variables": []}
    assert client.post("/api/equivalent", json=body, headers=headers).status_code == 200
    assert client.post("/api/preview", json={"text": "x"}, headers=headers).status_code == 200


def test_the_new_routes_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in [
        ("/api/equivalent", "post"),
        ("/api/preview", "post"),
        ("/api/answers/{lesson}/{question}", "post"),
        ("/api/practice/problems", "post"),
        ("/api/practice/attempts", "post"),
        ("/api/practice/mastery", "get"),
        ("/api/progress/{lesson}", "get"),
        ("/api/progress/{lesson}", "put"),
        ("/api/progress/export", "get"),
        ("/api/progress/import", "post"),
    ]:
        assert method in paths[path], (path, method)
        assert paths[path][method]["summary"]
