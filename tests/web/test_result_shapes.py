"""The engine's JSON, as its TypedDicts declare it, is the JSON the API documents: each result
shape names the same fields as the pydantic model of the OpenAPI document, and a live answer
has exactly those keys."""

from __future__ import annotations

from typing import Any, is_typeddict

import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.engine.explain.report_types import (
    DescentStepJson,
    EvaluateStepJson,
    GradientReportJson,
    PartialStepJson,
    RuleJson,
    StackStepJson,
)
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.mastery import TopicMasteryJson
from steepest.engine.surface.surface_types import (
    CriticalPointJson,
    DescentJson,
    LevelSetJson,
    SurfaceJson,
)
from steepest.web.schemas.answers import EquivalentResult, Feedback, Mastery
from steepest.web.schemas.api import GradientReport
from steepest.web.schemas.surface import (
    CriticalPointModel,
    DescentReply,
    LevelSetModel,
    SurfaceReply,
)

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (GradientReportJson, GradientReport),
    (TypedVerdictJson, EquivalentResult),
    (FeedbackJson, Feedback),
    (TopicMasteryJson, Mastery),
    (SurfaceJson, SurfaceReply),
    (LevelSetJson, LevelSetModel),
    (CriticalPointJson, CriticalPointModel),
    (DescentJson, DescentReply),
]


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_a_result_shape_names_the_documented_fields(shape: Any, model: type[BaseModel]) -> None:
    assert is_typeddict(shape)
    assert shape.__required_keys__ == set(shape.__annotations__)
    assert set(shape.__annotations__) == set(model.model_fields)


ANSWERS: list[tuple[str, dict[str, Any], Any]] = [
    ("/api/gradient", {"expression": "w1^2 + 3w2^2", "at": {"w1": 1, "w2": 1}}, GradientReportJson),
    (
        "/api/equivalent",
        {"expected": "2x", "answer": "x + 2", "variables": ["x"]},
        TypedVerdictJson,
    ),
    ("/api/surface", {"expression": "w1^2 + 3w2^2"}, SurfaceJson),
    ("/api/descent", {"expression": "w1^2", "start": {"w1": 1}, "rate": 0.1}, DescentJson),
]


@pytest.mark.parametrize(("path", "body", "shape"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_an_answer_has_exactly_the_keys_of_its_shape(
    client: TestClient, path: str, body: dict[str, Any], shape: Any
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 200
    assert set(response.json()) == set(shape.__annotations__)


STEPS: dict[str, Any] = {
    "partial": PartialStepJson,
    "stack": StackStepJson,
    "evaluate": EvaluateStepJson,
    "descent": DescentStepJson,
}


def rules(rule: dict[str, Any]) -> list[dict[str, Any]]:
    return [rule, *(inner for step in rule["substeps"] for inner in rules(step))]


def test_every_step_and_rule_of_a_report_has_the_keys_of_its_shape(client: TestClient) -> None:
    body = {"expression": "x sin(x y) + e^(2y)", "at": {"x": 1, "y": 0}}
    steps = client.post("/api/gradient", json=body).json()["steps"]
    assert {step["kind"] for step in steps} == set(STEPS)
    for step in steps:
        assert set(step) == STEPS[step["kind"]].__required_keys__
    found = [rule for step in steps if step["kind"] == "partial" for rule in rules(step["rules"])]
    assert len(found) > 4
    assert all(set(rule) == RuleJson.__required_keys__ for rule in found)
