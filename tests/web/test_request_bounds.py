"""Every list and mapping a request may carry is bounded in its schema, from the engine's own
limits, so an oversized one is refused with a 422 before any worker runs; the engine still
refuses what its limits forbid, declared variables included, when it is called directly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, TypeVar

import pytest
from starlette.testclient import TestClient

from steepest.compute import Task
from steepest.compute.lanes import ComputeLanes
from steepest.engine.errors import LimitExceeded
from steepest.engine.explain.report import gradient_report
from steepest.engine.limits import DEFAULT_LIMITS, MAX_LEVEL_LINES
from steepest.engine.notation.parser import parse

from .app_state import app_of, state_of

Req = TypeVar("Req")
Res = TypeVar("Res")

# The example: 1,050 declared names in an 8 KB request, one of them used.
MANY_NAMES = [f"v{n}" for n in range(1050)]
TOO_MANY = DEFAULT_LIMITS.max_variables + 1
# Progress and review documents are read by the store, which bounds each part of them itself
# (store/progress.py, store/review_state.py, store/transfer.py), and never reach a worker.
STORE_DOCUMENTS = {"/api/progress/import", "/api/progress/{lesson}", "/api/review"}


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _unbounded(schema: dict[str, Any], document: dict[str, Any], where: str) -> Iterator[str]:
    """Where in `schema` a list or a mapping has no largest size."""
    schema = _resolve(schema, document)
    if schema.get("type") == "array" and "maxItems" not in schema:
        yield where
    extra = schema.get("additionalProperties")
    if schema.get("type") == "object" and extra not in (None, False):
        if "maxProperties" not in schema:
            yield where
        if isinstance(extra, dict):
            yield from _unbounded(extra, document, f"{where}.*")
    for name, part in schema.get("properties", {}).items():
        yield from _unbounded(part, document, f"{where}.{name}")
    for key in ("items", "anyOf", "oneOf", "allOf", "prefixItems"):
        parts = schema.get(key, [])
        for part in parts if isinstance(parts, list) else [parts]:
            yield from _unbounded(part, document, where)


def test_every_list_and_mapping_a_request_carries_is_bounded(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    bodies = {
        (method, path): operation["requestBody"]["content"]["application/json"]["schema"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }
    assert len(bodies) >= 9
    unbounded = [
        f"{method.upper()} {path}: {where}"
        for (method, path), schema in bodies.items()
        if path not in STORE_DOCUMENTS
        for where in _unbounded(schema, document, "body")
    ]
    assert unbounded == []


class _RecordingLanes(ComputeLanes):
    """Lanes that start no worker and note every call they are asked to make."""

    def __init__(self) -> None:
        super().__init__(workers=1, timeout=2.0, preload=())
        self.calls: list[str] = []

    async def acall(
        self,
        task: Task[Req, Res],
        request: Req,
        *,
        timeout: float | None = None,
        client: str | None = None,
    ) -> Res:
        self.calls.append(str(task))
        raise AssertionError(f"{task} reached the compute lanes")


@pytest.fixture
def recording(client: TestClient) -> Iterator[_RecordingLanes]:
    app, state = app_of(client), state_of(client)
    lanes = _RecordingLanes()
    app.state.steepest = dataclasses.replace(state, pool=lanes)
    yield lanes
    app.state.steepest = state
    lanes.close()


BOWL = "w1^2 + 3w2^2"


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/api/gradient", {"expression": "v1", "variables": MANY_NAMES}, "variables: List"),
        ("/api/gradient", {"expression": "v1", "at": dict.fromkeys(MANY_NAMES, 1)}, "at: Dict"),
        ("/api/preview", {"text": "v1", "variables": MANY_NAMES[:TOO_MANY]}, "variables: List"),
        (
            "/api/equivalent",
            {"expected": "v1", "answer": "v1", "variables": MANY_NAMES[:TOO_MANY]},
            "variables: List",
        ),
        (
            "/api/equivalent",
            {
                "expected": "x",
                "answer": "x",
                "variables": ["x"],
                "domain": {"x": "real"} | {name: "positive" for name in MANY_NAMES},
            },
            "domain: Dict",
        ),
        ("/api/surface", {"expression": BOWL, "levels": [1] * (MAX_LEVEL_LINES + 1)}, "levels"),
        (
            "/api/descent",
            {"expression": BOWL, "start": dict.fromkeys(MANY_NAMES[:TOO_MANY], 1), "rate": 0.1},
            "start: Dict",
        ),
        (
            "/api/gradient",
            {"expression": "x", "variables": ["x" * (DEFAULT_LIMITS.max_length + 1)]},
            "variables.0: String",
        ),
    ],
)
def test_an_oversized_list_or_mapping_is_refused_before_any_worker_runs(
    client: TestClient,
    recording: _RecordingLanes,
    path: str,
    body: dict[str, Any],
    message: str,
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["message"].startswith(message)
    assert recording.calls == []


def test_the_engine_refuses_declared_variables_beyond_its_limit_even_when_unused() -> None:
    with pytest.raises(LimitExceeded, match=f"more than {DEFAULT_LIMITS.max_variables} variables"):
        parse("v1", MANY_NAMES)
    with pytest.raises(LimitExceeded):
        gradient_report("v1", None, MANY_NAMES)
    # At the limit, every declared name is still a variable of the report.
    names = MANY_NAMES[: DEFAULT_LIMITS.max_variables]
    assert gradient_report("v1", None, names)["variables"] == names
