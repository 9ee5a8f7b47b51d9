"""POST /api/surface and /api/descent: the engine's answers over HTTP, errors as 422 with the
engine's message and column, and both documented in the OpenAPI schema."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest
import sympy
from starlette.testclient import TestClient

from steepest.engine.evaluate.tree import evaluate_tree
from steepest.engine.limits import (
    DEFAULT_LIMITS,
    MAX_DESCENT_STEPS,
    MAX_LEARNING_RATE,
    MAX_LEVEL_LINES,
)
from steepest.engine.surface.descent import descent_json

w1, w2 = sympy.symbols("w1 w2", real=True)
BOWL = w1**2 + 3 * w2**2


def post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body)


def test_surface_returns_level_lines_on_their_levels(client: TestClient) -> None:
    response = post(client, "/api/surface", {"expression": "w1^2 + 3w2^2"})
    assert response.status_code == 200
    body = response.json()
    assert body["variables"] == ["w1", "w2"]
    assert body["window"] == [-2, 2, -2, 2]
    assert len(body["levels"]) == 12
    for level in body["levels"]:
        points = np.concatenate([np.array(line) for line in level["lines"]])
        values = points[:, 0] ** 2 + 3 * points[:, 1] ** 2
        # The coordinates are rounded to a ten-thousandth of the window: L moves by at most
        # |∇L| (≤ 12.7 here) times that, plus a grid cell's interpolation error.
        assert np.abs(values - level["value"]) == pytest.approx(0, abs=0.02)
    assert "minimum at (w1 = 0, w2 = 0)" in body["description"]


@pytest.mark.parametrize("point", [(0.3, -1.2), (-1.7, 0.4), (1.1, 1.9)])
def test_surface_partials_are_sympys(client: TestClient, point: tuple[float, float]) -> None:
    body = post(client, "/api/surface", {"expression": "w1^2 w2 + sin(w2)"}).json()
    loss = w1**2 * w2 + sympy.sin(w2)
    values = {"w1": point[0], "w2": point[1]}
    at = {w1: point[0], w2: point[1]}
    for symbol in (w1, w2):
        expected = float(sympy.diff(loss, symbol).subs(at))
        assert math.isclose(evaluate_tree(body["partials"][symbol.name], values), expected)
    assert math.isclose(evaluate_tree(body["function"], values), float(loss.subs(at)))


def test_surface_takes_a_window_and_exact_levels(client: TestClient) -> None:
    body = post(
        client,
        "/api/surface",
        {"expression": "x^2 + y^2", "window": [-1, 3, 0, 4], "levels": [1, 4]},
    ).json()
    assert body["window"] == [-1, 3, 0, 4]
    assert [level["value"] for level in body["levels"]] == [1, 4]
    assert body["spacing"] == "given"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"expression": "x^2"}, "depends only on x"),
        ({"expression": "x + y + z"}, "exactly two variables"),
        ({"expression": "w1^2 + 3w2^2", "window": [2, -2, -2, 2]}, "smaller to a larger"),
        ({"expression": "w1^2 + 3w2^2", "levels": 99}, "1 to 40 level lines"),
        ({"expression": "w1^2 + 3w2^2", "window": [0, 1]}, "window"),
        ({"expression": "w1^2", "colour": "red"}, "colour"),
    ],
)
def test_surface_refuses_bad_input_with_a_message(
    client: TestClient, body: dict[str, Any], fragment: str
) -> None:
    response = post(client, "/api/surface", body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]


def test_surface_syntax_error_points_at_its_column(client: TestClient) -> None:
    response = post(client, "/api/surface", {"expression": "w1^2 + * w2"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["column"] == 8
    assert error["message"]


def test_descent_is_exactly_the_engine_path(client: TestClient) -> None:
    expression, start, rate, steps = "w1^2 + 3w2^2", {"w1": -1.8, "w2": 1}, 0.1, 300
    body = {"expression": expression, "start": start, "rate": rate, "steps": steps}
    response = post(client, "/api/descent", body)
    assert response.status_code == 200
    assert response.json() == descent_json(expression, start, rate, steps)


def test_descent_with_a_small_rate_lowers_the_loss_and_settles(client: TestClient) -> None:
    start = {"w1": -1.8, "w2": 1.0}
    body = post(
        client,
        "/api/descent",
        {"expression": "w1^2 + 3w2^2", "start": start, "rate": 0.05, "steps": 500},
    ).json()
    losses = body["losses"]
    assert all(later < earlier for earlier, later in itertools.pairwise(losses))
    for point, loss in zip(body["points"], losses, strict=True):
        assert math.isclose(loss, float(BOWL.subs({w1: point["w1"], w2: point["w2"]})))
    last = body["points"][-1]
    assert body["converged"] and not body["diverged"]
    assert math.hypot(last["w1"], last["w2"]) < 1e-5


def test_descent_at_rate_point_four_diverges_and_says_so(client: TestClient) -> None:
    body = post(
        client,
        "/api/descent",
        {"expression": "w1^2 + 3w2^2", "start": {"w1": -1.8, "w2": 1}, "rate": 0.4, "steps": 100},
    ).json()
    assert body["diverged"] is True
    assert body["losses"][-1] > 100 * body["losses"][0]
    # 2 / (the largest eigenvalue of the Hessian, 6) is where steps stop shrinking.
    assert body["rate_limit"] == pytest.approx(2 / 6)
    assert "flew off" in body["message"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"rate": 0}, "positive"),
        ({"rate": 50}, "at most 10"),
        ({"steps": 5000}, "at most 1000 steps"),
        ({"start": {"w1": 1}}, "w2"),
        ({"rate": "fast"}, "rate"),
    ],
)
def test_descent_refuses_bad_input_with_a_message(
    client: TestClient, body: dict[str, Any], fragment: str
) -> None:
    request = {"expression": "w1^2 + 3w2^2", "start": {"w1": 1, "w2": 1}, "rate": 0.1, "steps": 10}
    response = post(client, "/api/descent", {**request, **body})
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]


def test_both_endpoints_are_in_the_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, request_model, reply_model in (
        ("/api/surface", "SurfaceRequest", "SurfaceReply"),
        ("/api/descent", "DescentRequest", "DescentReply"),
    ):
        operation = schema["paths"][path]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert body["$ref"].endswith(request_model)
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok["$ref"].endswith(reply_model)
        assert "422" in operation["responses"]
    reply = schema["components"]["schemas"]["DescentReply"]["properties"]
    assert {"points", "losses", "diverged"} <= set(reply)


def test_the_schema_states_the_bounds_the_engine_enforces(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    descent = schemas["DescentRequest"]["properties"]
    surface = schemas["SurfaceRequest"]["properties"]
    assert descent["steps"]["maximum"] == MAX_DESCENT_STEPS
    assert descent["rate"]["maximum"] == MAX_LEARNING_RATE
    assert [
        option.get("maximum", option.get("maxItems")) for option in surface["levels"]["oneOf"]
    ] == [
        MAX_LEVEL_LINES,
        MAX_LEVEL_LINES,
    ]
    for model in ("DescentRequest", "SurfaceRequest", "GradientRequest"):
        assert schemas[model]["properties"]["expression"]["maxLength"] == DEFAULT_LIMITS.max_length
    bowl: dict[str, Any] = {"expression": "w1^2 + 3w2^2", "start": {"w1": 1, "w2": 1}, "rate": 0.1}
    at_the_bound = [
        ("/api/descent", {**bowl, "steps": MAX_DESCENT_STEPS}),
        ("/api/descent", {**bowl, "rate": MAX_LEARNING_RATE, "steps": 5}),
        ("/api/surface", {"expression": "w1^2 + 3w2^2", "levels": MAX_LEVEL_LINES}),
        ("/api/gradient", {"expression": "w1 + " * 99 + "w2"}),
    ]
    beyond = [
        ("/api/descent", {**bowl, "steps": MAX_DESCENT_STEPS + 1}),
        ("/api/descent", {**bowl, "rate": MAX_LEARNING_RATE * 1.01, "steps": 5}),
        ("/api/surface", {"expression": "w1^2 + 3w2^2", "levels": MAX_LEVEL_LINES + 1}),
        ("/api/gradient", {"expression": "w1 + " * 100 + "w2"}),
    ]
    for path, body in at_the_bound:
        assert post(client, path, body).status_code == 200, (path, body)
    for path, body in beyond:
        assert post(client, path, body).status_code == 422, (path, body)
