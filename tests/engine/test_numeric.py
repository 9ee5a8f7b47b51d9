"""Numeric evaluation of compiled trees agrees with SymPy, and finds the points SymPy solves for."""

from __future__ import annotations

import cmath
import math

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from steepest.engine.calculus.critical import classify_critical_point
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.evaluate.arrays import evaluate_gradient, evaluate_tree_array
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.functions.table import TABLE
from steepest.engine.notation.parser import parse
from steepest.engine.surface.critical_points import critical_points_on_grid, gradient_and_hessian

x, y = sympy.symbols("x y", real=True)

LEAVES = st.sampled_from(
    [x, y, sympy.Integer(2), sympy.Integer(-3), sympy.Rational(1, 2), sympy.pi, sympy.E]
)
# sign is left out: it jumps at 0, where the two evaluations may round to opposite sides.
FUNCTIONS = [
    *(
        function.sympy_class
        for function in TABLE.functions
        if function.sympy_class is not sympy.sign
    ),
    sympy.sqrt,
]
EXPONENTS = [2, 3, 5, -1, -2, -3, sympy.Rational(1, 2), sympy.Rational(1, 3), sympy.Rational(3, 2)]


def _extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.builds(lambda f, a: f(a), st.sampled_from(FUNCTIONS), children),
        st.builds(lambda a, b: a + b, children, children),
        st.builds(lambda a, b: a - b, children, children),
        st.builds(lambda a, b: a * b, children, children),
        st.builds(lambda a, b: a / b, children, children),
        st.builds(lambda a, e: a**e, children, st.sampled_from(EXPONENTS)),
    )


EXPRESSIONS = st.recursive(LEAVES, _extend, max_leaves=7)
COORDINATES = st.floats(min_value=-3, max_value=3, allow_nan=False)


def sympy_value(expr: sympy.Expr, at: dict[sympy.Symbol, float]) -> float:
    """SymPy's value at 30 digits; NaN where there is no finite real value (the engine's rule)."""
    return sympy_value_and_why(expr, at)[0]


def sympy_value_and_why(expr: sympy.Expr, at: dict[sympy.Symbol, float]) -> tuple[float, str]:
    """The value, and whether it is "real", "not real" or has an "infinite part" on the way.

    A real function is undefined wherever any part of it is: x·√(x − y) has no value at
    (0, 1) even though SymPy's 0·i is 0. So every subexpression is checked, not just the whole.
    """
    point = {s: sympy.Float(v, 30) for s, v in at.items()}
    result = math.nan
    for part in sympy.postorder_traversal(expr):
        value = part.xreplace(point).evalf(30)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return math.nan, "infinite part"
        number = complex(value)
        if not cmath.isfinite(number):
            return math.nan, "infinite part"
        if abs(number.imag) > 1e-20 * abs(number):  # relative: (-1e-166)^4.5 is not real
            return math.nan, "not real"
        result = number.real  # the last part visited is the whole expression
    return result, "real"


@given(EXPRESSIONS, st.lists(st.tuples(COORDINATES, COORDINATES), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_array_evaluation_matches_sympy(
    expr: sympy.Expr, points: list[tuple[float, float]]
) -> None:
    try:
        tree = to_tree(expr)
    except EvaluationError:
        assume(False)  # a complex or infinite constant (log(-3), 1/0): never sent to a browser
    xs, ys = (np.array(column) for column in zip(*points, strict=True))
    got = evaluate_tree_array(tree, {"x": xs, "y": ys})
    for (a, b), value in zip(points, got, strict=True):
        expected, why = sympy_value_and_why(expr, {x: a, y: b})
        if why == "infinite part" or (why == "real" and abs(expected) > 1e300):
            # Through an infinity numpy follows IEEE limits, as the browser does: sigmoid(-1000)
            # is 0 although exp(1000) overflows, and atan(1/0) is π/2. Nothing to compare; nor
            # at the edge of the floats, where the order of a product decides whether a part
            # overflows (2/(x·tan y) at x = 1.1e-308 is 1.15e308, or inf/inf on the way).
            continue
        if why == "not real" or math.isnan(value):
            # Rounding may push a value just across a domain edge (sqrt of ±1e-17); away from
            # such edges a value without a real answer must come out NaN, and only it.
            assume(not _near_an_edge(expr, a, b))
            assert why == "not real" and math.isnan(value), (expr, a, b, expected, value)
        elif not math.isclose(value, expected, rel_tol=1e-7, abs_tol=1e-9):
            # sin(csc(y)) at y = 1e-16 is sin of 9e15, which a float's rounding of csc already
            # decides: only where the value is well conditioned must the two agree.
            assert _ill_conditioned(expr, a, b), (expr, a, b, expected, value)


def _ill_conditioned(expr: sympy.Expr, a: float, b: float) -> bool:
    """Whether moving the point by a few float roundings changes the value beyond the test's
    tolerance: then no float evaluation can be held to it."""
    here = sympy_value(expr, {x: a, y: b})
    for scale in (1 + 4e-16, 1 - 4e-16):
        moved = sympy_value(expr, {x: a * scale, y: b * scale})
        if not math.isclose(moved, here, rel_tol=1e-7, abs_tol=1e-9):
            return True
    return False


def _near_an_edge(expr: sympy.Expr, a: float, b: float) -> bool:
    """Whether nearby points disagree about having a value: the answer there is rounding."""
    nearby = [
        sympy_value(expr, {x: a + da, y: b + db}) for da in (-1e-9, 1e-9) for db in (-1e-9, 1e-9)
    ]
    return len({math.isnan(v) for v in nearby}) > 1 or any(
        math.isfinite(v) and abs(v) > 1e300 for v in nearby
    )


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("log(x)", -1.0),
        ("log(x)", 0.0),
        ("sqrt(x)", -0.5),
        ("1/x", 0.0),
        ("asin(x)", 2.0),
        ("x^(1/3)", -8.0),
        ("x^(-2)", 0.0),
        ("exp(x)", 1000.0),
        ("x log(x)", 0.0),
    ],
)
def test_undefined_or_overflowing_values_are_nan(text: str, at: float) -> None:
    expr = parse(text)
    assert math.isnan(sympy_value(expr, {x: at}))  # SymPy agrees there is no finite real value
    with np.errstate(all="raise"):  # and numpy stays quiet: no warnings escape the evaluator
        assert math.isnan(float(evaluate_tree_array(to_tree(expr), {"x": np.array(at)})))


def test_sign_matches_sympy_away_from_zero() -> None:
    expr = parse("sign(x - 1) * y")
    xs, ys = np.array([-2.0, 0.5, 3.0, 1.0]), np.array([1.5, -2.0, 2.5, 4.0])
    got = evaluate_tree_array(to_tree(expr), {"x": xs, "y": ys})
    assert got.tolist() == [sympy_value(expr, {x: a, y: b}) for a, b in zip(xs, ys, strict=True)]


def test_result_has_the_broadcast_shape_even_for_a_constant() -> None:
    grid = np.zeros((3, 4))
    assert evaluate_tree_array(to_tree(sympy.Integer(7)), {"x": grid}).shape == (3, 4)
    assert evaluate_tree_array(to_tree(x + y), {"x": grid, "y": 1.0}).shape == (3, 4)


def test_a_missing_variable_is_an_error() -> None:
    with pytest.raises(VariableError, match="y"):
        evaluate_tree_array(to_tree(x + y), {"x": np.ones(2)})


@pytest.mark.parametrize(
    "text", ["x^2 y - 2 x y^3", "exp(-x^2 - y^2) sin(x + 2y)", "(1 - x)^2 + 100(y - x^2)^2"]
)
def test_gradient_and_hessian_match_sympy(text: str) -> None:
    expr = parse(text)
    partials = [to_tree(sympy.diff(expr, v)) for v in (x, y)]
    points = np.array([[0.3, -0.7], [1.1, 0.4], [-0.5, 0.9]])
    slopes, matrices = gradient_and_hessian(partials, ["x", "y"], points, 1e-5)
    exact = sympy.hessian(expr, [x, y])
    for point, slope, matrix in zip(points, slopes, matrices, strict=True):
        at = {x: point[0], y: point[1]}
        assert slope == pytest.approx([sympy_value(sympy.diff(expr, v), at) for v in (x, y)])
        expected = [[sympy_value(exact[i, j], at) for j in range(2)] for i in range(2)]
        assert matrix == pytest.approx(np.array(expected), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "x^2 + 3y^2",
        "x^2 - y^2",
        "(1 - x)^2 + 100(y - x^2)^2",
        "x^3 - 3x + y^2",
        "x^4 - 2x^2 + y^2 - y^3/3",
        "x^4 + y^4",  # degenerate: the Hessian is 0 at the minimum
    ],
)
def test_critical_points_are_the_real_solutions_of_grad_zero(text: str) -> None:
    expr = parse(text)
    partials = [to_tree(sympy.diff(expr, v)) for v in (x, y)]
    mesh = np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-1.5, 2.5, 200))
    points = np.stack(mesh, axis=-1)
    slopes = np.stack([evaluate_tree_array(p, {"x": mesh[0], "y": mesh[1]}) for p in partials], -1)
    box = (np.array([-2, -1.5]), np.array([2, 2.5]))
    found, kinds = critical_points_on_grid(
        to_tree(expr), partials, ["x", "y"], (points, slopes), box, 12
    )

    solutions = sympy.solve([sympy.diff(expr, v) for v in (x, y)], [x, y], dict=True)
    inside = [
        s for s in solutions
        if all(v.is_real for v in s.values()) and -2 < s[x] < 2 and -1.5 < s[y] < 2.5
    ]  # fmt: skip
    assert len(found) == len(inside)
    for solution in inside:
        exact = np.array([float(solution[x]), float(solution[y])])
        index = int(np.argmin(np.abs(found - exact).max(axis=1)))
        assert found[index] == pytest.approx(exact, abs=1e-6)
        assert kinds[index] == _expected_kind(expr, solution)
    assert np.abs(evaluate_gradient(partials, ["x", "y"], found)).max(initial=0) < 1e-6


def _expected_kind(expr: sympy.Expr, solution: dict[sympy.Symbol, sympy.Expr]) -> str:
    kind = classify_critical_point(expr, [x, y], solution)
    if kind == "inconclusive":  # x⁴ + y⁴: the second-derivative test cannot tell; L can
        return "minimum" if expr == x**4 + y**4 else kind
    return kind


def test_a_line_of_minima_is_not_reported_as_points() -> None:
    expr = (x + y) ** 2
    partials = [to_tree(sympy.diff(expr, v)) for v in (x, y)]
    mesh = np.meshgrid(np.linspace(-2, 2, 100), np.linspace(-2, 2, 100))
    slopes = np.stack([evaluate_tree_array(p, {"x": mesh[0], "y": mesh[1]}) for p in partials], -1)
    points = np.stack(mesh, axis=-1)
    box = (np.array([-2, -2]), np.array([2, 2]))
    found, _ = critical_points_on_grid(
        to_tree(expr), partials, ["x", "y"], (points, slopes), box, 12
    )
    assert len(found) == 0
