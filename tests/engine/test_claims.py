"""Claims a lesson makes, verified by the engine: every kind right and wrong, the rounding rule,
and the shown text read from LaTeX. Expected values come from SymPy directly."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.claims.shown import latex_to_typed, read_shown
from steepest.engine.claims.statements import read_statement
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import (
    EngineError,
    EvaluationError,
    MathSyntaxError,
    PointSyntaxError,
    VariableError,
)
from steepest.engine.notation.parser import parse

x, w1, w2 = (sympy.Symbol(name, real=True) for name in ("x", "w1", "w2"))
BOX = x * (6 - 2 * x) ** 2
LOSS = w1**2 + 3 * w2**2
BOX_TEXT = "x(6 - 2x)^2"
LOSS_TEXT = "w1^2 + 3w2^2"


def box_peak() -> tuple[sympy.Expr, sympy.Expr]:
    """Where V = x(6 - 2x)² peaks on [0, 3], and the peak, by SymPy alone."""
    candidates = [sympy.Integer(0), sympy.Integer(3), *sympy.solve(sympy.diff(BOX, x), x)]
    place = max((c for c in candidates if 0 <= c <= 3), key=lambda c: BOX.subs(x, c))
    return place, BOX.subs(x, place)


def vector(values: list[sympy.Expr]) -> str:
    return "$(" + ", ".join(str(v) for v in values) + ")$"


def test_box_maximum_is_right_and_an_edited_one_is_wrong() -> None:
    place, peak = box_peak()
    right = verify_claim(f"max {BOX_TEXT} for x in [0, 3]", str(peak))
    assert right.ok
    wrong = verify_claim(f"max {BOX_TEXT} for x in [0, 3]", str(peak + 1))
    assert not wrong.ok
    assert wrong.said == str(peak + 1)
    assert wrong.got == f"{peak} (at x = {place})"


def test_argmax_reads_the_place_after_the_equals_sign() -> None:
    place, peak = box_peak()
    assert verify_claim(f"argmax {BOX_TEXT} for x in [0, 3]", f"$x = {place}$").ok
    wrong = verify_claim(f"argmax {BOX_TEXT} for x in [0, 3]", f"$x = {place + 1}$")
    assert not wrong.ok
    assert wrong.got.startswith(f"x = {place}") and str(peak) in wrong.got


def test_min_and_argmin_include_the_ends_of_the_interval() -> None:
    # On [1, 4], x² - 2x is smallest at its vertex x = 1, which is also the left end.
    assert verify_claim("min x^2 - 2x for x in [1, 4]", "-1").ok
    assert verify_claim("argmin x^2 - 2x for x in [1, 4]", "1").ok
    # On [2, 4] the vertex lies outside: the smallest value is at the left end.
    low = (x**2 - 2 * x).subs(x, 2)
    assert verify_claim("min x^2 - 2x for x in [2, 4]", str(low)).ok
    assert verify_claim("max x^2 - 2x for x in [2, 4]", str((x**2 - 2 * x).subs(x, 4))).ok


def test_argmax_reached_twice_is_not_a_single_place() -> None:
    verdict = verify_claim("argmax abs(x) for x in [-1, 1]", "1")
    assert not verdict.ok
    assert "x = -1 and x = 1" in verdict.got


def test_a_function_with_a_pole_in_the_interval_cannot_be_checked() -> None:
    with pytest.raises(EvaluationError, match="not continuous"):
        verify_claim("max 1/x for x in [-1, 1]", "1")


def rounds_to(value: sympy.Expr, shown: str) -> bool:
    """The rule, stated on SymPy's exact value: a decimal, or an integer marked "about", is right
    within half a unit of its last place; any other number must be exact."""
    number_text = shown.removeprefix("about ")
    number = sympy.Rational(number_text)
    if "." not in number_text and not shown.startswith("about"):
        return bool(value == number)
    decimals = len(number_text.partition(".")[2])
    return bool(abs(value - number) <= sympy.Rational(1, 2 * 10**decimals))


@pytest.mark.parametrize(
    ("shown", "ok"),
    [
        ("about 9.8", True),
        ("about 9.83", True),
        ("9.8", True),
        ("about 9.9", False),
        ("about 9.7", False),
        ("about 10", True),
        ("10", False),
    ],
)
def test_value_is_rounded_to_the_decimals_shown(shown: str, ok: bool) -> None:
    value = BOX.subs(x, sympy.Rational(35, 100))
    assert rounds_to(value, shown) is ok
    assert verify_claim(f"value {BOX_TEXT} at x = 0.35", shown).ok is ok


def test_a_value_exactly_half_way_rounds_either_way() -> None:
    # x/8 at x = 1 is 0.125: both 0.12 and 0.13 are fair two-decimal roundings.
    assert verify_claim("value x/8 at x = 1", "0.12").ok
    assert verify_claim("value x/8 at x = 1", "0.13").ok
    assert not verify_claim("value x/8 at x = 1", "0.14").ok


def test_an_integer_or_fraction_must_be_exact() -> None:
    assert verify_claim("value x/8 at x = 1", r"$\frac{1}{8}$").ok
    assert verify_claim("value x/8 at x = 1", "1/8").ok
    assert not verify_claim("value x/3 at x = 1", "0").ok
    assert not verify_claim("value x/3 at x = 1", r"$\frac{1}{4}$").ok


def test_irrational_values_compare_exactly_or_by_rounding() -> None:
    assert verify_claim("max sqrt(x) for x in [0, 2]", r"$\sqrt{2}$").ok
    assert verify_claim("max sqrt(x) for x in [0, 2]", "about 1.41").ok
    assert not verify_claim("max sqrt(x) for x in [0, 2]", "1.42").ok
    assert not verify_claim("max sqrt(x) for x in [0, 2]", r"$\frac{141}{100}$").ok


def test_slope_is_the_derivative_at_the_point() -> None:
    slope = sympy.diff(BOX, x).subs(x, sympy.Rational(35, 100))
    assert verify_claim(f"slope {BOX_TEXT} wrt x at x = 0.35", f"about {float(slope):.1f}").ok
    assert not verify_claim(
        f"slope {BOX_TEXT} wrt x at x = 0.35", f"about {float(slope) + 0.1:.1f}"
    ).ok
    at_one = sympy.diff(LOSS, w2).subs({w1: 1, w2: 1})
    assert verify_claim(f"slope {LOSS_TEXT} wrt w2 at w1 = 1, w2 = 1", str(at_one)).ok


def test_gradient_and_descent_at_a_point_compare_component_by_component() -> None:
    point = {w1: 1, w2: -2}
    gradient = [sympy.diff(LOSS, v).subs(point) for v in (w1, w2)]
    statement = f"{LOSS_TEXT} at w1 = 1, w2 = -2"
    assert verify_claim(f"gradient {statement}", vector(gradient)).ok
    assert verify_claim(f"gradient {statement}", r"$\nabla L(1, -2) = " + vector(gradient)[1:]).ok
    assert verify_claim(f"descent {statement}", vector([-g for g in gradient])).ok
    assert not verify_claim(f"descent {statement}", vector(gradient)).ok
    swapped = verify_claim(f"gradient {statement}", vector(gradient[::-1]))
    assert not swapped.ok and swapped.got == vector(gradient).strip("$")
    assert not verify_claim(f"gradient {statement}", vector(gradient[:1])).ok


def test_gradient_follows_the_order_of_the_point_and_counts_absent_variables() -> None:
    assert verify_claim("gradient 3w2^2 at w2 = 1, w1 = 1", "$(6, 0)$").ok
    assert verify_claim("gradient 3w2^2 at w1 = 1, w2 = 1", "$(0, 6)$").ok


def test_partial_compares_expressions_by_value_not_spelling() -> None:
    expected = sympy.diff(LOSS, w2)
    assert expected == 6 * w2
    assert verify_claim(f"partial {LOSS_TEXT} wrt w2", r"$3 \cdot 2w_2 = 6w_2$").ok
    assert verify_claim(f"partial {LOSS_TEXT} wrt w2", r"$2 \cdot 3 w_{2}$").ok
    assert verify_claim(f"partial {LOSS_TEXT} wrt w2", "6w2").ok
    wrong = verify_claim(f"partial {LOSS_TEXT} wrt w2", "$3w_2$")
    assert not wrong.ok and wrong.got == "6*w2"
    assert verify_claim(
        f"partial {LOSS_TEXT} wrt w1", r"$\frac{\partial L}{\partial w_1} = 2w_1$"
    ).ok


def test_symbolic_gradient_compares_each_component() -> None:
    assert verify_claim(f"gradient {LOSS_TEXT}", "$(2w_1, 6w_2)$").ok
    assert not verify_claim(f"gradient {LOSS_TEXT}", "$(6w_2, 2w_1)$").ok


def test_approx_lets_a_formula_round_to_whole_units() -> None:
    assert verify_claim(f"value {BOX_TEXT} at x = 0.35", r"$V \approx 10$").ok
    assert not verify_claim(f"value {BOX_TEXT} at x = 0.35", "$V = 10$").ok


@pytest.mark.parametrize(
    ("statement", "error", "match"),
    [
        ("maximum x for x in [0, 1]", MathSyntaxError, "cannot read the claim"),
        ("value x^2", MathSyntaxError, "cannot read the claim"),
        ("value x^2 at x 1", PointSyntaxError, "name=value pairs.* of the point 'x 1'"),
        ("value x^2 at x = 1, x = 2", PointSyntaxError, "x is given twice .column 8 of the point"),
        ("value x^2 + y at x = 1", VariableError, "y"),
        ("slope x^2 wrt y at x = 1", VariableError, "no value for y"),
        ("value 1/x at x = 0", EvaluationError, "undefined"),
        ("max x for x in [2, 1]", EvaluationError, "empty"),
    ],
)
def test_statements_the_engine_cannot_check_raise(
    statement: str, error: type[EngineError], match: str
) -> None:
    with pytest.raises(error, match=match):
        verify_claim(statement, "1")


@pytest.mark.parametrize(
    ("shown", "match"),
    [
        ("", "show one number"),
        ("16 cubic units", "not a number"),
        ("$16$ and $17$", "show one number"),
        (r"$\foo{2}$", r"cannot read \\foo"),
        ("$x =$", "no value"),
        (r"$w_{i}$", "numbered subscripts"),
    ],
)
def test_shown_text_the_engine_cannot_read_raises(shown: str, match: str) -> None:
    with pytest.raises(EngineError, match=match):
        verify_claim("value x at x = 1", shown)


def test_latex_translation_reaches_the_same_numbers_as_fractions() -> None:
    typed = latex_to_typed(r"\frac{1}{6} + \dfrac12 - \sqrt{4} \cdot w_{12}")
    assert parse(typed) == sympy.Rational(1, 6) + sympy.Rational(1, 2) - 2 * sympy.Symbol(
        "w12", real=True
    )


def test_shown_text_keeps_the_authors_spelling_for_messages() -> None:
    shown = read_shown(r"about $\nabla L = (2, 6)$")
    assert (shown.raw, shown.rounded, shown.said()) == ("(2, 6)", True, "about (2, 6)")


def test_statement_parts_are_split_by_their_keywords() -> None:
    statement = read_statement("slope  x(6 - 2x)^2  wrt x at x = 0.35")
    assert (statement.kind, statement.function, statement.variable) == ("slope", BOX_TEXT, "x")
    assert statement.point == (("x", "0.35"),)
    interval = read_statement("argmin x^2 for x in [-1, 1/2]").interval
    assert interval == ("-1", "1/2")
