"""A quadratic bowl: its curvatures are the Hessian's eigenvalues, its threshold 2/λmax is where
the factors 1 − ηλ leave [−1, 1], and its exact steps are the update rule's; anything else is
refused with what is wrong with it."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import order_variables
from steepest.engine.surface.bowl import (
    Bowl,
    descend_exactly,
    direction_text,
    factor_kind,
    read_bowl,
    step_factor,
)

w1, w2 = sympy.symbols("w1 w2", real=True)


def bowl_of(text: str) -> Bowl:
    loss = parse(text)
    return read_bowl(loss, order_variables(loss.free_symbols))


def test_the_lessons_bowl_curves_2_along_w1_and_6_along_w2() -> None:
    bowl = bowl_of("w1^2 + 3w2^2")
    assert [d.curvature for d in bowl.directions] == [2, 6]
    assert [d.axis for d in bowl.directions] == [w1, w2]
    assert [direction_text(d) for d in bowl.directions] == ["w1", "w2"]
    assert bowl.minimum == (0, 0) and bowl.lowest == 0
    assert (bowl.threshold, bowl.onset) == (sympy.Rational(1, 3), sympy.Rational(1, 6))


@pytest.mark.parametrize(
    "text",
    ["w1^2 + w1 w2 + 2w2^2 - w1", "3w1^2 - 2w1 w2 + w2^2 + w2 + 5", "(w1 - 2)^2 + (w1 + w2)^2"],
)
def test_directions_are_unit_eigenvectors_of_sympys_hessian(text: str) -> None:
    bowl = bowl_of(text)
    loss = parse(text)
    hessian = sympy.hessian(loss, [w1, w2])
    expected = sorted(hessian.eigenvals(multiple=True), key=float)
    pairs = zip(bowl.directions, expected, strict=True)
    assert [sympy.simplify(d.curvature - e) for d, e in pairs] == [0, 0]
    for direction in bowl.directions:
        vector = sympy.Matrix(direction.vector)
        assert sympy.simplify(hessian * vector - direction.curvature * vector) == sympy.zeros(2, 1)
        assert sympy.simplify(vector.dot(vector)) == 1
    at_minimum = dict(zip((w1, w2), bowl.minimum, strict=True))
    assert [sympy.simplify(sympy.diff(loss, v).subs(at_minimum)) for v in (w1, w2)] == [0, 0]
    assert sympy.simplify(bowl.lowest - loss.subs(at_minimum)) == 0
    assert sympy.simplify(bowl.excess() - (loss - bowl.lowest)) == 0
    assert sympy.simplify(bowl.threshold - 2 / max(hessian.eigenvals(), key=float)) == 0


def test_a_round_bowl_takes_the_axes_as_its_directions() -> None:
    bowl = bowl_of("2w1^2 + 2w2^2")
    assert [(d.curvature, d.axis) for d in bowl.directions] == [(4, w1), (4, w2)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("w1^4 + w2^2", "not a quadratic in w1, w2: it has degree 4"),
        ("w1^2 w2 + w2^2", "it has degree 3"),
        ("sin(w1) + w2^2", "it is not a polynomial"),
        ("w1^2 - w2^2", "is not a bowl: along w2 it curves down (curvature -2)"),
        ("w1^2 + w2", "is not a bowl: along w2 it is flat (curvature 0)"),
        ("(w1 + w2)^2", "is not a bowl: along the direction (0.707, −0.707) it is flat"),
    ],
)
def test_anything_but_a_bowl_is_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(EvaluationError, match=re.escape(words)):
        bowl_of(text)


def test_a_name_that_is_not_a_weight_is_refused() -> None:
    with pytest.raises(VariableError, match="L uses c"):
        read_bowl(parse("w1^2 + c w2^2"), [w1, w2])


@pytest.mark.parametrize(
    ("factor", "kind"),
    [
        (sympy.Rational(4, 5), "stable"),
        (sympy.Integer(0), "stable"),
        (sympy.Rational(-1, 2), "oscillates"),
        (sympy.Integer(-1), "bounces"),
        (sympy.Rational(-7, 5), "diverges"),
    ],
)
def test_factor_kinds(factor: sympy.Expr, kind: str) -> None:
    assert factor_kind(factor) == kind


def test_step_factors_are_one_minus_rate_times_curvature() -> None:
    bowl = bowl_of("w1^2 + 3w2^2")
    rate = sympy.Rational(1, 4)
    assert [step_factor(d, rate) for d in bowl.directions] == [
        sympy.Rational(1, 2),
        sympy.Rational(-1, 2),
    ]


@settings(max_examples=30, deadline=None)
@given(
    st.fractions(min_value=0, max_value=1, max_denominator=20),
    st.integers(-3, 3),
    st.integers(-3, 3),
    st.integers(1, 12),
)
def test_exact_steps_are_the_closed_form_on_the_axis_bowl(
    rate: Fraction, a: int, b: int, steps: int
) -> None:
    """On w1² + 3w2² each step multiplies w1 by 1 − 2η and w2 by 1 − 6η."""
    eta = sympy.Rational(str(rate))
    start = {w1: sympy.Integer(a), w2: sympy.Integer(b)}
    points = descend_exactly(w1**2 + 3 * w2**2, [w1, w2], start, eta, steps)
    assert points == [((1 - 2 * eta) ** k * a, (1 - 6 * eta) ** k * b) for k in range(steps + 1)]


def test_steps_with_irrational_numbers_are_carried_in_40_digits() -> None:
    loss = sympy.pi * w1**2 + w2**2
    start = {w1: sympy.Integer(1), w2: sympy.Integer(1)}
    points = descend_exactly(loss, [w1, w2], start, sympy.Rational(1, 10), 3)
    expected = (1 - sympy.pi / 5) ** 3
    assert abs(points[-1][0] - expected) < sympy.Float("1e-35")
    assert points[-1][1] == sympy.Rational(512, 1000)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 6), st.integers(-3, 3), st.integers(1, 6), st.integers(-4, 4), st.integers(-4, 4)
)
def test_the_threshold_is_where_the_largest_factor_reaches_minus_one(
    a: int, b: int, c: int, d: int, e: int
) -> None:
    loss = a * w1**2 + b * w1 * w2 + c * w2**2 + d * w1 + e * w2
    hessian = np.array([[2 * a, b], [b, 2 * c]], dtype=float)
    eigenvalues = np.linalg.eigvalsh(hessian)
    if eigenvalues[0] <= 1e-9:
        with pytest.raises(EvaluationError, match="not a bowl"):
            read_bowl(loss, [w1, w2])
        return
    bowl = read_bowl(loss, [w1, w2])
    threshold = float(bowl.threshold)
    assert threshold == pytest.approx(2 / eigenvalues[-1])
    below, above = threshold * (1 - 1e-9), threshold * (1 + 1e-9)
    assert all(abs(1 - below * lam) < 1 for lam in eigenvalues)
    assert any(abs(1 - above * lam) > 1 for lam in eigenvalues)
