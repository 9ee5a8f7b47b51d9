"""Property tests: whatever is typed, the parser answers with an expression or a clean error."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from steepest.engine.errors import EngineError
from steepest.engine.notation.parser import parse

MATHY = st.lists(
    st.sampled_from([*"xyzw12^*/+-() .,e_·²√π", "sin", "exp", "log", "**", "sin^2"]),
    max_size=40,
).map("".join)


@given(st.text(max_size=120))
@settings(max_examples=400, deadline=None)
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        result = parse(text)
    except EngineError as error:
        assert error.message
        assert error.column is None or 1 <= error.column <= len(text) + 1
    else:
        assert isinstance(result, sympy.Expr)


@given(MATHY)
@settings(max_examples=600, deadline=None)
def test_near_miss_math_parses_or_fails_cleanly(text: str) -> None:
    try:
        parse(text)
    except EngineError as error:
        assert error.column is None or 1 <= error.column <= len(text) + 1


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["x", "w1", "theta"]))
def test_coefficients_and_names_survive(coefficient: int, name: str) -> None:
    symbol = sympy.Symbol(name, real=True)
    assert parse(f"{coefficient}*{name}^2") == coefficient * symbol**2
