"""What an author's typed question asks, as a statement of the claims' language.

A question gives its own `statement` (`value w1 - 2 eta w1 at w1 = 1`), or a `kind` that stands
for one: `partial` with `respect` is `partial F wrt V`, `gradient` is `gradient F`,
`gradient_at` is `gradient F at POINT` and `descent` is `descent F at POINT`. A kind's point is
put in the variables' natural order (w1 before w2), whatever order the author wrote it in, so
the components of its answer are too.
"""

from __future__ import annotations

from steepest.engine.answers.tolerance import DEFAULT_FIGURES, Tolerance
from steepest.engine.claims.statements import Statement, read_statement
from steepest.engine.errors import VariableError
from steepest.engine.notation.symbols import canonical_variable_name, natural_key
from steepest.engine.problems.problem_types import QuestionFields


def question_statement(fields: QuestionFields) -> Statement:
    """The statement whose value is the right answer to the question."""
    statement = fields["statement"]
    if statement is not None:
        return read_statement(statement)
    kind, function = fields["kind"], fields["function"]
    if kind is None or function is None:
        raise VariableError("a typed question needs a statement, or a kind and a function")
    if kind == "partial":
        if fields["respect"] is None:
            raise VariableError("a partial-derivative question needs the variable it is by")
        return Statement("partial", function, canonical_variable_name(fields["respect"]))
    if kind == "gradient":
        return Statement("gradient", function)
    at = fields["at"]
    if at is None:
        raise VariableError(f"a {kind} question needs a point")
    point = tuple(sorted(at.items(), key=lambda entry: _natural(entry[0])))
    return Statement("descent" if kind == "descent" else "gradient", function, point=point)


def question_tolerance(fields: QuestionFields) -> Tolerance | None:
    """How close a number must be: the question's figures or relative tolerance, else the
    default rule (answers/tolerance.py)."""
    if fields["figures"] is None and fields["relative"] is None:
        return None
    return Tolerance(fields["figures"] or DEFAULT_FIGURES, fields["relative"])


def _natural(name: str) -> tuple[str, int]:
    return natural_key(canonical_variable_name(name))
