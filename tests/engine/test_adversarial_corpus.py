"""The adversarial corpus: differences far out, under large magnitudes, lost to cancellation,
in narrow bumps and at kinks. No wrong answer may be accepted, and every identity must be."""

from __future__ import annotations

import operator
from collections.abc import Callable

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_corpus import Pair, read_corpus
from steepest.engine.answers.equivalence import check_equivalent, compare_expressions
from steepest.engine.notation.parser import parse

FAMILIES = ("far", "large", "cancellation", "bump", "kink")


PAIRS = read_corpus("adversarial")
DIFFERENT = [p for p in PAIRS if p.verdict == "different"]
EQUIVALENT = [p for p in PAIRS if p.verdict == "equivalent"]


def _id(pair: Pair) -> str:
    return f"{pair.family}: {pair.expected} ~ {pair.answer}"


def test_corpus_is_large_and_every_family_has_both_verdicts() -> None:
    assert len(PAIRS) >= 110
    for family in FAMILIES:
        verdicts = {p.verdict for p in PAIRS if p.family == family}
        assert verdicts == {"different", "equivalent"}, family


@pytest.mark.parametrize("pair", DIFFERENT, ids=_id)
def test_no_wrong_answer_is_accepted(pair: Pair) -> None:
    verdict = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain)
    assert verdict.verdict == "incorrect", verdict.message


@pytest.mark.parametrize("pair", EQUIVALENT, ids=_id)
def test_every_true_identity_is_accepted(pair: Pair) -> None:
    verdict = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain)
    assert verdict.verdict == "correct", verdict.message


@pytest.mark.parametrize("seed", [1, 2])
def test_verdicts_do_not_depend_on_the_seed(seed: int) -> None:
    wrong = [
        p
        for p in PAIRS
        if check_equivalent(p.expected, p.answer, p.variables, p.domain, seed=seed).equivalent
        != (p.verdict == "equivalent")
    ]
    assert wrong == []


def _exact(value: str) -> sympy.Rational | None:
    try:
        return sympy.Rational(value)
    except (TypeError, ValueError):
        return None


@pytest.mark.parametrize("pair", [p for p in DIFFERENT if p.variables], ids=_id)
def test_counterexample_is_a_point_where_they_really_differ(pair: Pair) -> None:
    found = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain).counterexample
    assert found is not None
    coordinates = {name: _exact(value) for name, value in found.point}
    if any(c is None for c in coordinates.values()):
        pytest.skip("a random point, shown rounded")
    at = {sympy.Symbol(name, real=True): c for name, c in coordinates.items()}
    answer = parse(pair.answer, pair.variables)
    # 500 digits: enough to see 1 beside cosh(302) ≈ 10^130.
    wanted = sympy.N(parse(pair.expected, pair.variables).xreplace(at), 500)
    given = sympy.N(answer.xreplace(at), 500)
    assert wanted.is_real
    if found.answer_value is None:
        # Some part of the answer as written has no real value there (√(x−3)·√(x−5) at 2).
        parts = [sympy.N(part.xreplace(at), 30) for part in sympy.preorder_traversal(answer)]
        assert any(not (part.is_real and part.is_finite) for part in parts)
        return
    assert wanted != given
    shown = sympy.Float(found.answer_value, 40)
    # The value is shown to 6 significant digits or more: it is the answer's, so rounded.
    assert abs(shown - given) <= abs(given) * sympy.Float(10) ** -5 + sympy.Float(10) ** -300


def test_the_closest_quoted_differences_are_shown_with_enough_digits() -> None:
    found = check_equivalent("10^20 + sin(x)", "10^20 + sin(x) + 1", ["x"]).counterexample
    assert found is not None and found.answer_value is not None
    assert found.answer_value.startswith("100000000000000000001")


@pytest.mark.parametrize(
    "value",
    [
        sympy.zoo,
        sympy.nan,
        sympy.oo,
        sympy.I,
        sympy.tan(sympy.pi / 2),
        sympy.log(0),
        sympy.Integer(-8) ** sympy.Rational(1, 3),
        sympy.Integer(-5) ** sympy.Rational(1, 5),
        (19601 - 13861 * sympy.sqrt(2)) ** sympy.Rational(7, 4),
        sympy.exp(sympy.exp(sympy.exp(sympy.exp(5)))),
    ],
    ids=str,
)
def test_a_constant_without_a_real_value_is_never_accepted_and_never_raises(
    value: sympy.Expr,
) -> None:
    assert not compare_expressions(sympy.Integer(1), value, [], []).equivalent
    # As the expected answer it only leaves the checker without a verdict.
    assert not compare_expressions(value, sympy.Integer(1), [], []).equivalent


def test_large_constants_are_told_apart_by_one() -> None:
    assert check_equivalent("e^1000", "e^1000 + 1", []).verdict == "incorrect"
    assert check_equivalent("e^1000 + 1", "1 + e^500 e^500", []).verdict == "correct"


X = sympy.Symbol("x", real=True)
HOSTILE_LEAVES = st.sampled_from(
    [
        X,
        sympy.Integer(-8),
        sympy.Rational(1, 3),
        sympy.pi,
        sympy.E,
        sympy.zoo,
        sympy.nan,
        sympy.oo,
        sympy.I,
        sympy.Float("nan"),
        sympy.Float(1e300),
        sympy.Integer(10) ** 40,
    ]
)


def _built(build: Callable[..., sympy.Expr], *args: sympy.Expr) -> sympy.Expr:
    """SymPy's own result, or its first argument where SymPy refuses (Max of zoo)."""
    try:
        return build(*args)
    except (TypeError, ValueError):
        return args[0]


def _hostile(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    pairs = st.tuples(
        st.sampled_from([operator.add, operator.mul, operator.pow, sympy.Max]), children, children
    )
    functions = st.sampled_from(
        [sympy.exp, sympy.log, sympy.sign, sympy.Abs, sympy.tan, sympy.asin, sympy.Heaviside]
    )
    return st.one_of(
        pairs.map(lambda p: _built(p[0], p[1], p[2])),
        st.tuples(functions, children).map(lambda p: _built(p[0], p[1])),
    )


@given(st.recursive(HOSTILE_LEAVES, _hostile, max_leaves=6), st.sampled_from([X, 1 / X]))
@settings(max_examples=40, deadline=None, derandomize=True)
def test_anything_sympy_can_hold_gets_a_comparison_never_an_exception(
    expr: sympy.Expr, other: sympy.Expr
) -> None:
    for expected, answer in ((other, expr), (expr, other)):
        compare_expressions(expected, answer, ["x"], ["real"])
