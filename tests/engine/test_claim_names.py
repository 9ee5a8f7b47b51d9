"""Claims are read with the names a lesson declares: parameters are constants read whole and never
differentiated, declared variables are the only variables. Expected values come from SymPy."""

from __future__ import annotations

import pytest
import sympy

from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.verify import verify_claim
from steepest.engine.errors import EngineError, LimitExceeded, VariableError

w, w1, w2, eta, lr = (sympy.Symbol(name, real=True) for name in ("w", "w1", "w2", "eta", "lr"))
ETA = ClaimNames(parameters=("eta",))


def test_a_value_that_holds_a_parameter_is_a_formula_in_it() -> None:
    loss = w1 - 2 * eta * w1**2
    expected = loss.subs(w1, 1)
    assert expected == 1 - 2 * eta
    statement = "value w1 - 2eta w1^2 at w1 = 1"
    assert verify_claim(statement, r"$1 - 2\eta$", ETA).ok
    assert verify_claim(statement, r"$-(2\eta - 1)$", ETA).ok
    wrong = verify_claim(statement, r"$1 - 4\eta$", ETA)
    assert not wrong.ok and wrong.got == "1 - 2*eta"


def test_a_gradient_at_a_point_may_hold_a_parameter() -> None:
    loss = w1**2 - eta * w1 * w2
    gradient = [sympy.diff(loss, v).subs({w1: 1, w2: 2}) for v in (w1, w2)]
    assert gradient == [2 - 2 * eta, -eta]
    statement = "gradient w1^2 - eta w1 w2 at w1 = 1, w2 = 2"
    assert verify_claim(statement, r"$(2 - 2\eta, -\eta)$", ETA).ok
    assert not verify_claim(statement, r"$(2 - \eta, -\eta)$", ETA).ok


def test_a_parameter_of_several_letters_is_read_whole() -> None:
    # Undeclared, `lr` is l·r: two more variables of the gradient.
    assert verify_claim("gradient w^2 - lr w", "$(-rw, -lw, 2w - lr)$").ok
    names = ClaimNames(parameters=("lr",))
    assert sympy.diff(w**2 - lr * w, w) == 2 * w - lr
    assert verify_claim("gradient w^2 - lr w", "$2w - lr$", names).ok
    assert verify_claim("partial w^2 - lr w wrt w", r"$2w - \, lr$", names).ok


def test_a_parameter_is_never_differentiated_and_a_value_at_a_point_makes_it_a_variable() -> None:
    with pytest.raises(VariableError, match="eta is a parameter of the lesson: never diff"):
        verify_claim("partial eta w^2 wrt eta", "0", ETA)
    # As lesson 04's `value 1 - 6eta at eta = 0.25`: the point says which value it is about.
    assert verify_claim("value eta w at w = 1, eta = 2", "2", ETA).ok
    assert verify_claim("value 1 - 6eta at eta = 0.25", "-0.5", ClaimNames(("w",), ("eta",))).ok


def test_declared_variables_are_the_only_variables_in_their_order() -> None:
    names = ClaimNames(variables=("w2", "w1"))
    assert verify_claim("gradient w1^2 + 3w2^2", "$(6w_2, 2w_1)$", names).ok
    assert not verify_claim("gradient w1^2 + 3w2^2", "$(2w_1, 6w_2)$", names).ok
    with pytest.raises(VariableError, match="does not declare a variable"):
        verify_claim("value x^2 at x = 1", "1", names)
    with pytest.raises(VariableError, match="unknown variable 'x'"):
        verify_claim("partial x w1 wrt w1", "x", names)


@pytest.mark.parametrize(
    ("names", "error", "match"),
    [
        (ClaimNames(("eta",), ("eta",)), VariableError, "declared both a variable and a parameter"),
        (ClaimNames(("w1",), ("sin",)), VariableError, "'sin' is not a variable name"),
        (ClaimNames(None, ("pi",)), VariableError, "'pi' is not a variable name"),
        (
            ClaimNames(tuple(f"w{i}" for i in range(7)), tuple(f"a{i}" for i in range(6))),
            LimitExceeded,
            "more than 12",
        ),
    ],
)
def test_declarations_the_engine_cannot_read_are_refused(
    names: ClaimNames, error: type[EngineError], match: str
) -> None:
    with pytest.raises(error, match=match):
        names.check()


def test_good_declarations_pass_in_any_spelling() -> None:
    ClaimNames(("w_1", "w₂", "θ"), ("eta", "lr")).check()
