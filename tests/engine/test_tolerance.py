"""Decimals typed for values with no finite decimal: one rule for π and for 1/3, checked against
mpmath's own rounding of each value."""

from __future__ import annotations

from decimal import Decimal

import mpmath
import pytest
import sympy

from steepest.engine.answers.tolerance import Tolerance, judge_number, written_decimal
from steepest.engine.notation.parser import parse

VALUES = ["pi", "1/3", "2/3", "sqrt(2)", "e", "-1/7", "1/300", "exp(10)", "ln(2)/1000"]


def rounded(value: str, figures: int) -> str:
    """`value` rounded to `figures` significant figures by mpmath, as a plain decimal."""
    with mpmath.workdps(60):
        exact = mpmath.mpf(sympy.N(parse(value), 60))
        # Past `figures` digits before the point, in e-notation, so no zero is a figure unshown.
        text: str = mpmath.nstr(exact, figures, strip_zeros=False, min_fixed=-30, max_fixed=figures)
        return text


def judged(value: str, typed: str, tolerance: Tolerance | None = None) -> str | None:
    judgement = judge_number(parse(value), parse(typed), typed, tolerance)
    return None if judgement is None else judgement.outcome


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("figures", [3, 4, 8, 15])
def test_a_value_rounded_to_enough_figures_is_right(value: str, figures: int) -> None:
    assert judged(value, rounded(value, figures)) == "right"


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("figures", [3, 6])
def test_off_in_the_last_figure_is_misrounded_and_further_off_is_wrong(
    value: str, figures: int
) -> None:
    typed = Decimal(rounded(value, figures))
    unit = Decimal(1).scaleb(typed.as_tuple().exponent)  # type: ignore[arg-type]
    for off in (typed + unit, typed - unit):
        exact = Decimal(str(sympy.N(parse(value), 40)))
        expected = "misrounded" if abs(off - exact) < unit else "wrong"
        assert judged(value, str(off)) == expected
    assert judged(value, str(typed + 2 * unit)) == "wrong"
    assert judged(value, str(typed - 2 * unit)) == "wrong"


@pytest.mark.parametrize("value", VALUES)
def test_right_to_fewer_figures_than_asked_says_so(value: str) -> None:
    judgement = judge_number(parse(value), parse(rounded(value, 2)), rounded(value, 2))
    assert judgement is not None and judgement.outcome == "too_few_figures"
    assert "3 significant figures" in judgement.message
    asked = Tolerance(figures=5)
    assert judged(value, rounded(value, 4), asked) == "too_few_figures"
    assert judged(value, rounded(value, 5), asked) == "right"


@pytest.mark.parametrize(
    ("value", "typed"),
    [("1/4", "0.3"), ("1/4", "0.25"), ("7", "7.0"), ("pi", "pi"), ("1/3", "1/3")],
)
def test_exact_values_and_exact_answers_are_left_to_the_exact_check(value: str, typed: str) -> None:
    assert judged(value, typed) is None


def test_a_relative_tolerance_takes_any_number_within_it() -> None:
    assert judged("pi", "22/7", Tolerance(relative=1e-3)) == "right"
    assert judged("pi", "22/7", Tolerance(relative=1e-4)) == "wrong"
    assert judged("1/3", "0.3", Tolerance(relative=0.1)) == "right"


@pytest.mark.parametrize(
    ("typed", "figures_kept"),
    [("2.50", "2.50"), ("-0.333", "-0.333"), (".5", "0.5"), ("1.5e-3", "0.0015"), ("12", None)],
)
def test_a_written_decimal_keeps_its_figures(typed: str, figures_kept: str | None) -> None:
    found = written_decimal(typed)
    if figures_kept is None:
        assert found is None
    else:
        assert found == Decimal(figures_kept)
