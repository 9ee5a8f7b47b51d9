"""The adversarial corpus of domains as written, negative bases and limits: 0 false accepts."""

from __future__ import annotations

import pytest
import sympy

from answer_corpus import Pair, read_corpus
from steepest.engine.answers.equivalence import check_equivalent
from steepest.engine.notation.parser import parse

VERDICT_OF = {"equivalent": "correct", "different": "incorrect", "invalid": "invalid"}
FAMILIES = ("erased domain", "other domains", "limit bypass", "negative bases")
# Every pair issue 13 and the brief quote, as (expected, answer).
QUOTED = {
    ("x", "exp(log(x))"),
    ("x", "sqrt(x)^2"),
    ("x", "sqrt(x)sqrt(x)"),
    ("x", "sin(asin(x))"),
    ("x^2", "e^(2ln x)"),
    ("1", "log(x)/log(x)"),
    ("a^(b*c)", "(a^b)^c"),
    ("0", "sin^999999999999999999999999999999(x)"),
    ("1", "tan(pi/2)"),
    ("1", "log(0)"),
    ("-2", "(-8)^(1/3)"),
    ("1", "(-5)^(1/3)"),
    ("1", "(-5)^(2/6)"),
    ("1", "(-5)^(4/3)"),
    ("1", "(-5)^(-1/3)"),
    ("1", "(-5)^(1/5)"),
    ("1", "(-5)^(0.2)"),
    ("1", "(19601-13861*sqrt(2))^(7/4)"),
    ("0", "sqrt(-1)x"),
    ("0", "log(0)x"),
}


PAIRS = read_corpus("adversarial_domains")


def test_corpus_covers_every_family_and_every_quoted_pair() -> None:
    assert len(PAIRS) >= 50
    for family in FAMILIES:
        rows = [p for p in PAIRS if p.family == family]
        assert any(p.verdict == "equivalent" for p in rows), family
        assert any(p.verdict != "equivalent" for p in rows), family
    assert {(p.expected, p.answer) for p in PAIRS} >= QUOTED


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.expected} ~ {p.answer}")
def test_checker_gets_every_adversarial_pair_right(pair: Pair) -> None:
    verdict = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain)
    assert verdict.verdict == VERDICT_OF[pair.verdict], verdict.message


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_wrong_pair_is_accepted_whatever_the_seed(seed: int) -> None:
    false_accepts = [
        p
        for p in PAIRS
        if p.verdict != "equivalent"
        and check_equivalent(p.expected, p.answer, p.variables, p.domain, seed=seed).equivalent
    ]
    assert false_accepts == []


@pytest.mark.parametrize(
    "pair",
    [p for p in PAIRS if p.verdict == "different"],
    ids=lambda p: f"{p.expected} ~ {p.answer}",
)
def test_a_point_without_a_real_value_is_one_where_the_expected_answer_has_one(
    pair: Pair,
) -> None:
    found = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain).counterexample
    if found is None or found.answer_value is not None:
        pytest.skip("told apart by value, not by domain")
    point = {sympy.Symbol(name, real=True): parse(value) for name, value in found.point}
    value = sympy.N(parse(pair.expected, pair.variables).xreplace(point), 30)
    assert value.is_real and value.is_finite
