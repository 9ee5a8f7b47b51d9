"""Calculus helpers, checked against SymPy and finite differences rather than typed-in numbers."""

from __future__ import annotations

import math

import pytest
import sympy

from steepest.engine.calculus.critical import classify_critical_point, extrema_on_interval
from steepest.engine.calculus.derivation import derive_gradient
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import evaluate_at, read_point
from steepest.engine.errors import EngineError, EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import natural_key, order_variables

x, y, w1, w2 = sympy.symbols("x y w1 w2", real=True)


def central_difference(
    expr: sympy.Expr, var: sympy.Symbol, point: dict[sympy.Symbol, float], h: float = 1e-6
) -> float:
    f = sympy.lambdify(list(point), expr)
    plus = [v + h if s == var else v for s, v in point.items()]
    minus = [v - h if s == var else v for s, v in point.items()]
    return float(f(*plus) - f(*minus)) / (2 * h)


@pytest.mark.parametrize(
    "text",
    ["w1^2 + 3w2^2", "x^2 y - 2 x y^3", "sin(x)cos(y)", "exp(-x^2 - y^2)", "log(x^2 + y^2 + 1)"],
)
def test_gradient_matches_finite_differences(text: str) -> None:
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    point = {v: 0.3 + 0.4 * i for i, v in enumerate(variables)}
    for var, component in zip(variables, gradient(expr, variables), strict=True):
        exact = float(component.subs(point))
        assert math.isclose(exact, central_difference(expr, var, point), rel_tol=1e-5, abs_tol=1e-7)


def test_variables_sort_naturally() -> None:
    names = ["w10", "w2", "w1", "z", "x", "y"]
    assert sorted(names, key=natural_key) == ["w1", "w2", "w10", "x", "y", "z"]
    symbols = order_variables(parse("w10 + w2 + w1").free_symbols)
    assert [s.name for s in symbols] == ["w1", "w2", "w10"]


def test_declared_order_wins_over_natural_order() -> None:
    symbols = order_variables(parse("x + y").free_symbols, ["y", "x"])
    assert [s.name for s in symbols] == ["y", "x"]


def test_declaring_a_variable_twice_is_an_error() -> None:
    with pytest.raises(VariableError, match="declared twice"):
        order_variables([w1], ["w1", "w_1"])


def test_value_is_exact_at_an_exact_point_and_float_otherwise() -> None:
    expr = parse("w1^2 + 3w2^2")
    exact = evaluate_at(expr, read_point({"w1": 1, "w2": "1/2"}, [w1, w2]))
    assert exact == sympy.Rational(7, 4)
    approximate = evaluate_at(expr, read_point({"w1": 1.0, "w2": 0.5}, [w1, w2]))
    assert isinstance(approximate, sympy.Float) and math.isclose(approximate, 1.75)


def test_point_must_name_every_variable_and_nothing_else() -> None:
    with pytest.raises(VariableError, match="no value for w2"):
        read_point({"w1": 1}, [w1, w2])
    with pytest.raises(VariableError, match="'q'"):
        read_point({"w1": 1, "w2": 2, "q": 3}, [w1, w2])
    with pytest.raises(VariableError, match="not a number"):
        read_point({"w1": "sin(", "w2": 1}, [w1, w2])
    with pytest.raises(VariableError, match="not a number"):
        read_point({"w1": "w2", "w2": 1}, [w1, w2])


def test_a_point_giving_one_variable_two_spellings_is_an_error() -> None:
    with pytest.raises(VariableError, match="w1 is given twice"):
        read_point({"w_1": 1, "w1": 2, "w2": 3}, [w1, w2])


def test_no_real_value_is_an_error_not_a_complex_number() -> None:
    with pytest.raises(EvaluationError, match="no real value"):
        evaluate_at(parse("log(x)"), {x: sympy.Integer(-1)})
    with pytest.raises(EvaluationError, match="undefined"):
        evaluate_at(parse("1/x"), {x: sympy.Integer(0)})


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("x^2 + y^2", "minimum"),
        ("-x^2 - y^2", "maximum"),
        ("x^2 - y^2", "saddle"),
        ("x^4 + y^4", "inconclusive"),
    ],
)
def test_second_derivative_test_classifies_critical_points(text: str, kind: str) -> None:
    origin = {x: sympy.Integer(0), y: sympy.Integer(0)}
    assert classify_critical_point(parse(text), [x, y], origin) == kind


def test_best_box_optimum_is_found_not_typed() -> None:
    volume = parse("x(6 - 2x)^2")
    (best,) = extrema_on_interval(volume, x, sympy.Integer(0), sympy.Integer(3))
    slope = sympy.diff(volume, x)
    assert slope.subs(x, best.location) == 0
    assert best.kind == "maximum"
    assert best.value == volume.subs(x, best.location)
    assert all(volume.subs(x, t) <= best.value for t in [0.5, 0.9, 1.1, 2.0, 2.9])


def test_an_interval_without_a_critical_point_has_no_extrema() -> None:
    x = sympy.Symbol("x", real=True)
    volume = x * (6 - 2 * x) ** 2
    # The slope 12x² − 48x + 36 vanishes at 1 and 3 only, both outside (1.5, 2.5).
    assert sympy.solveset(sympy.diff(volume, x), x, sympy.Interval.open(1.5, 2.5)).is_empty
    assert extrema_on_interval(volume, x, sympy.Rational(3, 2), sympy.Rational(5, 2)) == []


@pytest.mark.parametrize(
    ("text", "at", "exponent"),
    [("exp(x)", 1000, 434), ("x^400", 10, 400), ("x + e^e^e^e", 1, None), ("exp(x)", 1000.0, 434)],
)
def test_a_value_too_large_for_a_float_is_called_so_with_its_size(
    text: str, at: int | float, exponent: int | None
) -> None:
    expr = parse(text)
    (x,) = expr.free_symbols
    with pytest.raises(EvaluationError) as raised:
        evaluate_at(expr, {x: sympy.sympify(at)})
    assert "too large for a float" in raised.value.message
    assert "undefined" not in raised.value.message
    if exponent is not None:
        # The size is SymPy's own: log10 of the exact value.
        assert math.floor(float(sympy.log(expr.subs(x, at), 10).evalf(30))) == exponent
        assert f"about 10^{exponent}:" in raised.value.message


def test_a_value_whose_huge_terms_cancel_is_given_not_called_too_large() -> None:
    expr = parse("exp(x) - exp(x - 1/1000000000)")
    (x,) = expr.free_symbols
    # exp(710) alone is beyond the floats; the difference is some 10^299.
    value = evaluate_at(expr, {x: sympy.Integer(710)})
    reference = sympy.exp(710) * (1 - sympy.exp(sympy.Rational(-1, 10**9)))
    assert math.isclose(float(value), float(reference.evalf(30)), rel_tol=1e-12)


@pytest.mark.parametrize("text", ["sqrt(-1)x", "log(0)x", "(1/0)x"])
def test_a_gradient_with_a_constant_of_no_real_value_is_refused_in_words(text: str) -> None:
    try:
        expr = parse(text)
    except EngineError:
        return  # the parser refuses the constant itself: nothing reaches the gradient
    with pytest.raises(EvaluationError, match="no real value"):
        derive_gradient(expr, sorted(expr.free_symbols, key=str))


def test_a_variable_power_of_a_negative_base_has_no_slope() -> None:
    # (-2)^x is defined at whole x only, so it has no slope: SymPy's holds log(-2) = log 2 + iπ.
    expr = parse("(-2)^x")
    assert sympy.diff(expr, *expr.free_symbols).has(sympy.I)
    with pytest.raises(
        EvaluationError, match=r"no slope: \(-2\)\^x has a value only where x is a whole number"
    ):
        derive_gradient(expr, sorted(expr.free_symbols, key=str))


def _one_sided_reference(
    expr: sympy.Expr, point: dict[sympy.Symbol, sympy.Expr], v: sympy.Symbol
) -> tuple[sympy.Expr, sympy.Expr]:
    """SymPy's one-sided limits of the difference quotient along v: left and right."""
    h = sympy.Symbol("h", positive=True)
    at = expr.subs(point)
    moved = {**point, v: point[v] + h}
    back = {**point, v: point[v] - h}
    right = sympy.limit((expr.subs(moved) - at) / h, h, 0, "+")
    left = sympy.limit((at - expr.subs(back)) / h, h, 0, "+")
    return left, right


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("abs(x)", "x=0"),
        ("abs(x - y)", "x=1, y=1"),
        ("abs(x) + abs(y)", "x=0, y=0"),
        ("(x + y + abs(x - y))/2", "x=1, y=1"),
        ("abs(x^2 - 1) + 3x", "x=1"),
        ("abs(abs(x) - 1)", "x=-1"),
        ("abs(w1 - 2w2)", "w1=2, w2=1"),
        ("abs(sin(x))", "x=0"),
    ],
)
def test_a_kink_gives_the_one_sided_slopes_of_the_difference_quotient(text: str, at: str) -> None:
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    point = read_point(dict(pair.split("=") for pair in at.split(", ")), variables)
    kink = derive_gradient(expr, variables, point).evaluation.kink  # type: ignore[union-attr]
    assert kink is not None
    found = {s.variable: (s.left, s.right) for s in kink.slopes}
    for v in variables:
        left, right = _one_sided_reference(expr, dict(point), v)
        if left == right:
            assert v not in found
        else:
            assert found[v] == (left, right)


@pytest.mark.parametrize(
    ("text", "at"), [("x abs(x)", "x=0"), ("abs(x)^3", "x=0"), ("abs(x)", "x=1")]
)
def test_a_smooth_point_of_an_abs_has_a_gradient_and_no_kink(text: str, at: str) -> None:
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    point = read_point(dict(pair.split("=") for pair in at.split(", ")), variables)
    evaluation = derive_gradient(expr, variables, point).evaluation
    assert evaluation is not None and evaluation.kink is None
    (v,) = variables
    assert _one_sided_reference(expr, dict(point), v) == (evaluation.gradient[0],) * 2


def test_a_jump_has_no_slope_even_from_one_side() -> None:
    expr = parse("sign(x - 5)")
    variables = order_variables(expr.free_symbols)
    with pytest.raises(EvaluationError, match="jumps"):
        derive_gradient(expr, variables, read_point({"x": 5}, variables))


def test_a_tiny_value_with_no_real_part_has_no_real_value() -> None:
    # sqrt(-1/2)/10^150: its imaginary part is tiny, but it is all there is.
    expr = parse("sqrt(1/(y - 2))/10^150")
    (y,) = expr.free_symbols
    with pytest.raises(EvaluationError, match="no real value"):
        evaluate_at(expr, {y: sympy.Integer(0)})


@pytest.mark.parametrize(
    ("text", "at", "refusal"),
    [
        # SymPy builds y^y at y = 1e300 as an integer with too many digits to convert.
        ("tanh(y^y)", {"y": 1e300}, "too large for a float"),
        # A complex root to the 700th power (built by SymPy: the parser may refuse (-1/700)^(1/3)):
        # its imaginary part is 10^-670, beyond a float.
        ("sin(z)^x", {"x": 700, "z": "1/2"}, "no real value"),
        # atan of 1/0 is SymPy's AccumBounds, not a number.
        ("atan(-700/y) + x", {"x": 0.0, "y": 0.0}, "undefined"),
    ],
)
def test_values_sympy_cannot_hold_are_refused_in_words(
    text: str, at: dict[str, float], refusal: str
) -> None:
    expr = parse(text)
    variables = order_variables(expr.free_symbols)
    point = dict(read_point(at, variables))
    for v in variables:
        if v.name == "z":  # stands for SymPy's complex cube root of -1/700
            point[v] = sympy.Rational(-1, 700) ** sympy.Rational(1, 3)
    with pytest.raises(EvaluationError, match=refusal):
        evaluate_at(expr, point)


def test_a_small_imaginary_part_beside_a_huge_real_one_still_has_no_real_value() -> None:
    # asin(e) is complex; beside 7e302 its imaginary part is relatively tiny, and still there.
    # Typed, asin(e) is refused at once; built here, it tests the guard behind the parser.
    x = sympy.Symbol("x", real=True)
    expr = x + sympy.Rational(7) * 10**302 + sympy.asin(sympy.E)
    with pytest.raises(EvaluationError, match="no real value"):
        evaluate_at(expr, {x: sympy.Integer(1)})
