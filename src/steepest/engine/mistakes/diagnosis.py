"""Feedback that names the mistake: check the answer, then match it against the likely wrong ones.

`diagnose(problem, answer)` first decides correctness with the equivalence checker. A wrong answer
is then compared, with the same checker, against the mistakes the problem invites
(`mistake_catalogue`): first whole-answer mistakes, then, for a vector, each wrong component on
its own. The first match gives the message; with no match, the message says which components
are wrong and where an answer differs.

`diagnose_asked(asked, answer)` does the same for any question that says what it asks and which
mistakes it invites (`Asked`): a lesson's typed question about any statement (engine/questions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.answer_kinds import DomainKind, MistakeCode
from steepest.engine.answers.equations import LeftSide, TypedAnswer, read_typed_answer
from steepest.engine.answers.equivalence import (
    Comparison,
    Verdict,
    compare_expressions,
    compare_written,
    difference_message,
    invalid_verdict,
    verdict_of,
)
from steepest.engine.answers.matrices import entry_name, parse_matrix, read_matrix_text
from steepest.engine.answers.tolerance import Judgement, Tolerance, judge_number
from steepest.engine.answers.vectors import (
    components_message,
    ordinal,
    parse_at_offset,
    parse_vector,
    read_vector_text,
)
from steepest.engine.errors import EngineError, MathSyntaxError
from steepest.engine.mistakes.catalogue import component_mistakes, likely_mistakes
from steepest.engine.mistakes.classification import diagnose_classification
from steepest.engine.mistakes.feedback import Feedback
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.mistakes.problem_words import asked_words, left_side_fits
from steepest.engine.mistakes.ranking import ranked
from steepest.engine.mistakes.shapes import shape_mistake
from steepest.engine.notation.written import Written
from steepest.engine.problems.problem import Problem

_ROUNDED_HINT = "The figures you show are not the value's, rounded: round it again."


@dataclass(frozen=True)
class Asked:
    """What a diagnosis needs to know of a question, whatever asks it: the answer key, the names
    an answer may use, the mistakes it invites, and what an equation's left side must name.

    A problem (`asked_of`) is one source; a typed question about any statement is another
    (`engine/questions`)."""

    expected: tuple[sympy.Expr, ...]
    """One expression per component (one for a scalar answer)."""
    vector: bool
    variables: tuple[str, ...]
    parameters: tuple[str, ...]
    domains: tuple[DomainKind, ...]
    """Where each variable, then each parameter, is sampled."""
    mistakes: Callable[[], Sequence[Mistake]]
    """Whole-answer mistakes, most telling first; asked for only when an answer is wrong."""
    component_mistakes: Callable[[int], Sequence[Mistake]]
    """The mistakes inside component i, for a vector whose whole matches no mistake."""
    what: str
    """What is asked, for the message about a left side that names something else: ∂L/∂w1."""
    fits: Callable[[LeftSide], bool]
    """Whether an equation's left side names what is asked."""
    matrix: tuple[int, int] | None = None
    """For a matrix answer (`vector` too): its rows and columns; `expected` is row by row."""

    @property
    def names(self) -> list[str]:
        return [*self.variables, *self.parameters]


def diagnose(
    problem: Problem, answer: str, seed: int = 0, tolerance: Tolerance | None = None
) -> Feedback:
    """Check `answer` to `problem` and, when it is wrong, say what went wrong if we can tell.

    A decimal answer to a value with no finite decimal follows `tolerance` (answers/tolerance.py:
    at least 3 significant figures when None)."""
    if problem.kind == "critical_point":
        return diagnose_classification(problem, answer)
    return diagnose_asked(asked_of(problem), answer, seed, tolerance)


def diagnose_asked(
    asked: Asked, answer: str, seed: int = 0, tolerance: Tolerance | None = None
) -> Feedback:
    """`diagnose`, for any question that can say what it asks (see `Asked`)."""
    if asked.vector:
        return _diagnose_vector(asked, answer, seed, tolerance)
    return _diagnose_scalar(asked, answer, seed, tolerance)


def asked_of(problem: Problem) -> Asked:
    """What a problem asks, and the mistakes its kind invites (`mistakes.catalogue`)."""
    return Asked(
        expected=problem.expected,
        vector=problem.is_vector or problem.is_matrix,
        variables=tuple(problem.names),
        parameters=tuple(problem.parameter_names),
        domains=problem.answer_domains,
        mistakes=lambda: likely_mistakes(problem),
        component_mistakes=lambda index: component_mistakes(problem, index),
        what=asked_words(problem),
        fits=lambda left: left_side_fits(problem, left),
        matrix=(len(problem.variables), len(problem.variables)) if problem.is_matrix else None,
    )


def _compare(asked: Asked, expected: sympy.Expr, given: sympy.Expr, seed: int) -> Comparison:
    return compare_expressions(expected, given, asked.names, asked.domains, seed)


def _judge(asked: Asked, expected: sympy.Expr, given: Written, seed: int) -> Comparison:
    """Whether the answer is right, on its domain as written: exp(ln x) is not x."""
    return compare_written(Written(expected, ()), given, asked.names, asked.domains, seed)


def _matches(asked: Asked, mistake: Mistake, given: Sequence[sympy.Expr], seed: int) -> bool:
    return all(
        _compare(asked, wrong, answer, seed).equivalent
        for wrong, answer in zip(mistake.answer, given, strict=True)
    )


def _first_match(
    asked: Asked, mistakes: Sequence[Mistake], given: Sequence[sympy.Expr], seed: int
) -> Mistake | None:
    """The likeliest mistake that explains the answer (`ranking`)."""
    return next((m for m in ranked(mistakes) if _matches(asked, m, given, seed)), None)


def _diagnose_scalar(asked: Asked, answer: str, seed: int, tolerance: Tolerance | None) -> Feedback:
    try:
        typed = _answer_text(asked, answer)
        written = parse_at_offset(typed.text, typed.offset, asked.variables, asked.parameters)
    except EngineError as error:
        invalid = invalid_verdict(error)
        return Feedback("invalid", False, invalid.message, invalid.column)
    given = written.expr
    decimal = judge_number(asked.expected[0], given, typed.text, tolerance)
    if decimal is not None and decimal.outcome == "right":
        return Feedback("correct", True, decimal.message)
    if decimal is not None and decimal.outcome == "too_few_figures":
        return Feedback("invalid", False, decimal.message)
    comparison = _judge(asked, asked.expected[0], written, seed)
    if comparison.equivalent:
        return Feedback("correct", True, verdict_of(comparison).message)
    mistake = _first_match(asked, asked.mistakes(), [given], seed)
    if mistake is None:
        mistake = _first_rounded_match(asked.mistakes(), [given], [typed.text], tolerance)
    if mistake is None:
        mistake = shape_mistake(asked.expected[0], given, asked.what)
    if mistake is not None:
        return Feedback(
            "incorrect", False, mistake.message, mistake=mistake.code, hint=mistake.hint
        )
    if decimal is not None and decimal.outcome == "misrounded":
        return Feedback("incorrect", False, decimal.message, mistake="rounded", hint=_ROUNDED_HINT)
    if decimal is not None:
        # Says how far off a number is, by the question's own rule: more than a relative
        # tolerance away, or not the value rounded to the figures it shows.
        return Feedback("incorrect", False, decimal.message)
    return Feedback(
        "incorrect", False, difference_message(comparison), counterexample=comparison.counterexample
    )


def _first_rounded_match(
    mistakes: Sequence[Mistake],
    given: Sequence[sympy.Expr],
    typed: Sequence[str],
    tolerance: Tolerance | None,
) -> Mistake | None:
    """The first mistake each of whose numbers is the one typed, exactly or as a decimal rounded
    to the figures it shows: 0.333 names the same slip as 1/3."""
    for mistake in ranked(mistakes):
        if all(
            _same_number(wrong, answer, text, tolerance)
            for wrong, answer, text in zip(mistake.answer, given, typed, strict=True)
        ):
            return mistake
    return None


def _same_number(
    expected: sympy.Expr, given: sympy.Expr, typed: str, tolerance: Tolerance | None
) -> bool:
    judged = judge_number(expected, given, typed, tolerance)
    if judged is not None:
        return judged.outcome == "right"
    return bool(expected.is_number and given.is_number and sympy.simplify(expected - given) == 0)


def _answer_text(asked: Asked, answer: str) -> TypedAnswer:
    """The right-hand side of `answer`, once its left side is known to name what was asked:
    `∂L/∂w1 = 2w1` answers ∂L/∂w1, `x = 1` an optimum; ∂L/∂w2 typed for ∂L/∂w1 is refused with
    a message of its own, and costs nothing."""
    typed = read_typed_answer(answer)
    left = typed.left
    if left is not None and not asked.fits(left):
        raise MathSyntaxError(
            f"the left side {left.text!r} is not {asked.what}, which this question asks for:"
            " give that, or only the right-hand side",
            1,
        )
    return typed


def _diagnose_vector(asked: Asked, answer: str, seed: int, tolerance: Tolerance | None) -> Feedback:
    try:
        typed = _answer_text(asked, answer)
        written = _parse_components(asked, typed)
    except EngineError as error:
        invalid = invalid_verdict(error)
        return Feedback("invalid", False, invalid.message, invalid.column)
    given = [component.expr for component in written]
    decimals = _decimal_judgements(asked, typed.text, given, tolerance)
    comparisons = [
        Comparison(True, "exact")
        if decimal is not None and decimal.outcome == "right"
        else _judge(asked, e, w, seed)
        for e, w, decimal in zip(asked.expected, written, decimals, strict=True)
    ]
    verdicts = tuple(verdict_of(c) for c in comparisons)
    short = {
        i: d for i, d in enumerate(decimals) if d is not None and d.outcome == "too_few_figures"
    }
    wrong = [i for i, c in enumerate(comparisons) if not c.equivalent and i not in short]
    if short and not wrong:
        notes = [f"{_part_name(asked, i).capitalize()}: {d.message}" for i, d in short.items()]
        return Feedback("invalid", False, " ".join(notes), components=verdicts)
    if not wrong:
        every = "entry" if asked.matrix else "component"
        return Feedback("correct", True, f"Correct: every {every} is right.", components=verdicts)
    mistake = _first_match(asked, asked.mistakes(), given, seed)
    pieces = _component_texts(asked, typed.text)
    if mistake is None and pieces is not None:
        mistake = _first_rounded_match(asked.mistakes(), given, pieces, tolerance)
    if mistake is not None:
        codes = tuple(mistake.code if i in wrong else None for i in range(len(given)))
        return Feedback(
            "incorrect",
            False,
            mistake.message,
            None,
            mistake.code,
            verdicts,
            codes,
            hint=mistake.hint,
        )
    return _parts_feedback(asked, given, wrong, decimals, verdicts, seed)


def _parts_feedback(
    asked: Asked,
    given: Sequence[sympy.Expr],
    wrong: Sequence[int],
    decimals: Sequence[Judgement | None],
    verdicts: tuple[Verdict, ...],
    seed: int,
) -> Feedback:
    """A vector or matrix no whole mistake explains: what is wrong in each wrong part, the hint
    of the first part with a named mistake, or, with one part wrong in no way the catalogue
    knows, where to look."""
    found = _component_notes(asked, given, wrong, decimals, seed)
    said = [_wrong_parts_message(asked, wrong), *(n.message for n in found.values())]
    message = " ".join(part for part in said if part)
    codes = tuple(found[i].code if i in found else None for i in range(len(given)))
    if found:
        first = min(found)
        hint = f"{_part_name(asked, first).capitalize()}: {_lowered(found[first].hint)}"
        return Feedback(
            "incorrect", False, message, None, found[first].code, verdicts, codes, hint=hint
        )
    if len(wrong) == 1 and len(given) > 1:
        part = _part_name(asked, wrong[0])
        hint = f"Only the {part} is wrong: work that one out again; the rest is right."
        codes = tuple("one_component_wrong" if i in wrong else None for i in range(len(given)))
        return Feedback(
            "incorrect", False, message, None, "one_component_wrong", verdicts, codes, hint=hint
        )
    return Feedback("incorrect", False, message, None, None, verdicts, codes)


def _decimal_judgements(
    asked: Asked, text: str, given: Sequence[sympy.Expr], tolerance: Tolerance | None
) -> list[Judgement | None]:
    """Each component typed as a decimal, judged to the figures it shows (answers/tolerance.py);
    None where it is not one, or where a factor before the brackets multiplies it."""
    pieces = _component_texts(asked, text)
    if pieces is None:
        return [None] * len(given)
    return [
        judge_number(expected, answer, piece, tolerance)
        for expected, answer, piece in zip(asked.expected, given, pieces, strict=True)
    ]


def _component_texts(asked: Asked, text: str) -> list[str] | None:
    """Each component's text as typed; None when a factor before the brackets multiplies them."""
    if asked.matrix is not None:
        return [piece for piece, _ in read_matrix_text(text, *asked.matrix)]
    vector = read_vector_text(text)
    if vector.factor is not None:
        return None
    return [piece for piece, _ in vector.components]


def _parse_components(asked: Asked, typed: TypedAnswer) -> list[Written]:
    if asked.matrix is not None:
        rows, columns = asked.matrix
        return parse_matrix(
            typed.text, asked.variables, rows, columns, typed.offset, asked.parameters
        )
    size = len(asked.expected)
    return parse_vector(typed.text, asked.variables, size, typed.offset, asked.parameters)


def _part_name(asked: Asked, index: int) -> str:
    """'first component' of a vector, 'entry (1, 2)' of a matrix."""
    if asked.matrix is not None:
        return entry_name(index, asked.matrix[1])
    return f"{ordinal(index)} component"


def _wrong_parts_message(asked: Asked, wrong: Sequence[int]) -> str:
    """Which parts are wrong; the page's verdict already says "Not quite"."""
    every = "components" if asked.matrix is None else "entries"
    if len(wrong) == len(asked.expected):
        return f"None of the {every} is right." if len(wrong) > 1 else ""
    if asked.matrix is None:
        return components_message(wrong, len(asked.expected))
    names = " and ".join(entry_name(i, asked.matrix[1]) for i in wrong)
    return f"{names.capitalize()} {'is' if len(wrong) == 1 else 'are'} not right; the others are."


def _lowered(sentence: str) -> str:
    """A sentence to follow a colon: "The sign…" and "A factor…" start lower case; a name or a
    symbol ("∂L/∂w1…", "RMSProp…") stays."""
    first = sentence.split(" ", 1)[0]
    ordinary = first[:1].isupper() and (first[1:] == "" or first[1:].islower())
    return sentence[0].lower() + sentence[1:] if ordinary else sentence


@dataclass(frozen=True)
class _Note:
    """What is wrong in one part of a vector or matrix."""

    code: MistakeCode
    message: str
    hint: str


def _component_notes(
    asked: Asked,
    given: Sequence[sympy.Expr],
    wrong: Sequence[int],
    decimals: Sequence[Judgement | None],
    seed: int,
) -> dict[int, _Note]:
    """The named mistake in each wrong part that has one, by the part's index."""
    notes = {}
    for i in wrong:
        part = _part_name(asked, i).capitalize()
        mistake = _first_match(asked, asked.component_mistakes(i), [given[i]], seed)
        if mistake is None:
            mistake = shape_mistake(asked.expected[i], given[i], f"the {_part_name(asked, i)}")
        if mistake is not None:
            notes[i] = _Note(mistake.code, f"{part}: {_lowered(mistake.message)}", mistake.hint)
        elif (decimal := decimals[i]) is not None and decimal.outcome == "misrounded":
            notes[i] = _Note("rounded", f"{part}: {decimal.message}", _ROUNDED_HINT)
    return notes
