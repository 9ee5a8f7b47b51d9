"""The parser reads math the way people type it, and refuses everything else with a place."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.answers.equivalence import check_equivalent
from steepest.engine.errors import EngineError, LimitExceeded, MathSyntaxError, VariableError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.parser import parse

x, y, z, w1, w2, theta, alpha = sympy.symbols("x y z w1 w2 theta alpha", real=True)

SAME_AS = [
    ("w1^2 + 3w2^2", w1**2 + 3 * w2**2),
    ("3x^2y - 2xy^3", 3 * x**2 * y - 2 * x * y**3),
    ("2 sin(x)cos(y)", 2 * sympy.sin(x) * sympy.cos(y)),
    ("e^(x*y)", sympy.exp(x * y)),
    ("exp(-x^2-y^2)", sympy.exp(-(x**2) - y**2)),
    ("ln(x)", sympy.log(x)),
    ("log(x)", sympy.log(x)),
    ("sqrt(x + 1)", sympy.sqrt(x + 1)),
    ("abs(x)", sympy.Abs(x)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x y", x * y),
    ("x**2 + y**3", x**2 + y**3),
    ("w_1 + w_2", w1 + w2),
    ("sin^2(x)", sympy.sin(x) ** 2),
    ("w₁² + 3w₂²", w1**2 + 3 * w2**2),
    ("x³", x**3),
    ("x·y × z", x * y * z),
    ("x − y", x - y),
    ("π θ", sympy.pi * theta),
    ("θ^2", theta**2),
    ("√x", sympy.sqrt(x)),
    ("√(x+y)", sympy.sqrt(x + y)),
    ("theta^2 + alpha", theta**2 + alpha),
    ("xy", x * y),
    ("sin x cos y", sympy.sin(x) * sympy.cos(y)),
    ("sin 2x", sympy.sin(2 * x)),
    ("sinx", sympy.sin(x)),
    ("1/2x", x / 2),
    ("0.5x", x / 2),
    ("2^3^2", sympy.Integer(512)),
    ("-2^2", sympy.Integer(-4)),
    ("x^-1", 1 / x),
    ("cosh(x) + tanh(y)", sympy.cosh(x) + sympy.tanh(y)),
    ("asin(x) + acos(x) + atan(x)", sympy.asin(x) + sympy.acos(x) + sympy.atan(x)),
    ("sec(x)csc(x)cot(x)", sympy.sec(x) * sympy.csc(x) * sympy.cot(x)),
    ("sigmoid(x)", 1 / (1 + sympy.exp(-x))),
    ("x^2 y / z", x**2 * y / z),
    ("2(x+1)", 2 * (x + 1)),
    ("(x+1)2", 2 * (x + 1)),
    ("x(y+1)", x * (y + 1)),
]


@pytest.mark.parametrize(("text", "expected"), SAME_AS)
def test_reads_math_as_people_type_it(text: str, expected: sympy.Expr) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("spelling", ["log10", "log_10", "log₁₀"])
@pytest.mark.parametrize("variables", [None, ["x"]])
def test_a_logarithm_to_base_10_is_ln_over_ln_10_however_its_base_is_written(
    spelling: str, variables: list[str] | None
) -> None:
    assert parse(f"{spelling}(x)", variables) == sympy.log(x, 10)
    assert parse(f"3{spelling} x", variables) == 3 * sympy.log(x) / sympy.log(10)
    assert parse(f"{spelling}(1000)", variables) == 3


def test_a_logarithm_to_base_2_is_ln_over_ln_2() -> None:
    assert parse("log2(x) + log_2(8)") == sympy.log(x) / sympy.log(2) + 3


def test_acot_is_the_textbooks_continuous_inverse_of_cot_with_values_in_0_pi() -> None:
    assert parse("acot(x)") == parse("arccot x") == sympy.pi / 2 - sympy.atan(x)
    assert parse("acot(-1)") == 3 * sympy.pi / 4
    # SymPy's acot is atan(1/x), with a jump at 0; the shorthand agrees with it for x > 0 only.
    assert sympy.acot(-1) == -sympy.pi / 4
    assert abs((parse("acot(3)") - sympy.acot(3)).evalf(50)) < 1e-45


@pytest.mark.parametrize("variables", [None, ["x"]])
def test_another_base_is_refused_with_the_quotient_to_write(variables: list[str] | None) -> None:
    with pytest.raises(MathSyntaxError, match=r"'log5'.*write ln\(x\)/ln\(5\)") as caught:
        parse("2x log5(x)", variables)
    assert caught.value.column == 4


def test_symbols_are_real_so_derivatives_stay_simple() -> None:
    assert sympy.diff(parse("abs(x)"), x) == sympy.sign(x)


def test_declared_variables_split_runs_of_letters_by_those_names() -> None:
    assert parse("xy", variables=["x", "y"]) == x * y
    assert parse("w1w2", variables=["w1", "w2"]) == w1 * w2


def test_declared_variables_refuse_other_names_and_say_which() -> None:
    with pytest.raises(VariableError) as caught:
        parse("x + z", variables=["x", "y"])
    assert caught.value.column == 5
    assert "'z'" in caught.value.message and "x, y" in caught.value.message


def test_e_is_eulers_number_unless_declared_as_a_variable() -> None:
    assert parse("e^x") == sympy.exp(x)
    e = sympy.Symbol("e", real=True)
    assert parse("e^x", variables=["e", "x"]) == e**x


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("foo(x)", "unknown function 'foo'", 1),
        ("x + foo(x)", "unknown function 'foo'", 5),
        ("factorial(10^10)", "unknown function 'factorial'", 1),
        ("__import__('os')", "unexpected character '_'", 1),
        ("x.__class__", "unexpected character '.'", 2),
        ("lambda: 0", "unexpected character ':'", 7),
        ("x +", "unexpected end of input", 4),
        ("(x + 1", "missing ')'", 1),
        ("x + 1)", "unmatched ')'", 6),
        ("2 3", "two numbers in a row", 3),
        ("x / 0", "division by zero", 3),
        ("sin^-1(x)", "for an inverse use asin", 4),
        ("sinh^-1(x)", "for an inverse use asinh", 5),
        ("sec⁻¹(x)", "sec^-1 is ambiguous: write asec(x) for an inverse, or 1/sec(x)", 4),
        ("ln⁻¹(x)", "ln^-1 is ambiguous: write 1/ln(x)", 3),
        ("sin^2e1(x)", "only a whole number may follow", 4),
        ("sin", "sin needs an argument", 1),
        ("log(x, 2)", "log takes one argument", 6),
        ("[x]", "round parentheses", 1),
        ("x_", "'_' must be followed by digits", 2),
        ("log3(x)", "for a logarithm to base 3 write ln(x)/ln(3)", 1),
        ("x + ln_3(x)", "unknown function 'ln3'", 5),
        ("x = 1", "unexpected character '='", 3),
        ("x\x00", "U+0000", 2),
    ],
)
def test_refuses_bad_input_with_a_message_and_column(text: str, message: str, column: int) -> None:
    with pytest.raises(MathSyntaxError) as caught:
        parse(text)
    assert message in caught.value.message
    assert caught.value.column == column
    assert str(caught.value).endswith(f"at column {column}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9^9^9^9", "exponent too large"),
        ("x^100000", "exponent too large"),
        ("99^999", "exponent too large"),
        ("1" * 40, "number longer than 30 digits"),
        ("(" * 100_000, "input longer than 500 characters"),
        ("(" * 41 + "x" + ")" * 41, "nested more than 40 deep"),
        ("-" * 60 + "x", "nested more than 40 deep"),
        ("sin(" * 41 + "x" + ")" * 41, "nested more than 40 deep"),
        ("+".join(f"x{i}" for i in range(13)), "more than 12 variables"),
    ],
)
def test_refuses_inputs_too_big_to_work_on(text: str, message: str) -> None:
    with pytest.raises(LimitExceeded) as caught:
        parse(text)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "digits"),
    [("10^999", 1000), ("10^1000", 1001), ("(-10)^999", 1000), ("1e999", 1000), ("1e1000", 1001)],
)
def test_exact_powers_may_have_at_most_the_limit_of_digits(text: str, digits: int) -> None:
    if digits <= DEFAULT_LIMITS.max_power_digits:
        assert len(str(abs(parse(text)))) == digits
    else:
        with pytest.raises(LimitExceeded, match="exponent too large"):
            parse(text)


@pytest.mark.parametrize("name", ["sin", "pi", "w 1", "x+y", "1w", "", "abcdefghijklmnopq"])
def test_declared_names_must_be_variable_names(name: str) -> None:
    with pytest.raises(VariableError, match="not a variable name"):
        parse("x", variables=[name])


@pytest.mark.parametrize(
    ("typed", "declared", "expected"),
    [
        ("lam(w1^2 + w2^2)", ["w1", "w2", "lam"], "lam*(w1**2 + w2**2)"),
        ("w - lr*2w", ["w", "lr"], "w - 2*lr*w"),
        ("bias + loss^2", ["bias", "loss"], "bias + loss**2"),
        ("lossbias", ["bias", "loss"], "loss*bias"),
        ("e^lr", ["lr"], "exp(lr)"),
    ],
)
def test_declared_names_may_have_several_letters(
    typed: str, declared: list[str], expected: str
) -> None:
    symbols = {name: sympy.Symbol(name, real=True) for name in declared}
    assert parse(typed, declared) == sympy.sympify(expected, locals=symbols)


def test_undeclared_letters_are_still_single_variables() -> None:
    x, y = sympy.symbols("x y", real=True)
    assert parse("xy") == x * y
    assert parse("lr") == sympy.Symbol("l", real=True) * sympy.Symbol("r", real=True)


def test_empty_input_is_an_error() -> None:
    with pytest.raises(MathSyntaxError, match="empty"):
        parse("   ")


@pytest.mark.parametrize(
    "text",
    ["x" + "^x" * 300, "((((x))))" * 60, "eval('1')", "x;y", "x\\y", "os.system", "x@y"],
)
def test_hostile_text_is_refused_with_an_engine_error(text: str) -> None:
    with pytest.raises(EngineError) as caught:
        parse(text)
    assert caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e-3", sympy.Rational(1, 1000)),
        ("2.5E2", sympy.Integer(250)),
        ("7e0", sympy.Integer(7)),
        ("4e+1", sympy.Integer(40)),
        ("2e", 2 * sympy.E),
        ("2e - 3", 2 * sympy.E - 3),
        ("2e^2", 2 * sympy.E**2),
    ],
)
def test_scientific_notation_is_read_exactly_and_e_alone_stays_eulers_number(
    text: str, expected: sympy.Expr
) -> None:
    assert parse(text) == expected


def test_scientific_notation_is_held_to_the_power_limits() -> None:
    with pytest.raises(LimitExceeded) as refused:
        parse("w1 + 1.0e99999")
    assert refused.value.column == 6


@pytest.mark.parametrize(
    ("typed", "equal_to"),
    [
        ("x^1001/x", "x^1000"),
        ("x^1001 * x^-1", "x^1000"),
        ("(x^7)^200/x^400", "x^1000"),
        ("sin^1001(x)/sin(x)", "sin(x)^1000"),
        ("2^1001/2", "2^1000"),
    ],
)
def test_a_large_exponent_that_cancels_is_judged_on_the_value(typed: str, equal_to: str) -> None:
    assert parse(typed) == parse(equal_to)
    assert check_equivalent(equal_to, typed, ["x"]).verdict == "correct"


@pytest.mark.parametrize(
    ("typed", "column"),
    [("x^1001", 2), ("(x^1001 + 1)/x", 3), ("((x^100)^100)", 9), ("x^10001/x^9001", 2)],
)
def test_a_large_exponent_that_stays_is_refused_at_its_column(typed: str, column: int) -> None:
    with pytest.raises(LimitExceeded, match="exponent too large") as raised:
        parse(typed)
    assert raised.value.column == column
