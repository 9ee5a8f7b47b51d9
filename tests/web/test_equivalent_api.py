"""`/api/equivalent` and `/api/preview` read what a lesson's answer box reads: vectors in any
brackets, equations, decimals to the figures shown, and a tolerance the caller gives."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

GRADIENT = {"expected": "(2*w1, 6*w2)", "variables": ["w1", "w2"]}


def check(client: TestClient, **body: Any) -> Any:
    response = client.post("/api/equivalent", json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    "answer", ["[2*w1, 6*w2]", "<2w1, 6w2>", "(2w1; 6w2)", "2(w1, 3w2)", "(2w1, 6w2)ᵀ"]
)
def test_a_vector_answer_is_checked_against_a_vector(client: TestClient, answer: str) -> None:
    result = check(client, **GRADIENT, answer=answer)
    assert result["verdict"] == "correct"
    assert [c["verdict"] for c in result["components"]] == ["correct", "correct"]


def test_a_vector_verdict_says_which_component_is_wrong(client: TestClient) -> None:
    result = check(client, **GRADIENT, answer="(2w1, 5w2)")
    assert result["verdict"] == "incorrect"
    assert [c["equivalent"] for c in result["components"]] == [True, False]
    assert "first" in result["message"] and "second" in result["message"]


def test_a_vector_of_the_wrong_size_is_invalid_and_costs_nothing(client: TestClient) -> None:
    result = check(client, **GRADIENT, answer="(2w1, 6w2, 0)")
    assert result["verdict"] == "invalid" and "found 3" in result["message"]


def test_a_scalar_has_no_components(client: TestClient) -> None:
    result = check(client, expected="2x", answer="x + x", variables=["x"])
    assert result["verdict"] == "correct" and result["components"] == []


@pytest.mark.parametrize("answer", ["dL/dw1 = 2w1", "∂L/∂w1 = 2w1", "= 2w1", "2w1."])
def test_an_equation_is_judged_by_its_right_side(client: TestClient, answer: str) -> None:
    result = check(client, expected="2w1", answer=answer, variables=["w1", "w2"])
    assert result["verdict"] == "correct"


@pytest.mark.parametrize(
    ("expected", "answer", "tolerance", "verdict"),
    [
        ("pi", "3.14", None, "correct"),
        ("1/3", "0.333", None, "correct"),
        ("1/3", "0.33", None, "invalid"),
        ("1/3", "0.334", None, "incorrect"),
        ("1/4", "0.3", None, "incorrect"),
        ("sqrt(2)", "1.414", {"figures": 5}, "invalid"),
        ("sqrt(2)", "1.4142", {"figures": 5}, "correct"),
        ("pi", "22/7", {"relative": 1e-3}, "correct"),
        ("pi", "22/7", {"relative": 1e-4}, "incorrect"),
    ],
)
def test_a_number_is_judged_to_its_figures_or_tolerance(
    client: TestClient,
    expected: str,
    answer: str,
    tolerance: dict[str, float] | None,
    verdict: str,
) -> None:
    result = check(client, expected=expected, answer=answer, variables=[], tolerance=tolerance)
    assert result["verdict"] == verdict, result["message"]


@pytest.mark.parametrize(
    "tolerance", [{"figures": 3, "relative": 0.1}, {"figures": 0}, {"relative": 2}, {"digits": 3}]
)
def test_a_malformed_tolerance_is_a_422(client: TestClient, tolerance: dict[str, float]) -> None:
    body = {"expected": "pi", "answer": "3.14", "variables": [], "tolerance": tolerance}
    assert client.post("/api/equivalent", json=body).status_code == 422


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        ("∂L/∂w1 = 2w1", ["<mn>2</mn>", "<mi>w</mi>"]),
        # As typed (issue 18): the factor stays before the brackets, the exponent unworked.
        ("2(w1, 3w2)", ["<mn>2</mn><mrow><mo>(</mo>", "<mn>3</mn>"]),
        ("x⁵⁺³", ["<mn>5</mn><mo>+</mo><mn>3</mn>"]),
    ],
)
def test_the_preview_shows_what_the_checker_reads(
    client: TestClient, text: str, shows: list[str]
) -> None:
    response = client.post("/api/preview", json={"text": text})
    assert response.status_code == 200, response.text
    mathml = response.json()["mathml"]
    for part in shows:
        assert part in mathml
    assert "∂" not in mathml  # the left side of an equation is not what is checked
