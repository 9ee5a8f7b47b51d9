"""Feedback that names the mistake: check the answer, then match it against the likely wrong ones.

`diagnose(problem, answer)` first decides correctness with the equivalence checker. A wrong answer
is then compared, with the same checker, against the mistakes the problem invites
(`mistake_catalogue`): first whole-answer mistakes, then, for a vector, each wrong component on
its own. The first match gives the message; with no match, the message says which components
are wrong and where an answer differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import MistakeCode, VerdictKind
from steepest.engine.answers.equations import TypedAnswer, read_typed_answer
from steepest.engine.answers.equivalence import (
    Comparison,
    Counterexample,
    Verdict,
    compare_expressions,
    difference_message,
    invalid_verdict,
    verdict_of,
)
from steepest.engine.answers.vectors import (
    components_message,
    ordinal,
    parse_at_offset,
    parse_vector,
)
from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.mistakes.catalogue import Mistake, component_mistakes, likely_mistakes
from steepest.engine.mistakes.feedback_types import FeedbackJson
from steepest.engine.problems.problem import Problem


@dataclass(frozen=True)
class Feedback:
    verdict: VerdictKind
    correct: bool
    message: str
    column: int | None = None
    mistake: MistakeCode | None = None
    """The code of the recognised mistake, such as "swapped_components"; None if unknown."""
    components: tuple[Verdict, ...] = ()
    component_mistakes: tuple[MistakeCode | None, ...] = ()
    counterexample: Counterexample | None = None

    def to_json(self) -> FeedbackJson:
        return {
            "verdict": self.verdict,
            "correct": self.correct,
            "message": self.message,
            "column": self.column,
            "mistake": self.mistake,
            "components": [c.to_json() for c in self.components],
            "component_mistakes": list(self.component_mistakes),
            "counterexample": None
            if self.counterexample is None
            else self.counterexample.to_json(),
        }


def diagnose(problem: Problem, answer: str, seed: int = 0) -> Feedback:
    """Check `answer` to `problem` and, when it is wrong, say what went wrong if we can tell."""
    if problem.is_vector:
        return _diagnose_vector(problem, answer, seed)
    return _diagnose_scalar(problem, answer, seed)


def _compare(problem: Problem, expected: sympy.Expr, given: sympy.Expr, seed: int) -> Comparison:
    return compare_expressions(expected, given, problem.names, problem.domain, seed)


def _matches(problem: Problem, mistake: Mistake, given: Sequence[sympy.Expr], seed: int) -> bool:
    return all(
        _compare(problem, wrong, answer, seed).equivalent
        for wrong, answer in zip(mistake.answer, given, strict=True)
    )


def _first_match(
    problem: Problem, mistakes: Sequence[Mistake], given: Sequence[sympy.Expr], seed: int
) -> Mistake | None:
    return next((m for m in mistakes if _matches(problem, m, given, seed)), None)


def _diagnose_scalar(problem: Problem, answer: str, seed: int) -> Feedback:
    try:
        typed = _answer_text(problem, answer)
        given = parse_at_offset(typed.text, typed.offset, problem.names)
    except EngineError as error:
        invalid = invalid_verdict(error)
        return Feedback("invalid", False, invalid.message, invalid.column)
    comparison = _compare(problem, problem.expected[0], given, seed)
    if comparison.equivalent:
        return Feedback("correct", True, verdict_of(comparison).message)
    mistake = _first_match(problem, likely_mistakes(problem), [given], seed)
    if mistake is not None:
        return Feedback("incorrect", False, mistake.message, mistake=mistake.code)
    if _looks_rounded(problem.expected[0], given):
        return Feedback("incorrect", False, _ROUNDED_MESSAGE, mistake="rounded")
    return Feedback(
        "incorrect", False, difference_message(comparison), counterexample=comparison.counterexample
    )


def _answer_text(problem: Problem, answer: str) -> TypedAnswer:
    """The right-hand side of `answer`, once its left side is known to name what was asked:
    `∂L/∂w1 = 2w1` answers ∂L/∂w1, `x = 1` an optimum; ∂L/∂w2 typed for ∂L/∂w1 is refused with
    a message of its own, and costs nothing."""
    typed = read_typed_answer(answer)
    left = typed.left
    if left is None:
        return typed
    asked = _asked(problem)
    fits = {
        "partial": problem.kind == "partial"
        and (left.variable is None or left.variable == _respect_name(problem)),
        "derivative": problem.kind == "partial"
        and len(problem.variables) == 1
        and left.variable in (None, _respect_name(problem)),
        "gradient": problem.is_vector,
        "name": problem.kind == "optimum" and left.variable in problem.names,
        "value": False,
    }[left.named]
    if not fits:
        raise MathSyntaxError(
            f"the left side {left.text!r} is not {asked}, which this question asks for:"
            " give that, or only the right-hand side",
            1,
        )
    return typed


def _respect_name(problem: Problem) -> str | None:
    return None if problem.respect is None else problem.respect.name


def _asked(problem: Problem) -> str:
    name = problem.name
    if problem.kind == "partial":
        return f"∂{name}/∂{_respect_name(problem)}"
    if problem.kind == "optimum":
        return "the place of the optimum" if not problem.names else f"{problem.names[0]}"
    return f"∇{name}"


def _diagnose_vector(problem: Problem, answer: str, seed: int) -> Feedback:
    try:
        typed = _answer_text(problem, answer)
        given = parse_vector(typed.text, problem.names, len(problem.expected), typed.offset)
    except EngineError as error:
        invalid = invalid_verdict(error)
        return Feedback("invalid", False, invalid.message, invalid.column)
    comparisons = [
        _compare(problem, e, g, seed) for e, g in zip(problem.expected, given, strict=True)
    ]
    verdicts = tuple(verdict_of(c) for c in comparisons)
    wrong = [i for i, c in enumerate(comparisons) if not c.equivalent]
    if not wrong:
        return Feedback("correct", True, "Correct: every component is right.", components=verdicts)
    mistake = _first_match(problem, likely_mistakes(problem), given, seed)
    if mistake is not None:
        codes = tuple(mistake.code if i in wrong else None for i in range(len(given)))
        return Feedback("incorrect", False, mistake.message, None, mistake.code, verdicts, codes)
    codes, notes = _component_notes(problem, given, wrong, seed)
    message = " ".join([components_message(wrong, len(given)), *notes])
    headline = next((c for c in codes if c is not None), None)
    return Feedback("incorrect", False, message, None, headline, verdicts, codes)


def _component_notes(
    problem: Problem, given: Sequence[sympy.Expr], wrong: Sequence[int], seed: int
) -> tuple[tuple[MistakeCode | None, ...], list[str]]:
    codes: list[MistakeCode | None] = [None] * len(given)
    notes = []
    for i in wrong:
        mistake = _first_match(problem, component_mistakes(problem, i), [given[i]], seed)
        if mistake is not None:
            codes[i] = mistake.code
            notes.append(f"{ordinal(i).capitalize()} component: {mistake.message}")
        elif _looks_rounded(problem.expected[i], given[i]):
            codes[i] = "rounded"
            notes.append(f"{ordinal(i).capitalize()} component: {_ROUNDED_MESSAGE}")
    return tuple(codes), notes


_ROUNDED_MESSAGE = (
    "Close, but that looks rounded. Give the exact value: a fraction such as 1/3, or an"
    " expression such as 2e or sqrt(2)."
)


def _looks_rounded(expected: sympy.Expr, given: sympy.Expr) -> bool:
    """A decimal with d digits after the point, within 10⁻ᵈ of the exact value (0.333 for 1/3)."""
    if not (expected.is_number and given.is_Rational and not given.is_Integer):
        return False
    digits = len(str(given.q)) - 1
    if given.q != 10**digits:
        return False
    try:
        distance = abs(float(expected - given))
    except TypeError:
        return False
    return distance < 10.0**-digits
