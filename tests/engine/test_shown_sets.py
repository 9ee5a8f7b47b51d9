"""What a claim shows, read: inequalities in every spelling, matrices and relations in LaTeX."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.claims.sets import ShownSet, read_shown_set
from steepest.engine.claims.shown import latex_to_typed, read_shown
from steepest.engine.errors import MathSyntaxError
from steepest.engine.notation.parser import parse

THIRD = sympy.Rational(1, 3)


def ends(found: ShownSet) -> tuple[object, ...]:
    """(name, low, low strict, high, high strict), the numbers exact."""
    low = None if found.low is None else (found.low.number.value, found.low.strict)
    high = None if found.high is None else (found.high.number.value, found.high.strict)
    return (found.name, low, high)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (r"$\eta < \frac{1}{3}$", ("eta", None, (THIRD, True))),
        (r"$0 < \eta < \frac{1}{3}$", ("eta", (0, True), (THIRD, True))),
        (r"$\frac{1}{3} > \eta > 0$", ("eta", (0, True), (THIRD, True))),
        (r"$\frac{1}{3} \geq \eta$", ("eta", None, (THIRD, False))),
        (r"$\eta \lt 1$", ("eta", None, (1, True))),
        (r"$\eta \leqslant 1$", ("eta", None, (1, False))),
        (r"$-1 \le x_1$", ("x1", (-1, False), None)),
        ("η < 1/3", ("eta", None, (THIRD, True))),
        ("η ≤ 1/3", ("eta", None, (THIRD, False))),
        ("lr >= 0.5", ("lr", (sympy.Rational(1, 2), False), None)),
    ],
)
def test_shown_inequalities_are_read_in_every_spelling(
    shown: str, expected: tuple[object, ...]
) -> None:
    assert ends(read_shown_set(read_shown(shown))) == expected


def test_a_shown_bound_keeps_the_precision_it_is_written_to() -> None:
    found = read_shown_set(read_shown(r"$\eta < 0.333$"))
    assert found.high is not None and found.high.number.decimals == 3
    bare = read_shown_set(read_shown(r"$\frac{1}{3}$"))
    assert bare.name is None and bare.bare is not None and bare.bare.value == THIRD


@pytest.mark.parametrize(
    ("shown", "match"),
    [
        (r"$0 < \eta > 1$", "a chain must run one way"),
        (r"$1 < 2$", "names the unknown once"),
        (r"$\eta < \mu$", "names the unknown once"),
        (r"$0 < 1 < \eta$", "names the unknown once"),
        (r"$2\eta < 1$", "names the unknown once"),
    ],
)
def test_shown_sets_that_cannot_be_read_say_why(shown: str, match: str) -> None:
    with pytest.raises(MathSyntaxError, match=match):
        read_shown_set(read_shown(shown))


def test_an_inequality_is_not_split_at_its_equals_sign() -> None:
    assert read_shown("η <= 1/3").raw == "η <= 1/3"
    assert read_shown("$L = 2$").raw == "2"


def test_latex_matrices_become_nested_vectors() -> None:
    assert latex_to_typed(r"\begin{pmatrix} 2 & 0 \\ 0 & \frac{1}{6} \\ \end{pmatrix}") == (
        "((2, 0), (0, ((1)/(6))))"
    )
    # One column or one row is a vector, as people write either.
    assert latex_to_typed(r"\begin{bmatrix} 2 \\ 0.5 \end{bmatrix}") == "(2, 0.5)"
    assert latex_to_typed(r"\begin{matrix} 2 & 0.5 \end{matrix}") == "(2, 0.5)"
    assert parse(latex_to_typed(r"\{2, 6\}").strip("()").split(",")[1]) == 6


@pytest.mark.parametrize(
    ("latex", "match"),
    [
        (r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}", "environments pmatrix, bmatrix, matrix"),
        (r"\begin{pmatrix} 1 & 2", "never ended"),
        (r"\begin{pmatrix} 1 \end{bmatrix}", "closed by"),
    ],
)
def test_latex_the_claim_checker_cannot_read_is_refused(latex: str, match: str) -> None:
    with pytest.raises(MathSyntaxError, match=match):
        latex_to_typed(latex)
