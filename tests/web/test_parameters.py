"""Parameters: constants such as η or lr that a caller declares apart from the variables, at
/api/gradient, /api/equivalent and /api/preview."""

from __future__ import annotations

import pytest
import sympy
from starlette.testclient import TestClient

from steepest.engine.notation.parser import parse

W1, W2, ETA, LR = sympy.symbols("w1 w2 eta lr", real=True)
NAMES = {"w1": W1, "w2": W2, "eta": ETA, "lr": LR}


def read(text: str) -> sympy.Expr:
    """JSON text as SymPy reads it, checked against our own parser's reading."""
    expr = sympy.sympify(text, locals=NAMES)
    assert sympy.simplify(parse(text, list(NAMES)) - expr) == 0
    return expr


def test_a_parameter_is_neither_differentiated_nor_asked_for_at_the_point(
    client: TestClient,
) -> None:
    loss = W1**2 * ETA + LR * W2**2
    body = {
        "expression": "eta w1^2 + lr w2^2",
        "parameters": ["eta", "lr"],
        "at": {"w1": 1, "w2": "1/2"},
    }
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["variables"] == ["w1", "w2"]
    point = {W1: 1, W2: sympy.Rational(1, 2)}
    for name, partial in report["partials"].items():
        assert read(partial) == sympy.diff(loss, NAMES[name])
        assert read(report["gradient_at"][name]) == sympy.diff(loss, NAMES[name]).subs(point)
    evaluate, descent = report["steps"][-2:]
    assert [read(v) for v in evaluate["value"]] == [2 * ETA, LR]
    assert [read(v) for v in descent["direction"]] == [-2 * ETA, -LR]
    # Which component is larger depends on eta and lr: the steps do not pretend to know.
    assert descent["steepest"] is None and "steeper" not in descent["text"]


def test_parameters_may_be_glyphs_and_go_with_declared_variables(client: TestClient) -> None:
    body = {"expression": "w1 - 2ηw1^2", "variables": ["w1"], "parameters": ["η"]}
    report = client.post("/api/gradient", json=body).json()
    assert report["variables"] == ["w1"]
    assert read(report["partials"]["w1"]) == 1 - 4 * ETA * W1


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"variables": ["w1", "eta"], "parameters": ["eta"]}, "both a variable and a parameter"),
        ({"parameters": ["sin"]}, "not a variable name"),
        ({"parameters": ["eta"], "at": {"w1": 1, "eta": 2}}, "eta"),
    ],
)
def test_a_parameter_declared_wrongly_is_a_422_that_says_why(
    client: TestClient, body: dict[str, object], fragment: str
) -> None:
    response = client.post("/api/gradient", json={"expression": "eta w1^2", **body})
    assert response.status_code == 422
    assert fragment in response.text


def test_too_many_names_in_all_is_refused_with_the_limit(client: TestClient) -> None:
    # Each list is within its schema's bound; together they pass the engine's limit.
    body = {
        "expression": "x",
        "variables": [f"x{i}" for i in range(7)],
        "parameters": [f"p{i}" for i in range(7)],
    }
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 422
    assert "more than 12 variables and parameters" in response.text


def test_equivalence_holds_for_every_value_of_a_parameter(client: TestClient) -> None:
    body = {
        "expected": "w - 2*lr*w",
        "answer": "w(1 - 2 lr)",
        "variables": ["w"],
        "parameters": ["lr"],
    }
    assert client.post("/api/equivalent", json=body).json()["verdict"] == "correct"
    # Right only where lr = 1: not the same function of w for every lr.
    wrong = client.post("/api/equivalent", json={**body, "answer": "w - 2w"}).json()
    assert wrong["verdict"] == "incorrect"


def test_the_preview_reads_a_parameter_whole_and_other_text_as_before(
    client: TestClient,
) -> None:
    with_lr = client.post("/api/preview", json={"text": "lr xy", "parameters": ["lr"]})
    assert with_lr.status_code == 200, with_lr.text
    assert "<mi>lr</mi>" in with_lr.json()["mathml"]
    # Undeclared, lr is l·r, and xy is still x·y either way.
    without = client.post("/api/preview", json={"text": "lr xy"}).json()["mathml"]
    assert "<mi>lr</mi>" not in without
    assert "<mi>x</mi>" in with_lr.json()["mathml"]
