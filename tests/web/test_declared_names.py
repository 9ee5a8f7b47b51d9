"""Names of several letters (`lr`, `lam`, `loss`) work wherever a caller declares variables."""

from __future__ import annotations

import sympy
from starlette.testclient import TestClient


def test_the_gradient_api_takes_declared_names_of_several_letters(client: TestClient) -> None:
    body = {"expression": "lam(w1^2 + w2^2)", "variables": ["w1", "w2", "lam"]}
    response = client.post("/api/gradient", json=body)
    assert response.status_code == 200, response.text
    report = response.json()
    w1, w2, lam = sympy.symbols("w1 w2 lam", real=True)
    loss = lam * (w1**2 + w2**2)
    assert report["variables"] == ["w1", "w2", "lam"]
    for name, partial in report["partials"].items():
        symbols = {"w1": w1, "w2": w2, "lam": lam}
        assert sympy.sympify(partial, locals=symbols) == sympy.diff(loss, symbols[name])


def test_the_equivalence_api_takes_declared_names_of_several_letters(client: TestClient) -> None:
    body = {"expected": "w - lr*2w", "answer": "w(1 - 2 lr)", "variables": ["w", "lr"]}
    response = client.post("/api/equivalent", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "correct"
    wrong = client.post("/api/equivalent", json={**body, "answer": "w(1 - lr)"})
    assert wrong.json()["verdict"] == "incorrect"
