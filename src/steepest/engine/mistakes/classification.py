"""Feedback on a critical point's kind, chosen from minimum, maximum and saddle.

The choice is read, not parsed: anything but one of the three (or a spelling of one, such as
"min" or "saddle point") is invalid and costs nothing. A wrong choice names what the Hessian at
the point was read wrong by: its determinant (negative: a saddle whatever the diagonal says;
positive: an extremum, never a saddle), or the sign of its curvature (a minimum where it curves
down, a maximum where it curves up).
"""

from __future__ import annotations

import sympy

from steepest.engine.answer_kinds import ClassifiedKind, MistakeCode
from steepest.engine.calculus.derivatives import hessian
from steepest.engine.mistakes.feedback import Feedback
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem

_SPELLINGS: dict[str, ClassifiedKind] = {
    "minimum": "minimum",
    "min": "minimum",
    "local minimum": "minimum",
    "maximum": "maximum",
    "max": "maximum",
    "local maximum": "maximum",
    "saddle": "saddle",
    "saddle point": "saddle",
}


def read_choice(answer: str) -> ClassifiedKind | None:
    """The kind the answer names, or None when it names none of them."""
    words = " ".join(answer.lower().replace("-", " ").split()).rstrip(".")
    if words.startswith(("a ", "an ")):
        words = words.split(" ", 1)[1]
    return _SPELLINGS.get(words)


def diagnose_classification(problem: Problem, answer: str) -> Feedback:
    """Whether the chosen kind is the point's, and if not, what was misread."""
    chosen = read_choice(answer)
    if chosen is None:
        listed = ", ".join(CLASSIFICATIONS)
        return Feedback("invalid", False, f"Choose one of: {listed}.")
    right = problem.classification
    if chosen == right:
        return Feedback("correct", True, f"Correct: the point is a {right}.")
    code, message, hint = _misreading(problem, chosen)
    return Feedback("incorrect", False, message, mistake=code, hint=hint)


def _misreading(problem: Problem, chosen: ClassifiedKind) -> tuple[MistakeCode, str, str]:
    """The code, the message (with the Hessian's numbers) and the hint (without them)."""
    matrix = hessian(problem.function, problem.variables).xreplace(problem.point_map)
    determinant = sympy.simplify(matrix.det())
    if problem.classification == "saddle":
        return (
            "ignored_determinant",
            f"The determinant of the Hessian there is {determinant}, negative: its eigenvalues"
            f" have opposite signs, so {problem.name} curves up along one direction and down"
            f" along another. Its diagonal alone does not make the point a {chosen}.",
            "Look at the sign of the Hessian's determinant, not only at its diagonal.",
        )
    if chosen == "saddle":
        return (
            "missed_extremum",
            f"The determinant of the Hessian there is {determinant}, positive: both eigenvalues"
            " have the same sign, so the point is an extremum, not a saddle. The sign of a"
            " diagonal entry says which.",
            "The Hessian's determinant there has the sign of an extremum, not of a saddle.",
        )
    code: MistakeCode = "minimum_not_maximum" if chosen == "minimum" else "maximum_not_minimum"
    curving = "down" if problem.classification == "maximum" else "up"
    return (
        code,
        f"The Hessian there has a positive determinant and ∂²{problem.name}/∂"
        f"{problem.names[0]}² = {matrix[0, 0]}: {problem.name} curves {curving} in every"
        f" direction, so the point is not a {chosen}.",
        f"Check which way {problem.name} curves there: the sign of a diagonal entry says.",
    )
