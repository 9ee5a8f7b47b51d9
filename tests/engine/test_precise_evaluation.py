"""The interval evaluator, the kinks the checker samples, and one point decided in intervals."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath.libmp import from_str, mpf_le, mpf_sub, round_up

from steepest.engine.answers.precise_check import compare_at, shown_value, value_at
from steepest.engine.answers.special_points import MAX_POINTS, special_points
from steepest.engine.evaluate.precise import compile_precise, point_intervals
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.functions.interval_rules import Unresolved, magnitude_bits
from steepest.engine.notation.parser import parse

X, Y = sympy.symbols("x y", real=True)


def _holds(text: str, point: tuple[Fraction, ...], prec: int = 80) -> bool:
    """Whether the interval at `point` holds SymPy's value to 80 digits."""
    names = ["x", "y"][: len(point)]
    expr = parse(text, names)
    low, high = compile_precise(expr, names)(point_intervals(point, prec), prec)
    at = {
        sympy.Symbol(n, real=True): sympy.Rational(c.numerator, c.denominator)
        for n, c in zip(names, point, strict=True)
    }
    reference = from_str(str(sympy.N(expr.xreplace(at), 80)), 400)
    return bool(mpf_le(low, reference) and mpf_le(reference, high))


@pytest.mark.parametrize(
    "text",
    [
        "sin(x) + cos(x) + tan(x)",
        "sec(x) csc(x) cot(x)",
        "asin(x/3) + acos(x/3) + atan(x)",
        "sinh(x) cosh(x) tanh(x)",
        "sech(x) csch(x) coth(x)",
        "asinh(x) + acosh(x + 1) + atanh(x/3)",
        "asech(x/3) + acsch(x) + acoth(x + 1)",
        "asec(x + 1) + acsc(-x - 1) + acot(x)",
        "e^x ln(x^2 + 1)",
        "abs(x - 1) sign(x - 1)",
        "x^(1/3) + x^(-3/2) + sqrt(x)",
        "2^x + x^x",
        "sigmoid(x) (1 - sigmoid(x))",
        "cosh(x + 40)^2 - sinh(x + 40)^2",
    ],
)
@pytest.mark.parametrize("x", [Fraction(1, 3), Fraction(5, 2), Fraction(7, 10)])
def test_interval_holds_the_exact_value(text: str, x: Fraction) -> None:
    assert _holds(text, (x,))


@given(
    st.sampled_from(["x y + sin(x y)", "exp(-x^2 - y^2)", "ln(x^2 + y^2 + 1)", "atan(x) - y^3"]),
    st.fractions(-20, 20, max_denominator=50),
    st.fractions(-20, 20, max_denominator=50),
)
@settings(max_examples=60, deadline=None)
def test_interval_holds_the_exact_value_at_random_points(
    text: str, x: Fraction, y: Fraction
) -> None:
    assert _holds(text, (x, y))


def _width_bits(text: str, prec: int) -> int:
    expr = parse(text, ["x"])
    low, high = compile_precise(expr, ["x"])(point_intervals((Fraction(2),), prec), prec)
    return magnitude_bits(mpf_sub(high, low, 30, round_up))


def test_a_higher_precision_narrows_the_interval_by_as_many_bits() -> None:
    text = "cosh(x + 40)^2 - sinh(x + 40)^2"  # terms of 2^121 that cancel to 1
    assert _width_bits(text, 80) > 0
    assert _width_bits(text, 300) <= _width_bits(text, 80) - 200


@pytest.mark.parametrize(
    ("text", "x", "error"),
    [
        ("ln(x)", Fraction(-1), NotReal),
        ("sqrt(x)", Fraction(-2), NotReal),
        ("x^(1/3)", Fraction(-8), NotReal),
        ("asin(x)", Fraction(2), NotReal),
        ("(-2)^x", Fraction(1, 2), NotReal),
        ("ln(x)", Fraction(0), Singular),
        ("1/x", Fraction(0), Singular),
        ("cot(x)", Fraction(0), Singular),
        ("sign(x - 1/3)", Fraction(1, 3), Unresolved),
        ("exp(exp(exp(exp(x))))", Fraction(2), Singular),
        ("acosh(x)", Fraction(1, 2), NotReal),
        ("atanh(x)", Fraction(3, 2), NotReal),
        ("asech(x)", Fraction(-1, 2), NotReal),
        ("asech(x)", Fraction(3, 2), NotReal),
        ("acoth(x)", Fraction(1, 2), NotReal),
        ("coth(x)", Fraction(0), Singular),
        ("csch(x)", Fraction(0), Singular),
        ("atanh(x)", Fraction(1), Singular),
        ("acoth(x)", Fraction(-1), Singular),
        ("asech(x)", Fraction(0), Singular),
        ("acsch(x)", Fraction(0), Singular),
        ("asec(x)", Fraction(1, 2), NotReal),
        ("acsc(x)", Fraction(0), NotReal),
    ],
)
def test_no_value_is_reported_by_kind(text: str, x: Fraction, error: type[Exception]) -> None:
    expr = parse(text, ["x"])
    with pytest.raises(error):
        compile_precise(expr, ["x"])(point_intervals((x,), 80), 80)


def test_a_variable_exponent_on_a_negative_base_is_defined_at_integers() -> None:
    expr = parse("(-2)^x", ["x"])
    low, high = compile_precise(expr, ["x"])(point_intervals((3.0,), 80), 80)
    assert low == high == from_str("-8", 80)


def test_an_exact_kink_is_evaluated_exactly() -> None:
    expr = parse("sign(x - 5) + abs(x - 5)", ["x"])
    assert compile_precise(expr, ["x"])(point_intervals((Fraction(5),), 80), 80) == (
        from_str("0", 80),
        from_str("0", 80),
    )


def test_agreement_needs_the_difference_resolved_not_a_tolerance() -> None:
    def outcome(text: str) -> str:
        return compare_at(compile_precise(parse(text, ["x"]), ["x"]), (Fraction(2),), 1)

    assert outcome("cosh(x + 40)^2 - sinh(x + 40)^2 - 1") == "agree"
    assert outcome("cosh(x + 40)^2 - sinh(x + 40)^2 - 1 + 10^-25") == "differ"
    assert outcome("sin(x) 10^-14") == "differ"
    assert outcome("exp(x - 800)") == "differ"


def test_shown_value_has_enough_digits_to_differ() -> None:
    answer = compile_precise(parse("10^20 + sin(x) + 1", ["x"]), ["x"])
    expected = compile_precise(parse("10^20 + sin(x)", ["x"]), ["x"])
    text = shown_value(answer, expected, (Fraction(2),))
    assert text is not None
    exact = 10**20 + 1 + sympy.sin(2)
    assert abs(sympy.Float(text, 40) - exact) < 1
    huge = compile_precise(parse("cosh(x + 200)^2 - sinh(x + 200)^2 + 1", ["x"]), ["x"])
    assert shown_value(huge, expected, (Fraction(2),)) == "2"


def test_value_at_raises_the_precision_past_a_straddled_edge() -> None:
    expr = parse("sign(cosh(x + 40)^2 - sinh(x + 40)^2 - 1/2)", ["x"])
    found = value_at(compile_precise(expr, ["x"]), (Fraction(2),))
    assert found == (from_str("1", 80), from_str("1", 80))


@pytest.mark.parametrize(
    ("text", "names", "zero"),
    [
        ("abs(x - 4)", ["x"], (Fraction(4),)),
        ("sign(3x + 1)", ["x"], (Fraction(-1, 3),)),
        ("sqrt((x - 8)^2 + x - 8)", ["x"], (Fraction(8),)),
        ("x + exp(x - 800)", ["x"], (Fraction(800),)),
        ("exp(-10000 (x - 1)^2)", ["x"], (Fraction(1),)),
        ("abs(x^2 - 5x + 6)", ["x"], (Fraction(3),)),
        ("abs(w1 + w2 - 50)", ["w1", "w2"], (Fraction(48), Fraction(2))),
        ("exp(-1000((x - 2)^2 + (y - 5)^2))", ["x", "y"], (Fraction(2), Fraction(5))),
    ],
)
def test_special_points_include_each_zero_exactly(
    text: str, names: list[str], zero: tuple[Fraction, ...]
) -> None:
    expr = parse(text, names)
    base = [Fraction(2)] * len(names)
    points = special_points([expr], names, ["real"] * len(names), base)
    assert zero in points


def test_special_points_are_capped_and_stay_in_the_domain() -> None:
    hostile = sympy.Add(*(sympy.Abs(X - k) for k in range(500)))  # longer than typed text may be
    points = special_points([hostile], ["x"], ["real"], [Fraction(2)])
    assert len(points) <= MAX_POINTS
    positive = special_points(
        [parse("abs(x + 3) + abs(x)", ["x"])], ["x"], ["positive"], [Fraction(2)]
    )
    assert positive and all(p[0] > 0 for p in positive)
