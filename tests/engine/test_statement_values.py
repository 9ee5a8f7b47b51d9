"""The one evaluator of statements, which claims and typed questions share: every kind has one,
each value is SymPy's own, and parameters stay symbols in the value."""

from __future__ import annotations

from typing import get_args

import pytest
import sympy

from steepest.engine.claims.expected import EVALUATORS, expected_value
from steepest.engine.claims.statements import ClaimKind, read_statement
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EngineError, VariableError

x, w1, w2, eta = (sympy.Symbol(name, real=True) for name in ("x", "w1", "w2", "eta"))
LOSS = w1**2 + 3 * w2**2
STEP = w1 - 2 * eta * w1**2


def value_of(statement: str, parameters: tuple[str, ...] = ()) -> tuple[sympy.Expr, ...]:
    return expected_value(read_statement(statement), parameters).values


def test_every_kind_of_statement_has_an_evaluator() -> None:
    assert set(EVALUATORS) == set(get_args(ClaimKind))


@pytest.mark.parametrize(
    ("statement", "reference"),
    [
        ("value w1^2 + 3w2^2 at w1 = 1, w2 = -2", (LOSS.subs({w1: 1, w2: -2}),)),
        ("slope w1^2 + 3w2^2 wrt w2 at w1 = 1, w2 = -2", (sympy.diff(LOSS, w2).subs(w2, -2),)),
        ("partial w1^2 + 3w2^2 wrt w1", (sympy.diff(LOSS, w1),)),
        ("gradient w1^2 + 3w2^2", (sympy.diff(LOSS, w1), sympy.diff(LOSS, w2))),
        (
            "gradient w1^2 + 3w2^2 at w1 = 1, w2 = -2",
            tuple(sympy.diff(LOSS, v).subs({w1: 1, w2: -2}) for v in (w1, w2)),
        ),
        (
            "descent w1^2 + 3w2^2 at w2 = -2, w1 = 1",
            tuple(-sympy.diff(LOSS, v).subs({w1: 1, w2: -2}) for v in (w2, w1)),
        ),
        ("max x(6 - 2x)^2 for x in [0, 3]", (sympy.Integer(16),)),
        ("argmax x(6 - 2x)^2 for x in [0, 3]", (sympy.Integer(1),)),
        ("min x^2 - 2x for x in [2, 4]", ((x**2 - 2 * x).subs(x, 2),)),
        ("argmin x^2 - 2x for x in [-4, 4]", tuple(sympy.solve(sympy.diff(x**2 - 2 * x, x), x))),
    ],
)
def test_each_kind_comes_to_sympys_own_value(
    statement: str, reference: tuple[sympy.Expr, ...]
) -> None:
    values = value_of(statement)
    assert len(values) == len(reference)
    assert all(sympy.simplify(v - r) == 0 for v, r in zip(values, reference, strict=True))


def test_a_parameter_stays_a_symbol_in_the_value() -> None:
    (after_step,) = value_of("value w1 - 2 eta w1^2 at w1 = 1", ("eta",))
    assert sympy.expand(after_step - STEP.subs(w1, 1)) == 0
    (slope,) = value_of("partial w1 - 2 eta w1^2 wrt w1", ("eta",))
    assert sympy.expand(slope - sympy.diff(STEP, w1)) == 0
    value = expected_value(read_statement("gradient w1 - 2 eta w1^2"), ("eta",))
    assert value.variables == (w1,) and value.parameters == (eta,)
    assert not value.numbers and value.names == ["w1", "eta"]


def test_undeclared_a_parameter_is_a_name_the_point_does_not_give() -> None:
    with pytest.raises(EngineError, match="unknown variable"):
        value_of("value w1 - 2 eta w1^2 at w1 = 1")


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        ("partial w1 - 2 eta w1^2 wrt eta", "is a parameter"),
        ("max eta x - x^2 for x in [0, 1]", "eta"),
    ],
)
def test_a_parameter_is_never_differentiated_nor_optimised(statement: str, match: str) -> None:
    with pytest.raises(EngineError, match=match):
        value_of(statement, ("eta",))


def test_an_optimum_reached_twice_has_no_single_place() -> None:
    value = expected_value(read_statement("argmax abs(x) for x in [-1, 1]"))
    assert value.ties is not None and "x = -1 and x = 1" in value.ties


def test_claims_say_what_the_evaluator_found() -> None:
    statement = "gradient w1^2 + 3w2^2 at w1 = 1, w2 = -2"
    found = expected_value(read_statement(statement)).found
    verdict = verify_claim(statement, "$(2, 12)$")
    assert not verdict.ok and verdict.got == found == "(2, -12)"


def test_a_claim_in_a_parameter_is_checked_as_a_formula() -> None:
    statement = "value w1 - 2 eta w1^2 at w1 = 1"
    assert verify_claim(statement, r"$1 - 2\eta$", ("eta",)).ok
    assert not verify_claim(statement, r"$1 + 2\eta$", ("eta",)).ok


def test_a_formula_shown_for_a_number_is_a_wrong_value_in_the_statements_names() -> None:
    assert not verify_claim("slope 3w2^2 wrt w2 at w2 = 1", "$6w_2$").ok
    with pytest.raises(VariableError):
        verify_claim("slope 3w2^2 wrt w2 at w2 = 1", "$6y$")
