"""Rule trees for one partial derivative: the right rule at each node, and every claim true."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.calculus.rules import (
    ChainRule,
    ConstantMultipleRule,
    ExpRule,
    PowerRule,
    Rule,
    TrigRule,
    check_rule,
    derive_partial,
)
from steepest.engine.errors import EngineError
from steepest.engine.functions.table import TABLE

w1, w2, x, y, z, u = sympy.symbols("w1 w2 x y z u", real=True)
XY = (x, y)
TRIG = [
    sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot, sympy.asin, sympy.acos,
    sympy.atan, sympy.sinh, sympy.cosh, sympy.tanh,
]  # fmt: skip
UNARY = [*(function.sympy_class for function in TABLE.functions), sympy.sqrt]


def nodes(rule: Rule) -> Iterator[Rule]:
    yield rule
    for step in rule.substeps:
        yield from nodes(step)


# A leaf's rule name, or a rule name followed by the shapes of its substeps.
Shape: TypeAlias = str | tuple["Shape", ...]


def shape(rule: Rule) -> Shape:
    """The rule names of a tree, nested: ("sum", "power", "constant")."""
    if not rule.substeps:
        return rule.rule_name
    return (rule.rule_name, *(shape(step) for step in rule.substeps))


@pytest.mark.parametrize(
    ("expr", "variable", "expected"),
    [
        (w1**2 + 3 * w2**2, w1, ("sum", "power", "constant")),
        (w1**2 + 3 * w2**2, w2, ("sum", "constant", ("constant multiple", "power"))),
        (x, x, "identity"),
        (y, x, "constant"),
        (sympy.Integer(5), x, "constant"),
        (x**3, x, "power"),
        (sympy.sqrt(x), x, "power"),
        (1 / x, x, "power"),
        (x**y, x, "power"),
        (3 * x**2 * y, x, ("constant multiple", "power")),
        (x / y, x, ("constant multiple", "identity")),
        (x * sympy.sin(x), x, ("product", "identity", "trig")),
        (sympy.sin(x) / x, x, ("quotient", "trig", "identity")),
        (1 / (x + 1), x, ("chain", "power", ("sum", "identity", "constant"))),
        (
            3 / (x**2 + 1),
            x,
            ("constant multiple", ("chain", "power", ("sum", "power", "constant"))),
        ),
        ((x + 1) ** 2, x, ("chain", "power", ("sum", "identity", "constant"))),
        (sympy.sin(2 * x), x, ("chain", "trig", ("constant multiple", "identity"))),
        (sympy.exp(x), x, "exp"),
        (2**x, x, "exp"),
        (y**x, x, "exp"),
        (sympy.exp(x * y), x, ("chain", "exp", ("constant multiple", "identity"))),
        (sympy.log(x), x, "log"),
        (sympy.log(x**2 + y**2), x, ("chain", "log", ("sum", "power", "constant"))),
        (sympy.Abs(x), x, "abs"),
        (sympy.sign(x), x, "sign"),
        (x**x, x, ("general power", "identity", "identity")),
    ],
    ids=lambda v: str(v),
)
def test_each_expression_gets_the_rule_a_teacher_would_use(
    expr: sympy.Expr, variable: sympy.Symbol, expected: tuple[str, ...] | str
) -> None:
    rule = derive_partial(expr, variable, sorted(expr.free_symbols | {variable}, key=str))
    assert shape(rule) == expected
    assert check_rule(rule)


@pytest.mark.parametrize("function", TRIG, ids=lambda f: f.__name__)
def test_every_whitelisted_trig_function_has_a_true_rule(function: sympy.FunctionClass) -> None:
    rule = derive_partial(function(x), x, [x])
    assert isinstance(rule, TrigRule)
    assert rule.function == function.__name__
    assert check_rule(rule)
    chained = derive_partial(function(x * y), x, XY)
    assert isinstance(chained, ChainRule) and isinstance(chained.outer, TrigRule)
    assert check_rule(chained)


TYPICAL = [
    (w1**2 + 3 * w2**2, (w1, w2)),
    (3 * x**2 * y - 2 * x * y**3, XY),
    (sympy.exp(-(x**2) - y**2), XY),
    (2 * sympy.sin(x) * sympy.cos(y), XY),
    (x * sympy.exp(x * y), XY),
    (sympy.log(x**2 + y**2), XY),
    ((1 - x) ** 2 + 100 * (y - x**2) ** 2, XY),
    (1 / (1 + sympy.exp(-(w1 * x + w2))), (w1, w2, x)),
]


@pytest.mark.parametrize(("expr", "variables"), TYPICAL, ids=str)
def test_typical_results_come_out_in_the_same_tidy_form_as_sympy_diff(
    expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]
) -> None:
    for variable in variables:
        # Structural equality, not just equal value: 2*w1, never 2*w1 + 0.
        assert derive_partial(expr, variable, variables).result == sympy.diff(expr, variable)


def test_a_term_without_the_variable_names_its_frozen_variables() -> None:
    rule = derive_partial(w1**2 + 3 * w2**2, w1, (w1, w2))
    constant = rule.substeps[1]
    assert constant.expr == 3 * w2**2
    assert constant.frozen == (w2,)
    assert rule.frozen == (w2,)
    assert rule.substeps[0].frozen == ()


def test_a_coefficient_made_of_frozen_variables_is_a_constant_multiple() -> None:
    rule = derive_partial(3 * x**2 * y, x, XY)
    assert isinstance(rule, ConstantMultipleRule)
    assert rule.coefficient == 3 * y
    assert rule.frozen == (y,)


def test_frozen_follows_the_order_of_the_variables() -> None:
    rule = derive_partial(x * y * z, x, (z, x, y))
    assert rule.frozen == (z, y)


def test_chain_rule_names_outer_rule_inner_expression_and_inner_step() -> None:
    rule = derive_partial(sympy.exp(-(x**2) - y**2), x, XY)
    assert isinstance(rule, ChainRule)
    assert isinstance(rule.outer, ExpRule)
    assert rule.outer.expr == sympy.exp(rule.placeholder)
    assert rule.inner == -(x**2) - y**2
    assert rule.inner_step.result == sympy.diff(rule.inner, x)


def test_the_placeholder_never_clashes_with_a_variable() -> None:
    rule = derive_partial(sympy.sin(2 * u), u, [u])
    assert isinstance(rule, ChainRule)
    assert rule.placeholder != u
    assert check_rule(rule)


def test_power_rule_records_its_exponent() -> None:
    rule = derive_partial(sympy.sqrt(x), x, [x])
    assert isinstance(rule, PowerRule)
    assert rule.exponent == sympy.Rational(1, 2)


def test_steps_are_assembled_without_calling_sympy_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rule called diff")

    monkeypatch.setattr(sympy, "diff", refuse)
    monkeypatch.setattr(sympy.Expr, "diff", refuse)
    for expr, variables in TYPICAL:
        for variable in variables:
            derive_partial(expr, variable, variables)


def test_check_rule_rejects_a_false_claim() -> None:
    wrong = PowerRule(x**3, x, 3 * x, (), sympy.Integer(3))
    assert not check_rule(wrong)


def test_check_rule_finds_a_false_claim_deep_in_the_tree() -> None:
    rule = derive_partial(2 * x**3, x, [x])
    assert isinstance(rule, ConstantMultipleRule)
    wrong_leaf = PowerRule(x**3, x, 3 * x, (), sympy.Integer(3))
    tampered = ConstantMultipleRule(rule.expr, x, rule.result, (), rule.coefficient, wrong_leaf)
    assert not check_rule(tampered)


def test_a_function_without_a_rule_is_refused() -> None:
    with pytest.raises(EngineError, match="no differentiation rule"):
        derive_partial(sympy.gamma(x), x, [x])


# Random expressions over the whitelisted functions in two or three variables.
LEAVES = st.one_of(
    st.sampled_from([x, y, z]),
    st.integers(-3, 3).map(sympy.Integer),
    st.sampled_from([sympy.Rational(1, 2), sympy.pi]),
)

# Numbers for the power rule; x, y, z and the rest for exponential and general powers.
EXPONENTS = st.one_of(
    st.integers(-3, 4).map(sympy.Integer),
    st.sampled_from(
        [x, y, z, sympy.Rational(1, 2), x * y, -z, sympy.sin(x), x**2 + y, sympy.exp(-y)]
    ),
)


def combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    pairs = st.tuples(children, children)
    # Exponents come from a short list, not from the recursion: 4^4^4^4 has too many digits.
    powers = st.tuples(children, EXPONENTS)
    return st.one_of(
        pairs.map(lambda p: p[0] + p[1]),
        pairs.map(lambda p: p[0] * p[1]),
        pairs.map(lambda p: p[0] / p[1]),
        powers.map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(UNARY), children).map(lambda p: p[0](p[1])),
    )


EXPRESSIONS = st.recursive(LEAVES, combine, max_leaves=6).filter(
    lambda e: e.free_symbols and not e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
)
COORDINATE = st.fractions(-2, 2, max_denominator=50).filter(lambda q: abs(q) > 0.05)
POINTS = st.tuples(COORDINATE, COORDINATE, COORDINATE).map(
    lambda c: {x: sympy.Rational(c[0]), y: sympy.Rational(c[1]), z: sympy.Rational(c[2])}
)
# A chain rule's outer node is a function of its placeholder alone; 0.37 lies inside the
# domain of every whitelisted function (log, sqrt, asin, acos all included).
PLACEHOLDER_VALUE = sympy.Rational(37, 100)


def real_value(expr: sympy.Expr, point: dict[sympy.Symbol, sympy.Expr]) -> sympy.Float | None:
    """expr at the point to 30 digits, or None where it has no finite real value."""
    # Floats, not the exact fractions: SymPy would work (1 + 10^-12)^(1 + 10^-12) out exactly.
    value = expr.xreplace({v: sympy.Float(c, 40) for v, c in point.items()}).evalf(30)
    if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    real, imaginary = value.as_real_imag()
    if not (real.is_Number and imaginary.is_Number) or abs(imaginary) > 1e-20:
        return None
    return real


def is_sign_derivative(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Derivative) and isinstance(expr.expr, sympy.sign)


def without_dirac_delta(expr: sympy.Expr) -> sympy.Expr:
    """sympy.diff of sign(u) is 2·δ(u), or left unevaluated when u may be complex; away from
    u = 0 it is 0, which is what SignRule claims."""
    expr = expr.replace(sympy.DiracDelta, lambda *_: sympy.S.Zero)
    return expr.replace(is_sign_derivative, lambda _: sympy.S.Zero)


def claims_agree(rule: Rule, point: dict[sympy.Symbol, sympy.Expr]) -> bool:
    """The node's result equals sympy.diff of its expression: exactly, or at the point."""
    reference = without_dirac_delta(sympy.diff(rule.expr, rule.variable))
    if rule.result == reference:
        return True
    where = {**point, rule.variable: point.get(rule.variable, PLACEHOLDER_VALUE)}
    claimed, expected = real_value(rule.result, where), real_value(reference, where)
    if claimed is None or expected is None:
        # Off the real domain: inside abs, for example, log(x^y) can be complex where the
        # whole expression is real, and the rules are for real functions.
        return True
    return bool(abs(claimed - expected) <= 1e-12 * max(1, abs(expected)))


@settings(max_examples=80, deadline=None)
@given(EXPRESSIONS, st.sampled_from([x, y, z]), POINTS)
def test_every_node_of_any_tree_agrees_with_sympy_diff(
    expr: sympy.Expr, variable: sympy.Symbol, point: dict[sympy.Symbol, sympy.Expr]
) -> None:
    rule = derive_partial(expr, variable, (x, y, z))
    for node in nodes(rule):
        assert claims_agree(node, point), (node.rule_name, node.expr, node.result)


@settings(max_examples=80, deadline=None)
@given(EXPRESSIONS, st.sampled_from([x, y, z]), POINTS)
def test_any_partial_matches_a_finite_difference(
    expr: sympy.Expr, variable: sympy.Symbol, point: dict[sympy.Symbol, sympy.Expr]
) -> None:
    result = derive_partial(expr, variable, (x, y, z)).result
    slope = real_value(result, point)
    h = sympy.Rational(1, 10**12)
    above = real_value(expr, {**point, variable: point[variable] + h})
    below = real_value(expr, {**point, variable: point[variable] - h})
    if slope is None or above is None or below is None or abs(slope) > 1e6:
        return  # off the function's real domain, or at a pole: no slope to compare
    difference = (above - below) / (2 * h)
    assert abs(difference - slope) <= 1e-6 * max(1, abs(slope))
