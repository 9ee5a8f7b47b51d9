"""The whole gradient derivation and its JSON: partials, stack, value at a point, descent."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import sympy

from steepest.engine.calculus.derivation import derive_gradient
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.explain.report_types import RuleJson
from steepest.engine.explain.steps_json import derivation_to_json

w1, w2, x, y, z = sympy.symbols("w1 w2 x y z", real=True)
ONE = sympy.Integer(1)
LOSS = w1**2 + 3 * w2**2
REAL_SYMBOLS = {s.name: s for s in (w1, w2, x, y, z)}


def test_partials_and_gradient_match_sympy_in_the_given_order() -> None:
    expr = 3 * x**2 * y - 2 * x * y**3
    d = derive_gradient(expr, [y, x])
    assert [p.variable for p in d.partials] == [y, x]
    assert d.gradient == (sympy.diff(expr, y), sympy.diff(expr, x))
    assert all(p.result == p.rule.result for p in d.partials)
    assert d.evaluation is None and d.point is None and d.gradient_at is None


def test_each_partial_freezes_every_other_variable() -> None:
    d = derive_gradient(x * y, [x, y, z])
    assert [p.frozen for p in d.partials] == [(y, z), (x, z), (x, y)]


def test_value_at_a_point_and_the_descent_direction() -> None:
    d = derive_gradient(LOSS, [w1, w2], {w1: ONE, w2: ONE})
    e = d.evaluation
    assert e is not None
    expected = tuple(sympy.diff(LOSS, v).subs({w1: 1, w2: 1}) for v in (w1, w2))
    assert e.gradient == expected
    assert e.descent == tuple(-g for g in expected)
    assert e.steepest == w2
    assert not e.is_critical
    assert d.point == {w1: ONE, w2: ONE}
    assert d.gradient_at == expected


def test_equal_components_name_no_steepest_variable() -> None:
    e = derive_gradient(x**2 + y**2, [x, y], {x: ONE, y: -ONE}).evaluation
    assert e is not None
    assert e.steepest is None
    assert not e.is_critical


def test_a_zero_gradient_is_a_critical_point() -> None:
    e = derive_gradient(x**2 + y**2, [x, y], {x: sympy.S.Zero, y: sympy.S.Zero}).evaluation
    assert e is not None
    assert e.is_critical
    assert e.steepest is None


def test_an_exact_point_gives_exact_values_and_a_float_point_gives_floats() -> None:
    expr = sympy.log(x) * y
    exact = derive_gradient(expr, [x, y], {x: sympy.Integer(2), y: ONE}).evaluation
    assert exact is not None
    assert exact.gradient == (sympy.Rational(1, 2), sympy.log(2))
    approximate = derive_gradient(expr, [x, y], {x: sympy.Float(2.0), y: ONE}).evaluation
    assert approximate is not None
    assert all(isinstance(g, sympy.Float) for g in approximate.gradient)
    assert float(approximate.gradient[1]) == pytest.approx(float(sympy.log(2)))


def test_a_point_missing_a_variable_is_refused() -> None:
    with pytest.raises(VariableError, match="w2"):
        derive_gradient(LOSS, [w1, w2], {w1: ONE})


def test_a_point_naming_an_unknown_variable_is_refused() -> None:
    with pytest.raises(VariableError, match="x"):
        derive_gradient(LOSS, [w1, w2], {w1: ONE, w2: ONE, x: ONE})


def test_a_gradient_needs_at_least_one_variable() -> None:
    with pytest.raises(VariableError):
        derive_gradient(sympy.Integer(3), [])


def test_a_gradient_without_a_finite_value_is_refused() -> None:
    with pytest.raises(EvaluationError):
        derive_gradient(sympy.log(x) + y, [x, y], {x: sympy.S.Zero, y: ONE})


def test_json_steps_come_in_teaching_order_and_serialise() -> None:
    steps = derivation_to_json(derive_gradient(LOSS, [w1, w2], {w1: ONE, w2: ONE}))
    assert [s["kind"] for s in steps] == ["partial", "partial", "stack", "evaluate", "descent"]
    json.dumps(steps)  # nothing but JSON types inside
    for step in steps:
        assert {"kind", "title", "text", "mathml"} <= step.keys()
        ET.fromstring(step["mathml"])


def test_json_partials_name_variables_frozen_and_a_result_sympy_reads_back() -> None:
    steps = derivation_to_json(derive_gradient(LOSS, [w1, w2]))
    first, second, stack = steps
    assert first["kind"] == second["kind"] == "partial" and stack["kind"] == "stack"
    assert first["variable"] == "w1"
    assert first["frozen"] == ["w2"]
    assert sympy.sympify(first["result"], locals=REAL_SYMBOLS) == sympy.diff(LOSS, w1)
    assert stack["result"] == [first["result"], second["result"]]


def test_json_rule_tree_nests_and_every_node_is_true() -> None:
    expr = sympy.exp(-(x**2) - y**2)
    first = derivation_to_json(derive_gradient(expr, [x, y]))[0]
    assert first["kind"] == "partial"
    tree = first["rules"]

    def visit(node: RuleJson) -> int:
        assert {"rule", "expression", "result", "frozen", "text", "mathml", "substeps"} <= set(node)
        local = {**REAL_SYMBOLS, node["variable"]: sympy.Symbol(str(node["variable"]), real=True)}
        expression = sympy.sympify(node["expression"], locals=local)
        result = sympy.sympify(node["result"], locals=local)
        assert sympy.simplify(result - sympy.diff(expression, local[node["variable"]])) == 0
        ET.fromstring(str(node["mathml"]))
        substeps = node["substeps"]
        assert isinstance(substeps, list)
        return 1 + sum(visit(step) for step in substeps)

    assert tree["rule"] == "chain"
    assert visit(tree) >= 5


def test_json_numbers_are_ints_when_whole_and_floats_otherwise() -> None:
    steps = derivation_to_json(derive_gradient(LOSS, [w1, w2], {w1: ONE, w2: ONE}))
    evaluate, descent = steps[3], steps[4]
    assert evaluate["kind"] == "evaluate" and descent["kind"] == "descent"
    assert evaluate["point"] == {"w1": 1, "w2": 1}
    assert evaluate["value"] == [2, 6]
    assert all(type(v) is int for v in evaluate["value"])
    assert descent["direction"] == [-2, -6]
    assert descent["steepest"] == "w2"
    assert descent["critical"] is False

    exact = derivation_to_json(derive_gradient(sympy.log(x), [x], {x: sympy.Integer(3)}))[2]
    assert exact["kind"] == "evaluate"
    assert exact["value"] == [pytest.approx(1 / 3)]
    assert type(exact["value"][0]) is float
    assert exact["exact"] == ["1/3"]
