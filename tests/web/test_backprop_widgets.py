"""The backpropagation widgets: the graph's sweep agrees with `sympy.diff`, edge by edge and knob
by knob, and the measured cost demo compares two gradients that agree."""

from __future__ import annotations

import math
from typing import Any

import pytest
import sympy
from starlette.testclient import TestClient

from steepest.engine.notation.parser import parse
from steepest.widgets import (
    WIDGETS,
    WidgetParamsError,
    backprop_cost,
    computation_graph,
)
from steepest.widgets.backprop_cost import spec as cost_spec
from steepest.widgets.computation_graph import spec as graph_spec

# Expressions with the point each is swept at: the lesson's loss, a knob used twice, functions,
# a division, a constant exponent and a product of three.
CASES: list[tuple[str, dict[str, str], dict[str, str]]] = [
    ("(w*x + b - y)^2", {"w": "3", "b": "1"}, {"x": "2", "y": "4"}),
    ("w*w + w*x", {"w": "1.5"}, {"x": "-2"}),
    ("sin(w x) + exp(b) * w", {"w": "0.5", "b": "-1"}, {"x": "3"}),
    ("(w1 - 2 w2)^3 / (1 + w2^2)", {"w1": "2", "w2": "0.25"}, {}),
    ("w1 w2 w3 + log(w1 + w3)", {"w1": "1", "w2": "2", "w3": "3"}, {}),
]


def _spec(
    expression: str, knobs: dict[str, str], inputs: dict[str, str]
) -> computation_graph.ComputationGraphSpec:
    params: dict[str, Any] = {"expression": expression, "knobs": knobs}
    if inputs:
        params["inputs"] = inputs
    return graph_spec.compute_spec(computation_graph.read_params(params))


def _point(knobs: dict[str, str], inputs: dict[str, str]) -> dict[sympy.Symbol, sympy.Expr]:
    return {sympy.Symbol(n, real=True): sympy.Rational(v) for n, v in {**knobs, **inputs}.items()}


def _graph_nodes(expression: str, names: list[str]) -> dict[str, sympy.Expr]:
    """Node text → SymPy node, rebuilt independently from the expression tree."""
    found: dict[str, sympy.Expr] = {}
    loss = parse(expression, variables=names)
    for node in sympy.preorder_traversal(loss):
        if not node.is_Number:
            found[graph_spec._expression_text(node)] = node
    return found


@pytest.mark.parametrize(("expression", "knobs", "inputs"), CASES)
def test_every_adjoint_is_sympys_partial_at_the_point(
    expression: str, knobs: dict[str, str], inputs: dict[str, str]
) -> None:
    spec = _spec(expression, knobs, inputs)["browser"]
    point = _point(knobs, inputs)
    loss = parse(expression, variables=[*knobs, *inputs])
    leaves = {n["text"]: n for n in spec["nodes"] if n["kind"] != "operation"}
    assert set(leaves) == {*knobs, *inputs}
    for name, node in leaves.items():
        expected = float(sympy.diff(loss, sympy.Symbol(name, real=True)).subs(point))
        assert math.isclose(node["adjoint"], expected, rel_tol=1e-12, abs_tol=1e-12), name
        assert node["kind"] == ("knob" if name in knobs else "input")
    assert [g["knob"] for g in spec["gradient"]] == list(knobs)


@pytest.mark.parametrize(("expression", "knobs", "inputs"), CASES)
def test_every_edge_carries_the_local_derivative_of_its_operation(
    expression: str, knobs: dict[str, str], inputs: dict[str, str]
) -> None:
    spec = _spec(expression, knobs, inputs)["browser"]
    point = _point(knobs, inputs)
    text_of = {n["id"]: n["text"] for n in spec["nodes"]}
    nodes = _graph_nodes(expression, [*knobs, *inputs])
    for edge in spec["edges"]:
        parent, child = nodes[text_of[edge["from"]]], nodes[text_of[edge["to"]]]
        # The parent stands in as a plain symbol: the slope of this one operation only.
        stand_in = sympy.Dummy(real=True)
        expected = sympy.diff(child.xreplace({parent: stand_in}), stand_in).subs(stand_in, parent)
        assert math.isclose(edge["local"], float(expected.subs(point)), rel_tol=1e-12)


@pytest.mark.parametrize(("expression", "knobs", "inputs"), CASES)
def test_forward_values_and_the_sweep_order_fit_the_graph(
    expression: str, knobs: dict[str, str], inputs: dict[str, str]
) -> None:
    spec = _spec(expression, knobs, inputs)["browser"]
    point = _point(knobs, inputs)
    nodes = _graph_nodes(expression, [*knobs, *inputs])
    for node in spec["nodes"]:
        assert math.isclose(node["value"], float(nodes[node["text"]].subs(point)), rel_tol=1e-12)
    order = [step["node"] for step in spec["steps"]]
    assert sorted(order) == sorted(n["id"] for n in spec["nodes"])
    assert spec["steps"][0]["terms"] == []  # the sweep starts at L
    # Every node is visited only after every node that reads it has passed its share back.
    for edge in spec["edges"]:
        assert order.index(edge["to"]) < order.index(edge["from"])
    for step in spec["steps"]:
        readers = {e["to"] for e in spec["edges"] if e["from"] == step["node"]}
        assert {t["from"] for t in step["terms"]} == readers


def test_a_knob_used_twice_is_one_node_whose_adjoint_sums_both_paths() -> None:
    spec = _spec("w*w + w*x", {"w": "3"}, {"x": "2"})["browser"]
    (w,) = [n for n in spec["nodes"] if n["text"] == "w"]
    assert len([e for e in spec["edges"] if e["from"] == w["id"]]) == 2
    assert w["adjointText"] == "8"
    assert spec["gradient"] == [{"knob": "w", "valueText": "8"}]


def test_a_function_node_is_labelled_with_the_name_a_learner_types() -> None:
    spec = _spec("abs(w x - y) + sin(w) + ln(b)", {"w": "3", "b": "1"}, {"x": "2", "y": "4"})
    labels = {n["text"]: n["label"] for n in spec["browser"]["nodes"]}
    assert labels["abs(w·x − y)"] == "abs"
    assert labels["sin(w)"] == "sin"
    assert labels["ln(b)"] == "ln"


def test_a_sweep_that_disagrees_with_the_engine_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = graph_spec._backward_sweep

    def off_by_one(*args: Any) -> Any:
        adjoint, steps = real(*args)
        return {node: value + 1 for node, value in adjoint.items()}, steps

    monkeypatch.setattr(graph_spec, "_backward_sweep", off_by_one)
    with pytest.raises(graph_spec.BackwardSweepMismatch):
        _spec("(w*x + b - y)^2", {"w": "3", "b": "1"}, {"x": "2", "y": "4"})


@pytest.mark.parametrize(
    "params",
    [
        {"knobs": {"w": "three"}},
        {"knobs": {"w": 1}, "inputs": {"w": 2}},
        {"knobs": []},
        {"expression": ""},
        {"expression": "w^2"},
        {"colour": "red"},
    ],
)
def test_bad_graph_parameters_are_refused_in_the_web_process(params: dict[str, Any]) -> None:
    with pytest.raises(WidgetParamsError):
        computation_graph.read_params(params)


def test_a_knob_missing_from_the_loss_is_refused() -> None:
    with pytest.raises(WidgetParamsError):
        _spec("w^2", {"w": "1", "b": "2"}, {})


COST_SPEC = cost_spec.compute_spec(backprop_cost.read_params({}))


def test_cost_demo_measures_every_size_and_says_which_were_extrapolated() -> None:
    rows = COST_SPEC["rows"]
    assert [row["n"] for row in rows] == list(cost_spec.SIZES)
    for row in rows:
        assert row["evaluations"] == row["n"] + 1
        assert row["estimated"] == (row["measured"] < row["n"])
        assert row["estimated"] == (row["n"] > cost_spec.FULL_UP_TO)
        assert row["backward_seconds"] > 0
        assert row["finite_seconds"] > 0


def test_cost_demo_gradients_agree_with_each_other() -> None:
    for row in COST_SPEC["rows"]:
        assert row["largest_difference"] < cost_spec.AGREEMENT


def test_backward_pass_grows_far_slower_than_finite_differences() -> None:
    rows = COST_SPEC["rows"]
    assert rows[-1]["ratio"] > 10
    assert rows[-1]["ratio"] > rows[0]["ratio"]


def test_the_backward_pass_is_the_gradient_of_the_loss() -> None:
    """The hand-written reverse mode in the widget, against finite differences of its own loss,
    at a size where nudging every knob is quick: a disagreement must raise."""
    row = cost_spec.measure(50, seed=7)
    assert row["measured"] == 50 and not row["estimated"]


def test_both_widgets_are_registered() -> None:
    assert WIDGETS["computation-graph"].spec.resolve() is graph_spec.compute_spec
    assert WIDGETS["backprop-cost"].spec.resolve() is cost_spec.compute_spec


def test_lesson_page_shows_the_graph_table_and_cost_table_without_javascript(
    client: TestClient,
) -> None:
    response = client.get("/lessons/backpropagation")
    assert response.status_code == 200
    html = response.text
    assert 'data-widget="computation-graph"' in html
    assert 'data-widget="backprop-cost"' in html
    assert "needs JavaScript" in html
    # The no-JS tables: every sweep step, every measured size.
    assert html.count('<th scope="row">') >= 8 + len(cost_spec.SIZES)
    assert "∂<var>L</var>/∂<var>w</var> = 12" in html
