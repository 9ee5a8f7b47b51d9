"""The statements of the newer claim kinds, split into their parts by their keywords."""

from __future__ import annotations

import pytest

from steepest.engine.claims.statements import read_statement
from steepest.engine.errors import MathSyntaxError

LOSS = "w1^2 + 3w2^2"


def test_a_vector_value_keeps_each_expression() -> None:
    statement = read_statement("value (w1, 2(w2 + 1)) at w1 = 1, w2 = 2")
    assert statement.components == ("w1", "2(w2 + 1)")
    assert read_statement("value (w1 + 1)(w1 - 1) at w1 = 2").components is None


def test_a_position_has_its_start_steps_and_rate() -> None:
    statement = read_statement(f"position {LOSS} from w1 = 1, w2 = 1 after 12 steps at rate eta")
    assert (statement.kind, statement.function) == ("position", LOSS)
    assert statement.point == (("w1", "1"), ("w2", "1"))
    assert (statement.steps, statement.rate) == (12, "eta")
    assert (
        read_statement(f"position {LOSS} from w1 = 1, w2 = 1 after 1 step at rate 1/10").steps == 1
    )


def test_factors_stable_rates_and_curvature_name_their_parts() -> None:
    factor = read_statement(f"factor {LOSS} wrt w_2 at rate 0.1")
    assert (factor.kind, factor.function, factor.variable, factor.rate) == (
        "factor",
        LOSS,
        "w2",
        "0.1",
    )
    assert read_statement(f"stable rate {LOSS}").function == LOSS
    best = read_statement(f"best rate {LOSS}")
    assert (best.kind, best.function) == ("best", LOSS)
    entry = read_statement(f"hessian {LOSS} wrt w1, w2 at w1 = 0, w2 = 0")
    assert (entry.variable, entry.second, entry.point) == ("w1", "w2", (("w1", "0"), ("w2", "0")))
    assert read_statement(f"condition {LOSS} at w1 = 1, w2 = 1").point == (
        ("w1", "1"),
        ("w2", "1"),
    )


@pytest.mark.parametrize(
    ("text", "relation"), [("<", "<"), ("<=", "<="), ("≤", "<="), (">", ">"), ("≥", ">=")]
)
def test_where_splits_its_inequality(text: str, relation: str) -> None:
    statement = read_statement(f"where abs(1 - 6eta) {text} 1")
    assert (statement.function, statement.relation, statement.bound) == (
        "abs(1 - 6eta)",
        relation,
        "1",
    )


@pytest.mark.parametrize(
    "statement",
    [
        "stable w1^2",
        "best w1^2",
        "factors w1^2",
        "position w1^2 from w1 = 1 at rate 1",
        "where x",
        "hessian",
    ],
)
def test_a_statement_missing_its_keywords_says_what_is_allowed(statement: str) -> None:
    with pytest.raises(MathSyntaxError, match="cannot read the claim"):
        read_statement(statement)
