"""The float screen of constants agrees with SymPy where a float can hold the value, and flags
the values no float can hold before SymPy is asked for their digits."""

from __future__ import annotations

import math

import pytest
import sympy

from steepest.engine.answers.equivalence import check_equivalent
from steepest.engine.calculus.points import read_point
from steepest.engine.errors import EvaluationError, LimitExceeded, VariableError
from steepest.engine.evaluate.float_value import float_value, is_too_large, is_too_tall, size_text
from steepest.engine.explain.report import gradient_report
from steepest.engine.notation.parser import parse


@pytest.mark.parametrize(
    "text",
    ["2^0.5", "pi e", "sin(1)^2 + cos(2)", "exp(3)/7", "atan(2) - ln(5)", "sqrt(2)^3", "3/7"],
)
def test_finite_constants_match_sympy(text: str) -> None:
    expr = parse(text)
    value = float_value(expr)
    assert value is not None
    assert math.isclose(value, float(sympy.N(expr, 30)), rel_tol=1e-13)
    assert not is_too_large(expr)


@pytest.mark.parametrize("text", ["exp(exp(exp(7)))", "10^400", "exp(1000)", "exp(exp(10))"])
def test_values_beyond_a_float_or_without_a_real_value_are_flagged(text: str) -> None:
    assert is_too_large(parse(text))


def test_a_coordinate_no_float_can_hold_is_refused_with_its_name() -> None:
    w1 = sympy.Symbol("w1", real=True)
    with pytest.raises(VariableError, match="w1"):
        read_point({"w1": "exp(exp(exp(7)))"}, [w1])


def test_an_answer_no_float_can_hold_is_not_accepted() -> None:
    verdict = check_equivalent("w1", "exp(exp(exp(exp(100)))) w1", ["w1"])
    assert not verdict.equivalent


@pytest.mark.parametrize(
    "text",
    ["exp(1000)", "10^400", "-10^400/3", "cosh(2000)", "3 exp(800) + exp(799)", "(10^200)^3"],
)
def test_the_size_of_a_value_too_large_for_a_float_is_its_power_of_ten(text: str) -> None:
    expr = parse(text)
    exponent = math.floor(float(sympy.log(abs(expr), 10).evalf(30)))
    assert size_text(expr) == f"about 10^{exponent}"


def test_a_tower_is_sized_by_the_digits_of_its_digits() -> None:
    # e^e^e^7 = 10^(e^e^7 / ln 10): the exponent of the exponent, from mpmath at 50 digits.
    expr = parse("exp(exp(exp(7)))")
    exponent_digits = sympy.log(sympy.exp(sympy.exp(7)) / sympy.log(10), 10).evalf(50)
    assert size_text(expr) == f"about 10^(10^{math.floor(exponent_digits)})"
    # Too tall to type (the parser refuses it), but a variable's value can make one.
    tower = sympy.exp(sympy.exp(sympy.exp(sympy.exp(sympy.exp(2)))))
    assert size_text(tower) == "a tower of powers too tall to write"


@pytest.mark.parametrize(
    ("text", "at", "too_tall"),
    [
        ("x + exp(exp(exp(exp(exp(x)))))", 1, True),  # e^e^e^e^e
        ("x + exp(exp(exp(x)))", 12, True),  # its exponent alone has 70,684 digits
        ("x + e^e^e^e", 1, False),  # about 10^1656520: SymPy orders it at once
        ("exp(exp(800)) x", 1, False),
        ("sin(x) + 2^(1/2) + cos(3)", 1, False),
    ],
)
def test_a_tower_too_tall_to_print_is_told_in_floats(text: str, at: int, too_tall: bool) -> None:
    # The parser refuses such a constant as typed; a variable's value at a point can make one.
    x = sympy.Symbol("x", real=True)
    assert is_too_tall(parse(text).subs(x, at)) is too_tall


def test_a_tower_too_tall_is_refused_before_anything_prints_it() -> None:
    with pytest.raises(LimitExceeded, match="too large to work with"):
        gradient_report("x + e^e^e^e^e", {"x": 1})
    with pytest.raises(EvaluationError, match="too large for a float"):
        gradient_report("x + exp(exp(exp(exp(exp(x)))))", {"x": 1})
