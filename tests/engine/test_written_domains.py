"""Domains as written: the conditions the parser records, the constants it refuses, the limits
that hold however a power is written, and the search for a point outside an answer's domain."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.errors import LimitExceeded, MathSyntaxError
from steepest.engine.evaluate.conditions import find_domain_gap
from steepest.engine.explain.report import derive_from_text
from steepest.engine.functions.domain import Condition, sign_of, status_at
from steepest.engine.functions.function import MathFunction
from steepest.engine.functions.table import TABLE
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.parser import parse, parse_written
from steepest.engine.problems.problem import problem_from_text

x, y = sympy.symbols("x y", real=True)


def kinds(text: str, variables: list[str] | None = None) -> list[tuple[str, sympy.Expr]]:
    return [(c.kind, c.expr) for c in parse_written(text, variables).conditions]


@pytest.mark.parametrize(
    ("text", "simplified", "needs"),
    [
        ("exp(log(x))", x, [("positive", x)]),
        ("sqrt(x)^2", x, [("nonnegative", x)]),
        ("sqrt(x)sqrt(x)", x, [("nonnegative", x)]),
        ("sin(asin(x))", x, [("unit", x)]),
        ("e^(2ln x)", x**2, [("positive", x)]),
        ("log(x)/log(x)", sympy.Integer(1), [("positive", x), ("nonzero", sympy.log(x))]),
        ("√(x - 1)", sympy.sqrt(x - 1), [("nonnegative", x - 1)]),
        ("tan(x)", sympy.tan(x), [("nonzero", sympy.cos(x))]),
        ("x^(-1/3)", x ** sympy.Rational(-1, 3), [("positive", x)]),
        ("x^-2", x**-2, [("nonzero", x)]),
    ],
)
def test_conditions_are_recorded_before_sympy_erases_them(
    text: str, simplified: sympy.Expr, needs: list[tuple[str, sympy.Expr]]
) -> None:
    written = parse_written(text, ["x"])
    assert written.expr == simplified  # SymPy did erase the operation...
    assert kinds(text, ["x"]) == needs  # ...but not what it needed


def test_a_condition_knows_the_column_where_its_operation_was_typed() -> None:
    (condition,) = parse_written("1 + exp(ln(x))", ["x"]).conditions
    assert condition.column == 9


def test_a_variable_exponent_needs_a_positive_base_or_an_integer_exponent() -> None:
    a, b = sympy.symbols("a b", real=True)
    (condition,) = parse_written("a^b", ["a", "b"]).conditions
    assert (condition.kind, condition.expr, condition.exponent) == ("positive_or_integer", a, b)
    assert kinds("2^x + e^x", ["x"]) == []  # a positive base takes any real exponent
    # Defined at integer exponents on a negative base, as the shared rule says.
    assert status_at(condition.substituted({a: sympy.Integer(-2), b: sympy.Integer(3)})) == "holds"
    violated = condition.substituted({a: sympy.Integer(-2), b: sympy.Rational(1, 3)})
    assert status_at(violated) == "violated"


@pytest.mark.parametrize(
    ("text", "column", "reason", "principal_value"),
    [
        ("1 + tan(pi/2)", 5, "tan at a pole", sympy.tan(sympy.pi / 2)),
        ("log(0)", 1, "ln of zero", sympy.log(0)),
        ("2 ln(-e)", 3, "ln of a negative number", sympy.log(-sympy.E)),
        ("sqrt(-1)x", 1, "square root of a negative number", sympy.sqrt(-1)),
        ("x + (-8)^(1/3)", 5, "fractional power", sympy.Integer(-8) ** sympy.Rational(1, 3)),
        ("(-5)^(0.2)", 1, "fractional power", sympy.Integer(-5) ** sympy.Rational(1, 5)),
        ("(-5)^(-1/3)", 1, "fractional power", sympy.Integer(-5) ** sympy.Rational(-1, 3)),
        ("asin(2)", 1, "outside [−1, 1]", sympy.asin(2)),
        ("cot(0)", 1, "cot at a pole", sympy.cot(0)),
        ("x/(1 - 1)", 2, "division by zero", sympy.zoo),
    ],
)
def test_constants_with_no_real_finite_value_are_refused_at_their_column(
    text: str, column: int, reason: str, principal_value: sympy.Expr
) -> None:
    assert not (principal_value.is_real and principal_value.is_finite)  # the reference
    with pytest.raises(MathSyntaxError, match="no real value") as raised:
        parse(text, ["x"])
    assert raised.value.column == column
    assert reason in raised.value.message


def test_a_negative_base_to_a_fractional_power_suggests_the_negative_real_root() -> None:
    with pytest.raises(MathSyntaxError, match=r"write -5\^\(1/3\)"):
        parse("(-5)^(2/6)")
    assert parse("-5^(1/3)") == -sympy.root(5, 3)
    assert parse("-8^(1/3)") == -2


def test_the_sign_of_a_near_cancelling_constant_is_decided_exactly() -> None:
    near_zero = 19601 - 13861 * sympy.sqrt(2)
    # 19601² − 2·13861² < 0, in integers: the constant is negative, about −3.6·10⁻⁵.
    assert 19601**2 - 2 * 13861**2 < 0
    assert sign_of(near_zero) == -1
    assert sign_of(19601 + 13861 * sympy.sqrt(2)) == 1
    with pytest.raises(MathSyntaxError, match="no real value"):
        parse("(19601-13861*sqrt(2))^(7/4)")
    assert parse("(19601+13861*sqrt(2))^(7/4)").is_positive


def test_a_constant_that_may_be_exactly_zero_is_refused_rather_than_guessed() -> None:
    hidden_zero = sympy.log(8) - 3 * sympy.log(2)
    assert sympy.expand_log(hidden_zero, force=True) == 0  # the reference: exactly zero
    assert sign_of(hidden_zero) is None
    with pytest.raises(MathSyntaxError, match="cannot tell"):
        parse("1/(ln(8) - 3ln(2))")


@pytest.mark.parametrize("text", ["e^1000", "10^20", "exp(1000)", "e^e^e", "(-8)^(2/2)"])
def test_large_and_negative_constants_with_a_real_value_are_kept(text: str) -> None:
    value = parse(text)
    assert value.is_real and value.is_finite


@pytest.mark.parametrize(
    "text",
    [
        "sin^999999999999999999999999999999(x)",
        "sin^1001(x)",
        "sin^999(x)^999",
        "(x^9)^9^9",
        "x**9**9",
        "((x^100)^100)",
        "x⁹⁹⁹⁹",
        "e^e^e^e^e",
        "2^(e^e^e^e)",
        "pi^1001",
    ],
)
def test_the_exponent_limit_holds_however_the_power_is_written(text: str) -> None:
    with pytest.raises(LimitExceeded, match="exponent too large"):
        parse(text)


@pytest.mark.parametrize("text", ["e^e^e^e", "2^(e^e^e)", "e^1001", "e^(10^6)", "x + e^e^e^e"])
def test_a_power_of_e_or_a_constant_exponent_is_held_to_the_size_of_a_tower(text: str) -> None:
    # Real numbers too large for a float, which SymPy keeps as powers and never works out.
    value = parse(text)
    assert not value.has(sympy.Float)
    assert sympy.log(value.subs(sympy.Symbol("x", real=True), 1)).evalf(5) > 700


def test_powers_at_the_limit_are_still_accepted() -> None:
    assert parse("sin^1000(x)", ["x"]) == sympy.sin(x) ** 1000
    assert parse("x^10^3", ["x"]) == x**1000


def test_the_gap_is_found_beside_a_far_boundary() -> None:
    expected = parse_written("x - 500", ["x"])
    answer = parse_written("exp(log(x - 500))", ["x"])
    gap = find_domain_gap(expected.expr, expected.conditions, answer.conditions, ["x"], ["real"])
    assert gap is not None
    (at,) = gap.point
    assert 499 < at < 500  # beside the root of x − 500, not at a fixed probe
    assert not sympy.log(at - 500).is_real


def test_the_gap_respects_the_domain_of_the_variables() -> None:
    expected = parse_written("x - 1", ["x"])
    answer = parse_written("sqrt(x - 1)^2", ["x"])
    gap = find_domain_gap(
        expected.expr, expected.conditions, answer.conditions, ["x"], ["positive"]
    )
    assert gap is not None and 0 < gap.point[0] < 1


def test_an_integer_exponent_on_a_negative_base_makes_a_gap_only_where_the_key_is_defined() -> None:
    names = ["a", "b", "c"]
    expected = parse_written("a^(b*c)", names)
    answer = parse_written("(a^b)^c", names)
    gap = find_domain_gap(
        expected.expr, expected.conditions, answer.conditions, names, ["real"] * 3
    )
    assert gap is not None
    a, b, c = gap.point
    assert a < 0 and (b * c).is_integer  # the expected answer is real there...
    assert sympy.N(a ** (b * c)).is_real
    assert not (b.is_integer and c.is_integer)  # ...and the answer takes a root of a negative


def test_no_gap_when_the_answer_is_defined_wherever_the_key_is() -> None:
    expected = parse_written("sqrt(x-3)*sqrt(x-5)", ["x"])
    answer = parse_written("sqrt((x-3)*(x-5))", ["x"])
    gap = find_domain_gap(expected.expr, expected.conditions, answer.conditions, ["x"], ["real"])
    assert gap is None


def test_an_isolated_excluded_point_is_not_a_gap() -> None:
    removable = Condition("nonzero", x - 1, "division by zero")
    assert find_domain_gap(x + 1, (), (removable,), ["x"], ["real"]) is None
    pole_of_log = parse_written("exp(log(x^2))", ["x"])  # fails only at x = 0
    assert find_domain_gap(x**2, (), pole_of_log.conditions, ["x"], ["real"]) is None


def test_a_periodic_function_of_a_constant_too_large_to_evaluate_is_refused() -> None:
    # atan(sin(exp(10^10))) made SymPy ask for ten billion digits; sin(10^7) is cheap.
    with pytest.raises(LimitExceeded, match="argument of sin is too large"):
        parse("atan(sin(exp(10^10)))")
    assert parse("sin(10^7)") == sympy.sin(10**7)
    assert sign_of(sympy.cos(sympy.exp(10**10))) is None
    with pytest.raises(MathSyntaxError, match="cannot tell"):
        parse("sec(exp(10^10))")


def test_a_condition_too_costly_to_evaluate_is_not_searched() -> None:
    with pytest.raises(LimitExceeded):
        parse("sqrt(x + cos(exp(10^10)))^2", ["x"])
    # Built by hand, as a caller's expected answer could hold it: let be, not evaluated.
    costly = Condition("nonnegative", x + sympy.cos(sympy.exp(10**10)), "square root")
    assert find_domain_gap(x, (), (costly,), ["x"], ["real"]) is None


@pytest.mark.parametrize("function", TABLE.functions, ids=lambda f: f.name)
def test_each_functions_domain_agrees_with_its_float_function(function: MathFunction) -> None:
    for argument in (sympy.Rational(n, 4) for n in range(-12, 13)):
        try:
            function.scalar(float(argument))
            has_value = True
        except (ValueError, ZeroDivisionError):
            has_value = False
        statuses = [status_at(need.on(argument)) for need in function.domain]
        assert all(s == "holds" for s in statuses) == has_value, (function.name, argument, statuses)


@pytest.mark.parametrize("text", ["sqrt(-1)x", "log(0)x"])
def test_a_gradient_of_a_constant_with_no_real_value_is_refused_not_returned(text: str) -> None:
    # These gave the gradients I and zoo (issue 13): now the parser's refusal, a 422.
    with pytest.raises(MathSyntaxError, match="no real value"):
        derive_from_text(text)


@pytest.mark.parametrize(
    ("kind", "function", "respect", "answer"),
    [
        ("partial", "x^2/2 + 1", "x", "exp(ln(x))"),
        ("partial", "x^2/2 + 1", "x", "∂L/∂x = sqrt(x)^2"),
        ("gradient", "x^2/2 + y", None, "(exp(ln x), 1)"),
        ("gradient", "x^2/2 + y", None, "(x, ln(y)/ln(y))"),
    ],
)
def test_answers_to_lesson_questions_are_judged_on_their_domain_as_written(
    kind: str, function: str, respect: str | None, answer: str
) -> None:
    problem = problem_from_text(kind, function, respect=respect)  # type: ignore[arg-type]
    feedback = diagnose(problem, answer)
    assert feedback.verdict == "incorrect"
    assert "no real value" in feedback.message or any(
        c.counterexample is not None and c.counterexample.answer_value is None
        for c in feedback.components
    )
