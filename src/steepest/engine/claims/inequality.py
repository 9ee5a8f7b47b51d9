"""`where EXPR < EXPR`: the values of the statement's one unknown where an inequality holds.

    where abs(1 - 6eta) < 1      0 < η < 1/3      (the step factor 1 − 6η shrinks distances)
    where 1 - 6eta < 0           η > 1/6          (the factor is negative: the step overshoots)

The unknown is the one name in the inequality, a parameter or a variable alike. SymPy's
`solveset` solves it over the reals, keeping each function's domain (sqrt(x) < 2 is 0 ≤ x < 4).
"""

from __future__ import annotations

import sympy
from sympy.functions.elementary.trigonometric import TrigonometricFunction

from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.shapes import ValueSet
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import EvaluationError, VariableError
from steepest.engine.notation.printing import to_text

_RELATIONS = {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}
# Sets a lesson can state: intervals, points, and unions of them (or nothing).
_STATABLE = (sympy.Interval, sympy.FiniteSet)


def where_claim(statement: Statement, names: ClaimNames) -> ValueSet:
    assert statement.relation is not None and statement.bound is not None
    left, right = names.read(statement.function), names.read(statement.bound)
    text = f"{statement.function} {statement.relation} {statement.bound}"
    unknowns = sorted(left.free_symbols | right.free_symbols, key=lambda s: s.name)
    if len(unknowns) != 1:
        held = ", ".join(s.name for s in unknowns) or "no name"
        raise VariableError(f"a 'where' claim solves for one unknown, and {text} holds {held}")
    (unknown,) = unknowns
    periodic = [f for f in (left - right).atoms(TrigonometricFunction) if unknown in f.free_symbols]
    if periodic:
        # SymPy answers for one period only, as if sin(x) < 1/2 held nowhere past 2π.
        raise EvaluationError(
            f"Steepest does not solve {text}: it holds {to_text(periodic[0])}, and an inequality"
            " with a periodic function holds on infinitely many pieces"
        )
    members = sympy.solveset(
        _RELATIONS[statement.relation](left, right), unknown, domain=sympy.S.Reals
    )
    parts = members.args if isinstance(members, sympy.Union) else (members,)
    if not all(isinstance(part, _STATABLE) or part.is_empty for part in parts):
        raise EvaluationError(f"Steepest cannot solve {text} for {unknown.name} as intervals")
    return ValueSet(members, unknown)
